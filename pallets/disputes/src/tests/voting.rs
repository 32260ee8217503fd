//! Voting and deciding: two thirds of the eligible members, affiliations, ties, too few
//! eligible members, and no lever for governance.

use crate::{mock::*, DisputeStatus, Error, Event};
use frame_support::{assert_noop, assert_ok};
use pacta_primitives::Estimate;
use pacta_primitives::Verification;
use sp_runtime::DispatchError;

#[test]
fn two_thirds_of_the_eligible_decide() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_noop!(vote(A, 1_234), Error::<Test>::NotACandidate);
		assert_ok!(vote(A, 1_000));
		assert_ok!(vote(A, 1_200));
		assert_eq!(dispute().votes.to_vec(), vec![(A, 1_200)], "a second vote replaces the first");
		assert_eq!(dispute().status, DisputeStatus::Open);
		assert_ok!(vote(B, 1_200));
		assert_eq!(dispute().status, DisputeStatus::Decided(1_200));
		assert_eq!(
			last_event(),
			Event::DisputeDecided {
				code: code("DEU"),
				period: PERIOD,
				tonnes: 1_200,
				votes: 2,
				eligible: 3
			}
		);
		assert_noop!(vote(C, 1_000), Error::<Test>::DisputeNotOpen);
	});
}

#[test]
fn an_affiliated_members_vote_is_refused_and_no_longer_counted() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(vote(A, 1_200));
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("DEU")));
		assert_noop!(vote(A, 1_200), Error::<Test>::Affiliated);
		// Without A's vote, B alone is one of three: no decision.
		assert_ok!(vote(B, 1_200));
		assert_eq!(dispute().status, DisputeStatus::Open);
		assert_ok!(vote(C, 1_200));
		assert_eq!(dispute().status, DisputeStatus::Decided(1_200));
	});
}

#[test]
fn a_tie_decides_nothing_and_the_published_value_stands_at_the_deadline() {
	test(|| {
		publish();
		panel(&[A, B, C, D]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(vote(A, 1_200));
		assert_ok!(vote(B, 1_200));
		assert_ok!(vote(C, PUBLISHED));
		assert_ok!(vote(D, PUBLISHED));
		assert_eq!(dispute().status, DisputeStatus::Open);
		System::set_block_number(DEADLINE);
		assert_eq!(verification(), Verification::Disputed);
		System::set_block_number(DEADLINE + 1);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(PUBLISHED)));
		assert_noop!(vote(A, PUBLISHED), Error::<Test>::ResolutionDeadlinePassed);
		finalise(PUBLISHED);
		assert_eq!((bonded(NGO), free(NGO)), (0, ENDOWMENT - 100));
		assert_eq!(free(FUND), 1 + 100);
	});
}

#[test]
fn too_few_eligible_members_cannot_vote_and_the_published_value_stands() {
	test(|| {
		publish();
		panel(&[A, B]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_eq!(dispute().eligible.len(), 2);
		assert_noop!(vote(A, 1_200), Error::<Test>::TooFewEligible);
		System::set_block_number(DEADLINE + 1);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(PUBLISHED)));
	});
}

#[test]
fn a_member_challenging_can_drop_the_panel_below_the_minimum() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(vote(A, 1_200));
		assert_ok!(challenge(C, 1_300, 100));
		// Two eligible are fewer than three: A's vote (1 of 2) decides nothing, nobody votes.
		assert_eq!(dispute().status, DisputeStatus::Open);
		assert_noop!(vote(B, 1_200), Error::<Test>::TooFewEligible);
	});
}

#[test]
fn governance_cannot_decide() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_noop!(
			Disputes::vote(RuntimeOrigin::root(), raw("DEU"), PERIOD, 1_200),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Disputes::challenge(RuntimeOrigin::root(), raw("DEU"), PERIOD, 1_200, EVIDENCE, 100),
			DispatchError::BadOrigin
		);
		// Its one call only removes affiliations: the dispute is untouched.
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("DEU")));
		let before = dispute();
		assert_ok!(Disputes::remove_affiliation(RuntimeOrigin::root(), A, raw("DEU")));
		assert_eq!(dispute(), before);
		assert_eq!(verification(), Verification::Disputed);
	});
}

#[test]
fn voting_without_a_dispute_is_refused() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_noop!(vote(A, PUBLISHED), Error::<Test>::NoDispute);
	});
}
