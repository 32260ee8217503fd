//! `VerifiedEmissions::verification` through a pledge's life.

use crate::mock::*;
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::Verification;

#[test]
fn pending_published_verified_without_a_dispute() {
	test(|| {
		assert_eq!(verification(), Verification::Pending);
		publish();
		assert_eq!(verification(), Verification::Published(Estimate::exact(PUBLISHED)));
		System::set_block_number(CLOSE);
		assert_eq!(verification(), Verification::Published(Estimate::exact(PUBLISHED)));
		System::set_block_number(CLOSE + 1);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(PUBLISHED)));
	});
}

#[test]
fn unverified_is_final_and_unchallengeable() {
	test(|| {
		Pacta::publish(code("DEU"), PERIOD, None, PUBLISHED_AT);
		assert_eq!(verification(), Verification::Unverified);
		assert!(verification().is_final());
	});
}

#[test]
fn a_dispute_is_disputed_until_its_deadline() {
	test(|| {
		publish();
		System::set_block_number(CLOSE);
		// A challenge in the last block of the window still gets the full resolution window.
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_eq!(dispute().deadline, CLOSE + RESOLUTION_WINDOW);
		System::set_block_number(DEADLINE);
		assert_eq!(verification(), Verification::Disputed);
		System::set_block_number(DEADLINE + 1);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(PUBLISHED)));
	});
}
