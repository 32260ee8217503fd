//! The arithmetic of settlement, as pure functions: how a pledge ended ([`assess`]), what of its
//! bond is forfeited to the climate fund ([`forfeited`]), and what a conditional transfer earned
//! ([`earned`]). No storage, no balances: everything here is unit-tested on its own.
//!
//! Conservative on both sides: the final estimate is an interval `[low, high]`. A penalty reads
//! `low` (the benefit of the doubt goes to the party), a results-based payment reads `high` (it
//! goes to the donor). When the interval straddles the cap (`low ≤ cap < high`) the pledge is
//! `Inconclusive`: neither a penalty nor a payment.
//!
//! All arithmetic saturates: an absurd `penalty_per_tonne` or `rate` can at most take the whole
//! bond or pay the whole escrow, never overflow.

use crate::types::Condition;
use pacta_primitives::{EnforcementMode, Estimate, Outcome, PeriodTerms, Tonnes, Verification};
use sp_runtime::traits::{AtLeast32BitUnsigned, SaturatedConversion, Zero};

/// What settlement decided about a pledge: the outcome and the final estimate it rests on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Assessment {
	/// How the pledge ended.
	pub outcome: Outcome,
	/// The final estimate; `None` for [`Outcome::Unverified`], [`Outcome::Withheld`] and
	/// [`Outcome::Cancelled`].
	pub verified: Option<Estimate>,
}

/// How a pledge with emissions cap `cap` ends given its verification, or `None` while the
/// verification is not final (`Pending`, `Published` or `Disputed`): such a pledge must wait.
/// `Compliant` when the whole interval is at or below the cap (`high ≤ cap`), `Breached` when
/// it is wholly above (`low > cap`), `Inconclusive` when it straddles the cap.
pub fn assess(verification: Verification, cap: Tonnes) -> Option<Assessment> {
	let (outcome, verified) = match verification {
		Verification::Verified(e) if e.high <= cap => (Outcome::Compliant, Some(e)),
		Verification::Verified(e) if e.low > cap => (Outcome::Breached, Some(e)),
		Verification::Verified(e) => (Outcome::Inconclusive, Some(e)),
		Verification::Unverified => (Outcome::Unverified, None),
		Verification::Withheld => (Outcome::Withheld, None),
		Verification::Pending | Verification::Published(_) | Verification::Disputed => return None,
	};
	Some(Assessment { outcome, verified })
}

/// The assessment of every pledge of a period governance cancelled: nothing was verified, so
/// nothing is forfeited ([`forfeited`]) and no conditional transfer earns anything ([`earned`]).
pub fn cancelled() -> Assessment {
	Assessment { outcome: Outcome::Cancelled, verified: None }
}

/// How many tonnes `verified` lies above `cap` (zero when at or below it).
pub fn overshoot(verified: Tonnes, cap: Tonnes) -> Tonnes {
	verified.saturating_sub(cap)
}

/// What of `bond` is forfeited to the climate fund.
///
/// - Facilitative mode: nothing, whatever the outcome.
/// - Binding mode: `Compliant` nothing; `Breached` `min(bond, overshoot × penalty_per_tonne)`,
///   the overshoot of the interval's low end; `Unverified` `unverified_forfeit × bond` (rounded
///   down); `Withheld` the whole bond (no verified outcome can cost more, so a party never gains
///   from a friendly oracle's silence); `Inconclusive` and `Cancelled` nothing.
pub fn forfeited<Balance: AtLeast32BitUnsigned + Copy>(
	assessment: &Assessment,
	cap: Tonnes,
	bond: Balance,
	terms: &PeriodTerms<Balance>,
) -> Balance {
	if terms.mode == EnforcementMode::Facilitative {
		return Zero::zero();
	}
	match (assessment.outcome, assessment.verified) {
		(Outcome::Breached, Some(verified)) => {
			let tonnes: Balance = overshoot(verified.low, cap).saturated_into();
			tonnes.saturating_mul(terms.penalty_per_tonne).min(bond)
		}
		(Outcome::Unverified, _) => terms.unverified_forfeit.mul_floor(bond),
		(Outcome::Withheld, _) => bond,
		_ => Zero::zero(),
	}
}

