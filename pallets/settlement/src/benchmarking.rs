//! Benchmarks (v2) for every call and for the settlement steps `on_initialize` is made of:
//! `settle_pledge` (one pledge without conditional transfers), `settle_pledge_with_transfers(t)`
//! (one pledge with `t >= 1` of them), `defer_pledge` (one disputed pledge put in its period's
//! deferred list) and `settlement_base(d)` (a block's fixed part with `d` deferred pledges). The
//! calendar, pledges and verifications live in other pallets and are set up through
//! `T::BenchmarkHelper`.
//!
//! The climate fund's account is whitelisted in the per-pledge steps: everything forfeited in a
//! block goes to it, so it is read from the database once and written once per block, which
//! [`Pallet::block_overhead`] charges.

use super::*;
use crate::{pallet::*, settle::Visit};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get, Hooks,
	},
	weights::WeightMeter,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pacta_primitives::Estimate;
use pacta_primitives::{EnforcementMode, OnPeriodOpened, PeriodInfo, PeriodTerms};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

/// The period the benchmarks settle.
const PERIOD: PeriodId = 2030;
/// The cap of the benchmarked pledges.
const CAP: Tonnes = 1_000;

/// A unit of value that is above every minimum.
fn unit<T: Config>() -> BalanceOf<T> {
	T::MinTransferAmount::get().max(T::Currency::minimum_balance())
}

/// An account funded with a million units.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, unit::<T>().saturating_mul(1_000_000u32.into()));
	who
}

/// Binding terms: one unit per tonne, half the bond when unverified.
fn terms<T: Config>() -> PeriodTerms<BalanceOf<T>> {
	PeriodTerms {
		mode: EnforcementMode::Binding,
		penalty_per_tonne: unit::<T>(),
		unverified_forfeit: Perbill::from_percent(50),
	}
}

/// Opens `period` with deadlines `offset + 10 / 20 / 25 / 30` blocks from now (windows of 5 and
/// 7 blocks) and schedules it.
fn open<T: Config>(period: PeriodId, offset: u32) -> PeriodInfo<BalanceOf<T>, BlockNumberFor<T>> {
	let now = frame_system::Pallet::<T>::block_number();
	let info = PeriodInfo {
		pledge_deadline: now.saturating_add(offset.saturating_add(10).into()),
		attestation_deadline: now.saturating_add(offset.saturating_add(20).into()),
		reveal_deadline: now.saturating_add(offset.saturating_add(25).into()),
		challenge_deadline: now.saturating_add(offset.saturating_add(30).into()),
		challenge_window: 5u32.into(),
		resolution_window: 7u32.into(),
		terms: terms::<T>(),
	};
	T::BenchmarkHelper::open_period(period, info.clone());
	Pallet::<T>::on_period_opened(period, &info);
	info
}

/// Party `code` pledges `CAP` in `PERIOD` with a bond of a thousand units.
fn pledge<T: Config>(code: PartyCode) -> T::AccountId {
	let controller = funded::<T>("controller", 0);
	T::BenchmarkHelper::pledge(
		code,
		PERIOD,
		controller.clone(),
		CAP,
		unit::<T>().saturating_mul(1_000u32.into()),
	);
	controller
}

/// `n` conditional transfers from `n` different donors for `code`'s pledge.
fn transfers<T: Config>(
	code: PartyCode,
	n: u32,
	condition: Condition<BalanceOf<T>>,
) -> Result<(), BenchmarkError> {
	for i in 0..n {
		let donor = funded::<T>("donor", i);
		Pallet::<T>::create_conditional_transfer(
			RawOrigin::Signed(donor).into(),
			code.to_raw(),
			PERIOD,
			condition,
			unit::<T>().saturating_mul(100u32.into()),
		)
		.map_err(|_| BenchmarkError::Stop("creating a conditional transfer failed"))?;
	}
	Ok(())
}

/// Makes sure the climate fund exists, as genesis does.
fn fund_exists<T: Config>() {
	let fund = Pallet::<T>::fund_account();
	if T::Currency::balance(&fund) < T::Currency::minimum_balance() {
		T::Currency::set_balance(&fund, T::Currency::minimum_balance());
	}
}

