//! Mock runtime: `frame_system`, `pallet_balances` and this pallet, with an in-mock calendar and
//! pledge registry (thread-local, so each test thread has its own) standing in for
//! `pallet-pledges`.

use crate as pallet_attestations;
use crate::{weights::WeightInfo, Event as AttestationsEvent};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Hooks},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pacta_primitives::{
	EnforcementMode, OnPeriodOpened, PartyCode, PeriodCalendar, PeriodId, PeriodInfo, PeriodTerms,
	PledgeInfo, PledgeInspect, RawPartyCode,
};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Attestations: pallet_attestations,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// The climate fund account.
pub const FUND: u64 = 999;
/// The oracle bond.
pub const BOND: u64 = 1_000;
/// Starting balance of every test account.
pub const INITIAL: u64 = 10_000;
/// Most attestations per party and period.
pub const MAX_ORACLES: u32 = 8;
/// The most items per batch in the mock (small, so the bound is easy to reach in tests).
pub const MAX_BATCH: u32 = 4;
/// Pledges verified per block with [`VerificationBudget`].
pub const PLEDGES_PER_BLOCK: u32 = 50;
/// The oracles approved at genesis.
pub const GENESIS_ORACLES: [u64; 5] = [1, 2, 3, 4, 5];
/// Controllers of the parties used in tests.
pub const DEU_CONTROLLER: u64 = 100;
/// Controller of BRA.
pub const BRA_CONTROLLER: u64 = 101;
/// The period used in tests and its deadlines.
pub const PERIOD: PeriodId = 2030;
/// Last block for pledges.
pub const PLEDGE_DEADLINE: u64 = 10;
/// Last block for attestations.
pub const ATTESTATION_DEADLINE: u64 = 20;
/// Last block of the reveal window (recorded only).
pub const REVEAL_DEADLINE: u64 = 25;
/// Last block for challenges.
pub const CHALLENGE_DEADLINE: u64 = 30;
/// The least challenge window and the resolution window of every mock period (recorded only).
pub const WINDOW: u64 = 5;

parameter_types! {
	pub const ClimateFundAccount: u64 = FUND;
	pub const OracleBond: u64 = BOND;
	pub const OracleSlash: Perbill = Perbill::from_percent(10);
	pub const WithholdSlash: Perbill = Perbill::from_percent(20);
	pub const MinOracleBond: u64 = BOND / 2;
	pub VerificationBudget: Weight =
		<() as WeightInfo>::verify_pledge(MAX_ORACLES).saturating_mul(PLEDGES_PER_BLOCK as u64);
}

impl pallet_attestations::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Calendar = MockCalendar;
	type Pledges = MockPledges;
	type ClimateFund = ClimateFundAccount;
	type GovernanceOrigin = EnsureRoot<u64>;
	type OracleBond = OracleBond;
	type OracleSlash = OracleSlash;
	type WithholdSlash = WithholdSlash;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type MinOracleBond = MinOracleBond;
	type MaxOraclesPerPledge = ConstU32<MAX_ORACLES>;
	type MaxNameLen = ConstU32<32>;
	type MaxScheduledPeriods = ConstU32<3>;
	type MaxVerificationWeight = VerificationBudget;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

thread_local! {
	static PERIODS: RefCell<BTreeMap<PeriodId, PeriodInfo<u64, u64>>> = const { RefCell::new(BTreeMap::new()) };
	static PARTIES: RefCell<BTreeMap<PartyCode, u64>> = const { RefCell::new(BTreeMap::new()) };
	static PLEDGES: RefCell<BTreeMap<(PeriodId, PartyCode), PledgeInfo<u64, u64>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The in-mock reporting calendar.
pub struct MockCalendar;

impl PeriodCalendar<u64, u64> for MockCalendar {
	fn period(period: PeriodId) -> Option<PeriodInfo<u64, u64>> {
		PERIODS.with(|p| p.borrow().get(&period).cloned())
	}
}

/// The in-mock party and pledge registry.
pub struct MockPledges;

impl PledgeInspect<u64, u64> for MockPledges {
	fn controller(code: &PartyCode) -> Option<u64> {
		PARTIES.with(|p| p.borrow().get(code).copied())
	}

	fn party_of(who: &u64) -> Option<PartyCode> {
		PARTIES.with(|p| p.borrow().iter().find(|(_, c)| *c == who).map(|(code, _)| *code))
	}

	fn pledge(code: &PartyCode, period: PeriodId) -> Option<PledgeInfo<u64, u64>> {
		PLEDGES.with(|p| p.borrow().get(&(period, *code)).cloned())
	}

	fn pledges_page(period: PeriodId, after: Option<PartyCode>, limit: u32) -> Vec<PartyCode> {
		PLEDGES.with(|p| {
			p.borrow()
				.keys()
				.filter(|(p, c)| *p == period && after.is_none_or(|a| *c > a))
				.map(|(_, c)| *c)
				.take(limit as usize)
				.collect()
		})
	}
}

/// Puts periods and pledges into the in-mock registries for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, u64, u64> for MockBenchmarkHelper {
	fn open_period(period: PeriodId, info: PeriodInfo<u64, u64>) {
		PERIODS.with(|p| p.borrow_mut().insert(period, info));
	}

	fn add_pledge(code: PartyCode, period: PeriodId, controller: u64) {
		add_party(code, controller);
		add_pledge(code, period);
	}
}

