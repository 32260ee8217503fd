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

#[test]
fn a_published_interval_stands_and_a_decided_value_has_no_width() {
	use pacta_primitives::Publication;
	let estimate = Estimate { tonnes: PUBLISHED, low: PUBLISHED - 50, high: PUBLISHED + 80 };
	let publish_interval = || {
		let publication =
			Publication { value: Some(estimate), withheld: false, published_at: PUBLISHED_AT };
		Pacta::publish_as(code("DEU"), PERIOD, publication);
		System::set_block_number(PUBLISHED_AT);
	};
	// Unchallenged: the interval is final as published.
	test(|| {
		publish_interval();
		assert_eq!(verification(), Verification::Published(estimate));
		System::set_block_number(CLOSE + 1);
		assert_eq!(verification(), Verification::Verified(estimate));
	});
	// Challenged and timed out: the published value stands with its interval.
	test(|| {
		publish_interval();
		assert_ok!(challenge(NGO, 1_200, 100));
		System::set_block_number(DEADLINE + 1);
		assert_eq!(verification(), Verification::Verified(estimate));
	});
}

#[test]
fn a_withheld_publication_is_final_and_unchallengeable() {
	use pacta_primitives::Publication;
	test(|| {
		let publication = Publication { value: None, withheld: true, published_at: PUBLISHED_AT };
		Pacta::publish_as(code("DEU"), PERIOD, publication);
		System::set_block_number(PUBLISHED_AT);
		assert_eq!(verification(), Verification::Withheld);
		assert!(verification().is_final());
		assert_eq!(
			challenge(NGO, 1_200, 100),
			Err(crate::Error::<Test>::NothingToChallenge.into())
		);
	});
}