/// A breached pledge with `t` conditional transfers that each pay out, at the first block of
/// settlement, with the climate fund's account whitelisted (see the module docs).
#[allow(clippy::type_complexity)]
fn breached_pledge<T: Config>(
	t: u32,
) -> Result<
	(PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>, PartyCode, BlockNumberFor<T>),
	BenchmarkError,
> {
	fund_exists::<T>();
	let fund = Pallet::<T>::fund_account();
	frame_benchmarking::benchmarking::add_to_whitelist(
		frame_system::Account::<T>::hashed_key_for(&fund).into(),
	);
	let info = open::<T>(PERIOD, 0);
	let code = PartyCode::from_index(0);
	pledge::<T>(code);
	let verified = CAP.saturating_add(100);
	transfers::<T>(code, t, Condition::EmissionsAtMost(verified))?;
	T::BenchmarkHelper::set_verification(
		code,
		PERIOD,
		Verification::Verified(Estimate::exact(verified)),
	);
	let now = info.challenge_deadline.saturating_add(1u32.into());
	frame_system::Pallet::<T>::set_block_number(now);
	Ok((info, code, now))
}

/// The outcome record of a pledge the benchmarked step settled as breached.
fn breached_outcome<T: Config>(
	visit: Visit,
	code: PartyCode,
) -> Result<OutcomeRecordOf<T>, BenchmarkError> {
	if visit != Visit::Settled {
		return Err(BenchmarkError::Stop("the pledge did not settle"));
	}
	let record = Outcomes::<T>::get(PERIOD, code).ok_or(BenchmarkError::Stop("no outcome"))?;
	if record.outcome != Outcome::Breached {
		return Err(BenchmarkError::Stop("the pledge did not settle as breached"));
	}
	Ok(record)
}

