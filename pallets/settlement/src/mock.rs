//! A mock runtime for the pallet's tests and benchmarks: System, Balances, Settlement, and
//! `pacta_mock`, a small pallet standing in for `pallet-pledges` and `pallet-attestations`.
//!
//! `pacta_mock` implements the four traits settlement reads through (`PeriodCalendar`,
//! `PledgeInspect`, `PledgeSettle`, `VerifiedEmissions`) on real storage, and really holds pledge
//! bonds in `pallet-balances` with its own hold reason `PledgeBond`, so that tests can check that
//! settlement conserves every unit of the currency. It counts `PledgeSettle::settle` calls per
//! pledge so that tests can check that no bond is paid out twice.

use crate as pallet_settlement;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, Hooks},
	weights::{constants::RocksDbWeight, Weight},
	PalletId,
};
use frame_system::limits::BlockWeights as SystemBlockWeights;
use pacta_primitives::{
	EnforcementMode, PartyCode, PeriodId, PeriodInfo, PeriodTerms, RawPartyCode, Tonnes,
	Verification,
};
use sp_runtime::{BuildStorage, Perbill};

/// The stand-in for `pallet-pledges` (calendar, parties, pledges with held bonds) and
/// `pallet-attestations` (verifications).
#[frame_support::pallet(dev_mode)]
pub mod pacta_mock {
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Restriction},
		},
	};
	use frame_system::pallet_prelude::*;
	use pacta_primitives::{
		Estimate, OnFinalValue, OnPeriodOpened, PartyCode, PeriodCalendar, PeriodId, PeriodInfo,
		PledgeInfo, PledgeInspect, PledgeSettle, SettledBond, Tonnes, Verification,
		VerifiedEmissions,
	};
	use sp_runtime::traits::{Saturating, Zero};

	/// The balance type.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency bonds are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// Told when a period opens.
		type OnPeriodOpened: OnPeriodOpened<BalanceOf<Self>, BlockNumberFor<Self>>;
	}

	/// Why the mock holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A pledge's bond.
		#[codec(index = 0)]
		PledgeBond,
	}

	/// The calendar.
	#[pallet::storage]
	pub type Periods<T: Config> =
		StorageMap<_, Twox64Concat, PeriodId, PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>>;

	/// Controllers of the registered parties.
	#[pallet::storage]
	pub type Controllers<T: Config> = StorageMap<_, Blake2_128Concat, PartyCode, T::AccountId>;

	/// Pledges by period then party.
	#[pallet::storage]
	pub type Pledges<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PeriodId,
		Blake2_128Concat,
		PartyCode,
		PledgeInfo<T::AccountId, BalanceOf<T>>,
	>;

	/// Verifications by period then party; absent means `Pending`.
	#[pallet::storage]
	pub type Verifications<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PeriodId, Blake2_128Concat, PartyCode, Verification>;

	/// The final values settlement reported through `OnFinalValue`, with how often.
	#[pallet::storage]
	pub type FinalValues<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PeriodId,
		Blake2_128Concat,
		PartyCode,
		(Option<Estimate>, u32),
	>;

	/// How often `PledgeSettle::settle` succeeded per pledge.
	#[pallet::storage]
	pub type SettleCalls<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PeriodId, Blake2_128Concat, PartyCode, u32, ValueQuery>;

	impl<T: Config> Pallet<T> {
		/// Open a period as `pallet-pledges` does: refuse if a scheduler is full, then tell them.
		pub fn open(
			period: PeriodId,
			info: PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>,
		) -> Result<(), &'static str> {
			if !T::OnPeriodOpened::can_schedule() {
				return Err("schedule full");
			}
			Periods::<T>::insert(period, &info);
			T::OnPeriodOpened::on_period_opened(period, &info);
			Ok(())
		}

		/// Cancel a period as `pallet-pledges` does (its deadline checks are its own): tell the
		/// schedulers.
		pub fn cancel(period: PeriodId) {
			T::OnPeriodOpened::on_period_cancelled(period);
		}

		/// Register a party (or change its controller).
		pub fn register(code: PartyCode, controller: T::AccountId) {
			Controllers::<T>::insert(code, controller);
		}

		/// Pledge `cap` with `bond` held from `owner`.
		pub fn pledge(
			code: PartyCode,
			period: PeriodId,
			owner: T::AccountId,
			cap: Tonnes,
			bond: BalanceOf<T>,
		) -> DispatchResult {
			T::Currency::hold(&HoldReason::PledgeBond.into(), &owner, bond)?;
			Pledges::<T>::insert(period, code, PledgeInfo { cap, bond, owner });
			Ok(())
		}

		/// Set a verification.
		pub fn verify(code: PartyCode, period: PeriodId, verification: Verification) {
			Verifications::<T>::insert(period, code, verification);
		}
	}

	impl<T: Config> PeriodCalendar<BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
		fn period(period: PeriodId) -> Option<PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>> {
			Periods::<T>::get(period)
		}
	}

	impl<T: Config> PledgeInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
		fn controller(code: &PartyCode) -> Option<T::AccountId> {
			Controllers::<T>::get(code)
		}

		fn party_of(who: &T::AccountId) -> Option<PartyCode> {
			Controllers::<T>::iter().find(|(_, c)| c == who).map(|(code, _)| code)
		}

		fn pledge(
			code: &PartyCode,
			period: PeriodId,
		) -> Option<PledgeInfo<T::AccountId, BalanceOf<T>>> {
			Pledges::<T>::get(period, code)
		}

		fn pledges_page(period: PeriodId, after: Option<PartyCode>, limit: u32) -> Vec<PartyCode> {
			let limit = usize::try_from(limit).unwrap_or(usize::MAX);
			match after {
				Some(code) => Pledges::<T>::iter_key_prefix_from(
					period,
					Pledges::<T>::hashed_key_for(period, code),
				)
				.take(limit)
				.collect(),
				None => Pledges::<T>::iter_key_prefix(period).take(limit).collect(),
			}
		}
	}

	impl<T: Config> PledgeSettle<T::AccountId, BalanceOf<T>> for Pallet<T> {
		fn settle(
			code: &PartyCode,
			period: PeriodId,
			forfeited: BalanceOf<T>,
			dest: &T::AccountId,
		) -> Result<SettledBond<BalanceOf<T>>, DispatchError> {
			frame_support::storage::with_storage_layer(|| {
				let pledge =
					Pledges::<T>::get(period, code).ok_or(DispatchError::Other("no pledge"))?;
				ensure!(
					SettleCalls::<T>::get(period, code) == 0,
					DispatchError::Other("already settled")
				);
				let reason = HoldReason::PledgeBond.into();
				let to_forfeit = forfeited.min(pledge.bond);
				let forfeited = if to_forfeit.is_zero() {
					Zero::zero()
				} else {
					T::Currency::transfer_on_hold(
						&reason,
						&pledge.owner,
						dest,
						to_forfeit,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Force,
					)?
				};
				let rest = pledge.bond.saturating_sub(forfeited);
				let released = if rest.is_zero() {
					Zero::zero()
				} else {
					T::Currency::release(&reason, &pledge.owner, rest, Precision::Exact)?
				};
				SettleCalls::<T>::mutate(period, code, |calls| *calls = calls.saturating_add(1));
				Ok(SettledBond { released, forfeited })
			})
		}
	}

	impl<T: Config> VerifiedEmissions for Pallet<T> {
		fn verification(code: &PartyCode, period: PeriodId) -> Verification {
			Verifications::<T>::get(period, code).unwrap_or(Verification::Pending)
		}
	}

	/// The bound the mock's `OnFinalValue` declares per pledge, beyond its base.
	pub const FINAL_VALUE_BOUND: Weight = Weight::from_parts(4_000_000, 0);
	/// What the mock's `OnFinalValue` reports it used beyond its base: a quarter of the bound.
	pub const FINAL_VALUE_USED: Weight = Weight::from_parts(1_000_000, 0);

	impl<T: Config> OnFinalValue for Pallet<T> {
		fn on_final_value(code: &PartyCode, period: PeriodId, value: Option<Estimate>) -> Weight {
			FinalValues::<T>::mutate(period, code, |entry| {
				let calls = entry.map_or(0, |(_, n)| n).saturating_add(1);
				*entry = Some((value, calls));
			});
			Self::base_final_value_weight().saturating_add(FINAL_VALUE_USED)
		}
		fn final_value_weight(_: &PartyCode, _: PeriodId) -> Weight {
			Self::base_final_value_weight().saturating_add(FINAL_VALUE_BOUND)
		}
		fn max_final_value_weight() -> Weight {
			Self::base_final_value_weight().saturating_add(FINAL_VALUE_BOUND)
		}
		fn base_final_value_weight() -> Weight {
			T::DbWeight::get().reads_writes(1, 1)
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
		Settlement: pallet_settlement,
	}
);

