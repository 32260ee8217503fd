//! The settlement engine, run from `on_initialize`: serve the scheduled periods in turn, each
//! by retrying its own deferred list and walking its pledges within the block's weight budget,
//! settle each pledge with its conditional transfers, and drop finished periods from the
//! schedule.
//!
//! No structure is shared by all periods: each period has its own bounded deferred list, so a
//! period whose disputed pledges fill its list pauses only its own walk. The block serves the
//! periods starting with the one [`Turn`](crate::Turn) names and moves the turn on by one, so
//! when one period's work takes the whole budget the next block starts with the next period.
//!
//! Weight accounting: every step is charged to a [`WeightMeter`] limited to
//! `T::MaxSettlementWeight` before it runs, using only `try_consume`, so the weight returned to
//! the block never exceeds the budget (given `integrity_test`'s check that the budget covers the
//! fixed overhead plus one pledge with the most transfers).
//!
//! - every block: `settlement_base(0)` (reading the schedule); a block with work adds one read
//!   and write of the climate fund's account and of the turn, and one read of what other hooks
//!   lend (`T::SpareWeight`), which raises the block's limit above `T::MaxSettlementWeight`. Everything forfeited in the block
//!   goes to that one account, which is read from the database once and written back once at the
//!   end of the block, so the per-pledge benchmarks whitelist it.
//! - per period with `d` deferred pledges, when served: `settlement_base(d)` (reading and
//!   writing its list, and re-reading the verification of each of its pledges; it also counts
//!   the schedule again, an upper bound).
//! - per page of the walk: one read, plus one read per pledge asked for (`T::DbWeight`).
//! - [`Pallet::settle_weight`]`(t)`: one pledge with `t` conditional transfers, from reading
//!   its verification to recording its outcome (`settle_pledge()` without transfers, the usual
//!   case, and `settle_pledge_with_transfers(t)` with them), plus what `T::OnFinal` says telling
//!   it the final value costs for this pledge (judging its oracles, closing its dispute).
//! - `defer_pledge()`: one pledge whose verification is not final, put in its period's list.
//! - [`Pallet::refund_weight`]`(t)`: one pledge of a cancelled period with `t` conditional
//!   transfers, refunded: charged like settling it, `settle_pledge_with_transfers(max(t, 1))`,
//!   plus two reads and a write (`PledgeSettle::settle` reads the cancellation mark and reads
//!   and writes the party's ratchet history to drop the cancelled pledge from it). No separate
//!   benchmark: the refund does what settling does, minus reading the verification and telling
//!   `T::OnFinal`.

use crate::{outcome, pallet::*, types::*, OutcomeRecord, WeightInfo};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{
	OnFinalValue, PartyCode, PeriodId, PeriodTerms, PledgeInspect, PledgeSettle, Verification,
	VerifiedEmissions,
};
use sp_runtime::traits::{Saturating, Zero};

/// The most pledges asked for in one page of the walk (the weight budget usually limits it
/// further).
pub(crate) const MAX_PAGE: u32 = 1_000;

/// What a pledge is settled on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Verdict {
	/// Its final verification (`Verified` or `Unverified`).
	Final(Verification),
	/// Its period was cancelled: a refund.
	Cancelled,
}

/// What became of one pledge the walk reached.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Visit {
	/// It settled.
	Settled,
	/// It settled, but an escrow could not be released yet: retry it from its period's deferred list.
	SettledPending,
	/// Ending its bond (or releasing a leftover escrow of a settled pledge) failed: nothing was
	/// dropped; retry it from its period's deferred list.
	Failed,
	/// Nothing to do (no such pledge, or already settled): move on.
	Skipped,
	/// Its verification is not final: it went to its period's deferred list.
	Deferred,
	/// Its period's deferred list is full: pause this period's walk here and retry later.
	QueueFull,
	/// The block's budget cannot afford it: stop here and retry in the next block.
	OutOfWeight,
}

/// How serving one period in a block ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Served {
	/// Everything that could be done for it now was done (or its walk is not due).
	Done,
	/// Its deferred list is full: its walk waits until one of them settles; serve the next
	/// period.
	Paused,
	/// The block's budget ran out: stop the block here.
	OutOfWeight,
}

