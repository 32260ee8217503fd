//! The `pacta-primitives` traits this pallet provides to the others: [`OnPeriodOpened`], through
//! which `pallet-pledges` puts each newly opened period into the settlement schedule (and marks
//! a cancelled one for refunds), and
//! [`SettledPledges`], through which it learns which pledges have settled.

use crate::{pallet::*, types::*};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{OnPeriodOpened, PartyCode, PeriodId, PeriodInfo, SettledPledges};

impl<T: Config> SettledPledges for Pallet<T> {
	/// A pledge has settled once its outcome record exists.
	fn is_settled(code: &PartyCode, period: PeriodId) -> bool {
		Outcomes::<T>::contains_key(period, code)
	}
}

impl<T: Config> OnPeriodOpened<BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	/// Schedule `period` to settle after its challenge deadline, with its terms. A period that is
	/// already scheduled stays as it is; a full schedule is reported with
	/// [`Event::ScheduleFull`] (opening checks [`OnPeriodOpened::can_schedule`] first).
	fn on_period_opened(period: PeriodId, info: &PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>) {
		Schedule::<T>::mutate(|schedule| {
			if schedule.iter().any(|entry| entry.period == period) {
				return;
			}
			let entry = ScheduledPeriod {
				period,
				challenge_deadline: info.challenge_deadline,
				terms: info.terms.clone(),
				cursor: WalkCursor::NotStarted,
				settled: 0,
				cancelled: false,
				deferred: 0,
			};
			match schedule.try_push(entry) {
				Ok(()) => Self::deposit_event(Event::PeriodScheduled {
					period,
					challenge_deadline: info.challenge_deadline,
				}),
				Err(_) => Self::deposit_event(Event::ScheduleFull { period }),
			}
		});
	}

	/// Whether the schedule has room for one more period.
	fn can_schedule() -> bool {
		let len = Schedule::<T>::decode_len().unwrap_or(0);
		u32::try_from(len).is_ok_and(|len| len < T::MaxScheduledPeriods::get())
	}

	/// Mark a cancelled `period`'s schedule entry: from the next block on the walk refunds
	/// each of its pledges (the whole bond released, every conditional transfer back to its
	/// donor, outcome `Cancelled`) within the per-block budget, and no new conditional
	/// transfer is accepted for it ([`Error::PeriodCancelled`]). One read and one write of the
	/// schedule, whatever the number of pledges.
	fn on_period_cancelled(period: PeriodId) {
		Schedule::<T>::mutate(|schedule| {
			if let Some(entry) = schedule.iter_mut().find(|entry| entry.period == period) {
				entry.cancelled = true;
			}
		});
	}
}
