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
		assert_eq!(verification("DEU"), Verification::Published(1_000));
		assert!(slashes().is_empty());

		let fund_before = free(FUND);
		finalize_as("DEU", Some(1_500));
		let mut slashed = slashes();
		slashed.sort();
		assert_eq!(slashed, vec![(1, 100), (2, 100)]);
		assert_eq!(Oracles::<Test>::get(3).unwrap().bond, BOND);
		assert_eq!(held(HoldReason::OracleBond, 3), BOND);
		assert_eq!(free(FUND), fund_before + 200);
		assert!(events().contains(&Event::OraclesJudged {
			code: deu(),
			period: PERIOD,
			value: Some(1_500),
			attestations: 3,
			slashed: 2,
		}));
		assert_eq!(Verifications::<Test>::get(PERIOD, deu()).unwrap().judged, Some(Some(1_500)));
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
		finalize_as("DEU", Some(5_000));
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
		finalize_as("DEU", Some(9_000));
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