/// One walk step over `code`'s pledge in [`PERIOD`] (what the per-pledge benchmarks measure).
fn visit_step<T: Config>(
	info: &PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>,
	code: PartyCode,
	now: BlockNumberFor<T>,
	deferred: &mut DeferredOf<T>,
	meter: &mut WeightMeter,
) -> Visit {
	Pallet::<T>::visit(PERIOD, code, &info.terms, now, deferred, &mut Default::default(), meter)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: the pledge already carries the most transfers, so the new one reads them all
	/// and displaces the smallest.
	#[benchmark]
	fn create_conditional_transfer() -> Result<(), BenchmarkError> {
		open::<T>(PERIOD, 0);
		let code = PartyCode::from_index(0);
		pledge::<T>(code);
		let rate = unit::<T>();
		let max = T::MaxTransfersPerPledge::get();
		transfers::<T>(code, max, Condition::PerTonneBelowCap { rate })?;
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&caller, unit::<T>().saturating_mul(1_000_000u32.into()));
		let amount = unit::<T>().saturating_mul(101u32.into());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			code.to_raw(),
			PERIOD,
			Condition::PerTonneBelowCap { rate },
			amount,
		);

		assert_eq!(TransfersByPledge::<T>::decode_len(PERIOD, code), Some(max as usize));
		assert!(Transfers::<T>::iter_values().any(|t| t.donor == caller));
		Ok(())
	}

	/// Worst case: the pledge carries the most transfers; the first one is cancelled.
	#[benchmark]
	fn cancel_conditional_transfer() -> Result<(), BenchmarkError> {
		open::<T>(PERIOD, 0);
		let code = PartyCode::from_index(0);
		pledge::<T>(code);
		let max = T::MaxTransfersPerPledge::get();
		transfers::<T>(code, max, Condition::PledgeMet)?;
		let first = Transfers::<T>::iter_keys().min().ok_or(BenchmarkError::Stop("no transfer"))?;
		let donor = Transfers::<T>::get(first).ok_or(BenchmarkError::Stop("no transfer"))?.donor;

		#[extrinsic_call]
		_(RawOrigin::Signed(donor), first);

		assert!(!Transfers::<T>::contains_key(first));
		Ok(())
	}

	/// Worst case: the destination account is created.
	#[benchmark]
	fn spend_fund() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let fund = Pallet::<T>::fund_account();
		T::Currency::set_balance(&fund, unit::<T>().saturating_mul(1_000u32.into()));
		let dest: T::AccountId = account("dest", 0, 0);
		let amount = unit::<T>().saturating_mul(10u32.into());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, dest.clone(), amount);

		assert_eq!(T::Currency::balance(&dest), amount);
		Ok(())
	}

	/// One walk step settling a breached pledge without conditional transfers (the usual case):
	/// part of the bond to the fund, the rest released.
	#[benchmark]
	fn settle_pledge() -> Result<(), BenchmarkError> {
		let (info, code, now) = breached_pledge::<T>(0)?;
		let (mut deferred, mut meter) = (DeferredOf::<T>::default(), WeightMeter::new());
		let visit;

		#[block]
		{
			visit = visit_step::<T>(&info, code, now, &mut deferred, &mut meter);
		}

		let record = breached_outcome::<T>(visit, code)?;
		assert!(!record.forfeited.is_zero());
		Ok(())
	}

	/// The same step for a pledge with `t` conditional transfers from different donors, each
	/// paid to the party.
	#[benchmark]
	fn settle_pledge_with_transfers(
		t: Linear<1, { T::MaxTransfersPerPledge::get() }>,
	) -> Result<(), BenchmarkError> {
		let (info, code, now) = breached_pledge::<T>(t)?;
		let (mut deferred, mut meter) = (DeferredOf::<T>::default(), WeightMeter::new());
		let visit;

		#[block]
		{
			visit = visit_step::<T>(&info, code, now, &mut deferred, &mut meter);
		}

		let record = breached_outcome::<T>(visit, code)?;
		assert_eq!(record.transfers, t);
		assert!(!record.transfers_paid.is_zero());
		Ok(())
	}

	/// One walk step finding a disputed pledge and deferring it.
	#[benchmark]
	fn defer_pledge() -> Result<(), BenchmarkError> {
		let info = open::<T>(PERIOD, 0);
		let code = PartyCode::from_index(0);
		pledge::<T>(code);
		T::BenchmarkHelper::set_verification(code, PERIOD, Verification::Disputed);
		let now = info.challenge_deadline.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(now);
		let mut deferred = DeferredOf::<T>::default();
		let mut meter = WeightMeter::new();
		let visit;

		#[block]
		{
			visit = visit_step::<T>(&info, code, now, &mut deferred, &mut meter);
		}

		assert_eq!(visit, Visit::Deferred);
		assert_eq!(deferred.len(), 1);
		Ok(())
	}

	/// A settlement block's fixed part: a full schedule, one period due (with no pledges left,
	/// so its walk finishes) whose deferred list holds `d` pledges all still disputed. This is
	/// also what serving one more period with `d` deferred pledges costs at most.
	#[benchmark]
	fn settlement_base(d: Linear<0, { T::MaxDeferred::get() }>) -> Result<(), BenchmarkError> {
		let due = open::<T>(PERIOD, 0);
		for i in 1..T::MaxScheduledPeriods::get() {
			open::<T>(PERIOD.saturating_add(i), i.saturating_mul(1_000));
		}
		let mut deferred = DeferredOf::<T>::default();
		for i in 0..d {
			let code = PartyCode::from_index(i);
			T::BenchmarkHelper::set_verification(code, PERIOD, Verification::Disputed);
			deferred.try_push(code).map_err(|_| BenchmarkError::Stop("deferred list full"))?;
		}
		if d > 0 {
			Deferred::<T>::insert(PERIOD, deferred);
			Schedule::<T>::mutate(|schedule| {
				if let Some(entry) = schedule.iter_mut().find(|entry| entry.period == PERIOD) {
					entry.deferred = d;
				}
			});
		}
		let now = due.challenge_deadline.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(Deferred::<T>::decode_len(PERIOD).unwrap_or(0), d as usize);
		let entry = Schedule::<T>::get()
			.into_iter()
			.find(|entry| entry.period == PERIOD)
			.map(|entry| entry.cursor);
		assert!(entry.is_none() || entry == Some(WalkCursor::Finished));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
