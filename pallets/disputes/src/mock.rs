//! A mock runtime for the pallet's tests and benchmarks: System, Balances, Disputes, and
//! `pacta_mock`, a small pallet standing in for `pallet-pledges` (calendar, controllers),
//! `pallet-attestations` (published values, who attested) and the `ReviewPanel` membership
//! instance (a sorted list of members in storage).

use crate as pallet_disputes;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
	weights::constants::RocksDbWeight,
};
use pacta_primitives::{
	EnforcementMode, PartyCode, PeriodId, PeriodInfo, PeriodTerms, RawPartyCode, Tonnes,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, Perbill};

/// The stand-in for the calendar, the parties, the published values and the panel.
#[frame_support::pallet(dev_mode)]
pub mod pacta_mock {
	use frame_support::{pallet_prelude::*, traits::SortedMembers};
	use frame_system::pallet_prelude::*;
	use pacta_primitives::{
		Estimate, PartyCode, PeriodCalendar, PeriodId, PeriodInfo, PledgeInfo, PledgeInspect,
		Publication, PublishedValues, Tonnes,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// The calendar.
	#[pallet::storage]
	pub type Periods<T: Config> =
		StorageMap<_, Twox64Concat, PeriodId, PeriodInfo<u128, BlockNumberFor<T>>>;

	/// Controllers of the registered parties.
	#[pallet::storage]
	pub type Controllers<T: Config> = StorageMap<_, Blake2_128Concat, PartyCode, T::AccountId>;

	/// Published values by period then party.
	#[pallet::storage]
	pub type Publications<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PeriodId,
		Blake2_128Concat,
		PartyCode,
		Publication<BlockNumberFor<T>>,
	>;

	/// Who attested which pledge.
	#[pallet::storage]
	pub type Attested<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(PeriodId, PartyCode),
		Blake2_128Concat,
		T::AccountId,
		(),
	>;

	/// The review panel, sorted.
	#[pallet::storage]
	pub type Panel<T: Config> = StorageValue<_, Vec<T::AccountId>, ValueQuery>;

	impl<T: Config> Pallet<T> {
		/// Open a period.
		pub fn open(period: PeriodId, info: PeriodInfo<u128, BlockNumberFor<T>>) {
			Periods::<T>::insert(period, info);
		}
		/// Register a party.
		pub fn register(code: PartyCode, controller: T::AccountId) {
			Controllers::<T>::insert(code, controller);
		}
		/// Publish `value` (None: unverified) for `code` at `at`.
		pub fn publish(
			code: PartyCode,
			period: PeriodId,
			value: Option<Tonnes>,
			at: BlockNumberFor<T>,
		) {
			let value = value.map(Estimate::exact);
			Publications::<T>::insert(
				period,
				code,
				Publication { value, withheld: false, published_at: at },
			);
		}
		/// Publish exactly `publication` for `code` in `period`.
		pub fn publish_as(
			code: PartyCode,
			period: PeriodId,
			publication: Publication<BlockNumberFor<T>>,
		) {
			Publications::<T>::insert(period, code, publication);
		}
		/// Record that `who` attested `code` in `period`.
		pub fn attest(code: PartyCode, period: PeriodId, who: T::AccountId) {
			Attested::<T>::insert((period, code), who, ());
		}
		/// Add a panel member.
		pub fn add_member(who: T::AccountId) {
			Panel::<T>::mutate(|members| {
				if let Err(at) = members.binary_search(&who) {
					members.insert(at, who);
				}
			});
		}
	}

	impl<T: Config> PeriodCalendar<u128, BlockNumberFor<T>> for Pallet<T> {
		fn period(period: PeriodId) -> Option<PeriodInfo<u128, BlockNumberFor<T>>> {
			Periods::<T>::get(period)
		}
	}

	impl<T: Config> PledgeInspect<T::AccountId, u128> for Pallet<T> {
		fn controller(code: &PartyCode) -> Option<T::AccountId> {
			Controllers::<T>::get(code)
		}
		fn party_of(who: &T::AccountId) -> Option<PartyCode> {
			Controllers::<T>::iter().find(|(_, c)| c == who).map(|(code, _)| code)
		}
		fn pledge(_: &PartyCode, _: PeriodId) -> Option<PledgeInfo<T::AccountId, u128>> {
			None
		}
		fn pledges_page(_: PeriodId, _: Option<PartyCode>, _: u32) -> Vec<PartyCode> {
			Vec::new()
		}
	}

	impl<T: Config> PublishedValues<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		fn publication(
			code: &PartyCode,
			period: PeriodId,
		) -> Option<Publication<BlockNumberFor<T>>> {
			Publications::<T>::get(period, code)
		}
		fn attested(code: &PartyCode, period: PeriodId, who: &T::AccountId) -> bool {
			Attested::<T>::contains_key((period, *code), who)
		}
	}