parameter_types! {
	/// Like a real chain: 2 s of compute, 75 % of it for normal transactions.
	pub MockBlockWeights: SystemBlockWeights = SystemBlockWeights::with_sensible_defaults(
		Weight::from_parts(2 * frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		Perbill::from_percent(75),
	);
	/// Half of the normal class, as in the Pacta runtime.
	pub MaxSettlementWeight: Weight = Weight::from_parts(
		frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND * 3 / 4,
		u64::MAX / 4,
	);
	pub const SettlementPalletId: PalletId = PalletId(*b"pc/climf");
	pub const MinTransferAmount: Balance = 10;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type BlockWeights = MockBlockWeights;
	type DbWeight = RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pacta_mock::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OnPeriodOpened = Settlement;
}

/// The most conditional transfers per pledge in the mock.
pub const MAX_TRANSFERS: u32 = 4;
/// The most deferred pledges in the mock.
pub const MAX_DEFERRED: u32 = 3;
/// The most scheduled periods in the mock.
pub const MAX_SCHEDULED: u32 = 3;

impl pallet_settlement::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Calendar = Pacta;
	type Pledges = Pacta;
	type Emissions = Pacta;
	type OnFinal = Pacta;
	type PalletId = SettlementPalletId;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxTransfersPerPledge = ConstU32<MAX_TRANSFERS>;
	type MinTransferAmount = MinTransferAmount;
	type MaxScheduledPeriods = ConstU32<MAX_SCHEDULED>;
	type MaxDeferred = ConstU32<MAX_DEFERRED>;
	type MaxSettlementWeight = MaxSettlementWeight;
	type SpareWeight = ();
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Sets up the mock's calendar, pledges and verifications for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_settlement::BenchmarkHelper<AccountId, Balance, u64> for MockHelper {
	fn open_period(period: PeriodId, info: PeriodInfo<Balance, u64>) {
		pacta_mock::Pallet::<Test>::open(period, info).expect("room in the schedule");
	}
	fn pledge(
		code: PartyCode,
		period: PeriodId,
		controller: AccountId,
		cap: Tonnes,
		bond: Balance,
	) {
		Pacta::register(code, controller);
		Pacta::pledge(code, period, controller, cap, bond).expect("funded controller");
	}
	fn set_verification(code: PartyCode, period: PeriodId, verification: Verification) {
		Pacta::verify(code, period, verification);
	}
}

