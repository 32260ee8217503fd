//! Judging oracles against the final value (`judge.rs`), which settlement reports through
//! `OnFinalValue` once a pledge's value is final.

use super::{verification::slashes, *};
use crate::{mock::*, Event, HoldReason, Oracles, Verifications};
use frame_support::assert_ok;
use pacta_primitives::Verification;

/// Attack pinned (honesty punished): two colluders at 1,000 outvote an honest oracle at 1,500,
/// so the published median is 1,000. Judged against the median, the honest oracle was slashed
/// and the colluders kept everything. The review panel upholds 1,500 (`pallet-disputes`); judged
/// against that final value, the colluders are slashed and the honest oracle loses nothing.
#[test]
fn oracles_are_judged_against_the_final_value_not_the_median() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_000));
		assert_ok!(attest(3, "DEU", 1_500));
		verify();
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_000)));
		assert!(slashes().is_empty());

		let fund_before = free(FUND);
		finalize_as("DEU", Some(Estimate::exact(1_500)));
		let mut slashed = slashes();
		slashed.sort();
		assert_eq!(slashed, vec![(1, 100), (2, 100)]);
		assert_eq!(Oracles::<Test>::get(3).unwrap().bond, BOND);
		assert_eq!(held(HoldReason::OracleBond, 3), BOND);
		assert_eq!(free(FUND), fund_before + 200);
		assert!(events().contains(&Event::OraclesJudged {
			code: deu(),
			period: PERIOD,
			value: Some(Estimate::exact(1_500)),
			attestations: 3,
			slashed: 2,
		}));
		assert_eq!(
			Verifications::<Test>::get(PERIOD, deu()).unwrap().judged,
			Some(Some(Estimate::exact(1_500)))
		);
	});
}

#[test]
fn a_pledge_is_judged_once() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_000));
		assert_ok!(attest(3, "DEU", 5_000));
		verify();
		finalize("DEU");
		finalize("DEU");
		finalize_as("DEU", Some(Estimate::exact(5_000)));
		assert_eq!(slashes(), vec![(3, 100)]);
		assert_eq!(Oracles::<Test>::get(3).unwrap().unfinal, 0);
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 0);
	});
}

#[test]
fn nothing_happens_for_a_pledge_that_was_never_published() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		// Before verification there is no record: reporting a value changes nothing.
		finalize_as("DEU", Some(Estimate::exact(9_000)));
		assert!(slashes().is_empty());
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 1);
	});
}

#[test]
fn an_unverified_pledge_slashes_nobody_and_frees_its_oracles() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 9_000));
		verify();
		assert_eq!(verification("DEU"), Verification::Unverified);
		finalize("DEU");
		assert!(slashes().is_empty());
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 0);
		assert_eq!(Oracles::<Test>::get(2).unwrap().unfinal, 0);
		assert_ok!(Attestations::retire(RuntimeOrigin::signed(2)));
	});
}

/// Removal is no way to escape a slash: a removed oracle's attestation is not counted in the
/// median, but it is judged against the final value like any other.
#[test]
fn a_removed_oracle_is_still_judged() {
	test(|| {
		standard_setup();
		for o in 1..=3 {
			assert_ok!(attest(o, "DEU", 1_000));
		}
		assert_ok!(attest(4, "DEU", 3_000));
		verify();
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 4));
		finalize("DEU");
		assert_eq!(slashes(), vec![(4, 100)]);
	});
}

#[test]
fn a_revision_does_not_count_twice_and_each_pledge_counts_once() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(1, "DEU", 1_010));
		assert_ok!(attest(1, "BRA", 500));
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 2);
		verify();
		finalize("DEU");
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 1);
		finalize("BRA");
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 0);
	});
}

