//! The arithmetic of verification and judgment, as pure functions: the [`estimate`] of the
//! revealed readings (the published value and its interval), the tolerance band around a value,
//! and [`outliers`]: which readings lie outside the band around the *final* estimate. No storage,
//! no panics, no floats.
//!
//! ## The rule
//!
//! With `r` revealed readings and `w` withheld attestations, each of the three lists — the
//! values, their low ends (`tonnes − half_width`) and their high ends (`tonnes + half_width`) —
//! is sorted with the `w` withheld entries *above every value*. The median of `n = r + w`
//! entries is the middle one for odd `n`, and for even `n` the mean of the two middle ones,
//! rounded half to even (so neither the party nor the donor always gets the half tonne). If the
//! median needs a withheld entry, there is no estimate: withholding can only move the median
//! up, never down, so an oracle that stays silent never lowers what a party pays. Because
//! `low_i ≤ tonnes_i ≤ high_i` for every reading, the medians keep `low ≤ tonnes ≤ high`.

use alloc::vec::Vec;
use pacta_primitives::{Estimate, Reading, Tonnes};
use sp_runtime::Perbill;

/// The mean of `a` and `b`, rounded half to even.
pub fn mean_half_even(a: Tonnes, b: Tonnes) -> Tonnes {
	let sum = u128::from(a).saturating_add(u128::from(b));
	let half = sum / 2;
	let rounded = if sum % 2 == 1 && half % 2 == 1 { half.saturating_add(1) } else { half };
	Tonnes::try_from(rounded).unwrap_or(Tonnes::MAX)
}

/// The median of `sorted` (ascending) with `withheld` entries above all of them: `None` when
/// there is no entry or the median needs a withheld one.
pub fn median_with_withheld(sorted: &[Tonnes], withheld: u32) -> Option<Tonnes> {
	let n = sorted.len().checked_add(usize::try_from(withheld).ok()?)?;
	let upper = n / 2;
	if n % 2 == 1 {
		sorted.get(upper).copied()
	} else {
		let lower = sorted.get(upper.checked_sub(1)?)?;
		let upper = sorted.get(upper)?;
		Some(mean_half_even(*lower, *upper))
	}
}

/// The median of `values` (sorting them in place), by the rule in the module docs with no
/// withheld entry. `None` for no values.
pub fn median(values: &mut [Tonnes]) -> Option<Tonnes> {
	values.sort_unstable();
	median_with_withheld(values, 0)
}

/// The estimate of `readings` with `withheld` attestations not revealed (see the module docs):
/// `None` when there is no reading or the median needs a withheld entry.
pub fn estimate(readings: &[Reading], withheld: u32) -> Option<Estimate> {
	let mut values: Vec<Tonnes> = readings.iter().map(|r| r.tonnes).collect();
	let mut lows: Vec<Tonnes> = readings.iter().map(Reading::low).collect();
	let mut highs: Vec<Tonnes> = readings.iter().map(Reading::high).collect();
	values.sort_unstable();
	lows.sort_unstable();
	highs.sort_unstable();
	Some(Estimate {
		tonnes: median_with_withheld(&values, withheld)?,
		low: median_with_withheld(&lows, withheld)?,
		high: median_with_withheld(&highs, withheld)?,
	})
}

/// The largest distance from `reference` that is still within `tolerance` (a share of the
/// reference, rounded down).
pub fn tolerance_band(reference: Tonnes, tolerance: Perbill) -> Tonnes {
	tolerance.mul_floor(reference)
}

/// Whether `value` lies outside the final interval `[low, high]` widened on each side by
/// `tolerance` × the final value.
pub fn is_outlier(value: Tonnes, reference: &Estimate, tolerance: Perbill) -> bool {
	let band = tolerance_band(reference.tonnes, tolerance);
	value < reference.low.saturating_sub(band) || value > reference.high.saturating_add(band)
}

