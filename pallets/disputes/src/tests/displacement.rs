//! Full lists: a larger bond displaces the smallest claim (or backer), which is refunded; an
//! equal or smaller bond is refused.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_larger_bond_displaces_the_smallest_claim() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_100, 10));
		assert_ok!(challenge(NGO2, 1_200, 20));
		assert_ok!(challenge(NGO3, 1_300, 30));
		assert_ok!(vote(A, 1_100));
		assert_eq!(dispute().claims.len() as u32, MAX_CLAIMS);

		assert_noop!(challenge(NGO4, 1_400, 10), Error::<Test>::TooManyClaims);
		assert_ok!(challenge(NGO4, 1_400, 11));

		let d = dispute();
		assert_eq!(
			d.claims.iter().map(|c| c.tonnes).collect::<Vec<_>>(),
			vec![1_200, 1_300, 1_400]
		);
		assert!(d.votes.is_empty(), "the vote for the displaced claim is dropped");
		assert_eq!((bonded(NGO), free(NGO)), (0, ENDOWMENT));
		assert_eq!(bonded(NGO4), 11);
		assert!(events().contains(&Event::ClaimDisplaced {
			code: code("DEU"),
			period: PERIOD,
			tonnes: 1_100,
			refunded: 10,
		}));
		// The displaced value is no candidate any more.
		assert_noop!(vote(A, 1_100), Error::<Test>::NotACandidate);
	});
}

#[test]
fn a_displaced_claim_refunds_all_its_backers() {
	test(|| {
		publish();
		assert_ok!(challenge(NGO, 1_100, 10));
		assert_ok!(challenge(NGO2, 1_100, 10));
		assert_ok!(challenge(NGO3, 1_200, 30));
		assert_ok!(challenge(NGO3, 1_300, 30));
		// 1,100 has 20 in total: 20 is refused, 21 displaces it.
		assert_noop!(challenge(NGO4, 1_400, 20), Error::<Test>::TooManyClaims);
		assert_ok!(challenge(NGO4, 1_400, 21));
		assert_eq!((bonded(NGO), bonded(NGO2)), (0, 0));
		assert_eq!((free(NGO), free(NGO2)), (ENDOWMENT, ENDOWMENT));
		assert!(events().contains(&Event::ClaimDisplaced {
			code: code("DEU"),
			period: PERIOD,
			tonnes: 1_100,
			refunded: 20,
		}));
	});
}

#[test]
fn a_larger_bond_displaces_the_smallest_backer() {
	test(|| {
		publish();
		assert_ok!(challenge(NGO, 1_200, 10));
		assert_ok!(challenge(NGO2, 1_200, 20));
		assert_ok!(challenge(NGO3, 1_200, 30));
		assert_noop!(challenge(NGO4, 1_200, 10), Error::<Test>::TooManyBackers);
		assert_ok!(challenge(NGO4, 1_200, 15));
		let d = dispute();
		let claim = &d.claims[0];
		assert_eq!(
			claim.backers.iter().map(|b| (b.who, b.bond)).collect::<Vec<_>>(),
			vec![(NGO2, 20), (NGO3, 30), (NGO4, 15)]
		);
		assert_eq!(claim.bond, 65);
		assert_eq!((bonded(NGO), free(NGO)), (0, ENDOWMENT));
		assert!(events().contains(&Event::BackerDisplaced {
			code: code("DEU"),
			period: PERIOD,
			who: NGO,
			tonnes: 1_200,
			refunded: 10,
		}));
		// A backer already on a full claim can still add to its bond.
		assert_ok!(challenge(NGO4, 1_200, 10));
		assert_eq!(dispute().claims[0].bond, 75);
	});
}