#[test]
fn withholders_are_slashed_more_than_outliers_and_do_not_count() {
	test(|| {
		standard_setup();
		// Four commit; 1 and 2 reveal, 3 and 4 withhold: two revealed, short of the quorum.
		for o in 1..=4 {
			assert_ok!(attest(o, "DEU", 1_000));
		}
		verify_withholding(&[3, 4]);
		assert_eq!(verification("DEU"), Verification::Withheld);
		assert!(events().contains(&Event::EmissionsUnverified {
			code: deu(),
			period: PERIOD,
			attestations: 2,
			withheld: 2,
		}));
		// Nobody is slashed before the value is final.
		assert!(slashes().is_empty());
		finalize_as("DEU", None);
		let mut slashed = slashes();
		slashed.sort();
		// WithholdSlash (20%) of 1_000, against OracleSlash (10%) for an outlier.
		assert_eq!(slashed, vec![(3, 200), (4, 200)]);
		for o in 1..=4 {
			assert_eq!(Oracles::<Test>::get(o).unwrap().unfinal, 0);
		}
	});
}

#[test]
fn a_median_that_needs_a_withheld_attestation_publishes_nothing() {
	test(|| {
		standard_setup();
		// Three reveal (the quorum), three withhold: the median of six needs a withheld one.
		for o in 6..=8 {
			new_oracle(o);
		}
		for o in [1, 2, 3, 6, 7, 8] {
			assert_ok!(attest(o, "DEU", 1_000));
		}
		verify_withholding(&[6, 7, 8]);
		assert_eq!(verification("DEU"), Verification::Withheld);
	});
}

#[test]
fn a_removed_oracle_that_withholds_is_not_counted_but_still_slashed() {
	test(|| {
		standard_setup();
		for o in 1..=4 {
			assert_ok!(attest(o, "DEU", 1_000));
		}
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 4));
		verify_withholding(&[4]);
		// Oracle 4 is not counted: no withheld entry in the median.
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_000)));
		finalize("DEU");
		assert_eq!(slashes(), vec![(4, 200)]);
	});
}

/// Whatever the others revealed and whatever the last oracle would have revealed, withholding
/// never publishes a lower estimate (nor a lower low or high end) than revealing, and never
/// leaves the oracle with more of its bond.
#[test]
fn withholding_never_pays_whatever_the_last_revealer_sees() {
	let others_cases: [&[(u64, u64)]; 4] = [
		&[(1_000, 0), (1_100, 50)],
		&[(900, 10), (1_000, 0), (1_500, 200)],
		&[(1_000, 0), (1_000, 0), (1_000, 0)],
		&[(100, 0), (5_000, 4_000)],
	];
	for others in others_cases {
		for (value, half_width) in [(0, 0), (950, 0), (1_000, 25), (1_050, 0), (99_999, 10)] {
			// Each scenario twice, in fresh state: the last oracle (9) reveals, or withholds.
			let run = |withhold: bool| {
				let mut out = (Verification::Pending, 0);
				test(|| {
					standard_setup();
					new_oracle(9);
					for (i, (t, h)) in others.iter().enumerate() {
						let o = i as u64 + 1;
						assert_ok!(commit_reading(o, "DEU", PERIOD, reading(o, *t, *h)));
					}
					assert_ok!(commit_reading(9, "DEU", PERIOD, reading(9, value, half_width)));
					verify_withholding(if withhold { &[9] } else { &[] });
					let published = verification("DEU");
					finalize("DEU");
					out = (published, Oracles::<Test>::get(9).unwrap().bond);
				});
				out
			};
			let (revealed, kept_revealing) = run(false);
			let (withheld, kept_withholding) = run(true);
			// 20% of the bond for withholding, at most 10% for revealing an outlier.
			assert!(kept_withholding < kept_revealing, "{kept_withholding} vs {kept_revealing}");
			match (revealed.estimate(), withheld.estimate()) {
				// Published either way: never lower.
				(Some(r), Some(w)) => {
					assert!(w.tonnes >= r.tonnes && w.low >= r.low && w.high >= r.high)
				}
				// Withholding left no estimate: the pledge is `Withheld` (settlement forfeits the
				// whole bond, the harshest outcome for the party).
				(_, None) => assert_eq!(withheld, Verification::Withheld),
				(None, Some(_)) => panic!("withholding turned {revealed:?} into {withheld:?}"),
			}
		}
	}
}