	impl<T: Config> SortedMembers<T::AccountId> for Pallet<T> {
		fn sorted_members() -> Vec<T::AccountId> {
			Panel::<T>::get()
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn add(who: &T::AccountId) {
			Self::add_member(who.clone());
		}
	}
}

type Block = frame_system::mocking::MockBlock<Test>;
/// Accounts are numbers.
pub type AccountId = u64;
/// Balances are `u128`.
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Pacta: pacta_mock,
		Disputes: pallet_disputes,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pacta_mock::Config for Test {}

/// The climate fund's account.
pub const FUND: AccountId = 1_000;
/// The smallest challenge bond.
pub const MIN_BOND: Balance = 10;
/// The most claims per dispute in the mock.
pub const MAX_CLAIMS: u32 = 3;
/// The most backers per claim in the mock.
pub const MAX_BACKERS: u32 = 3;
/// The most panel members in the mock.
pub const MAX_PANEL: u32 = 8;

parameter_types! {
	pub const ClimateFund: AccountId = FUND;
	pub const MinChallengeBond: Balance = MIN_BOND;
	pub const WinnerShare: Perbill = Perbill::from_percent(50);
}

impl pallet_disputes::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Calendar = Pacta;
	type Pledges = Pacta;
	type Published = Pacta;
	type Panel = Pacta;
	type ClimateFund = ClimateFund;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type MinChallengeBond = MinChallengeBond;
	type WinnerShare = WinnerShare;
	type MaxClaims = ConstU32<MAX_CLAIMS>;
	type MaxBackers = ConstU32<MAX_BACKERS>;
	type MaxPanel = ConstU32<MAX_PANEL>;
	type MaxAffiliations = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Sets up the mock's calendar, publications and panel for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_disputes::BenchmarkHelper<AccountId, Balance, u64> for MockHelper {
	fn publish(
		code: PartyCode,
		period: PeriodId,
		info: PeriodInfo<Balance, u64>,
		value: Tonnes,
		published_at: u64,
	) {
		Pacta::open(period, info);
		Pacta::publish(code, period, Some(value), published_at);
	}
	fn add_panel_member(who: &AccountId) {
		Pacta::add_member(*who);
	}
}

/// Germany's ministry (controller of `DEU`).
pub const DEU_MINISTRY: AccountId = 1;
/// An NGO that challenges.
pub const NGO: AccountId = 20;
/// A second challenger.
pub const NGO2: AccountId = 21;
/// A third challenger.
pub const NGO3: AccountId = 22;
/// A fourth challenger.
pub const NGO4: AccountId = 23;
/// An oracle that attested DEU's value.
pub const ORACLE: AccountId = 50;
/// Panel members.
pub const A: AccountId = 100;
/// Panel member B.
pub const B: AccountId = 101;
/// Panel member C.
pub const C: AccountId = 102;
/// Panel member D.
pub const D: AccountId = 103;
/// Panel member E.
pub const E: AccountId = 104;
/// What every test account starts with.
pub const ENDOWMENT: Balance = 1_000_000;