impl<T: Config> Pallet<T> {
	/// The weight one block needs at least to make progress: the fixed overhead with one
	/// period's full deferred list, one page read, and one pledge with the most transfers.
	pub(crate) fn min_block_progress() -> Weight {
		Self::block_overhead(T::MaxDeferred::get())
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(
				Self::settle_weight(T::MaxTransfersPerPledge::get())
					.saturating_add(T::OnFinal::max_final_value_weight())
					.max(Self::refund_weight(T::MaxTransfersPerPledge::get()))
					.max(T::WeightInfo::defer_pledge()),
			)
	}

	/// The fixed part of a settlement block whose first served period has `deferred` pledges
	/// waiting: the schedule, that period's list and totals, and the climate fund's account and the turn,
	/// touched at most once per block (idle blocks only pay `settlement_base(0)`). Every
	/// further period with a deferred list is charged `settlement_base(d)` again when served
	/// (an upper bound: the schedule is only read once).
	pub fn block_overhead(deferred: u32) -> Weight {
		T::WeightInfo::settlement_base(deferred)
			.saturating_add(T::WeightInfo::settlement_base(0))
			.saturating_add(Self::turn_weight())
			.saturating_add(Self::period_totals_weight())
	}

	/// Adding a block's outcomes to a served period's totals: one read and one write per period
	/// and block (the pledges' records are counted in memory meanwhile).
	fn period_totals_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// One read and one write of the climate fund's account: what everything forfeited in a block
	/// costs it, however much there is (the per-pledge benchmarks whitelist the account).
	fn fund_account_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// The weight of settling one pledge with `transfers` conditional transfers.
	pub fn settle_weight(transfers: u32) -> Weight {
		if transfers == 0 {
			T::WeightInfo::settle_pledge()
		} else {
			T::WeightInfo::settle_pledge_with_transfers(transfers)
		}
	}

	/// What the walk reckons per pledge it reaches without conditional transfers: settling (or
	/// deferring) it, and reading its key from the page. Pages are sized with it (an upper bound
	/// of how many pledges a block can reach); each pledge is then charged what it really costs,
	/// `T::OnFinal`'s share for its actual attestations and dispute included, and the walk stops
	/// when the budget cannot afford the next one.
	pub fn per_pledge_weight() -> Weight {
		Self::settle_weight(0)
			.max(T::WeightInfo::defer_pledge())
			.saturating_add(T::DbWeight::get().reads(1))
	}

	/// How many pledges without conditional transfers one block settles within `budget` (after
	/// the fixed part with an empty deferred list): with the runtime's `MaxSettlementWeight`,
	/// the pledges settled per block.
	pub fn pledges_per_block(budget: Weight) -> u32 {
		let db = T::DbWeight::get();
		let per_pledge = Self::per_pledge_weight();
		budget
			.saturating_sub(Self::block_overhead(0))
			.saturating_sub(db.reads(1))
			.checked_div_per_component(&per_pledge)
			.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
	}

	/// Settlement for block `now`, within `T::MaxSettlementWeight`. Returns the weight used.
	///
	/// Each scheduled period is served in turn, starting with the one [`Turn`] names: first its
	/// own deferred list is retried, then its walk goes on if it is due. A period whose list is
	/// full pauses only its own walk; when the budget runs out the block stops, and the next
	/// block with work starts one period further, so every period is served first in turn.
	pub(crate) fn settle_block(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::MaxSettlementWeight::get());
		if meter.try_consume(T::WeightInfo::settlement_base(0)).is_err() {
			// Ruled out by `integrity_test`; do nothing rather than go over the budget.
			return T::DbWeight::get().reads(1);
		}

		let mut schedule = Schedule::<T>::get();
		if !schedule.iter().any(|entry| Self::has_work(entry, now)) {
			return meter.consumed();
		}
		// Only a block with work pays for the climate fund's account, the turn and reading the
		// spare weight (see the module docs); `integrity_test` checks the budget covers them
		// through `block_overhead`. From here on the budget includes what other hooks lent.
		if meter.try_consume(Self::turn_weight()).is_err() {
			return meter.consumed();
		}
		let limit = T::MaxSettlementWeight::get().saturating_add(T::SpareWeight::get());
		let mut meter = WeightMeter::with_consumed_and_limit(meter.consumed(), limit);

