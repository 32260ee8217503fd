//! The verification engine, run from `on_initialize`: serve the scheduled periods whose
//! reveal deadline has passed in turn, verify as many of their pledges as the block's budget
//! affords (the estimate of a quorum of revealed readings, publish the result), and drop a period from the schedule once
//! every pledge of it is verified. Nobody is slashed here: oracles are judged against the *final*
//! value, once it is known (`judge.rs`).
//!
//! Several due periods progress in one block while the budget lasts; the block starts with the
//! period [`VerificationTurn`](crate::VerificationTurn) names and moves the turn on by one, so a
//! large period taking the whole budget leaves the first place of the next block to another
//! period and none starves.
//!
//! Weight accounting: every step is charged to a [`WeightMeter`] limited to
//! `T::MaxVerificationWeight` before it runs, using only `try_consume`, so the weight returned to
//! the block never exceeds the budget (given `integrity_test`'s check that the budget covers the
//! fixed overhead plus one worst-case pledge).
//!
//! - the schedule: one read in every block; in a block with a due period, its write, the
//!   read and write of the turn and the write of what the block used
//!   ([`VerificationUsed`](crate::VerificationUsed), which settlement's budget reads);
//!   [`Pallet::verification_overhead`] counts all five; and per period served the write
//!   marking it verified.
//! - per page: one read per pledge asked for (`T::DbWeight`). A page asks for as many pledges
//!   as the budget left affords at their cheapest (`verify_pledge(0)` each), at most
//!   [`MAX_PAGE`].
//! - per pledge: `verify_pledge(n)` for its actual `n` attestations, which the benchmark
//!   measures from reading the pledge's attestations to publishing the result
//!   ([`Pallet::verify_one`]; before, it measured a whole block of one pledge, charging the
//!   block's fixed writes to every pledge a second time). When the next pledge does
//!   not fit, the block stops before it; the keys of the page not reached were paid for and are
//!   read again next time.

use crate::{median, pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{PartyCode, PeriodId, PledgeInspect, Reading};
use sp_runtime::traits::Saturating;

/// The most pledges asked for in one page (the budget usually limits it further).
pub const MAX_PAGE: u32 = 2_000;

/// How serving one period ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Served {
	/// Every pledge of the period is verified.
	Finished,
	/// The block's budget ran out: stop the block here.
	OutOfWeight,
}

impl<T: Config> Pallet<T> {
	/// The fixed part of a verification block with a due period: reading and writing the
	/// schedule and the turn, and writing what the block used ([`VerificationUsed`]). (An idle
	/// block only reads the schedule.)
	pub fn verification_overhead() -> Weight {
		T::DbWeight::get().reads_writes(2, 3)
	}

	/// What a period served costs besides its pledges: the write marking it verified once its
	/// last page is done.
	fn period_overhead() -> Weight {
		T::DbWeight::get().writes(1)
	}

	/// The weight of verifying one pledge of `attestations` attestations, plus reading its key
	/// in a page: what a page is sized with.
	fn pledge_weight(attestations: u32) -> Weight {
		T::WeightInfo::verify_pledge(attestations).saturating_add(T::DbWeight::get().reads(1))
	}

	/// The weight of verifying one pledge in the worst case: `MaxOraclesPerPledge`
	/// attestations, plus reading its key in a page.
	pub fn worst_pledge_weight() -> Weight {
		Self::pledge_weight(T::MaxOraclesPerPledge::get())
	}

	/// How many pledges one block verifies within `budget` at least, counting each as the worst
	/// case (pledges with fewer attestations cost less, and more of them fit): with the
	/// runtime's `MaxVerificationWeight`, the worst-case pledges verified per block.
	pub fn pledges_per_block(budget: Weight) -> u32 {
		Self::pledges_per_block_with(budget, T::MaxOraclesPerPledge::get())
	}

	/// How many pledges of `attestations` attestations each one block verifies within `budget`
	/// (one period due).
	pub fn pledges_per_block_with(budget: Weight, attestations: u32) -> u32 {
		let per_pledge = Self::pledge_weight(attestations);
		budget
			.saturating_sub(Self::verification_overhead())
			.saturating_sub(Self::period_overhead())
			.checked_div_per_component(&per_pledge)
			.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
	}

