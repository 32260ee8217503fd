//! Challenges of verification results and their resolution by governance.

use super::*;
use crate::{mock::*, Challenges, Error, Event, HoldReason, VerificationResult, Verifications};
use frame_support::{assert_noop, assert_ok};
use pacta_primitives::{Verification, VerifiedEmissions};
use sp_runtime::DispatchError;

fn verification(party: &str) -> Verification {
	<Attestations as VerifiedEmissions>::verification(&code(party), PERIOD)
}

fn challenge(who: u64, party: &str) -> frame_support::pallet_prelude::DispatchResult {
	Attestations::challenge(RuntimeOrigin::signed(who), raw(party), PERIOD)
}

fn resolve(party: &str, corrected: Option<u64>) -> frame_support::pallet_prelude::DispatchResult {
	Attestations::resolve_challenge(RuntimeOrigin::root(), raw(party), PERIOD, corrected)
}

/// DEU verified at 1_000 (three oracles agree); BRA unverified (one oracle).
fn verified_setup() {
	standard_setup();
	for o in 1..=3 {
		assert_ok!(attest(o, "DEU", 1_000));
	}
	assert_ok!(attest(1, "BRA", 500));
	verify();
	assert_eq!(verification("DEU"), Verification::Verified(1_000));
	assert_eq!(verification("BRA"), Verification::Unverified);
}

#[test]
fn the_controller_challenges_holding_a_deposit() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(DEU_CONTROLLER, "DEU"));
		assert_eq!(verification("DEU"), Verification::Disputed);
		assert_eq!(held(HoldReason::ChallengeDeposit, DEU_CONTROLLER), DEPOSIT);
		assert_eq!(free(DEU_CONTROLLER), INITIAL - DEPOSIT);
		let open = Challenges::<Test>::get(PERIOD, deu()).unwrap();
		assert_eq!(
			(open.challenger, open.deposit, open.opened_at),
			(DEU_CONTROLLER, DEPOSIT, ATTESTATION_DEADLINE + 1)
		);
		assert_eq!(
			events().last(),
			Some(&Event::ChallengeOpened {
				code: deu(),
				period: PERIOD,
				challenger: DEU_CONTROLLER,
				deposit: DEPOSIT,
			})
		);
	});
}

#[test]
fn an_approved_oracle_may_challenge_any_party() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(4, "DEU"));
		assert_ok!(challenge(5, "BRA"));
		assert_eq!(verification("BRA"), Verification::Disputed);
		assert_eq!(held(HoldReason::ChallengeDeposit, 4), DEPOSIT);
	});
}

#[test]
fn strangers_applicants_removed_oracles_and_other_controllers_may_not_challenge() {
	test(|| {
		verified_setup();
		assert_noop!(challenge(10, "DEU"), Error::<Test>::NotEntitledToChallenge);
		assert_noop!(challenge(BRA_CONTROLLER, "DEU"), Error::<Test>::NotEntitledToChallenge);
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(11), name("Applicant")));
		assert_noop!(challenge(11, "DEU"), Error::<Test>::NotEntitledToChallenge);
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 5));
		assert_noop!(challenge(5, "DEU"), Error::<Test>::NotEntitledToChallenge);
	});
}

#[test]
fn a_challenge_before_verification_is_refused() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		run_to_block(ATTESTATION_DEADLINE);
		assert_noop!(challenge(DEU_CONTROLLER, "DEU"), Error::<Test>::NotYetVerified);
	});
}

#[test]
fn a_challenge_after_its_deadline_is_refused() {
	test(|| {
		verified_setup();
		run_to_block(CHALLENGE_DEADLINE + 1);
		assert_noop!(challenge(DEU_CONTROLLER, "DEU"), Error::<Test>::ChallengeDeadlinePassed);
		assert_eq!(verification("DEU"), Verification::Verified(1_000));
	});
}

#[test]
fn a_challenge_at_its_deadline_is_accepted() {
	test(|| {
		verified_setup();
		run_to_block(CHALLENGE_DEADLINE);
		assert_ok!(challenge(DEU_CONTROLLER, "DEU"));
	});
}

#[test]
fn bad_codes_periods_and_duplicate_challenges_are_refused() {
	test(|| {
		verified_setup();
		assert_noop!(challenge(DEU_CONTROLLER, "De"), Error::<Test>::InvalidPartyCode);
		assert_noop!(
			Attestations::challenge(RuntimeOrigin::signed(DEU_CONTROLLER), raw("DEU"), 1999),
			Error::<Test>::UnknownPeriod
		);
		assert_noop!(challenge(1, "FRA"), Error::<Test>::NotYetVerified);
		assert_ok!(challenge(DEU_CONTROLLER, "DEU"));
		assert_noop!(challenge(1, "DEU"), Error::<Test>::AlreadyChallenged);
	});
}

