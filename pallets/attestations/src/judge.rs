//! Judging oracles against the final estimate, once settlement reports it
//! ([`OnFinalValue`](pacta_primitives::OnFinalValue), in `impl_traits.rs`): an oracle that
//! committed and never revealed is slashed [`Config::WithholdSlash`] (whatever the final value,
//! even when there is none); one whose revealed value (counted in verification or not) lies
//! outside the final interval widened by the tolerance ([`median::outliers`]) is slashed
//! [`Config::OracleSlash`]; the others are not. Every attesting oracle's count of values not yet
//! final goes down by one, so that it may retire once none is left.
//!
//! Weight: `judge_pledge(k, s)` for a pledge's attestations, `k` kept and `s` slashed, plus the
//! read that finds their number. Settlement charges the bound `judge_pledge(0, n)` (every one
//! of the `n` slashed) before the judgment and is refunded what the judgment reports it used.

use crate::{median, pallet::*, types::*, WeightInfo};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use pacta_primitives::{Estimate, PartyCode, PeriodId};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

impl<T: Config> Pallet<T> {
	/// What judging `code`'s pledge in `period` costs at most: the benchmarked
	/// `judge_pledge(0, n)` for its actual number `n` of attestations, all slashed.
	pub fn judge_weight(code: &PartyCode, period: PeriodId) -> Weight {
		let n = Attestations::<T>::decode_len(period, code).unwrap_or(0);
		T::WeightInfo::judge_pledge(0, u32::try_from(n).unwrap_or(u32::MAX))
	}

	/// What a judgment of `attestations` attestations, `slashed` of them slashed, cost.
	pub fn judged_weight(attestations: u32, slashed: u32) -> Weight {
		T::WeightInfo::judge_pledge(attestations.saturating_sub(slashed), slashed)
	}

	/// Judge the oracles of `code`'s pledge in `period` against its final `value` (`None`:
	/// final as unverified or withheld; only withholders are slashed). Runs at most once per pledge: the verification
	/// record remembers the value it was judged against. Returns how many attestations were
	/// judged and how many of them slashed (`None`: nothing to judge).
	pub(crate) fn judge(
		code: &PartyCode,
		period: PeriodId,
		value: Option<Estimate>,
	) -> Option<(u32, u32)> {
		let mut record = Verifications::<T>::get(period, code)?;
		if record.judged.is_some() {
			return None;
		}
		record.judged = Some(value);
		Verifications::<T>::insert(period, code, record);

		let attestations = Attestations::<T>::get(period, code);
		let tolerance = Tolerance::<T>::get();
		let mut slashed: u32 = 0;
		for attestation in attestations.iter() {
			let oracle = &attestation.oracle;
			let share = match (&attestation.reading, &value) {
				(None, _) => Some(T::WithholdSlash::get()),
				(Some(reading), Some(reference))
					if median::is_outlier(reading.tonnes, reference, tolerance) =>
				{
					Some(T::OracleSlash::get())
				}
				_ => None,
			};
			Oracles::<T>::mutate(oracle, |maybe| {
				let Some(info) = maybe.as_mut() else { return };
				info.unfinal = info.unfinal.saturating_sub(1);
				// Every attestation is judged, a removed oracle's too: removal (which governance
				// may do at any time) must not be a way to escape a slash.
				if let Some(share) = share {
					let withheld = attestation.reading.is_none();
					Self::slash(oracle, code, period, info, share, withheld);
					slashed.saturating_inc();
				}
			});
		}
		let judged = u32::try_from(attestations.len()).unwrap_or(u32::MAX);
		Self::deposit_event(Event::OraclesJudged {
			code: *code,
			period,
			value,
			attestations: judged,
			slashed,
		});
		Some((judged, slashed))
	}

	/// Slash `oracle`, whose registry entry the caller holds in `info` (and writes back): move
	/// `share` of its bond to the climate fund, keeping the registered bond in step with the
	/// hold. Never fails: a failed transfer is reported in [`Event::SlashFailed`].
	pub(crate) fn slash(
		oracle: &T::AccountId,
		code: &PartyCode,
		period: PeriodId,
		info: &mut OracleInfo<T>,
		share: Perbill,
		withheld: bool,
	) {
		let amount = share.mul_floor(info.bond);
		if amount.is_zero() {
			return;
		}
		match T::Currency::transfer_on_hold(
			&HoldReason::OracleBond.into(),
			oracle,
			&T::ClimateFund::get(),
			amount,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		) {
			Ok(moved) => {
				let floor = T::MinOracleBond::get();
				let was_above = info.bond >= floor;
				info.bond = info.bond.saturating_sub(moved);
				Self::deposit_event(Event::OracleSlashed {
					oracle: oracle.clone(),
					code: *code,
					period,
					amount: moved,
					withheld,
				});
				if was_above && info.bond < floor {
					Self::deposit_event(Event::OracleSuspended {
						oracle: oracle.clone(),
						bond: info.bond,
					});
				}
			}
			Err(error) => Self::deposit_event(Event::SlashFailed {
				oracle: oracle.clone(),
				code: *code,
				period,
				error,
			}),
		}
	}
}