/// The period the tests use.
pub const PERIOD: PeriodId = 2030;
/// The period's challenge deadline.
pub const CHALLENGE_DEADLINE: u64 = 30;
/// The least blocks a published value stays open to challenge.
pub const CHALLENGE_WINDOW: u64 = 5;
/// The blocks the panel has to decide.
pub const RESOLUTION_WINDOW: u64 = 10;
/// When DEU's value is published.
pub const PUBLISHED_AT: u64 = 20;
/// DEU's published value.
pub const PUBLISHED: Tonnes = 1_000;
/// DEU's challenge close (`max(30, 20 + 5)`).
pub const CLOSE: u64 = 30;
/// A dispute's resolution deadline (`CLOSE + 10`).
pub const DEADLINE: u64 = 40;
/// An evidence hash.
pub const EVIDENCE: H256 = H256::repeat_byte(7);

/// The calendar entry of [`PERIOD`].
pub fn info() -> PeriodInfo<Balance, u64> {
	PeriodInfo {
		pledge_deadline: 10,
		attestation_deadline: 15,
		reveal_deadline: 18,
		challenge_deadline: CHALLENGE_DEADLINE,
		challenge_window: CHALLENGE_WINDOW,
		resolution_window: RESOLUTION_WINDOW,
		terms: PeriodTerms {
			mode: EnforcementMode::Binding,
			penalty_per_tonne: 2,
			unverified_forfeit: Perbill::from_percent(50),
		},
	}
}

/// Externalities: accounts endowed, the fund alive, [`PERIOD`] open, `DEU` registered, `min_eligible` 3, block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<(AccountId, Balance)> =
		[DEU_MINISTRY, NGO, NGO2, NGO3, NGO4, ORACLE, A, B, C, D, E]
			.iter()
			.map(|who| (*who, ENDOWMENT))
			.collect();
	balances.push((FUND, 1));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_disputes::GenesisConfig::<Test>::default().assimilate_storage(&mut t).unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Pacta::open(PERIOD, info());
		Pacta::register(code("DEU"), DEU_MINISTRY);
	});
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Disputes::do_try_state().expect("try_state after the test");
	});
}

/// A valid code.
pub fn code(s: &str) -> PartyCode {
	PartyCode::try_from(s).unwrap()
}

/// A raw code as calls take it.
pub fn raw(s: &str) -> RawPartyCode {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// Publishes [`PUBLISHED`] for `DEU` at [`PUBLISHED_AT`] and moves there.
pub fn publish() {
	Pacta::publish(code("DEU"), PERIOD, Some(PUBLISHED), PUBLISHED_AT);
	System::set_block_number(PUBLISHED_AT);
}

/// Makes `members` the review panel.
pub fn panel(members: &[AccountId]) {
	for who in members {
		Pacta::add_member(*who);
	}
}

/// `who` challenges DEU's value with `tonnes` and `bond`.
pub fn challenge(who: AccountId, tonnes: Tonnes, bond: Balance) -> sp_runtime::DispatchResult {
	Disputes::challenge(RuntimeOrigin::signed(who), raw("DEU"), PERIOD, tonnes, EVIDENCE, bond)
}

/// `who` votes `tonnes` in DEU's dispute.
pub fn vote(who: AccountId, tonnes: Tonnes) -> sp_runtime::DispatchResult {
	Disputes::vote(RuntimeOrigin::signed(who), raw("DEU"), PERIOD, tonnes)
}

/// DEU's dispute.
pub fn dispute() -> pallet_disputes::Dispute<Test> {
	Disputes::dispute(&code("DEU"), PERIOD).expect("a dispute")
}

/// DEU's verification now.
pub fn verification() -> pacta_primitives::Verification {
	use pacta_primitives::VerifiedEmissions;
	Disputes::verification(&code("DEU"), PERIOD)
}

/// Settlement reports DEU's final value.
pub fn finalise(value: Tonnes) {
	use pacta_primitives::OnFinalValue;
	Disputes::on_final_value(&code("DEU"), PERIOD, Some(pacta_primitives::Estimate::exact(value)));
}

/// The free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

/// What `who` holds as dispute bonds.
pub fn bonded(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&pallet_disputes::HoldReason::DisputeBond.into(), &who)
}

/// The events of this pallet so far.
pub fn events() -> Vec<pallet_disputes::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Disputes(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The last event of this pallet.
pub fn last_event() -> pallet_disputes::Event<Test> {
	events().pop().expect("an event")
}
