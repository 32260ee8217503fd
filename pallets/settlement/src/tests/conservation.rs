//! Exact conservation: settlement moves value, it never creates or destroys it.

use crate::{mock::*, Condition, Outcomes};
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::Verification;

fn escrow(donor: AccountId, party: &str, condition: Condition<Balance>, amount: Balance) {
	assert_ok!(Settlement::create_conditional_transfer(
		RuntimeOrigin::signed(donor),
		raw(party),
		PERIOD,
		condition,
		amount
	));
}

#[test]
fn settlement_conserves_issuance_and_balances() {
	for terms in [binding(), facilitative()] {
		test(|| {
			open(terms.clone());
			pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
			pledge("BRA", BRA_MINISTRY, 500, 777);
			pledge("IND", IND_MINISTRY, 2_000, 333);
			escrow(NORWAY, "DEU", Condition::PerTonneBelowCap { rate: 3 }, 250);
			escrow(SWEDEN, "DEU", Condition::PledgeMet, 100);
			escrow(JAPAN, "BRA", Condition::EmissionsAtMost(600), 400);
			escrow(NORWAY, "BRA", Condition::PerTonneBelowCap { rate: 1 }, 99);
			escrow(SWEDEN, "IND", Condition::PledgeMet, 1_000);
			verify("DEU", Verification::Verified(Estimate::exact(930)));
			verify("BRA", Verification::Verified(Estimate::exact(599)));
			verify("IND", Verification::Disputed);
			let before = money();

			run_to_settlement();
			assert_eq!(money(), before);
			verify("IND", Verification::Unverified);
			run_to_block(CHALLENGE_DEADLINE + 3);
			assert_eq!(money(), before);

			for party in ["DEU", "BRA", "IND"] {
				assert!(Outcomes::<Test>::get(PERIOD, code(party)).is_some());
			}
			// Every unit is accounted for: what the fund gained is what the parties forfeited;
			// what controllers gained is what donors paid.
			let forfeited: Balance =
				Outcomes::<Test>::iter_prefix_values(PERIOD).map(|r| r.forfeited).sum();
			let paid: Balance =
				Outcomes::<Test>::iter_prefix_values(PERIOD).map(|r| r.transfers_paid).sum();
			assert_eq!(free(fund()), 1 + forfeited);
			let donors_lost = 3 * ENDOWMENT - free(NORWAY) - free(SWEDEN) - free(JAPAN);
			assert_eq!(donors_lost, paid);
			let ministries =
				free(DEU_MINISTRY) + free(BRA_MINISTRY) + free(IND_MINISTRY) + forfeited;
			assert_eq!(ministries, 3 * ENDOWMENT + paid);
			// DEU (compliant): 70 t below at 3 = 210 of 250, and 100. BRA (breached, 599 t):
			// 400 for at most 600 t, nothing per tonne below its cap. IND (unverified): nothing.
			assert_eq!(paid, 210 + 100 + 400);
			for who in [NORWAY, SWEDEN, JAPAN] {
				assert_eq!(escrowed(who), 0);
			}
		});
	}
}
