//! The verification engine, run from `on_initialize`: continue the first scheduled period whose
//! attestation deadline has passed, verify as many of its pledges as the block's budget
//! affords (median of a quorum, publish the result), and drop the period from the schedule once
//! every pledge is verified. Nobody is slashed here: oracles are judged against the *final*
//! value, once it is known (`judge.rs`).
//!
//! Weight accounting: every step is charged to a [`WeightMeter`] limited to
//! `T::MaxVerificationWeight` before it runs, using only `try_consume`, so the weight returned to
//! the block never exceeds the budget (given `integrity_test`'s check that the budget covers the
//! fixed overhead plus one worst-case pledge).
//!
//! - the schedule: one read in every block; in a block with a due period, its write and the
//!   write marking the period verified ([`Pallet::verification_overhead`] counts all three).
//! - per pledge: `verify_pledge(n)` for its `n` attestations, which the benchmark measures from
//!   reading the page of pledges to publishing the result. The page is sized
//!   so that every pledge on it fits even in the worst case (`MaxOraclesPerPledge`
//!   attestations): [`Pallet::pledges_per_block`].

use crate::{median, pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{PartyCode, PeriodId, PledgeInspect, Tonnes};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// The fixed part of a verification block: reading the schedule and, when a period is due,
	/// writing it back and marking the period verified.
	pub fn verification_overhead() -> Weight {
		T::DbWeight::get().reads_writes(1, 2)
	}

	/// The weight of verifying one pledge in the worst case: `MaxOraclesPerPledge`
	/// attestations.
	pub fn worst_pledge_weight() -> Weight {
		T::WeightInfo::verify_pledge(T::MaxOraclesPerPledge::get())
	}

	/// How many pledges one block verifies within `budget`, counting each as the worst case:
	/// with the runtime's `MaxVerificationWeight`, the pledges verified per block.
	pub fn pledges_per_block(budget: Weight) -> u32 {
		budget
			.saturating_sub(Self::verification_overhead())
			.checked_div_per_component(&Self::worst_pledge_weight())
			.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
	}

	/// Verification for block `now`, within `T::MaxVerificationWeight`. Returns the weight used.
	pub(crate) fn verify_block(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::MaxVerificationWeight::get());
		Self::run_verification(now, &mut meter);
		meter.consumed()
	}

	/// One block's verification work: continue the first scheduled period whose attestation
	/// deadline has passed, verifying as many pledges as `meter` affords, each charged before
	/// it runs.
	pub fn run_verification(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let db = T::DbWeight::get();
		if meter.try_consume(db.reads(1)).is_err() {
			// Ruled out by `integrity_test`; do nothing rather than go over the budget.
			return;
		}
		let mut schedule = Schedule::<T>::get();
		let Some(entry) = schedule.iter_mut().find(|s| s.attestation_deadline < now) else {
			return;
		};
		let writes = db.writes(2);
		let limit = meter
			.remaining()
			.saturating_sub(writes)
			.checked_div_per_component(&Self::worst_pledge_weight())
			.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
		if limit == 0 || meter.try_consume(writes).is_err() {
			return;
		}

		let period = entry.period;
		let page = T::Pledges::pledges_page(period, entry.cursor, limit);
		let mut processed: u32 = 0;
		let mut out_of_weight = false;
		for code in page.into_iter().take(usize::try_from(limit).unwrap_or(usize::MAX)) {
			let attestations = Attestations::<T>::get(period, code);
			let total = u32::try_from(attestations.len()).unwrap_or(u32::MAX);
			if meter.try_consume(T::WeightInfo::verify_pledge(total)).is_err() {
				// Cannot happen (the page was sized for the worst case); retry next block.
				out_of_weight = true;
				break;
			}
			Self::verify_pledge(period, &code, attestations, now);
			entry.cursor = Some(code);
			processed.saturating_inc();
		}
		entry.done.saturating_accrue(processed);
		if processed < limit && !out_of_weight {
			let pledges = entry.done;
			schedule.retain(|s| s.period != period);
			VerifiedPeriods::<T>::insert(period, now);
			Self::deposit_event(Event::PeriodVerified { period, pledges });
		}
		Schedule::<T>::put(schedule);
	}

	/// Verify one pledge from its `attestations`: median of a quorum of counted attestations
	/// (those of oracles that are still registered and not removed), publish the result. This is
	/// the step `verify_pledge(n)` measures.
	fn verify_pledge(
		period: PeriodId,
		code: &PartyCode,
		attestations: AttestationsOf<T>,
		now: BlockNumberFor<T>,
	) {
		let mut values: Vec<Tonnes> =
			Self::counted(attestations).into_iter().map(|(_, t)| t).collect();
		let n = u32::try_from(values.len()).unwrap_or(u32::MAX);
		let median = if n >= Quorum::<T>::get() { median::lower_median(&mut values) } else { None };

		let result = match median {
			Some(median) => {
				Self::deposit_event(Event::EmissionsVerified {
					code: *code,
					period,
					tonnes: median,
					attestations: n,
				});
				VerificationResult::Published(median)
			}
			None => {
				Self::deposit_event(Event::EmissionsUnverified {
					code: *code,
					period,
					attestations: n,
				});
				VerificationResult::Unverified
			}
		};
		Verifications::<T>::insert(
			period,
			code,
			VerificationRecord { result, median, attestations: n, verified_at: now, judged: None },
		);
	}

	/// The attestations that count: those of oracles still registered and not removed, as
	/// `(oracle, tonnes)`.
	pub(crate) fn counted(attestations: AttestationsOf<T>) -> Vec<(T::AccountId, Tonnes)> {
		attestations
			.into_iter()
			.filter(|a| {
				Oracles::<T>::get(&a.oracle).is_some_and(|o| o.status != OracleStatus::Removed)
			})
			.map(|a| (a.oracle, a.tonnes))
			.collect()
	}
}