	/// Verification for block `now`, within `T::MaxVerificationWeight`. Returns the weight used.
	pub(crate) fn verify_block(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::MaxVerificationWeight::get());
		Self::run_verification(now, &mut meter);
		meter.consumed()
	}

	/// One block's verification work: serve every scheduled period whose attestation deadline
	/// has passed, starting with the one the turn names, verifying as many pledges as `meter`
	/// affords, each charged before it runs.
	pub fn run_verification(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let db = T::DbWeight::get();
		if meter.try_consume(db.reads(1)).is_err() {
			// Ruled out by `integrity_test`; do nothing rather than go over the budget.
			return;
		}
		let mut schedule = Schedule::<T>::get();
		if !schedule.iter().any(|s| s.reveal_deadline < now) {
			return;
		}
		if meter.try_consume(db.reads_writes(1, 3)).is_err() {
			return;
		}
		let len = schedule.len();
		let first = usize::try_from(VerificationTurn::<T>::get())
			.unwrap_or(0)
			.checked_rem(len)
			.unwrap_or(0);
		let mut finished = Vec::new();
		for step in 0..len {
			let position = first.saturating_add(step).checked_rem(len).unwrap_or(0);
			let Some(entry) = schedule.get_mut(position) else { break };
			if entry.reveal_deadline >= now {
				continue;
			}
			match Self::serve(entry, now, meter) {
				Served::Finished => finished.push(entry.period),
				Served::OutOfWeight => break,
			}
		}
		for period in &finished {
			let pledges = schedule.iter().find(|s| s.period == *period).map_or(0, |s| s.done);
			VerifiedPeriods::<T>::insert(period, now);
			Self::deposit_event(Event::PeriodVerified { period: *period, pledges });
		}
		schedule.retain(|s| !finished.contains(&s.period));
		let next = first.saturating_add(1).checked_rem(len).unwrap_or(0);
		VerificationTurn::<T>::put(u32::try_from(next).unwrap_or(0));
		Schedule::<T>::put(schedule);
		// Its write was charged with the overhead above.
		VerificationUsed::<T>::put((now, meter.consumed()));
	}

	/// Verify one due period's pledges, page by page, until it is done or the budget runs out.
	fn serve(
		entry: &mut ScheduledPeriodOf<T>,
		now: BlockNumberFor<T>,
		meter: &mut WeightMeter,
	) -> Served {
		let db = T::DbWeight::get();
		// Marking the period verified, paid up front so that finishing is always affordable.
		if meter.try_consume(Self::period_overhead()).is_err() {
			return Served::OutOfWeight;
		}
		let cheapest = Self::pledge_weight(0);
		loop {
			let affordable = meter
				.remaining()
				.checked_div_per_component(&cheapest)
				.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
			let limit = affordable.min(MAX_PAGE);
			if limit == 0 {
				return Served::OutOfWeight;
			}
			let page = T::Pledges::pledges_page(entry.period, entry.cursor, limit);
			let fetched = u32::try_from(page.len()).unwrap_or(u32::MAX);
			// At most `limit` keys came back, which the check above affords.
			if meter.try_consume(db.reads(u64::from(fetched))).is_err() {
				return Served::OutOfWeight;
			}
			let mut processed: u32 = 0;
			for code in page {
				// The length first (the value is then read from the block's cache): a pledge the
				// budget cannot afford costs only this read, paid if anything is left.
				let total = Attestations::<T>::decode_len(entry.period, code).unwrap_or(0);
				let total = u32::try_from(total).unwrap_or(u32::MAX);
				if meter.try_consume(T::WeightInfo::verify_pledge(total)).is_err() {
					let _ = meter.try_consume(db.reads(1));
					entry.done.saturating_accrue(processed);
					return Served::OutOfWeight;
				}
				Self::verify_one(entry.period, &code, now);
				entry.cursor = Some(code);
				processed.saturating_inc();
			}
			entry.done.saturating_accrue(processed);
			if fetched < limit {
				return Served::Finished;
			}
		}
	}

	/// Verify `code`'s pledge in `period`: read its attestations and [`Self::verify_pledge`].
	/// Exactly what the benchmark `verify_pledge(n)` measures (the block's fixed work, the
	/// page read and the period's completion are charged apart).
	pub(crate) fn verify_one(period: PeriodId, code: &PartyCode, now: BlockNumberFor<T>) {
		let attestations = Attestations::<T>::get(period, code);
		Self::verify_pledge(period, code, attestations, now);
	}

	/// Verify one pledge from its `attestations`: the estimate of a quorum of counted revealed
	/// readings, counting the withheld attestations of counted oracles above every value
	/// ([`median::estimate`]); publish the result. Counted oracles are those still registered
	/// and not removed. This is the step `verify_pledge(n)` measures.
	fn verify_pledge(
		period: PeriodId,
		code: &PartyCode,
		attestations: AttestationsOf<T>,
		now: BlockNumberFor<T>,
	) {
		let (readings, withheld) = Self::counted(attestations);
		let n = u32::try_from(readings.len()).unwrap_or(u32::MAX);
		let estimate =
			if n >= Quorum::<T>::get() { median::estimate(&readings, withheld) } else { None };

		let result = match estimate {
			Some(estimate) => {
				Self::deposit_event(Event::EmissionsVerified {
					code: *code,
					period,
					tonnes: estimate.tonnes,
					low: estimate.low,
					high: estimate.high,
					attestations: n,
					withheld,
				});
				VerificationResult::Published(estimate)
			}
			None => {
				Self::deposit_event(Event::EmissionsUnverified {
					code: *code,
					period,
					attestations: n,
					withheld,
				});
				VerificationResult::Unverified
			}
		};
		Verifications::<T>::insert(
			period,
			code,
			VerificationRecord {
				result,
				attestations: n,
				withheld,
				verified_at: now,
				judged: None,
			},
		);
	}

	/// The attestations that count, those of oracles still registered and not removed: their
	/// revealed readings, and how many of them were withheld (committed, never revealed).
	pub(crate) fn counted(attestations: AttestationsOf<T>) -> (Vec<Reading>, u32) {
		let mut readings = Vec::new();
		let mut withheld: u32 = 0;
		for a in attestations {
			if !Oracles::<T>::get(&a.oracle).is_some_and(|o| o.status != OracleStatus::Removed) {
				continue;
			}
			match a.reading {
				Some(reading) => readings.push(reading),
				None => withheld.saturating_inc(),
			}
		}
		(readings, withheld)
	}
}
