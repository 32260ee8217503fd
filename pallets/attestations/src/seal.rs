//! Sealed attestations, the work behind the `commit` and `reveal` calls and their batches: an
//! oracle commits a hash of its reading until the attestation deadline, and reveals the reading
//! in the reveal window; a reveal that does not hash to the commitment is refused. Until the
//! reveal, storage, events and the runtime API hold only the commitment.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{
	commitment, PartyCode, PeriodCalendar, PeriodId, PledgeInspect, RawPartyCode, Reading,
};
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// `who`'s registry entry, if it may commit now: approved and not suspended.
	pub(crate) fn committer(who: &T::AccountId) -> Result<OracleInfo<T>, DispatchError> {
		let oracle = Oracles::<T>::get(who).ok_or(Error::<T>::NotOracle)?;
		match oracle.status {
			OracleStatus::Approved => {}
			OracleStatus::Applied => return Err(Error::<T>::OracleNotApproved.into()),
			OracleStatus::Removed => return Err(Error::<T>::OracleRemoved.into()),
		}
		ensure!(oracle.bond >= T::MinOracleBond::get(), Error::<T>::OracleSuspended);
		Ok(oracle)
	}

	/// Whether `period` takes commits now: known, after its pledge deadline, up to its
	/// attestation deadline, and in the verification `schedule` (a cancelled period leaves it).
	pub(crate) fn commit_window(
		period: PeriodId,
		now: BlockNumberFor<T>,
		schedule: &[ScheduledPeriodOf<T>],
	) -> DispatchResult {
		let info = T::Calendar::period(period).ok_or(Error::<T>::UnknownPeriod)?;
		ensure!(now > info.pledge_deadline, Error::<T>::PledgeDeadlineNotPassed);
		ensure!(now <= info.attestation_deadline, Error::<T>::AttestationDeadlinePassed);
		ensure!(Self::is_scheduled(schedule, period), Error::<T>::PeriodNotScheduled);
		Ok(())
	}

	/// Put `who`'s `commitment` for `code` in `period` in place (the window and the oracle
	/// checked by the caller); returns whether it replaced the oracle's own earlier one. Writes
	/// nothing when it fails.
	fn place_commitment(
		who: &T::AccountId,
		code: &RawPartyCode,
		period: PeriodId,
		commitment: H256,
		now: BlockNumberFor<T>,
	) -> Result<bool, DispatchError> {
		let code = PartyCode::try_from(code).map_err(Error::<T>::from)?;
		ensure!(T::Pledges::pledge(&code, period).is_some(), Error::<T>::NoPledge);
		let attestation = Attestation { oracle: who.clone(), commitment, reading: None, at: now };
		let replaced = Attestations::<T>::try_mutate(period, code, |list| {
			match list.iter_mut().find(|a| &a.oracle == who) {
				Some(earlier) => {
					*earlier = attestation;
					Ok(true)
				}
				None => list
					.try_push(attestation)
					.map(|()| false)
					.map_err(|_| Error::<T>::TooManyAttestations),
			}
		})?;
		Self::deposit_event(Event::Committed {
			oracle: who.clone(),
			code,
			period,
			commitment,
			replaced,
		});
		Ok(replaced)
	}

	/// Count `new` more pledges whose value `who` must see final before it may retire: counted
	/// from the commit, so that nobody can retire between committing and revealing.
	fn count_unfinal(who: &T::AccountId, mut oracle: OracleInfo<T>, new: u32) -> DispatchResult {
		if new > 0 {
			oracle.unfinal = oracle.unfinal.checked_add(new).ok_or(Error::<T>::Overflow)?;
			Oracles::<T>::insert(who, oracle);
		}
		Ok(())
	}

	/// Commit `commitment` for `code` in `period` as oracle `who`; returns whether it replaced
	/// the oracle's own earlier commitment. Writes nothing when it fails.
	pub(crate) fn do_commit(
		who: &T::AccountId,
		code: &RawPartyCode,
		period: PeriodId,
		commitment: H256,
	) -> Result<bool, DispatchError> {
		let oracle = Self::committer(who)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::commit_window(period, now, &Schedule::<T>::get())?;
		frame_support::storage::with_storage_layer(|| {
			let replaced = Self::place_commitment(who, code, period, commitment, now)?;
			Self::count_unfinal(who, oracle, u32::from(!replaced))?;
			Ok(replaced)
		})
	}

	/// Commit every item of a batch as oracle `who`, which must be allowed to commit (the
	/// whole call fails otherwise). The registry entry, the schedule and each period's calendar
	/// are read once for the batch and the oracle's count written once, so an item costs little
	/// more than its own pledge and attestation list. Each item stands alone: a bad one changes
	/// nothing and is reported with [`Event::BatchItemFailed`]. Returns whether the batch is free
	/// (every item a successful first commit).
	pub(crate) fn do_commit_batch(
		who: &T::AccountId,
		items: &[CommitItem],
	) -> Result<bool, DispatchError> {
		let oracle = Self::committer(who)?;
		let now = frame_system::Pallet::<T>::block_number();
		let schedule = Schedule::<T>::get();
		let mut windows: Vec<(PeriodId, DispatchResult)> = Vec::new();
		let mut free = true;
		let mut new: u32 = 0;
		for (index, item) in items.iter().enumerate() {
			let window = match windows.iter().find(|(p, _)| *p == item.period) {
				Some((_, window)) => *window,
				None => {
					let window = Self::commit_window(item.period, now, &schedule);
					windows.push((item.period, window));
					window
				}
			};
			let result = window.and_then(|()| {
				Self::place_commitment(who, &item.code, item.period, item.commitment, now)
			});
			match result {
				Ok(replaced) => {
					free &= !replaced;
					new = new.saturating_add(u32::from(!replaced));
				}
				Err(error) => {
					free = false;
					Self::deposit_event(Event::BatchItemFailed {
						index: u32::try_from(index).unwrap_or(u32::MAX),
						error,
					});
				}
			}
		}
		Self::count_unfinal(who, oracle, new)?;
		Ok(free)
	}

	/// Whether `period`'s reveal window is open now: after its attestation deadline, up to its
	/// reveal deadline.
	fn reveal_window(period: PeriodId, now: BlockNumberFor<T>) -> DispatchResult {
		let info = T::Calendar::period(period).ok_or(Error::<T>::UnknownPeriod)?;
		ensure!(now > info.attestation_deadline, Error::<T>::RevealWindowNotOpen);
		ensure!(now <= info.reveal_deadline, Error::<T>::RevealDeadlinePassed);
		Ok(())
	}

	/// Reveal `item` as oracle `who` (the window checked by the caller). Any registered oracle
	/// may reveal what it committed (a removed or suspended one too: its reading is judged like
	/// any other). Writes nothing when it fails.
	fn place_reveal(who: &T::AccountId, item: &RevealItem) -> DispatchResult {
		let code = PartyCode::try_from(&item.code).map_err(Error::<T>::from)?;
		let reading =
			Reading { tonnes: item.tonnes, half_width: item.half_width, evidence: item.evidence.0 };
		Attestations::<T>::try_mutate(item.period, code, |list| -> DispatchResult {
			let attestation =
				list.iter_mut().find(|a| &a.oracle == who).ok_or(Error::<T>::NotCommitted)?;
			ensure!(attestation.reading.is_none(), Error::<T>::AlreadyRevealed);
			let expected = commitment(item.period, &code, who, &reading, &item.salt);
			ensure!(attestation.commitment.0 == expected, Error::<T>::CommitmentMismatch);
			attestation.reading = Some(reading);
			Ok(())
		})?;
		Self::deposit_event(Event::Revealed {
			oracle: who.clone(),
			code,
			period: item.period,
			tonnes: item.tonnes,
			half_width: item.half_width,
			evidence: item.evidence,
		});
		Ok(())
	}

	/// Reveal `item` as oracle `who`. Writes nothing when it fails.
	pub(crate) fn do_reveal(who: &T::AccountId, item: &RevealItem) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		Self::reveal_window(item.period, now)?;
		Self::place_reveal(who, item)
	}

	/// Reveal every item of a batch as oracle `who`, reading each period's calendar once. Each
	/// item stands alone: a bad one changes nothing and is reported with
	/// [`Event::BatchItemFailed`]. Returns whether the batch is free (every item revealed).
	pub(crate) fn do_reveal_batch(who: &T::AccountId, items: &[RevealItem]) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		let mut windows: Vec<(PeriodId, DispatchResult)> = Vec::new();
		let mut free = true;
		for (index, item) in items.iter().enumerate() {
			let window = match windows.iter().find(|(p, _)| *p == item.period) {
				Some((_, window)) => *window,
				None => {
					let window = Self::reveal_window(item.period, now);
					windows.push((item.period, window));
					window
				}
			};
			if let Err(error) = window.and_then(|()| Self::place_reveal(who, item)) {
				free = false;
				Self::deposit_event(Event::BatchItemFailed {
					index: u32::try_from(index).unwrap_or(u32::MAX),
					error,
				});
			}
		}
		free
	}
}
