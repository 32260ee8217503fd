//! The `pacta-primitives` traits this pallet provides to the others: [`OnPeriodOpened`], through
//! which `pallet-pledges` puts each newly opened period into the verification schedule, and
//! [`VerifiedEmissions`], through which `pallet-settlement` (and the runtime API) read what
//! verification established.

use crate::{pallet::*, types::*};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{
	OnPeriodOpened, PartyCode, PeriodId, PeriodInfo, Verification, VerifiedEmissions,
};

impl<T: Config> OnPeriodOpened<BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	/// Schedule `period` for verification after its attestation deadline. A period that is
	/// already scheduled or verified stays as it is; a full schedule is reported with
	/// [`Event::ScheduleFull`] (opening checks [`OnPeriodOpened::can_schedule`] first).
	fn on_period_opened(period: PeriodId, info: &PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>) {
		let mut schedule = Schedule::<T>::get();
		if Self::is_scheduled(&schedule, period) || VerifiedPeriods::<T>::contains_key(period) {
			// Already known: nothing changes.
			return;
		}
		let entry = ScheduledPeriod {
			period,
			attestation_deadline: info.attestation_deadline,
			cursor: None,
			done: 0,
		};
		if schedule.try_push(entry).is_err() {
			Self::deposit_event(Event::ScheduleFull { period });
			return;
		}
		Schedule::<T>::put(schedule);
		Self::deposit_event(Event::VerificationScheduled {
			period,
			after: info.attestation_deadline,
		});
	}

	/// Whether the schedule has room for one more period.
	fn can_schedule() -> bool {
		let len = Schedule::<T>::decode_len().unwrap_or(0);
		u32::try_from(len).is_ok_and(|len| len < T::MaxScheduledPeriods::get())
	}
}

impl<T: Config> VerifiedEmissions for Pallet<T> {
	/// `Disputed` while a challenge is open, otherwise the published result, or `Pending`
	/// before verification has run.
	fn verification(code: &PartyCode, period: PeriodId) -> Verification {
		if Challenges::<T>::contains_key(period, code) {
			return Verification::Disputed;
		}
		match Verifications::<T>::get(period, code).map(|r| r.result) {
			Some(VerificationResult::Verified(tonnes)) => Verification::Verified(tonnes),
			Some(VerificationResult::Unverified) => Verification::Unverified,
			None => Verification::Pending,
		}
	}
}
