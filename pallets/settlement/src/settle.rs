//! The settlement engine, run from `on_initialize`: retry the deferred queue, walk the due
//! periods' pledges within the block's weight budget, settle each pledge with its conditional
//! transfers, and drop finished periods from the schedule.
//!
//! Weight accounting: every step is charged to a [`WeightMeter`] limited to
//! `T::MaxSettlementWeight` before it runs, using only `try_consume`, so the weight returned to
//! the block never exceeds the budget (given `integrity_test`'s check that the budget covers the
//! fixed overhead plus one pledge with the most transfers).
//!
//! - [`Pallet::block_overhead`]`(d)`: `settlement_base(d)` (reading and writing the schedule
//!   and the deferred queue, and re-reading the verification of each of the `d` deferred
//!   pledges) plus one read and one write of the climate fund's account. Everything forfeited
//!   in the block goes to that one account, which is read from the database once and written back
//!   once at the end of the block, so the per-pledge benchmarks whitelist it.
//! - per page of the walk: one read, plus one read per pledge asked for (`T::DbWeight`).
//! - [`Pallet::settle_weight`]`(t)`: one pledge with `t` conditional transfers, from reading
//!   its verification to recording its outcome (`settle_pledge()` without transfers, the usual
//!   case, and `settle_pledge_with_transfers(t)` with them), plus what `T::OnFinal` says telling
//!   it the final value costs for this pledge (judging its oracles, closing its dispute).
//! - `defer_pledge()`: one pledge whose verification is not final, put in the deferred queue.
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
	/// It settled, but an escrow could not be released yet: retry it from the deferred queue.
	SettledPending,
	/// Ending its bond (or releasing a leftover escrow of a settled pledge) failed: nothing was
	/// dropped; retry it from the deferred queue.
	Failed,
	/// Nothing to do (no such pledge, or already settled): move on.
	Skipped,
	/// Its verification is not final: it went to the deferred queue.
	Deferred,
	/// The deferred queue is full: stop here and retry in a later block.
	QueueFull,
	/// The block's budget cannot afford it: stop here and retry in the next block.
	OutOfWeight,
}

impl<T: Config> Pallet<T> {
	/// The weight one block needs at least to make progress: the fixed overhead with a full
	/// deferred queue, one page read, and one pledge with the most transfers.
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

	/// The fixed part of a settlement block with `deferred` pledges waiting: the schedule and
	/// the queue, and the climate fund's account, touched at most once per block (idle blocks
	/// only pay `settlement_base(0)`).
	pub fn block_overhead(deferred: u32) -> Weight {
		T::WeightInfo::settlement_base(deferred).saturating_add(Self::fund_account_weight())
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
	/// the fixed part with an empty deferred queue): with the runtime's `MaxSettlementWeight`,
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
	pub(crate) fn settle_block(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::MaxSettlementWeight::get());
		let deferred_len = Deferred::<T>::decode_len().unwrap_or(0);
		let base = T::WeightInfo::settlement_base(u32::try_from(deferred_len).unwrap_or(u32::MAX));
		if meter.try_consume(base).is_err() {
			// Ruled out by `integrity_test`; do nothing rather than go over the budget.
			return T::DbWeight::get().reads(1);
		}

		let mut schedule = Schedule::<T>::get();
		let walking = schedule.iter().any(|entry| Self::is_due(entry, now));
		if deferred_len == 0 && !walking {
			return meter.consumed();
		}
		// Only a block with work pays for the climate fund's account (see the module docs);
		// `integrity_test` checks the budget covers it through `block_overhead`.
		if meter.try_consume(Self::fund_account_weight()).is_err() {
			return meter.consumed();
		}

		let mut deferred = Deferred::<T>::get();
		Self::retry_deferred(now, &mut schedule, &mut deferred, &mut meter);
		Self::walk(now, &mut schedule, &mut deferred, &mut meter);
		Self::drop_finished(&mut schedule, &deferred);
		Schedule::<T>::put(schedule);
		Deferred::<T>::put(deferred);
		meter.consumed()
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

	/// Settle the deferred pledges whose verification has become final, in queue order, while
	/// the budget lasts. Re-reading each verification is paid for by `settlement_base`.
	fn retry_deferred(
		now: BlockNumberFor<T>,
		schedule: &mut ScheduleOf<T>,
		deferred: &mut DeferredOf<T>,
		meter: &mut WeightMeter,
	) {
		let waiting = core::mem::take(deferred);
		let mut out_of_weight = false;
		for (period, code) in waiting {
			let keep = if out_of_weight {
				true
			} else {
				let verification = T::Emissions::verification(&code, period);
				match schedule.iter_mut().find(|entry| entry.period == period) {
					// Still waiting for the challenge to be resolved (a cancelled period waits
					// for nothing).
					Some(entry) if !entry.cancelled && !verification.is_final() => true,
					None if !verification.is_final() => true,
					Some(entry) => match Self::settle_within(
						period,
						code,
						&entry.terms,
						Self::verdict(entry.cancelled, verification),
						now,
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
							out_of_weight = true;
							true
						}
						_ => false,
					},
					None => {
						// A deferred pledge's period stays scheduled until it settles.
						defensive!("deferred pledge of an unscheduled period");
						false
					}
				}
			};
			if keep && deferred.try_push((period, code)).is_err() {
				// Cannot happen: at most as many entries go back as came out.
				defensive!("deferred queue shrank");
			}
		}
	}