/// What a conditional transfer of `amount` with `condition` earned for a pledge with cap `cap`,
/// at most `amount`, reading the high end of the final interval. An unverified, withheld,
/// inconclusive or cancelled pledge earns nothing.
///
/// - `PledgeMet`: `amount` if `high ≤ cap`.
/// - `EmissionsAtMost(t)`: `amount` if `high ≤ t`.
/// - `PerTonneBelowCap { rate }`: `min(amount, rate × (cap − high))`, nothing at or above the
///   cap.
pub fn earned<Balance: AtLeast32BitUnsigned + Copy>(
	condition: &Condition<Balance>,
	assessment: &Assessment,
	cap: Tonnes,
	amount: Balance,
) -> Balance {
	if assessment.outcome == Outcome::Inconclusive {
		return Zero::zero();
	}
	let Some(verified) = assessment.verified.map(|e| e.high) else { return Zero::zero() };
	match condition {
		Condition::PledgeMet if verified <= cap => amount,
		Condition::EmissionsAtMost(limit) if verified <= *limit => amount,
		Condition::PerTonneBelowCap { rate } => {
			let below: Balance = cap.saturating_sub(verified).saturated_into();
			below.saturating_mul(*rate).min(amount)
		}
		Condition::PledgeMet | Condition::EmissionsAtMost(_) => Zero::zero(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::Perbill;

	fn terms(mode: EnforcementMode) -> PeriodTerms<u128> {
		PeriodTerms { mode, penalty_per_tonne: 3, unverified_forfeit: Perbill::from_percent(40) }
	}

	fn verified(tonnes: Tonnes, cap: Tonnes) -> Assessment {
		assess(Verification::Verified(Estimate::exact(tonnes)), cap).unwrap()
	}

	fn interval(tonnes: Tonnes, low: Tonnes, high: Tonnes, cap: Tonnes) -> Assessment {
		assess(Verification::Verified(Estimate { tonnes, low, high }), cap).unwrap()
	}

	fn unverified() -> Assessment {
		assess(Verification::Unverified, 100).unwrap()
	}

	#[test]
	fn assess_outcomes() {
		assert_eq!(verified(100, 100).outcome, Outcome::Compliant);
		assert_eq!(verified(0, 100).outcome, Outcome::Compliant);
		assert_eq!(verified(101, 100).outcome, Outcome::Breached);
		assert_eq!(verified(101, 100).verified, Some(Estimate::exact(101)));
		assert_eq!(
			assess(Verification::Withheld, 100),
			Some(Assessment { outcome: Outcome::Withheld, verified: None })
		);
		assert_eq!(unverified(), Assessment { outcome: Outcome::Unverified, verified: None });
		assert_eq!(assess(Verification::Pending, 100), None);
		assert_eq!(assess(Verification::Disputed, 100), None);
	}

	/// Cap 1_000, final estimate 1_050 in [980, 1_120]: the interval straddles the cap.
	#[test]
	fn a_straddling_interval_is_inconclusive_neither_penalty_nor_payment() {
		let straddling = interval(1_050, 980, 1_120, 1_000);
		assert_eq!(straddling.outcome, Outcome::Inconclusive);
		let binding = terms(EnforcementMode::Binding);
		assert_eq!(forfeited(&straddling, 1_000, 1_000_000u128, &binding), 0);
		for condition in [
			Condition::<u128>::PledgeMet,
			Condition::EmissionsAtMost(u64::MAX),
			Condition::PerTonneBelowCap { rate: 1_000 },
		] {
			assert_eq!(earned(&condition, &straddling, 1_000, 500), 0);
		}
		// The ends: low = cap still straddles (cap < high); high = cap is compliant; low just
		// above the cap is a breach.
		assert_eq!(interval(1_050, 1_000, 1_100, 1_000).outcome, Outcome::Inconclusive);
		assert_eq!(interval(990, 900, 1_000, 1_000).outcome, Outcome::Compliant);
		assert_eq!(interval(1_050, 1_001, 1_100, 1_000).outcome, Outcome::Breached);
	}

	/// Penalties read the low end; payments read the high end.
	#[test]
	fn conservative_on_both_sides_with_exact_numbers() {
		let binding = terms(EnforcementMode::Binding);
		// Cap 1_000, final 1_100 in [1_040, 1_180], 3 per tonne: the overshoot counts from the low
		// end, 40 t, so 120 is forfeited (not 300 from the median, nor 540 from the high end).
		let breach = interval(1_100, 1_040, 1_180, 1_000);
		assert_eq!(breach.outcome, Outcome::Breached);
		assert_eq!(forfeited(&breach, 1_000, 1_000_000u128, &binding), 120);
		// Cap 1_000, final 900 in [850, 960], 7 per tonne below the cap: paid on the high end,
		// 40 t, so 280 (not 700 from the median, nor 1_050 from the low end).
		let kept = interval(900, 850, 960, 1_000);
		assert_eq!(kept.outcome, Outcome::Compliant);
		let per_tonne = Condition::<u128>::PerTonneBelowCap { rate: 7 };
		assert_eq!(earned(&per_tonne, &kept, 1_000, 10_000), 280);
		assert_eq!(earned(&Condition::EmissionsAtMost(960), &kept, 1_000, 500u128), 500);
		assert_eq!(earned(&Condition::EmissionsAtMost(959), &kept, 1_000, 500u128), 0);
	}

	#[test]
	fn withheld_forfeits_the_whole_bond_and_earns_nothing() {
		let withheld = assess(Verification::Withheld, 100).unwrap();
		let binding = terms(EnforcementMode::Binding);
		assert_eq!(forfeited(&withheld, 100, 1_000u128, &binding), 1_000);
		// No verified outcome costs more: a breach forfeits at most the bond.
		assert!(forfeited(&verified(u64::MAX, 0), 0, 1_000u128, &binding) <= 1_000);
		assert_eq!(forfeited(&withheld, 100, 1_000u128, &terms(EnforcementMode::Facilitative)), 0);
		assert_eq!(earned(&Condition::<u128>::PledgeMet, &withheld, 100, 500), 0);
	}

	#[test]
	fn overshoot_saturates() {
		assert_eq!(overshoot(110, 100), 10);
		assert_eq!(overshoot(90, 100), 0);
		assert_eq!(overshoot(u64::MAX, 0), u64::MAX);
	}

	#[test]
	fn compliant_forfeits_nothing() {
		for mode in [EnforcementMode::Binding, EnforcementMode::Facilitative] {
			assert_eq!(forfeited(&verified(50, 100), 100, 1_000u128, &terms(mode)), 0);
		}
	}

	#[test]
	fn breach_forfeits_overshoot_times_rate_up_to_the_bond() {
		let binding = terms(EnforcementMode::Binding);
		assert_eq!(forfeited(&verified(110, 100), 100, 1_000u128, &binding), 30);
		assert_eq!(forfeited(&verified(500, 100), 100, 1_000u128, &binding), 1_000);
		assert_eq!(forfeited(&verified(u64::MAX, 0), 0, 1_000u128, &binding), 1_000);
		let huge = PeriodTerms { penalty_per_tonne: u128::MAX, ..binding };
		assert_eq!(forfeited(&verified(u64::MAX, 0), 0, 7u128, &huge), 7);
	}

	#[test]
	fn facilitative_forfeits_nothing() {
		let facilitative = terms(EnforcementMode::Facilitative);
		assert_eq!(forfeited(&verified(500, 100), 100, 1_000u128, &facilitative), 0);
		assert_eq!(forfeited(&unverified(), 100, 1_000u128, &facilitative), 0);
	}

	#[test]
	fn unverified_forfeits_the_share() {
		let binding = terms(EnforcementMode::Binding);
		assert_eq!(forfeited(&unverified(), 100, 1_000u128, &binding), 400);
		assert_eq!(forfeited(&unverified(), 100, 7u128, &binding), 2);
		let all = PeriodTerms { unverified_forfeit: Perbill::one(), ..binding };
		assert_eq!(forfeited(&unverified(), 100, 7u128, &all), 7);
	}

	#[test]
	fn cancelled_forfeits_and_earns_nothing() {
		for mode in [EnforcementMode::Binding, EnforcementMode::Facilitative] {
			assert_eq!(forfeited(&cancelled(), 100, 1_000u128, &terms(mode)), 0);
		}
		for condition in [
			Condition::<u128>::PledgeMet,
			Condition::EmissionsAtMost(u64::MAX),
			Condition::PerTonneBelowCap { rate: 1_000 },
		] {
			assert_eq!(earned(&condition, &cancelled(), 100, 500), 0);
		}
	}

	#[test]
	fn pledge_met() {
		let c = Condition::<u128>::PledgeMet;
		assert_eq!(earned(&c, &verified(100, 100), 100, 500), 500);
		assert_eq!(earned(&c, &verified(101, 100), 100, 500), 0);
		assert_eq!(earned(&c, &unverified(), 100, 500), 0);
	}

	#[test]
	fn emissions_at_most() {
		let c = Condition::<u128>::EmissionsAtMost(80);
		assert_eq!(earned(&c, &verified(80, 100), 100, 500), 500);
		assert_eq!(earned(&c, &verified(81, 100), 100, 500), 0);
		// Judged against its own threshold, not the cap.
		assert_eq!(
			earned(&Condition::EmissionsAtMost(120), &verified(110, 100), 100, 500u128),
			500
		);
		assert_eq!(earned(&c, &unverified(), 100, 500), 0);
	}

	#[test]
	fn per_tonne_below_cap() {
		let c = Condition::<u128>::PerTonneBelowCap { rate: 7 };
		// 10 tonnes below the cap: partly earned.
		assert_eq!(earned(&c, &verified(90, 100), 100, 500), 70);
		// Capped at the escrow.
		assert_eq!(earned(&c, &verified(0, 100), 100, 500), 500);
		// At or above the cap: nothing.
		assert_eq!(earned(&c, &verified(100, 100), 100, 500), 0);
		assert_eq!(earned(&c, &verified(150, 100), 100, 500), 0);
		assert_eq!(earned(&c, &unverified(), 100, 500), 0);
		// Saturating.
		let huge = Condition::<u128>::PerTonneBelowCap { rate: u128::MAX };
		assert_eq!(earned(&huge, &verified(0, u64::MAX), u64::MAX, 500), 500);
		let small = Condition::<u32>::PerTonneBelowCap { rate: u32::MAX };
		assert_eq!(earned(&small, &verified(0, u64::MAX), u64::MAX, 9u32), 9);
	}

	#[test]
	fn earned_never_exceeds_amount() {
		let conditions = [
			Condition::<u128>::PledgeMet,
			Condition::EmissionsAtMost(50),
			Condition::PerTonneBelowCap { rate: 1 },
			Condition::PerTonneBelowCap { rate: 1_000 },
		];
		for condition in &conditions {
			for tonnes in [0u64, 49, 50, 99, 100, 101, 1_000] {
				for amount in [0u128, 1, 99, 10_000] {
					let got = earned(condition, &verified(tonnes, 100), 100, amount);
					assert!(got <= amount, "{condition:?} {tonnes} {amount}");
				}
			}
		}
	}
}
