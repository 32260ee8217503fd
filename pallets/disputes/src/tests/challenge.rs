//! Challenging: what is refused, who is eligible when a dispute opens, and co-backing.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn challenge_before_publication_or_of_an_unverified_pledge_is_refused() {
	test(|| {
		System::set_block_number(PUBLISHED_AT);
		assert_noop!(challenge(NGO, 1_200, 100), Error::<Test>::NotPublished);
		Pacta::publish(code("DEU"), PERIOD, None, PUBLISHED_AT);
		assert_noop!(challenge(NGO, 1_200, 100), Error::<Test>::NothingToChallenge);
		assert!(Disputes::dispute(&code("DEU"), PERIOD).is_none());
		assert_eq!(bonded(NGO), 0);
	});
}

#[test]
fn claim_of_the_published_value_small_bond_or_bad_code_is_refused() {
	test(|| {
		publish();
		assert_noop!(challenge(NGO, PUBLISHED, 100), Error::<Test>::ClaimIsPublishedValue);
		assert_noop!(challenge(NGO, 1_200, MIN_BOND - 1), Error::<Test>::BondTooSmall);
		assert_noop!(challenge(NGO, 1_200, ENDOWMENT + 1), Error::<Test>::InsufficientBalance);
		assert_noop!(
			Disputes::challenge(RuntimeOrigin::signed(NGO), raw("deu"), PERIOD, 1, EVIDENCE, 100),
			Error::<Test>::InvalidPartyCode
		);
		assert_ok!(challenge(NGO, 1_200, MIN_BOND));
		assert_eq!(bonded(NGO), MIN_BOND);
	});
}

#[test]
fn challenge_after_the_window_closes_is_refused() {
	test(|| {
		publish();
		System::set_block_number(CLOSE + 1);
		assert_noop!(challenge(NGO, 1_200, 100), Error::<Test>::ChallengeWindowClosed);
	});
}

#[test]
fn a_late_publication_still_gets_its_challenge_window() {
	test(|| {
		// Published in block 28: open until 28 + 5 = 33, past the challenge deadline 30.
		Pacta::publish(code("DEU"), PERIOD, Some(PUBLISHED), 28);
		System::set_block_number(33);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_eq!(dispute().deadline, 33 + RESOLUTION_WINDOW);
		System::set_block_number(34);
		assert_noop!(challenge(NGO2, 1_300, 100), Error::<Test>::ChallengeWindowClosed);
	});
}

#[test]
fn oracle_controller_affiliated_member_and_challenger_are_not_eligible() {
	test(|| {
		publish();
		panel(&[A, B, C, D, E, ORACLE, DEU_MINISTRY]);
		Pacta::attest(code("DEU"), PERIOD, ORACLE);
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(D), raw("DEU")));
		assert_ok!(challenge(E, 1_200, 100));
		assert_eq!(dispute().eligible.to_vec(), vec![A, B, C]);
		assert!(events().contains(&Event::DisputeOpened {
			code: code("DEU"),
			period: PERIOD,
			published: PUBLISHED,
			deadline: DEADLINE,
			eligible: 3,
		}));
		for who in [D, E, ORACLE, DEU_MINISTRY] {
			assert_noop!(vote(who, 1_200), Error::<Test>::NotEligible);
		}
		// An eligible member who challenges later loses its eligibility and its vote.
		assert_ok!(vote(C, 1_200));
		assert_ok!(challenge(C, 1_300, 100));
		assert_eq!(dispute().eligible.to_vec(), vec![A, B]);
		assert!(dispute().votes.is_empty());
		assert!(events().contains(&Event::EligibilityLost {
			code: code("DEU"),
			period: PERIOD,
			who: C
		}));
		assert_noop!(vote(C, 1_200), Error::<Test>::NotEligible);
	});
}

#[test]
fn same_value_joins_the_claim_and_a_backer_can_add_to_its_bond() {
	test(|| {
		publish();
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(challenge(NGO2, 1_200, 50));
		assert_ok!(challenge(NGO, 1_200, 30));
		let d = dispute();
		assert_eq!(d.claims.len(), 1);
		let claim = &d.claims[0];
		assert_eq!(claim.bond, 180);
		assert_eq!(
			claim.backers.iter().map(|b| (b.who, b.bond)).collect::<Vec<_>>(),
			vec![(NGO, 130), (NGO2, 50)]
		);
		assert_eq!((bonded(NGO), bonded(NGO2)), (130, 50));
		assert_eq!(
			last_event(),
			Event::BondAdded {
				code: code("DEU"),
				period: PERIOD,
				who: NGO,
				tonnes: 1_200,
				added: 30,
				total: 130
			}
		);
		assert!(events().contains(&Event::Challenged {
			code: code("DEU"),
			period: PERIOD,
			who: NGO2,
			tonnes: 1_200,
			evidence: EVIDENCE,
			bond: 50,
			co_backer: true,
		}));
	});
}

#[test]
fn challenge_after_a_decision_is_refused() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(vote(A, 1_200));
		assert_ok!(vote(B, 1_200));
		assert_noop!(challenge(NGO2, 1_300, 100), Error::<Test>::DisputeDecided);
		assert_noop!(challenge(NGO2, 1_200, 100), Error::<Test>::DisputeDecided);
	});
}
