//! The `pacta-primitives` traits this pallet provides to the others: [`PeriodCalendar`],
//! [`PledgeInspect`] and [`PledgeSettle`].

use crate::{pallet::*, PartyCode, PeriodCalendar, PeriodId, PledgeInspect, PledgeSettle};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{PeriodInfo, PledgeInfo, SettledBond};
use sp_runtime::DispatchError;

impl<T: Config> PeriodCalendar<BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn period(period: PeriodId) -> Option<PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>> {
		Periods::<T>::get(period)
	}
}

impl<T: Config> PledgeInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn controller(code: &PartyCode) -> Option<T::AccountId> {
		Parties::<T>::get(code).map(|party| party.controller)
	}

	fn party_of(who: &T::AccountId) -> Option<PartyCode> {
		PartyOfController::<T>::get(who)
	}

	fn pledge(
		code: &PartyCode,
		period: PeriodId,
	) -> Option<PledgeInfo<T::AccountId, BalanceOf<T>>> {
		Pledges::<T>::get(period, code).map(|p| PledgeInfo {
			cap: p.cap,
			bond: p.bond,
			owner: p.owner,
		})
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
		Self::do_settle(code, period, forfeited, dest)
	}
}
