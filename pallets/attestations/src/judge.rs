//! Judging oracles against the final value, once settlement reports it
//! ([`OnFinalValue`](pacta_primitives::OnFinalValue), in `impl_traits.rs`): the oracles whose
//! attestation (counted in verification or not) lies outside the tolerance of the *final* value ([`median::outliers`])
//! are slashed, the others are not, and every attesting oracle's count of values not yet final
//! goes down by one, so that it may retire once none is left.
//!
//! Weight: `judge_pledge(k, s)` for a pledge's attestations, `k` kept and `s` slashed, plus the
//! read that finds their number. Settlement charges the bound `judge_pledge(0, n)` (every one
//! of the `n` slashed) before the judgment and is refunded what the judgment reports it used.

use crate::{median, pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use pacta_primitives::{PartyCode, PeriodId, Tonnes};
use sp_runtime::traits::{Saturating, Zero};

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
	/// final as unverified; nobody is slashed). Runs at most once per pledge: the verification
	/// record remembers the value it was judged against. Returns how many attestations were
	/// judged and how many of them slashed (`None`: nothing to judge).
	pub(crate) fn judge(
		code: &PartyCode,
		period: PeriodId,
		value: Option<Tonnes>,
	) -> Option<(u32, u32)> {
		let mut record = Verifications::<T>::get(period, code)?;
		if record.judged.is_some() {
			return None;
		}
		record.judged = Some(value);
		Verifications::<T>::insert(period, code, record);

		let attestations = Attestations::<T>::get(period, code);
		let values: Vec<Tonnes> = attestations.iter().map(|a| a.tonnes).collect();
		let flags = match value {
			Some(final_value) => median::outliers(final_value, &values, Tolerance::<T>::get()),
			None => Vec::new(),
		};
		let mut slashed: u32 = 0;
		for (i, attestation) in attestations.iter().enumerate() {
			let oracle = &attestation.oracle;
			let outlier = flags.get(i).copied().unwrap_or(false);
			Oracles::<T>::mutate(oracle, |maybe| {
				let Some(info) = maybe.as_mut() else { return };
				info.unfinal = info.unfinal.saturating_sub(1);
				// Every attestation is judged, a removed oracle's too: removal (which governance
				// may do at any time) must not be a way to escape a slash.
				if outlier {
					Self::slash(oracle, code, period, info);
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
	/// `T::OracleSlash` of its bond to the climate fund, keeping the registered bond in step
	/// with the hold. Never fails: a failed transfer is reported in [`Event::SlashFailed`].
	pub(crate) fn slash(
		oracle: &T::AccountId,
		code: &PartyCode,
		period: PeriodId,
		info: &mut OracleInfo<T>,
	) {
		let amount = T::OracleSlash::get().mul_floor(info.bond);
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
