//! Paying out when settlement reports the final value.

use crate::{mock::*, DisputeStatus, Event};
use frame_support::{assert_ok, weights::constants::RocksDbWeight};
use pacta_primitives::Estimate;
use pacta_primitives::{OnFinalValue, Verification};

#[test]
fn self_challenge_with_no_panel_action_times_out_and_forfeits_the_bond() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		System::set_block_number(21);
		assert_ok!(challenge(DEU_MINISTRY, 900, 50));
		for block in [21, CLOSE + 1, DEADLINE] {
			System::set_block_number(block);
			assert_eq!(verification(), Verification::Disputed);
		}
		System::set_block_number(DEADLINE + 1);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(PUBLISHED)));

		finalise(PUBLISHED);
		assert_eq!((bonded(DEU_MINISTRY), free(DEU_MINISTRY)), (0, ENDOWMENT - 50));
		assert_eq!(free(FUND), 1 + 50);
		assert_eq!(dispute().status, DisputeStatus::Closed { value: PUBLISHED, by_panel: false });
		assert_eq!(
			last_event(),
			Event::DisputeClosed {
				code: code("DEU"),
				period: PERIOD,
				tonnes: PUBLISHED,
				by_panel: false,
				returned: 0,
				forfeited: 50,
				rewarded: 0,
			}
		);
	});
}

#[test]
fn upheld_claim_returns_its_bonds_and_pays_the_winner_share_pro_rata() {
	test(|| {
		publish();
		panel(&[A, B, C]);
		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(challenge(NGO2, 1_200, 300));
		assert_ok!(challenge(DEU_MINISTRY, 900, 200));
		assert_ok!(challenge(NGO3, 1_300, 200));
		assert_ok!(vote(A, 1_200));
		assert_ok!(vote(C, 1_200));
		assert_eq!(verification(), Verification::Verified(Estimate::exact(1_200)));
		assert!(dispute().votes.len() == 2);

		finalise(1_200);
		// Losers forfeit 400; half of it (200) goes to the winners, 1 : 3.
		assert_eq!(free(NGO), ENDOWMENT + 50);
		assert_eq!(free(NGO2), ENDOWMENT + 150);
		assert_eq!(free(DEU_MINISTRY), ENDOWMENT - 200);
		assert_eq!(free(NGO3), ENDOWMENT - 200);
		assert_eq!(free(FUND), 1 + 200);
		for who in [NGO, NGO2, NGO3, DEU_MINISTRY] {
			assert_eq!(bonded(who), 0);
		}
		let d = dispute();
		assert_eq!(d.status, DisputeStatus::Closed { value: 1_200, by_panel: true });
		assert!(d.votes.is_empty());
		assert_eq!(d.claims.len(), 3, "the record is kept");
		assert_eq!(
			last_event(),
			Event::DisputeClosed {
				code: code("DEU"),
				period: PERIOD,
				tonnes: 1_200,
				by_panel: true,
				returned: 400,
				forfeited: 400,
				rewarded: 200,
			}
		);
		assert_eq!(verification(), Verification::Verified(Estimate::exact(1_200)));
	});
}

#[test]
fn closing_twice_pays_once_and_no_dispute_is_a_single_read() {
	test(|| {
		publish();
		let one_read = <Disputes as OnFinalValue>::final_value_weight(&code("DEU"), PERIOD);
		assert_eq!(one_read, RocksDbWeight::get().reads(1));
		finalise(PUBLISHED);
		assert!(events().is_empty(), "no dispute, nothing to do");

		assert_ok!(challenge(NGO, 1_200, 100));
		assert_ok!(challenge(NGO2, 1_300, 100));
		let weight = <Disputes as OnFinalValue>::final_value_weight(&code("DEU"), PERIOD);
		assert_eq!(weight, <() as crate::WeightInfo>::close_dispute(2));
		assert!(<Disputes as OnFinalValue>::max_final_value_weight().all_gte(weight));
		finalise(PUBLISHED);
		let closed = events().len();
		finalise(1_200);
		assert_eq!(events().len(), closed, "a closed dispute is not paid out again");
		assert_eq!(free(FUND), 1 + 200);
		assert_eq!(dispute().status, DisputeStatus::Closed { value: PUBLISHED, by_panel: false });
	});
}
