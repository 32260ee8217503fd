//! Attesting: who, when, for whom, and revisions.

use super::*;
use crate::{mock::*, Attestations as AttestationsStorage, Error, Event, Oracles};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

#[test]
fn an_approved_oracle_attests_within_the_window() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		let list = AttestationsStorage::<Test>::get(PERIOD, deu());
		assert_eq!(list.len(), 1);
		assert_eq!(list[0].oracle, 1);
		assert_eq!(list[0].tonnes, 750);
		assert_eq!(list[0].evidence, H256::repeat_byte(1));
		assert_eq!(list[0].at, PLEDGE_DEADLINE + 1);
		assert_eq!(
			events().last(),
			Some(&Event::Attested {
				oracle: 1,
				code: deu(),
				period: PERIOD,
				tonnes: 750,
				evidence: H256::repeat_byte(1),
				revision: false,
			})
		);
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 1);
	});
}

#[test]
fn sending_again_before_the_deadline_is_a_revision() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		assert_ok!(attest(2, "DEU", 760));
		run_to_block(ATTESTATION_DEADLINE);
		assert_ok!(Attestations::attest(
			RuntimeOrigin::signed(1),
			raw("DEU"),
			PERIOD,
			740,
			H256::repeat_byte(9)
		));
		assert_eq!(
			events().last(),
			Some(&Event::Attested {
				oracle: 1,
				code: deu(),
				period: PERIOD,
				tonnes: 740,
				evidence: H256::repeat_byte(9),
				revision: true,
			})
		);
		let list = AttestationsStorage::<Test>::get(PERIOD, deu());
		assert_eq!(list.len(), 2);
		let mine = list.iter().find(|a| a.oracle == 1).unwrap();
		assert_eq!(
			(mine.tonnes, mine.evidence, mine.at),
			(740, H256::repeat_byte(9), ATTESTATION_DEADLINE)
		);
		assert_eq!(list.iter().find(|a| a.oracle == 2).unwrap().tonnes, 760);
	});
}

#[test]
fn attesting_before_the_window_is_refused() {
	test(|| {
		standard_setup();
		System::set_block_number(PLEDGE_DEADLINE);
		assert_noop!(attest(1, "DEU", 750), Error::<Test>::PledgeDeadlineNotPassed);
	});
}

#[test]
fn attesting_after_the_window_is_refused() {
	test(|| {
		standard_setup();
		System::set_block_number(ATTESTATION_DEADLINE);
		assert_ok!(attest(1, "DEU", 750));
		System::set_block_number(ATTESTATION_DEADLINE + 1);
		assert_noop!(attest(2, "DEU", 750), Error::<Test>::AttestationDeadlinePassed);
		// Revisions too.
		assert_noop!(attest(1, "DEU", 700), Error::<Test>::AttestationDeadlinePassed);
	});
}

#[test]
fn attesting_as_a_non_oracle_is_refused() {
	test(|| {
		standard_setup();
		assert_noop!(attest(10, "DEU", 750), Error::<Test>::NotOracle);
		// A party's controller is no oracle either.
		assert_noop!(attest(DEU_CONTROLLER, "DEU", 750), Error::<Test>::NotOracle);
	});
}

#[test]
fn attesting_as_an_applicant_is_refused() {
	test(|| {
		standard_setup();
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(10), name("Applicant")));
		assert_noop!(attest(10, "DEU", 750), Error::<Test>::OracleNotApproved);
	});
}

#[test]
fn attesting_as_a_removed_oracle_is_refused() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 1));
		assert_noop!(attest(1, "DEU", 700), Error::<Test>::OracleRemoved);
		assert_noop!(attest(1, "BRA", 700), Error::<Test>::OracleRemoved);
	});
}

#[test]
fn attesting_for_an_unknown_party_or_pledge_is_refused() {
	test(|| {
		standard_setup();
		assert_noop!(attest(1, "FRA", 750), Error::<Test>::UnknownParty);
		add_party(code("FRA"), 102);
		assert_noop!(attest(1, "FRA", 750), Error::<Test>::NoPledge);
		assert_noop!(attest(1, "deu", 750), Error::<Test>::InvalidPartyCode);
		assert_noop!(attest(1, "DEUT", 750), Error::<Test>::InvalidPartyCode);
	});
}

#[test]
fn attesting_for_an_unknown_period_is_refused() {
	test(|| {
		standard_setup();
		assert_noop!(attest_in(1, "DEU", 2031, 750), Error::<Test>::UnknownPeriod);
	});
}

#[test]
fn at_most_max_oracles_attest_per_pledge() {
	test(|| {
		standard_setup();
		for o in 6..=(MAX_ORACLES as u64 + 1) {
			new_oracle(o);
		}
		for o in 1..=(MAX_ORACLES as u64) {
			assert_ok!(attest(o, "DEU", 750));
		}
		assert_noop!(
			attest(MAX_ORACLES as u64 + 1, "DEU", 750),
			Error::<Test>::TooManyAttestations
		);
		// Revisions still work when full.
		assert_ok!(attest(1, "DEU", 760));
		// Other parties are unaffected.
		assert_ok!(attest(MAX_ORACLES as u64 + 1, "BRA", 750));
	});
}

#[test]
fn attesting_in_an_unscheduled_period_is_refused() {
	test(|| {
		standard_setup();
		open_period(2031, 10, 20, 30);
		open_period(2032, 10, 20, 30);
		// The schedule (3 periods) is full: 2033 is opened in the calendar but not scheduled.
		open_period(2033, 10, 20, 30);
		assert_eq!(events().last(), Some(&Event::ScheduleFull { period: 2033 }));
		add_pledge(deu(), 2033);
		assert_noop!(attest_in(1, "DEU", 2033, 750), Error::<Test>::PeriodNotScheduled);
	});
}
