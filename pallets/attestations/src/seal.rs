//! Sealed attestations, the work behind the `commit` and `reveal` calls and their batches: an
//! oracle commits a hash of its reading until the attestation deadline, and reveals the reading
//! in the reveal window; a reveal that does not hash to the commitment is refused. Until the
//! reveal, storage, events and the runtime API hold only the commitment.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;
use pacta_primitives::{
	commitment, PartyCode, PeriodCalendar, PeriodId, PledgeInspect, RawPartyCode, Reading,
};
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// Commit `commitment` for `code` in `period` as oracle `who`; returns whether it replaced
	/// the oracle's own earlier commitment. Writes nothing when it fails.
	pub(crate) fn do_commit(
		who: &T::AccountId,
		code: &RawPartyCode,
		period: PeriodId,
		commitment: H256,
	) -> Result<bool, DispatchError> {
		let code = PartyCode::try_from(code).map_err(Error::<T>::from)?;
		let mut oracle = Oracles::<T>::get(who).ok_or(Error::<T>::NotOracle)?;
		match oracle.status {
			OracleStatus::Approved => {}
			OracleStatus::Applied => return Err(Error::<T>::OracleNotApproved.into()),
			OracleStatus::Removed => return Err(Error::<T>::OracleRemoved.into()),
		}
		ensure!(oracle.bond >= T::MinOracleBond::get(), Error::<T>::OracleSuspended);
		let info = T::Calendar::period(period).ok_or(Error::<T>::UnknownPeriod)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now > info.pledge_deadline, Error::<T>::PledgeDeadlineNotPassed);
		ensure!(now <= info.attestation_deadline, Error::<T>::AttestationDeadlinePassed);
		ensure!(T::Pledges::pledge(&code, period).is_some(), Error::<T>::NoPledge);
		// A cancelled period leaves the schedule.
		ensure!(Self::is_scheduled(&Schedule::<T>::get(), period), Error::<T>::PeriodNotScheduled);

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
		if !replaced {
			// One more value this oracle must see final before it may retire: counted from the
			// commit, so that nobody can retire between committing and revealing.
			oracle.unfinal = oracle.unfinal.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Oracles::<T>::insert(who, oracle);
		}
		Self::deposit_event(Event::Committed {
			oracle: who.clone(),
			code,
			period,
			commitment,
			replaced,
		});
		Ok(replaced)
	}

	/// Reveal `item` as oracle `who`. Any registered oracle may reveal what it committed (a
	/// removed or suspended one too: its reading is judged like any other). Writes nothing when
	/// it fails.
	pub(crate) fn do_reveal(who: &T::AccountId, item: &RevealItem) -> DispatchResult {
		let code = PartyCode::try_from(&item.code).map_err(Error::<T>::from)?;
		let info = T::Calendar::period(item.period).ok_or(Error::<T>::UnknownPeriod)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now > info.attestation_deadline, Error::<T>::RevealWindowNotOpen);
		ensure!(now <= info.reveal_deadline, Error::<T>::RevealDeadlinePassed);
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
}