		let len = schedule.len();
		let first = usize::try_from(Turn::<T>::get()).unwrap_or(0).checked_rem(len).unwrap_or(0);
		for step in 0..len {
			let position = first.saturating_add(step).checked_rem(len).unwrap_or(0);
			let Some(entry) = schedule.get_mut(position) else { break };
			if Self::serve(entry, now, &mut meter) == Served::OutOfWeight {
				break;
			}
		}
		Turn::<T>::put(
			u32::try_from(first.saturating_add(1).checked_rem(len).unwrap_or(0)).unwrap_or(0),
		);
		Self::drop_finished(&mut schedule);
		Schedule::<T>::put(schedule);
		meter.consumed()
	}

	/// One read and write of the climate fund's account, one read and write of [`Turn`] and
	/// one read of `T::SpareWeight`: what a block with settlement work pays once, besides
	/// `settlement_base`.
	fn turn_weight() -> Weight {
		Self::fund_account_weight().saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}

	/// Whether `entry`'s period has anything to do in block `now`: deferred pledges to retry,
	/// or a walk that is due.
	fn has_work(entry: &ScheduledPeriodOf<T>, now: BlockNumberFor<T>) -> bool {
		entry.deferred > 0 || Self::is_due(entry, now)
	}

	/// Serve one period: retry its deferred list (paying `settlement_base(d)` for reading it and
	/// re-reading its `d` verifications), then go on with its walk if it is due.
	fn serve(
		entry: &mut ScheduledPeriodOf<T>,
		now: BlockNumberFor<T>,
		meter: &mut WeightMeter,
	) -> Served {
		// Adding this block's outcomes to the period's totals, paid up front.
		if meter.try_consume(Self::period_totals_weight()).is_err() {
			return Served::OutOfWeight;
		}
		let mut deferred = DeferredOf::<T>::new();
		if entry.deferred > 0 {
			if meter.try_consume(T::WeightInfo::settlement_base(entry.deferred)).is_err() {
				return Served::OutOfWeight;
			}
			deferred = Deferred::<T>::get(entry.period);
		}
		let mut totals = OutcomeTotals::default();
		let mut served = Self::retry_deferred(now, entry, &mut deferred, &mut totals, meter);
		if served == Served::Done && Self::is_due(entry, now) {
			served = Self::walk(now, entry, &mut deferred, &mut totals, meter);
		}
		if totals != OutcomeTotals::default() {
			PeriodOutcomeTotals::<T>::mutate(entry.period, |kept| kept.merge(&totals));
		}
		let count = u32::try_from(deferred.len()).unwrap_or(u32::MAX);
		if count != entry.deferred {
			// Writing the list is part of `settlement_base` (when it was read) or of
			// `defer_pledge` and the settle weights (when a pledge was added to an empty one).
			if deferred.is_empty() {
				Deferred::<T>::remove(entry.period);
			} else {
				Deferred::<T>::insert(entry.period, &deferred);
			}
			entry.deferred = count;
		}
		served
	}

	/// The weight of refunding one pledge of a cancelled period with `transfers` conditional
	/// transfers (see the module docs).
	pub fn refund_weight(transfers: u32) -> Weight {
		T::WeightInfo::settle_pledge_with_transfers(transfers.max(1))
			.saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}

	/// Whether the walk through `entry`'s period should run in block `now`: after its challenge
	/// deadline, or from the block after its cancellation.
	fn is_due(entry: &ScheduledPeriodOf<T>, now: BlockNumberFor<T>) -> bool {
		(entry.cancelled || now > entry.challenge_deadline) && entry.cursor != WalkCursor::Finished
	}

	/// Settle the period's deferred pledges whose verification has become final (or all of them,
	/// refunded, if the period was cancelled), in list order, while the budget lasts. Re-reading
	/// each verification is paid for by `settlement_base`.
	fn retry_deferred(
		now: BlockNumberFor<T>,
		entry: &mut ScheduledPeriodOf<T>,
		deferred: &mut DeferredOf<T>,
		totals: &mut OutcomeTotalsOf<T>,
		meter: &mut WeightMeter,
	) -> Served {
		let waiting = core::mem::take(deferred);
		let mut served = Served::Done;
		for code in waiting {
			let keep = if served == Served::OutOfWeight {
				true
			} else {
				let verification = T::Emissions::verification(&code, entry.period);
				if !entry.cancelled && !verification.is_final() {
					// Still waiting for the value to become final.
					true
				} else {
					match Self::settle_within(
						entry.period,
						code,
						&entry.terms,
						Self::verdict(entry.cancelled, verification),
						now,
						totals,
						meter,
					) {
						Visit::Settled => {
							entry.settled = entry.settled.saturating_add(1);
							false
						}
						Visit::SettledPending => {
							entry.settled = entry.settled.saturating_add(1);
							true
						}
						Visit::Failed => true,
						Visit::OutOfWeight => {
							served = Served::OutOfWeight;
							true
						}
						_ => false,
					}
				}
			};
			if keep && deferred.try_push(code).is_err() {
				// Cannot happen: at most as many entries go back as came out.
				defensive!("deferred list shrank");
			}
		}
		served
	}

	/// Walk one due period's pledges, page by page, until the budget runs out (the block stops),
	/// the period's deferred list is full (this period pauses, the others go on), or the walk
	/// has finished.
	fn walk(
		now: BlockNumberFor<T>,
		entry: &mut ScheduledPeriodOf<T>,
		deferred: &mut DeferredOf<T>,
		totals: &mut OutcomeTotalsOf<T>,
		meter: &mut WeightMeter,
	) -> Served {
		let db = T::DbWeight::get();
		let per_pledge = Self::per_pledge_weight();
		loop {
			let after = match entry.cursor {
				WalkCursor::NotStarted => None,
				WalkCursor::After(code) => Some(code),
				WalkCursor::Finished => return Served::Done,
			};
			let affordable = meter
				.remaining()
				.saturating_sub(db.reads(1))
				.checked_div_per_component(&per_pledge)
				.unwrap_or(u64::MAX);
			let limit = u32::try_from(affordable).unwrap_or(u32::MAX).min(MAX_PAGE);
			if limit == 0 || !meter.can_consume(db.reads(u64::from(limit).saturating_add(1))) {
				return Served::OutOfWeight;
			}
			let page = T::Pledges::pledges_page(entry.period, after, limit);
			let fetched = page.len();
			// At most `limit` codes came back, so this fits in what was checked above.
			let page_weight =
				db.reads(u64::try_from(fetched).unwrap_or(u64::MAX).saturating_add(1));
			if meter.try_consume(page_weight).is_err() {
				return Served::OutOfWeight;
			}
			for code in page {
				let visit = if entry.cancelled {
					Self::settle_within(
						entry.period,
						code,
						&entry.terms,
						Verdict::Cancelled,
						now,
						totals,
						meter,
					)
				} else {
					Self::visit(entry.period, code, &entry.terms, now, deferred, totals, meter)
				};
				match visit {
					Visit::Settled => {
						entry.settled = entry.settled.saturating_add(1);
						entry.cursor = WalkCursor::After(code);
					}
					Visit::Skipped | Visit::Deferred => entry.cursor = WalkCursor::After(code),
					Visit::SettledPending | Visit::Failed => {
						if visit == Visit::SettledPending {
							entry.settled = entry.settled.saturating_add(1);
						}
						entry.cursor = WalkCursor::After(code);
						// Kept for retry. Should the list be full, the retry would be lost: the
						// walk stops before the next pledge and a later block retries this one
						// from the list once there is room.
						if deferred.try_push(code).is_err() {
							Self::deposit_event(Event::DeferredQueueFull {
								code,
								period: entry.period,
							});
							return Served::Paused;
						}
					}
					Visit::QueueFull => return Served::Paused,
					Visit::OutOfWeight => return Served::OutOfWeight,
				}
			}
			if u32::try_from(fetched).is_ok_and(|fetched| fetched < limit) {
				entry.cursor = WalkCursor::Finished;
			}
		}
	}

	/// One step of the walk: settle `code`'s pledge in `period` if its verification is final,
	/// otherwise defer it. This is the step `settle_pledge`, `settle_pledge_with_transfers(t)` and
	/// `defer_pledge()` measure.
	pub(crate) fn visit(
		period: PeriodId,
		code: PartyCode,
		terms: &PeriodTerms<BalanceOf<T>>,
		now: BlockNumberFor<T>,
		deferred: &mut DeferredOf<T>,
		totals: &mut OutcomeTotalsOf<T>,
		meter: &mut WeightMeter,
	) -> Visit {
		let verification = T::Emissions::verification(&code, period);
		if verification.is_final() {
			return Self::settle_within(
				period,
				code,
				terms,
				Verdict::Final(verification),
				now,
				totals,
				meter,
			);
		}
		if meter.try_consume(T::WeightInfo::defer_pledge()).is_err() {
			return Visit::OutOfWeight;
		}
		if deferred.try_push(code).is_err() {
			Self::deposit_event(Event::DeferredQueueFull { code, period });
			return Visit::QueueFull;
		}
		Self::deposit_event(Event::PledgeDeferred { code, period, verification });
		Visit::Deferred
	}

	/// What a pledge settles on: its verification in a period that was not cancelled, or
	/// nothing (a refund) in one that was.
	fn verdict(cancelled: bool, verification: Verification) -> Verdict {
		if cancelled {
			Verdict::Cancelled
		} else {
			Verdict::Final(verification)
		}
	}

	/// Settle a pledge whose verification is final, or refund one of a cancelled period, if
	/// the budget affords its weight with all its transfers.
	fn settle_within(
		period: PeriodId,
		code: PartyCode,
		terms: &PeriodTerms<BalanceOf<T>>,
		verdict: Verdict,
		now: BlockNumberFor<T>,
		totals: &mut OutcomeTotalsOf<T>,
		meter: &mut WeightMeter,
	) -> Visit {
		let transfers = TransfersByPledge::<T>::decode_len(period, code).unwrap_or(0);
		let transfers = u32::try_from(transfers).unwrap_or(u32::MAX);
		let (weight, on_final) = match verdict {
			Verdict::Final(_) => {
				let on_final = Self::on_final_weight(&code, period);
				(Self::settle_weight(transfers).saturating_add(on_final), on_final)
			}
			// Nothing was attested, so nobody is judged: `T::OnFinal` is not called.
			Verdict::Cancelled => (Self::refund_weight(transfers), Weight::zero()),
		};
		if meter.try_consume(weight).is_err() {
			// The reads made so far are what deferring costs; pay for them if possible.
			let _ = meter.try_consume(T::WeightInfo::defer_pledge());
			return Visit::OutOfWeight;
		}
		let (visit, used) = Self::settle_pledge(period, code, terms, verdict, now, totals);
		// Give back what telling `T::OnFinal` did not use (it reports at most the bound).
		let unused =
			on_final.saturating_sub(used.saturating_sub(T::OnFinal::base_final_value_weight()));
		if unused.any_gt(Weight::zero()) {
			let consumed = meter.consumed().saturating_sub(unused);
			*meter = WeightMeter::with_consumed_and_limit(consumed, meter.limit());
		}
		visit
	}

	/// What settlement charges, beyond the settle benchmarks, for telling `T::OnFinal` that
	/// `code`'s value in `period` is final: its bound for this pledge, minus the part the settle
	/// benchmarks already measured (a pledge with no attestation and no dispute).
	pub fn on_final_weight(code: &PartyCode, period: PeriodId) -> Weight {
		T::OnFinal::final_value_weight(code, period)
			.saturating_sub(T::OnFinal::base_final_value_weight())
	}

	/// Settle one pledge whose verification is final: end its bond through
	/// [`PledgeSettle::settle`], execute its conditional transfers, record the outcome. For a
	/// cancelled period ([`Verdict::Cancelled`]) the same step is a refund: nothing forfeited,
	/// nothing earned, outcome `Cancelled`, and `T::OnFinal` is not told (no value exists).
	///
	/// Returns the visit and the weight `T::OnFinal` reported (zero when it was not told). The
	/// outcome is added to `totals`, which the caller adds to the period's kept totals.
	fn settle_pledge(
		period: PeriodId,
		code: PartyCode,
		terms: &PeriodTerms<BalanceOf<T>>,
		verdict: Verdict,
		now: BlockNumberFor<T>,
		totals: &mut OutcomeTotalsOf<T>,
	) -> (Visit, Weight) {
		// The outcome record is the authority: it is only written after `settle` succeeded.
		let pledge = match T::Pledges::pledge(&code, period) {
			Some(pledge) if !Outcomes::<T>::contains_key(period, code) => pledge,
			_ => {
				// Nothing left to settle; no escrow may stay behind.
				let visit = if Self::refund_transfers(period, code) {
					Visit::Skipped
				} else {
					Visit::Failed
				};
				return (visit, Weight::zero());
			}
		};
		let assessment = match verdict {
			Verdict::Final(verification) => outcome::assess(verification, pledge.cap),
			Verdict::Cancelled => Some(outcome::cancelled()),
		};
		let Some(assessment) = assessment else {
			defensive!("settle_pledge called with a verification that is not final");
			return (Visit::Skipped, Weight::zero());
		};
		let forfeited = outcome::forfeited(&assessment, pledge.cap, pledge.bond, terms);
		let bond = match T::Pledges::settle(&code, period, forfeited, &Self::fund_account()) {
			Ok(bond) => bond,
			Err(error) => {
				// Nothing moved: the bond stays held and the escrows stay open, and the pledge
				// is retried from its deferred list in every later block until it settles.
				Self::deposit_event(Event::SettlementFailed { code, period, error });
				return (Visit::Failed, Weight::zero());
			}
		};

		let ids = Self::take_transfer_ids(period, code);
		// Only read the controller when there is something to pay.
		let beneficiary = if ids.is_empty() { None } else { T::Pledges::controller(&code) };
		let mut count = 0u32;
		let mut paid = BalanceOf::<T>::zero();
		let mut refunded = BalanceOf::<T>::zero();
		let mut leftover = BoundedVec::<TransferId, T::MaxTransfersPerPledge>::new();
		for id in ids {
			let Some(transfer) = Transfers::<T>::get(id) else {
				defensive!("listed conditional transfer does not exist");
				continue;
			};
			let earned =
				outcome::earned(&transfer.condition, &assessment, pledge.cap, transfer.amount);
			let (p, r, done) = Self::execute_transfer(id, transfer, earned, beneficiary.as_ref());
			if !done && leftover.try_push(id).is_err() {
				// Cannot happen: at most as many ids as the list held.
				defensive!("leftover transfers exceed the list");
			}
			count = count.saturating_add(1);
			paid = paid.saturating_add(p);
			refunded = refunded.saturating_add(r);
		}
		let pending = !leftover.is_empty();
		if pending {
			TransfersByPledge::<T>::insert(period, code, leftover);
		}

		let record = OutcomeRecord {
			outcome: assessment.outcome,
			verified: assessment.verified,
			cap: pledge.cap,
			bond: pledge.bond,
			forfeited: bond.forfeited,
			released: bond.released,
			transfers: count,
			transfers_paid: paid,
			transfers_refunded: refunded,
			settled_at: now,
		};
		totals.add(&record);
		Outcomes::<T>::insert(period, code, record);
		Self::deposit_event(Event::PledgeSettled {
			code,
			period,
			outcome: assessment.outcome,
			verified: assessment.verified,
			cap: pledge.cap,
			forfeited: bond.forfeited,
			released: bond.released,
			transfers_paid: paid,
			transfers_refunded: refunded,
		});
		// The value is final and the pledge settled: judge its oracles, close its dispute. A
		// cancelled period has no value, no attestation (cancelling is only possible before
		// attesting starts) and no dispute: there is nothing to tell.
		let used = match verdict {
			Verdict::Final(_) => T::OnFinal::on_final_value(&code, period, assessment.verified),
			Verdict::Cancelled => Weight::zero(),
		};
		(if pending { Visit::SettledPending } else { Visit::Settled }, used)
	}

	/// Send every open conditional transfer of a pledge back to its donor. Those whose escrow
	/// cannot be released stay open (and listed); returns whether none is left.
	fn refund_transfers(period: PeriodId, code: PartyCode) -> bool {
		let mut leftover = BoundedVec::<TransferId, T::MaxTransfersPerPledge>::new();
		for id in Self::take_transfer_ids(period, code) {
			if let Some(transfer) = Transfers::<T>::get(id) {
				let (_, _, done) = Self::execute_transfer(id, transfer, Zero::zero(), None);
				if !done && leftover.try_push(id).is_err() {
					defensive!("leftover transfers exceed the list");
				}
			}
		}
		if leftover.is_empty() {
			true
		} else {
			TransfersByPledge::<T>::insert(period, code, leftover);
			false
		}
	}

	/// The ids of a pledge's open conditional transfers, removing the list (without a write
	/// when there is none).
	fn take_transfer_ids(
		period: PeriodId,
		code: PartyCode,
	) -> BoundedVec<TransferId, T::MaxTransfersPerPledge> {
		let ids = TransfersByPledge::<T>::get(period, code);
		if !ids.is_empty() {
			TransfersByPledge::<T>::remove(period, code);
		}
		ids
	}

	/// Pay `earned` of a transfer's escrow to `beneficiary` and release the rest to the donor.
	/// If the payment fails, everything goes back to the donor. The record is only removed once
	/// all of the escrow has moved: if the release fails, the record stays with what is left
	/// (an [`Event::EscrowReleaseFailed`]) and the caller keeps it listed for a retry, which
	/// releases that rest to the donor. Returns `(paid, refunded, done)`.
	fn execute_transfer(
		id: TransferId,
		mut transfer: ConditionalTransferOf<T>,
		earned: BalanceOf<T>,
		beneficiary: Option<&T::AccountId>,
	) -> (BalanceOf<T>, BalanceOf<T>, bool) {
		let reason = HoldReason::Escrow.into();
		let paid = match beneficiary {
			Some(to) if !earned.is_zero() => frame_support::storage::with_storage_layer(|| {
				T::Currency::transfer_on_hold(
					&reason,
					&transfer.donor,
					to,
					earned.min(transfer.amount),
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)
			})
			.unwrap_or_else(|_| Zero::zero()),
			_ => Zero::zero(),
		};
		let rest = transfer.amount.saturating_sub(paid);
		let released = if rest.is_zero() {
			Ok(Zero::zero())
		} else {
			frame_support::storage::with_storage_layer(|| {
				T::Currency::release(&reason, &transfer.donor, rest, Precision::Exact)
			})
		};
		match released {
			Ok(refunded) => {
				Transfers::<T>::remove(id);
				Self::deposit_event(Event::ConditionalTransferExecuted {
					id,
					code: transfer.code,
					period: transfer.period,
					donor: transfer.donor.clone(),
					beneficiary: if paid.is_zero() { None } else { beneficiary.cloned() },
					earned: paid,
					refunded,
				});
				(paid, refunded, true)
			}
			Err(error) => {
				transfer.amount = rest;
				Self::deposit_event(Event::EscrowReleaseFailed {
					id,
					donor: transfer.donor.clone(),
					paid,
					remaining: rest,
					error,
				});
				Transfers::<T>::insert(id, transfer);
				(paid, Zero::zero(), false)
			}
		}
	}

	/// Drop from the schedule the periods whose walk has finished and none of whose pledges
	/// waits in their deferred list.
	fn drop_finished(schedule: &mut ScheduleOf<T>) {
		schedule.retain(|entry| {
			let done = entry.cursor == WalkCursor::Finished && entry.deferred == 0;
			if done {
				Self::deposit_event(Event::PeriodSettled {
					period: entry.period,
					pledges: entry.settled,
				});
			}
			!done
		});
	}
}
