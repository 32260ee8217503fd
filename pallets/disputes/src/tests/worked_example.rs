//! The worked example of the crate docs, with its numbers: DEU's 2030 value is published as
//! 1,000 t in block 20 (challenge close 30, resolution deadline 40); A, B and C are eligible,
//! D is affiliated with DEU; an NGO claims 1,200 t and Germany's ministry 900 t, 100 each.

use crate::{mock::*, DisputeStatus, Event};
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::Verification;

#[test]
fn worked_example() {
	test(|| {
		publish();
		panel(&[A, B, C, D]);
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(D), raw("DEU")));

		System::set_block_number(21);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_eq!(dispute().eligible.to_vec(), vec![A, B, C]);
		assert_eq!(dispute().deadline, DEADLINE);
		System::set_block_number(22);
		assert_ok!(challenge(DEU_MINISTRY, 900, 100));
		assert_eq!(verification(), Verification::Disputed);

		assert_ok!(vote(A, 1_200));
		assert_eq!(dispute().status, DisputeStatus::Open);
		assert_ok!(vote(B, 1_200));
		assert_eq!(dispute().status, DisputeStatus::Decided(1_200));
		assert_eq!(verification(), Verification::Verified(Estimate::exact(1_200)));

		finalise(1_200);
		assert_eq!(free(NGO), ENDOWMENT + 50);
		assert_eq!(free(DEU_MINISTRY), ENDOWMENT - 100);
		assert_eq!(free(FUND), 1 + 50);
		assert_eq!((bonded(NGO), bonded(DEU_MINISTRY)), (0, 0));
		assert_eq!(
			last_event(),
			Event::DisputeClosed {
				code: code("DEU"),
				period: PERIOD,
				tonnes: 1_200,
				by_panel: true,
				returned: 100,
				forfeited: 100,
				rewarded: 50,
			}
		);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(1_200)));
	});
}