/// Germany's ministry (controller of `DEU`, owner of its bonds).
pub const DEU_MINISTRY: AccountId = 1;
/// Brazil's ministry.
pub const BRA_MINISTRY: AccountId = 2;
/// India's ministry.
pub const IND_MINISTRY: AccountId = 3;
/// Donors.
pub const NORWAY: AccountId = 10;
/// A second donor.
pub const SWEDEN: AccountId = 11;
/// A third donor.
pub const JAPAN: AccountId = 12;
/// An account that is nothing in particular.
pub const STRANGER: AccountId = 99;
/// What every test account starts with.
pub const ENDOWMENT: Balance = 1_000_000;

/// The period most tests use, and its deadlines.
pub const PERIOD: PeriodId = 2030;
/// Last block for pledges (and for cancelling conditional transfers).
pub const PLEDGE_DEADLINE: u64 = 10;
/// Last block for attestations (and for creating conditional transfers).
pub const ATTESTATION_DEADLINE: u64 = 20;
/// Last block of the reveal window (recorded; settlement does not read it).
pub const REVEAL_DEADLINE: u64 = 25;
/// Last block for challenges: settlement runs from the next block on.
pub const CHALLENGE_DEADLINE: u64 = 30;

/// Binding terms: 2 per tonne of overshoot, 50 % of the bond when unverified.
pub fn binding() -> PeriodTerms<Balance> {
	PeriodTerms {
		mode: EnforcementMode::Binding,
		penalty_per_tonne: 2,
		unverified_forfeit: Perbill::from_percent(50),
	}
}