/// Which of the revealed `values` lie outside the final interval widened by `tolerance` × the
/// final value ([`is_outlier`]): one flag per value, in order. These oracles are slashed; the
/// others are not. Judging against the final estimate (after any dispute), not the median, is
/// what keeps two colluders from getting an honest oracle slashed: once the panel upholds the
/// honest value, the colluders are the outliers. The oracle's own half-width plays no part: a
/// wide interval is no shield against a slash.
pub fn outliers(reference: &Estimate, values: &[Tonnes], tolerance: Perbill) -> Vec<bool> {
	values.iter().map(|v| is_outlier(*v, reference, tolerance)).collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn exact(t: Tonnes) -> Estimate {
		Estimate::exact(t)
	}

	fn reading(tonnes: Tonnes, half_width: Tonnes) -> Reading {
		Reading { tonnes, half_width, evidence: [0; 32] }
	}

	#[test]
	fn outliers_are_judged_against_the_final_value() {
		let ten = Perbill::from_percent(10);
		// Two colluders at 1_000, one honest oracle at 1_500: the median is 1_000 ...
		let values = [1_000, 1_000, 1_500];
		assert_eq!(median(&mut values.clone()), Some(1_000));
		// ... judged against the median the honest one would be the outlier;
		assert_eq!(outliers(&exact(1_000), &values, ten), [false, false, true]);
		// judged against the final value the panel upheld, the colluders are.
		assert_eq!(outliers(&exact(1_500), &values, ten), [true, true, false]);
		// The band is inclusive: 10% of 1_000 is 100, so 900 and 1_100 are within it.
		assert_eq!(
			outliers(&exact(1_000), &[900, 1_100, 899, 1_101], ten),
			[false, false, true, true]
		);
		assert!(outliers(&exact(7), &[], ten).is_empty());
	}

	#[test]
	fn outliers_are_judged_against_the_final_interval_widened_by_the_band() {
		let ten = Perbill::from_percent(10);
		// Final 1_000 in [950, 1_080]: the band is 100, so [850, 1_180] is within tolerance.
		let reference = Estimate { tonnes: 1_000, low: 950, high: 1_080 };
		assert_eq!(
			outliers(&reference, &[850, 849, 1_180, 1_181], ten),
			[false, true, false, true]
		);
	}

	#[test]
	fn median_of_nothing_is_none() {
		assert_eq!(median(&mut []), None);
		assert_eq!(estimate(&[], 0), None);
	}

	#[test]
	fn median_of_odd_count_is_the_middle_value() {
		assert_eq!(median(&mut [42]), Some(42));
		assert_eq!(median(&mut [300, 100, 200]), Some(200));
		assert_eq!(median(&mut [5, 1, 4, 2, 3]), Some(3));
		assert_eq!(median(&mut [7, 7, 1]), Some(7));
	}

	#[test]
	fn median_of_even_count_is_the_mean_rounded_half_to_even() {
		assert_eq!(median(&mut [400, 100, 300, 200]), Some(250));
		// 10.5 rounds to 10, 11.5 to 12: neither side always gets the half tonne.
		assert_eq!(median(&mut [10, 11]), Some(10));
		assert_eq!(median(&mut [11, 12]), Some(12));
		assert_eq!(median(&mut [u64::MAX, u64::MAX]), Some(u64::MAX));
		assert_eq!(median(&mut [u64::MAX, 0]), Some(u64::MAX / 2 + 1));
		assert_eq!(mean_half_even(u64::MAX - 1, u64::MAX), u64::MAX - 1);
	}

	#[test]
	fn median_sorts_in_place() {
		let mut values = [3, 1, 2];
		median(&mut values);
		assert_eq!(values, [1, 2, 3]);
	}

	#[test]
	fn estimate_is_the_median_of_values_lows_and_highs() {
		// 1_000 ± 50, 1_100 ± 0, 1_200 ± 300: values 1_000, 1_100, 1_200; lows 900, 950, 1_100;
		// highs 1_050, 1_100, 1_500.
		let readings = [reading(1_000, 50), reading(1_100, 0), reading(1_200, 300)];
		assert_eq!(estimate(&readings, 0), Some(Estimate { tonnes: 1_100, low: 950, high: 1_100 }));
		// One more reading, 900 ± 100 (even count: means of the middles).
		let four = [readings[0], readings[1], readings[2], reading(900, 100)];
		// values 900 1_000 1_100 1_200 -> 1_050; lows 800 900 950 1_100 -> 925;
		// highs 1_000 1_050 1_100 1_500 -> 1_075.
		assert_eq!(estimate(&four, 0), Some(Estimate { tonnes: 1_050, low: 925, high: 1_075 }));
	}

	#[test]
	fn withheld_entries_stand_above_every_value() {
		let readings = [reading(100, 0), reading(200, 0), reading(300, 0)];
		// Three revealed and one withheld: the middles are 200 and 300 -> 250 (revealing
		// anything at or below 200 would have given 200: withholding never lowers the median).
		assert_eq!(estimate(&readings, 1).map(|e| e.tonnes), Some(250));
		// Two withheld: the median is the highest revealed value.
		assert_eq!(estimate(&readings, 2).map(|e| e.tonnes), Some(300));
		// Three withheld: the median needs a withheld entry, so there is no estimate.
		assert_eq!(estimate(&readings, 3), None);
	}

	#[test]
	fn withholding_never_lowers_the_median_whatever_would_have_been_revealed() {
		let others = [reading(100, 5), reading(250, 0), reading(260, 40), reading(900, 10)];
		for withheld_before in 0..3u32 {
			for revealed in [0u64, 99, 100, 255, 260, 899, 1_000, u64::MAX] {
				for half in [0u64, 10, 1_000] {
					let mut with = others.to_vec();
					with.push(reading(revealed, half));
					let honest = estimate(&with, withheld_before);
					let silent = estimate(&others, withheld_before.saturating_add(1));
					if let (Some(h), Some(s)) = (honest, silent) {
						assert!(s.tonnes >= h.tonnes && s.low >= h.low && s.high >= h.high);
					}
					// No estimate when silent is the harshest case for the party (settlement
					// forfeits the whole bond when withholding leaves a pledge unverified).
				}
			}
		}
	}

	#[test]
	fn band_is_a_share_of_the_reference_rounded_down() {
		assert_eq!(tolerance_band(1_000, Perbill::from_percent(10)), 100);
		assert_eq!(tolerance_band(999, Perbill::from_percent(10)), 99);
		assert_eq!(tolerance_band(1_000, Perbill::zero()), 0);
		assert_eq!(tolerance_band(u64::MAX, Perbill::one()), u64::MAX);
	}

	#[test]
	fn outlier_means_strictly_beyond_the_band() {
		let ten = Perbill::from_percent(10);
		assert!(!is_outlier(1_000, &exact(1_000), ten));
		assert!(!is_outlier(1_100, &exact(1_000), ten));
		assert!(!is_outlier(900, &exact(1_000), ten));
		assert!(is_outlier(1_101, &exact(1_000), ten));
		assert!(is_outlier(899, &exact(1_000), ten));
		assert!(is_outlier(0, &exact(u64::MAX), ten));
		assert!(is_outlier(u64::MAX, &exact(0), Perbill::one()));
	}

	#[test]
	fn zero_tolerance_accepts_only_the_interval() {
		assert!(!is_outlier(500, &exact(500), Perbill::zero()));
		assert!(is_outlier(501, &exact(500), Perbill::zero()));
		let wide = Estimate { tonnes: 500, low: 480, high: 520 };
		assert!(!is_outlier(520, &wide, Perbill::zero()));
		assert!(is_outlier(521, &wide, Perbill::zero()));
	}
}