	/// Walk the due periods' pledges, page by page, until the budget runs out, the deferred
	/// queue is full, or every due period has been walked.
	fn walk(
		now: BlockNumberFor<T>,
		schedule: &mut ScheduleOf<T>,
		deferred: &mut DeferredOf<T>,
		meter: &mut WeightMeter,
	) {
		let db = T::DbWeight::get();
		let per_pledge = Self::per_pledge_weight();
		for entry in schedule.iter_mut() {
			if !Self::is_due(entry, now) {
				continue;
			}
			loop {
				let after = match entry.cursor {
					WalkCursor::NotStarted => None,
					WalkCursor::After(code) => Some(code),
					WalkCursor::Finished => break,
				};
				let affordable = meter
					.remaining()
					.saturating_sub(db.reads(1))
					.checked_div_per_component(&per_pledge)
					.unwrap_or(u64::MAX);
				let limit = u32::try_from(affordable).unwrap_or(u32::MAX).min(MAX_PAGE);
				if limit == 0 || !meter.can_consume(db.reads(u64::from(limit).saturating_add(1))) {
					return;
				}
				let page = T::Pledges::pledges_page(entry.period, after, limit);
				let fetched = page.len();
				// At most `limit` codes came back, so this fits in what was checked above.
				let page_weight =
					db.reads(u64::try_from(fetched).unwrap_or(u64::MAX).saturating_add(1));
				if meter.try_consume(page_weight).is_err() {
					return;
				}
				for code in page {
					let visit = if entry.cancelled {
						Self::settle_within(
							entry.period,
							code,
							&entry.terms,
							Verdict::Cancelled,
							now,
							meter,
						)
					} else {
						Self::visit(entry.period, code, &entry.terms, now, deferred, meter)
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
							// Kept for retry. Should the queue be full, the retry would be lost:
							// the walk stops before the next pledge and a later block retries
							// this one from the deferred queue once there is room.
							if deferred.try_push((entry.period, code)).is_err() {
								Self::deposit_event(Event::DeferredQueueFull {
									code,
									period: entry.period,
								});
								return;
							}
						}
						Visit::QueueFull | Visit::OutOfWeight => return,
					}
				}
				if u32::try_from(fetched).is_ok_and(|fetched| fetched < limit) {
					entry.cursor = WalkCursor::Finished;
				}
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
				meter,
			);
		}
		if meter.try_consume(T::WeightInfo::defer_pledge()).is_err() {
			return Visit::OutOfWeight;
		}
		if deferred.try_push((period, code)).is_err() {
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
		meter: &mut WeightMeter,
	) -> Visit {
		let transfers = TransfersByPledge::<T>::decode_len(period, code).unwrap_or(0);
		let transfers = u32::try_from(transfers).unwrap_or(u32::MAX);
		let weight = match verdict {
			Verdict::Final(_) => Self::settle_weight(transfers)
				.saturating_add(T::OnFinal::final_value_weight(&code, period)),
			// Nothing was attested, so nobody is judged: `T::OnFinal` is not called.
			Verdict::Cancelled => Self::refund_weight(transfers),
		};
		if meter.try_consume(weight).is_err() {
			// The reads made so far are what deferring costs; pay for them if possible.
			let _ = meter.try_consume(T::WeightInfo::defer_pledge());
			return Visit::OutOfWeight;
		}
		Self::settle_pledge(period, code, terms, verdict, now)
	}

	/// Settle one pledge whose verification is final: end its bond through
	/// [`PledgeSettle::settle`], execute its conditional transfers, record the outcome. For a
	/// cancelled period ([`Verdict::Cancelled`]) the same step is a refund: nothing forfeited,
	/// nothing earned, outcome `Cancelled`, and `T::OnFinal` is not told (no value exists).
	fn settle_pledge(
		period: PeriodId,
		code: PartyCode,
		terms: &PeriodTerms<BalanceOf<T>>,
		verdict: Verdict,
		now: BlockNumberFor<T>,
	) -> Visit {
		// The outcome record is the authority: it is only written after `settle` succeeded.
		let pledge = match T::Pledges::pledge(&code, period) {
			Some(pledge) if !Outcomes::<T>::contains_key(period, code) => pledge,
			_ => {
				// Nothing left to settle; no escrow may stay behind.
				return if Self::refund_transfers(period, code) {
					Visit::Skipped
				} else {
					Visit::Failed
				};
			}
		};
		let assessment = match verdict {
			Verdict::Final(verification) => outcome::assess(verification, pledge.cap),
			Verdict::Cancelled => Some(outcome::cancelled()),
		};
		let Some(assessment) = assessment else {
			defensive!("settle_pledge called with a verification that is not final");
			return Visit::Skipped;
		};
		let forfeited = outcome::forfeited(&assessment, pledge.cap, pledge.bond, terms);
		let bond = match T::Pledges::settle(&code, period, forfeited, &Self::fund_account()) {
			Ok(bond) => bond,
			Err(error) => {
				// Nothing moved: the bond stays held and the escrows stay open, and the pledge
				// is retried from the deferred queue in every later block until it settles.
				Self::deposit_event(Event::SettlementFailed { code, period, error });
				return Visit::Failed;
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

		Outcomes::<T>::insert(
			period,
			code,
			OutcomeRecord {
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
			},
		);
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
		if let Verdict::Final(_) = verdict {
			T::OnFinal::on_final_value(&code, period, assessment.verified);
		}
		if pending {
			Visit::SettledPending
		} else {
			Visit::Settled
		}
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
	/// waits in the deferred queue.
	fn drop_finished(schedule: &mut ScheduleOf<T>, deferred: &DeferredOf<T>) {
		schedule.retain(|entry| {
			let done = entry.cursor == WalkCursor::Finished
				&& !deferred.iter().any(|(period, _)| *period == entry.period);
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
