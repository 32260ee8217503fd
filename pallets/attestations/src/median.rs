//! The arithmetic of verification and judgment, as pure functions: the median of the attested
//! values (the published value), the tolerance band around a value, and [`outliers`]: which
//! attestations lie outside the band around the *final* value. No storage, no panics, no floats.

use alloc::vec::Vec;
use pacta_primitives::Tonnes;
use sp_runtime::Perbill;

/// The median of `values`, sorting them in place: the middle value for an odd count, the
/// *lower* of the two middle values for an even count (so the result is always one of the
/// attested values). `None` for no values.
pub fn lower_median(values: &mut [Tonnes]) -> Option<Tonnes> {
	values.sort_unstable();
	let middle = values.len().checked_sub(1)? / 2;
	values.get(middle).copied()
}

/// The largest distance from `median` that is still within `tolerance` (a share of the median,
/// rounded down).
pub fn tolerance_band(median: Tonnes, tolerance: Perbill) -> Tonnes {
	tolerance.mul_floor(median)
}

/// Whether `value` lies further than `tolerance` × `reference` from `reference`.
pub fn is_outlier(value: Tonnes, reference: Tonnes, tolerance: Perbill) -> bool {
	value.abs_diff(reference) > tolerance_band(reference, tolerance)
}

/// Which of the attested `values` lie further than `tolerance` × `final_value` from the final
/// value: one flag per value, in order. These oracles are slashed; the others are not. Judging
/// against the final value (after any dispute), not the median, is what keeps two colluders
/// from getting an honest oracle slashed: once the panel upholds the honest value, the
/// colluders are the outliers.
pub fn outliers(final_value: Tonnes, values: &[Tonnes], tolerance: Perbill) -> Vec<bool> {
	values.iter().map(|v| is_outlier(*v, final_value, tolerance)).collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn outliers_are_judged_against_the_final_value() {
		let ten = Perbill::from_percent(10);
		// Two colluders at 1_000, one honest oracle at 1_500: the median is 1_000 ...
		let values = [1_000, 1_000, 1_500];
		assert_eq!(lower_median(&mut values.clone()), Some(1_000));
		// ... judged against the median the honest one would be the outlier;
		assert_eq!(outliers(1_000, &values, ten), [false, false, true]);
		// judged against the final value the panel upheld, the colluders are.
		assert_eq!(outliers(1_500, &values, ten), [true, true, false]);
		// The band is inclusive: 10% of 1_000 is 100, so 900 and 1_100 are within it.
		assert_eq!(outliers(1_000, &[900, 1_100, 899, 1_101], ten), [false, false, true, true]);
		assert!(outliers(7, &[], ten).is_empty());
	}

	#[test]
	fn median_of_nothing_is_none() {
		assert_eq!(lower_median(&mut []), None);
	}

	#[test]
	fn median_of_one_is_that_value() {
		assert_eq!(lower_median(&mut [42]), Some(42));
	}

	#[test]
	fn median_of_odd_count_is_the_middle_value() {
		assert_eq!(lower_median(&mut [300, 100, 200]), Some(200));
		assert_eq!(lower_median(&mut [5, 1, 4, 2, 3]), Some(3));
		assert_eq!(lower_median(&mut [7, 7, 1]), Some(7));
	}

	#[test]
	fn median_of_even_count_is_the_lower_middle_value() {
		assert_eq!(lower_median(&mut [400, 100, 300, 200]), Some(200));
		assert_eq!(lower_median(&mut [10, 20]), Some(10));
		assert_eq!(lower_median(&mut [u64::MAX, 0]), Some(0));
	}

	#[test]
	fn median_sorts_in_place() {
		let mut values = [3, 1, 2];
		lower_median(&mut values);
		assert_eq!(values, [1, 2, 3]);
	}

	#[test]
	fn band_is_a_share_of_the_median_rounded_down() {
		assert_eq!(tolerance_band(1_000, Perbill::from_percent(10)), 100);
		assert_eq!(tolerance_band(999, Perbill::from_percent(10)), 99);
		assert_eq!(tolerance_band(1_000, Perbill::zero()), 0);
		assert_eq!(tolerance_band(u64::MAX, Perbill::one()), u64::MAX);
	}

	#[test]
	fn outlier_means_strictly_beyond_the_band() {
		let ten = Perbill::from_percent(10);
		assert!(!is_outlier(1_000, 1_000, ten));
		assert!(!is_outlier(1_100, 1_000, ten));
		assert!(!is_outlier(900, 1_000, ten));
		assert!(is_outlier(1_101, 1_000, ten));
		assert!(is_outlier(899, 1_000, ten));
		assert!(is_outlier(0, u64::MAX, ten));
		assert!(is_outlier(u64::MAX, 0, Perbill::one()));
	}

	#[test]
	fn zero_tolerance_accepts_only_the_median() {
		assert!(!is_outlier(500, 500, Perbill::zero()));
		assert!(is_outlier(501, 500, Perbill::zero()));
	}
}