/// The same terms in facilitative mode.
pub fn facilitative() -> PeriodTerms<Balance> {
	PeriodTerms { mode: EnforcementMode::Facilitative, ..binding() }
}

/// The calendar entry of [`PERIOD`] with `terms` (challenge window 5, resolution window 7).
pub fn info(terms: PeriodTerms<Balance>) -> PeriodInfo<Balance, u64> {
	PeriodInfo {
		pledge_deadline: PLEDGE_DEADLINE,
		attestation_deadline: ATTESTATION_DEADLINE,
		reveal_deadline: REVEAL_DEADLINE,
		challenge_deadline: CHALLENGE_DEADLINE,
		challenge_window: 5,
		resolution_window: 7,
		terms,
	}
}

/// Externalities with the test accounts endowed, DEU, BRA and IND registered, and block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(&[])
}

/// Like [`new_test_ext`], plus the `extra` accounts endowed.
pub fn new_test_ext_with(extra: &[(AccountId, Balance)]) -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<(AccountId, Balance)> =
		[DEU_MINISTRY, BRA_MINISTRY, IND_MINISTRY, NORWAY, SWEDEN, JAPAN, STRANGER]
			.iter()
			.map(|who| (*who, ENDOWMENT))
			.collect();
	balances.extend_from_slice(extra);
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_settlement::GenesisConfig::<Test>::default().assimilate_storage(&mut t).unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Pacta::register(code("DEU"), DEU_MINISTRY);
		Pacta::register(code("BRA"), BRA_MINISTRY);
		Pacta::register(code("IND"), IND_MINISTRY);
	});
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Settlement::do_try_state().expect("try_state after the test");
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

/// The `i`-th three-letter code (`AAA`, `AAB`, …), for tests with many parties.
pub fn nth_code(i: u32) -> PartyCode {
	PartyCode::from_index(i)
}

/// Opens [`PERIOD`] with `terms`.
pub fn open(terms: PeriodTerms<Balance>) {
	Pacta::open(PERIOD, info(terms)).unwrap();
}

/// `code` pledges `cap` with `bond` in [`PERIOD`], held from `owner`.
pub fn pledge(code_: &str, owner: AccountId, cap: Tonnes, bond: Balance) {
	Pacta::pledge(code(code_), PERIOD, owner, cap, bond).unwrap();
}

/// Sets `code`'s verification in [`PERIOD`].
pub fn verify(code_: &str, verification: Verification) {
	Pacta::verify(code(code_), PERIOD, verification);
}

/// Runs `on_initialize` of Settlement for each block after the current one up to `n`,
/// returning the weight each used.
pub fn run_to_block(n: u64) -> Vec<Weight> {
	let mut weights = Vec::new();
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		weights.push(Settlement::on_initialize(next));
	}
	weights
}

/// Runs blocks until just after the challenge deadline of [`PERIOD`].
pub fn run_to_settlement() -> Vec<Weight> {
	run_to_block(CHALLENGE_DEADLINE + 1)
}

/// The free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

/// What `who` holds for settlement's escrow.
pub fn escrowed(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&pallet_settlement::HoldReason::Escrow.into(), &who)
}

/// What `who` holds as pledge bonds.
pub fn bonded(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&pacta_mock::HoldReason::PledgeBond.into(), &who)
}

/// The climate fund's account.
pub fn fund() -> AccountId {
	Settlement::fund_account()
}

/// The events of this pallet so far.
pub fn events() -> Vec<pallet_settlement::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Settlement(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The last event of this pallet.
pub fn last_event() -> pallet_settlement::Event<Test> {
	events().pop().expect("an event")
}

/// Total issuance, and free + held balances of all accounts summed.
pub fn money() -> (Balance, Balance) {
	let sum = frame_system::Account::<Test>::iter()
		.map(|(_, account)| account.data.free + account.data.reserved)
		.sum();
	(pallet_balances::TotalIssuance::<Test>::get(), sum)
}