/// Facilitative terms (this pallet does not look at them).
pub fn terms() -> PeriodTerms<u64> {
	PeriodTerms {
		mode: EnforcementMode::Facilitative,
		penalty_per_tonne: 0,
		unverified_forfeit: Perbill::zero(),
	}
}

/// Open `period` in the calendar and tell the pallet, as pallet-pledges does. The reveal
/// deadline lies halfway between the attestation and challenge deadlines (which must be at
/// least two blocks apart); both windows are [`WINDOW`].
pub fn open_period(period: PeriodId, pledge: u64, attestation: u64, challenge: u64) {
	let info = PeriodInfo {
		pledge_deadline: pledge,
		attestation_deadline: attestation,
		reveal_deadline: attestation + (challenge - attestation) / 2,
		challenge_deadline: challenge,
		challenge_window: WINDOW,
		resolution_window: WINDOW,
		terms: terms(),
	};
	assert!(info.is_well_ordered(), "mock calendar: {info:?} is not in time order");
	PERIODS.with(|p| p.borrow_mut().insert(period, info.clone()));
	Attestations::on_period_opened(period, &info);
}

/// Register a party.
pub fn add_party(code: PartyCode, controller: u64) {
	PARTIES.with(|p| p.borrow_mut().insert(code, controller));
}

/// Give a (registered) party a pledge in `period`.
pub fn add_pledge(code: PartyCode, period: PeriodId) {
	let owner = MockPledges::controller(&code).unwrap_or_default();
	PLEDGES.with(|p| {
		p.borrow_mut().insert((period, code), PledgeInfo { cap: 1_000, bond: 500, owner })
	});
}

/// A party code from text.
pub fn code(text: &str) -> PartyCode {
	PartyCode::try_from(text).unwrap()
}

/// A raw party code (as calls take it) from text.
pub fn raw(text: &str) -> RawPartyCode {
	RawPartyCode::truncate_from(text.as_bytes().to_vec())
}

/// `DEU`.
pub fn deu() -> PartyCode {
	code("DEU")
}

/// `BRA`.
pub fn bra() -> PartyCode {
	code("BRA")
}

/// Period [`PERIOD`] with the standard deadlines, parties `DEU` and `BRA` with pledges in it.
/// Leaves the chain at the first block of the attestation window.
pub fn standard_setup() {
	open_period(PERIOD, PLEDGE_DEADLINE, ATTESTATION_DEADLINE, CHALLENGE_DEADLINE);
	add_party(deu(), DEU_CONTROLLER);
	add_party(bra(), BRA_CONTROLLER);
	add_pledge(deu(), PERIOD);
	add_pledge(bra(), PERIOD);
	System::set_block_number(PLEDGE_DEADLINE + 1);
}

/// Run `on_initialize` for every block up to `n`, returning the weight each block used.
pub fn run_to_block(n: u64) -> Vec<Weight> {
	let mut weights = Vec::new();
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		weights.push(Attestations::on_initialize(next));
	}
	weights
}

/// This pallet's events so far.
pub fn events() -> Vec<AttestationsEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Attestations(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Balance held from `who` with `reason`.
pub fn held(reason: crate::HoldReason, who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Attestations(reason), &who)
}

/// Free balance of `who`.
pub fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

/// Fresh externalities: funded accounts `1..=30`, the controllers and the fund; the genesis
/// oracles approved; empty calendar and pledge registry; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PERIODS.with(|p| p.borrow_mut().clear());
	PARTIES.with(|p| p.borrow_mut().clear());
	PLEDGES.with(|p| p.borrow_mut().clear());

	let mut balances: Vec<(u64, u64)> = (1..=30).map(|a| (a, INITIAL)).collect();
	balances.extend([(DEU_CONTROLLER, INITIAL), (BRA_CONTROLLER, INITIAL), (FUND, 1)]);
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
		attestations: pallet_attestations::GenesisConfig {
			oracles: GENESIS_ORACLES.iter().map(|o| (*o, "genesis oracle".into())).collect(),
			quorum: 3,
			tolerance: Perbill::from_percent(10),
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run `f` in fresh externalities, then check the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Attestations::do_try_state().expect("try_state must hold at the end of every test");
	});
}
