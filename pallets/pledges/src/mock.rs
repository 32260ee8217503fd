//! A mock runtime for the pallet's tests: System, Balances and Pledges, with Root as
//! governance and a recorder standing in for the pallets told about new periods.

use crate as pallet_pledges;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use pacta_primitives::{
	EnforcementMode, OnPeriodOpened, PartyCode, PeriodId, PeriodInfo, PeriodTerms, SettledPledges,
};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Pledges: pallet_pledges,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	/// Periods the other pallets were told about.
	pub static OPENED: RefCell<Vec<PeriodId>> = const { RefCell::new(Vec::new()) };
	/// Periods the other pallets were told were cancelled.
	pub static CANCELLED: RefCell<Vec<PeriodId>> = const { RefCell::new(Vec::new()) };
	/// Whether the other pallets can schedule one more period.
	pub static CAN_SCHEDULE: RefCell<bool> = const { RefCell::new(true) };
	/// The pledges settlement has recorded as settled.
	pub static SETTLED: RefCell<BTreeSet<(PartyCode, PeriodId)>> = const { RefCell::new(BTreeSet::new()) };
}

/// Stands in for settlement's outcome records.
pub struct SettledRecords;
impl SettledPledges for SettledRecords {
	fn is_settled(code: &PartyCode, period: PeriodId) -> bool {
		SETTLED.with(|s| s.borrow().contains(&(*code, period)))
	}
}

/// Record `code`'s pledge in `period` as settled, as settlement does after `settle`.
pub fn record_settled(code: PartyCode, period: PeriodId) {
	SETTLED.with(|s| s.borrow_mut().insert((code, period)));
}

/// Records the periods it is told about.
pub struct Recorder;
impl OnPeriodOpened<Balance, u64> for Recorder {
	fn on_period_opened(period: PeriodId, _: &PeriodInfo<Balance, u64>) {
		OPENED.with(|o| o.borrow_mut().push(period));
	}
	fn can_schedule() -> bool {
		CAN_SCHEDULE.with(|c| *c.borrow())
	}
	fn on_period_cancelled(period: PeriodId) {
		CANCELLED.with(|c| c.borrow_mut().push(period));
	}
}

parameter_types! {
	pub const MinPledgeBond: Balance = 100;
}

impl pallet_pledges::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type OnPeriodOpened = Recorder;
	type Settled = SettledRecords;
	type MinPledgeBond = MinPledgeBond;
	type MaxNameLen = ConstU32<32>;
	type MaxPledgesPerParty = ConstU32<4>;
	type WeightInfo = ();
}

/// Germany's ministry.
pub const DEU_MINISTRY: AccountId = 1;
/// Brazil's ministry.
pub const BRA_MINISTRY: AccountId = 2;
/// An account that controls nothing.
pub const STRANGER: AccountId = 9;
/// The climate fund (a destination for forfeits).
pub const FUND: AccountId = 100;
/// What every test account starts with.
pub const ENDOWMENT: Balance = 10_000;

/// Binding terms used by the tests.
pub fn binding() -> PeriodTerms<Balance> {
	PeriodTerms {
		mode: EnforcementMode::Binding,
		penalty_per_tonne: 2,
		unverified_forfeit: Perbill::from_percent(50),
	}
}

/// Externalities with DEU (controller 1) registered at genesis and accounts endowed.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with_parties(vec![(code("DEU"), "Germany".into(), DEU_MINISTRY)])
}

/// Externalities with `parties` registered at genesis and accounts endowed.
pub fn ext_with_parties(parties: Vec<(PartyCode, String, AccountId)>) -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(DEU_MINISTRY, ENDOWMENT),
			(BRA_MINISTRY, ENDOWMENT),
			(3, ENDOWMENT),
			(STRANGER, ENDOWMENT),
			(FUND, 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_pledges::GenesisConfig::<Test> { parties, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	OPENED.with(|o| o.borrow_mut().clear());
	CAN_SCHEDULE.with(|c| *c.borrow_mut() = true);
	CANCELLED.with(|c| c.borrow_mut().clear());
	SETTLED.with(|s| s.borrow_mut().clear());
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Pledges::do_try_state().expect("try_state after the test");
	});
}

/// A valid code.
pub fn code(s: &str) -> pacta_primitives::PartyCode {
	pacta_primitives::PartyCode::try_from(s).unwrap()
}

/// A raw code as calls take it.
pub fn raw(s: &str) -> pacta_primitives::RawPartyCode {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// A bounded name.
pub fn name(s: &str) -> frame_support::BoundedVec<u8, ConstU32<32>> {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// The calendar [`open`] opens a period with: deadlines 10 / 20 / 25 / 30, a challenge window
/// of 5 blocks and a resolution window of 7, binding terms.
pub fn calendar() -> PeriodInfo<Balance, u64> {
	PeriodInfo {
		pledge_deadline: 10,
		attestation_deadline: 20,
		reveal_deadline: 25,
		challenge_deadline: 30,
		challenge_window: 5,
		resolution_window: 7,
		terms: binding(),
	}
}

/// `Pledges::open_period` with the fields of `info`, by governance.
pub fn open_with(period: PeriodId, info: PeriodInfo<Balance, u64>) -> sp_runtime::DispatchResult {
	Pledges::open_period(
		RuntimeOrigin::root(),
		period,
		info.pledge_deadline,
		info.attestation_deadline,
		info.reveal_deadline,
		info.challenge_deadline,
		info.challenge_window,
		info.resolution_window,
		info.terms,
	)
}

/// Opens `period` with [`calendar`].
pub fn open(period: PeriodId) {
	frame_support::assert_ok!(open_with(period, calendar()));
}

/// The last event of this pallet.
pub fn last_event() -> pallet_pledges::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Pledges(e) = r.event { Some(e) } else { None })
		.expect("an event")
}
