//! The `pacta-primitives` traits this pallet provides to the others: [`OnPeriodOpened`], through
//! which `pallet-pledges` puts each newly opened period into the verification schedule;
//! [`PublishedValues`], through which `pallet-disputes` reads what verification published; and
//! [`OnFinalValue`], through which `pallet-settlement` reports each pledge's final value so that
//! the oracles are judged against it (`judge.rs`).

use crate::{pallet::*, types::*, WeightInfo};
use frame_support::{traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{
	Estimate, OnFinalValue, OnPeriodOpened, PartyCode, PeriodId, PeriodInfo, Publication,
	PublishedValues,
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
			reveal_deadline: info.reveal_deadline,
			cursor: None,
			done: 0,
		};
		if schedule.try_push(entry).is_err() {
			Self::deposit_event(Event::ScheduleFull { period });
			return;
		}
		Schedule::<T>::put(schedule);
		Self::deposit_event(Event::VerificationScheduled { period, after: info.reveal_deadline });
	}

	/// Whether the schedule has room for one more period.
	fn can_schedule() -> bool {
		let len = Schedule::<T>::decode_len().unwrap_or(0);
		u32::try_from(len).is_ok_and(|len| len < T::MaxScheduledPeriods::get())
	}

	/// Drop a cancelled `period` from the verification schedule: nothing is verified for it,
	/// and `attest` refuses it from now on ([`Error::PeriodNotScheduled`]). Cancelling is only
	/// possible up to the pledge deadline, and attesting starts after it, so the period has no
	/// attestation and no oracle counts a value of it as unfinal.
	fn on_period_cancelled(period: PeriodId) {
		let mut schedule = Schedule::<T>::get();
		let before = schedule.len();
		schedule.retain(|entry| entry.period != period);
		if schedule.len() != before {
			Schedule::<T>::put(schedule);
		}
	}
}

impl<T: Config> PublishedValues<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	/// The published estimate (`None` when unverified or withheld), whether attestations were
	/// withheld, and the block it was published in.
	fn publication(code: &PartyCode, period: PeriodId) -> Option<Publication<BlockNumberFor<T>>> {
		Verifications::<T>::get(period, code).map(|record| Publication {
			value: record.estimate(),
			withheld: record.withheld > 0,
			published_at: record.verified_at,
		})
	}

	/// Whether `who` has committed an attestation of `code` in `period` (counted or not).
	fn attested(code: &PartyCode, period: PeriodId, who: &T::AccountId) -> bool {
		Attestations::<T>::get(period, code).iter().any(|a| &a.oracle == who)
	}
}

impl<T: Config> OnFinalValue for Pallet<T> {
	/// Judge the pledge's oracles against its final value (once per pledge). Reports
	/// `judge_pledge(k, s)` for the `k` oracles kept and `s` slashed, plus the length read.
	fn on_final_value(code: &PartyCode, period: PeriodId, value: Option<Estimate>) -> Weight {
		let (attestations, slashed) = Self::judge(code, period, value).unwrap_or((0, 0));
		T::DbWeight::get().reads(1).saturating_add(Self::judged_weight(attestations, slashed))
	}

	fn final_value_weight(code: &PartyCode, period: PeriodId) -> Weight {
		// The length read that sizes the charge, plus the benchmarked judgment.
		T::DbWeight::get().reads(1).saturating_add(Self::judge_weight(code, period))
	}

	fn max_final_value_weight() -> Weight {
		T::DbWeight::get()
			.reads(1)
			.saturating_add(T::WeightInfo::judge_pledge(0, T::MaxOraclesPerPledge::get()))
	}

	/// A pledge without attestations: the length read and `judge_pledge(0, 0)`.
	fn base_final_value_weight() -> Weight {
		T::DbWeight::get().reads(1).saturating_add(T::WeightInfo::judge_pledge(0, 0))
	}
}
