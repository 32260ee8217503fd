//! v2 benchmarks of `pallet-pledges`: every call at its worst case, plus the settlement of one
//! pledge through `PledgeSettle`.

use super::*;
use crate::pallet::{BalanceOf, Parties, PartyOfController, PledgeHistory, Pledges};
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{InspectHold, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use pacta_primitives::EnforcementMode;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

const PERIOD: PeriodId = 10_000;

fn terms<T: Config>() -> PeriodTerms<BalanceOf<T>> {
	PeriodTerms {
		mode: EnforcementMode::Binding,
		penalty_per_tonne: 1u32.into(),
		unverified_forfeit: Perbill::from_percent(50),
	}
}

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let amount = T::MinPledgeBond::get().saturating_mul(1_000u32.into());
	let _ = T::Currency::set_balance(&who, amount);
	who
}

/// A party with controller `who`, a period open until far blocks, and `h` earlier pledges in
/// the party's history (the ratchet's search space).
fn party_with_history<T: Config>(who: &T::AccountId, h: u32) -> PartyCode {
	let code = PartyCode::from_index(0);
	Parties::<T>::insert(code, Party { name: BoundedVec::default(), controller: who.clone() });
	PartyOfController::<T>::insert(who, code);
	let history: alloc::vec::Vec<_> = (0..h).map(|p| (p, Tonnes::MAX)).collect();
	PledgeHistory::<T>::insert(code, BoundedVec::truncate_from(history));
	let far: BlockNumberFor<T> = 1_000_000u32.into();
	Periods::<T>::insert(
		PERIOD,
		PeriodInfo {
			pledge_deadline: far,
			attestation_deadline: far.saturating_add(1u32.into()),
			reveal_deadline: far.saturating_add(2u32.into()),
			challenge_deadline: far.saturating_add(3u32.into()),
			challenge_window: 1u32.into(),
			resolution_window: 1u32.into(),
			terms: terms::<T>(),
		},
	);
	code
}

use frame_system::pallet_prelude::BlockNumberFor;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_party() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let controller: T::AccountId = account("controller", 0, 0);
		let name = BoundedVec::truncate_from(vec![b'x'; T::MaxNameLen::get() as usize]);
		let raw = PartyCode::from_index(1).to_raw();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, raw, name, controller.clone());

		assert_eq!(PartyOfController::<T>::get(&controller), Some(PartyCode::from_index(1)));
		Ok(())
	}

	/// Worst case: `p` unsettled pledges in the party's history, each bond moved.
	#[benchmark]
	fn set_controller(
		p: Linear<0, { T::MaxPledgesPerParty::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = funded::<T>("controller", 0);
		let code = party_with_history::<T>(&who, 0);
		let bond = T::MinPledgeBond::get();
		let info = Periods::<T>::get(PERIOD).ok_or(BenchmarkError::Weightless)?;
		for period in 0..p {
			Periods::<T>::insert(period, info.clone());
			Pallet::<T>::submit_pledge(RawOrigin::Signed(who.clone()).into(), period, 1_000, bond)?;
		}
		let new = funded::<T>("new", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), code.to_raw(), new.clone());

		assert_eq!(PartyOfController::<T>::get(&new), Some(code));
		let expected = bond.saturating_mul(p.into());
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::PledgeBond.into(), &new), expected);
		Ok(())
	}

	#[benchmark]
	fn open_period() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let now = frame_system::Pallet::<T>::block_number();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			7,
			now.saturating_add(10u32.into()),
			now.saturating_add(20u32.into()),
			now.saturating_add(25u32.into()),
			now.saturating_add(30u32.into()),
			5u32.into(),
			7u32.into(),
			terms::<T>(),
		);

		assert!(Periods::<T>::contains_key(7));
		Ok(())
	}

	#[benchmark]
	fn submit_pledge(h: Linear<0, { T::MaxPledgesPerParty::get().saturating_sub(1) }>) {
		let who = funded::<T>("controller", 0);
		let code = party_with_history::<T>(&who, h);
		let bond = T::MinPledgeBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), PERIOD, 1_000, bond);

		assert!(Pledges::<T>::contains_key(PERIOD, code));
	}

	#[benchmark]
	fn strengthen_pledge(
		h: Linear<1, { T::MaxPledgesPerParty::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = funded::<T>("controller", 0);
		let code = party_with_history::<T>(&who, h.saturating_sub(1));
		Pallet::<T>::submit_pledge(
			RawOrigin::Signed(who.clone()).into(),
			PERIOD,
			1_000,
			T::MinPledgeBond::get(),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), PERIOD, 999);

		assert_eq!(Pledges::<T>::get(PERIOD, code).map(|p| p.cap), Some(999));
		Ok(())
	}

	#[benchmark]
	fn top_up_bond() -> Result<(), BenchmarkError> {
		let who = funded::<T>("controller", 0);
		let code = party_with_history::<T>(&who, 0);
		let bond = T::MinPledgeBond::get();
		Pallet::<T>::submit_pledge(RawOrigin::Signed(who.clone()).into(), PERIOD, 1_000, bond)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), PERIOD, bond);

		assert_eq!(
			Pledges::<T>::get(PERIOD, code).map(|p| p.bond),
			Some(bond.saturating_add(bond))
		);
		Ok(())
	}

	/// A period opened through `open_period` (so the other pallets have scheduled it), then
	/// cancelled: constant work, whatever the number of its pledges.
	#[benchmark]
	fn cancel_period() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::open_period(
			origin.clone(),
			7,
			now.saturating_add(10u32.into()),
			now.saturating_add(20u32.into()),
			now.saturating_add(25u32.into()),
			now.saturating_add(30u32.into()),
			5u32.into(),
			7u32.into(),
			terms::<T>(),
		)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 7);

		assert!(Pallet::<T>::is_cancelled(7));
		Ok(())
	}

	#[benchmark]
	fn settle() -> Result<(), BenchmarkError> {
		let who = funded::<T>("controller", 0);
		let dest = funded::<T>("fund", 0);
		let code = party_with_history::<T>(&who, 0);
		let bond = T::MinPledgeBond::get().saturating_mul(2u32.into());
		Pallet::<T>::submit_pledge(RawOrigin::Signed(who.clone()).into(), PERIOD, 1_000, bond)?;

		// Worst case: part forfeited, part released.
		#[block]
		{
			Pallet::<T>::do_settle(&code, PERIOD, T::MinPledgeBond::get(), &dest)?;
		}

		assert!(T::Currency::balance_on_hold(&HoldReason::PledgeBond.into(), &who).is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