#[test]
fn a_challenger_must_afford_the_deposit() {
	test(|| {
		verified_setup();
		// Oracle 4 moves away all its free balance but the existential deposit.
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(4), 20, free(4) - 1));
		assert_noop!(challenge(4, "DEU"), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn confirming_sends_the_deposit_to_the_fund_and_keeps_the_value() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(DEU_CONTROLLER, "DEU"));
		let fund_before = free(FUND);
		assert_ok!(resolve("DEU", None));
		assert_eq!(verification("DEU"), Verification::Verified(1_000));
		assert_eq!(free(FUND), fund_before + DEPOSIT);
		assert_eq!(held(HoldReason::ChallengeDeposit, DEU_CONTROLLER), 0);
		assert_eq!(free(DEU_CONTROLLER), INITIAL - DEPOSIT);
		assert!(!Challenges::<Test>::contains_key(PERIOD, deu()));
		assert_eq!(
			events().last(),
			Some(&Event::ChallengeDismissed {
				code: deu(),
				period: PERIOD,
				challenger: DEU_CONTROLLER,
				forfeited: DEPOSIT,
			})
		);
		// The result is final.
		assert!(Verifications::<Test>::get(PERIOD, deu()).unwrap().challenge_resolved);
		assert_noop!(challenge(1, "DEU"), Error::<Test>::ChallengeAlreadyResolved);
	});
}

#[test]
fn correcting_returns_the_deposit_and_sets_the_value() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(2, "DEU"));
		let fund_before = free(FUND);
		assert_ok!(resolve("DEU", Some(1_200)));
		assert_eq!(verification("DEU"), Verification::Verified(1_200));
		let record = Verifications::<Test>::get(PERIOD, deu()).unwrap();
		assert_eq!(record.result, VerificationResult::Verified(1_200));
		assert_eq!(record.median, Some(1_000));
		assert_eq!(free(FUND), fund_before);
		assert_eq!(held(HoldReason::ChallengeDeposit, 2), 0);
		assert_eq!(free(2), INITIAL - BOND);
		assert_eq!(
			events().last(),
			Some(&Event::ChallengeUpheld {
				code: deu(),
				period: PERIOD,
				challenger: 2,
				corrected_tonnes: 1_200,
				returned: DEPOSIT,
			})
		);
		assert_noop!(challenge(DEU_CONTROLLER, "DEU"), Error::<Test>::ChallengeAlreadyResolved);
	});
}

#[test]
fn an_unverified_pledge_can_be_corrected_to_verified() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(BRA_CONTROLLER, "BRA"));
		assert_ok!(resolve("BRA", Some(480)));
		assert_eq!(verification("BRA"), Verification::Verified(480));
		assert_eq!(free(BRA_CONTROLLER), INITIAL);
	});
}

#[test]
fn a_challenge_past_its_deadline_stays_disputed_until_resolved() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(DEU_CONTROLLER, "DEU"));
		run_to_block(CHALLENGE_DEADLINE + 10);
		assert_eq!(verification("DEU"), Verification::Disputed);
		assert_ok!(resolve("DEU", None));
		assert_eq!(verification("DEU"), Verification::Verified(1_000));
	});
}

#[test]
fn resolution_is_governance_only_and_needs_an_open_challenge() {
	test(|| {
		verified_setup();
		assert_noop!(resolve("DEU", None), Error::<Test>::NoOpenChallenge);
		assert_ok!(challenge(DEU_CONTROLLER, "DEU"));
		assert_noop!(
			Attestations::resolve_challenge(RuntimeOrigin::signed(1), raw("DEU"), PERIOD, None),
			DispatchError::BadOrigin
		);
		assert_noop!(resolve("deu", None), Error::<Test>::InvalidPartyCode);
		assert_noop!(resolve("BRA", None), Error::<Test>::NoOpenChallenge);
	});
}

#[test]
fn several_open_challenges_by_one_account_are_all_held() {
	test(|| {
		verified_setup();
		assert_ok!(challenge(4, "DEU"));
		assert_ok!(challenge(4, "BRA"));
		assert_eq!(held(HoldReason::ChallengeDeposit, 4), 2 * DEPOSIT);
		assert_ok!(resolve("DEU", None));
		assert_eq!(held(HoldReason::ChallengeDeposit, 4), DEPOSIT);
	});
}
