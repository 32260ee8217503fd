//! Conditional transfers executed with the pledge: every condition met, not met, partly
//! earned, capped at the escrow; several donors on one pledge; unverified pays nothing.

use crate::{mock::*, Condition, Event, Outcomes, Transfers, TransfersByPledge};
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::Verification;

const CAP: u64 = 1_000;
const BOND: Balance = 1_000;

/// Opens the period (binding), DEU pledges `CAP` with `BOND`.
fn setup() {
	open(binding());
	pledge("DEU", DEU_MINISTRY, CAP, BOND);
}

fn escrow(donor: AccountId, condition: Condition<Balance>, amount: Balance) {
	assert_ok!(Settlement::create_conditional_transfer(
		RuntimeOrigin::signed(donor),
		raw("DEU"),
		PERIOD,
		condition,
		amount
	));
}

/// Settles DEU with `verification` and returns (what the controller earned, what `donor` got
/// back). With a compliant verification the controller's bond comes back whole, so its free
/// balance grows by exactly what it earned.
fn settle(verification: Verification, donor: AccountId) -> (Balance, Balance) {
	let donor_free = free(donor);
	verify("DEU", verification);
	run_to_settlement();
	assert_eq!(escrowed(donor), 0);
	assert!(TransfersByPledge::<Test>::get(PERIOD, code("DEU")).is_empty());
	assert_eq!(Transfers::<Test>::iter().count(), 0);
	let bond_lost = BOND - Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap().released;
	(free(DEU_MINISTRY) + bond_lost - ENDOWMENT, free(donor) - donor_free)
}

#[test]
fn pledge_met_pays_all_when_met() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PledgeMet, 300);
		assert_eq!(settle(Verification::Verified(Estimate::exact(CAP)), NORWAY), (300, 0));
		assert_eq!(free(NORWAY), ENDOWMENT - 300);
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!(
			(record.transfers, record.transfers_paid, record.transfers_refunded),
			(1, 300, 0)
		);
		assert!(events().contains(&Event::ConditionalTransferExecuted {
			id: 0,
			code: code("DEU"),
			period: PERIOD,
			donor: NORWAY,
			beneficiary: Some(DEU_MINISTRY),
			earned: 300,
			refunded: 0,
		}));
	});
}

#[test]
fn pledge_met_pays_nothing_when_breached() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PledgeMet, 300);
		assert_eq!(settle(Verification::Verified(Estimate::exact(CAP + 1)), NORWAY), (0, 300));
		assert_eq!(free(NORWAY), ENDOWMENT);
		assert!(events().contains(&Event::ConditionalTransferExecuted {
			id: 0,
			code: code("DEU"),
			period: PERIOD,
			donor: NORWAY,
			beneficiary: None,
			earned: 0,
			refunded: 300,
		}));
	});
}

#[test]
fn emissions_at_most_met() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::EmissionsAtMost(800), 300);
		assert_eq!(settle(Verification::Verified(Estimate::exact(800)), NORWAY), (300, 0));
	});
}

#[test]
fn emissions_at_most_not_met() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::EmissionsAtMost(800), 300);
		assert_eq!(settle(Verification::Verified(Estimate::exact(801)), NORWAY), (0, 300));
	});
}

#[test]
fn emissions_at_most_is_judged_on_its_own_threshold_even_if_breached() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::EmissionsAtMost(CAP + 50), 300);
		let (earned_and_bond, refunded) =
			settle(Verification::Verified(Estimate::exact(CAP + 50)), NORWAY);
		assert_eq!((earned_and_bond, refunded), (300, 0));
	});
}

#[test]
fn per_tonne_below_cap_is_partly_earned() {
	test(|| {
		setup();
		// 100 t below the cap at 2 each: 200 of 300.
		escrow(NORWAY, Condition::PerTonneBelowCap { rate: 2 }, 300);
		assert_eq!(settle(Verification::Verified(Estimate::exact(CAP - 100)), NORWAY), (200, 100));
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!((record.transfers_paid, record.transfers_refunded), (200, 100));
	});
}

#[test]
fn per_tonne_below_cap_is_capped_at_the_escrow() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PerTonneBelowCap { rate: 10 }, 300);
		assert_eq!(settle(Verification::Verified(Estimate::exact(CAP - 100)), NORWAY), (300, 0));
	});
}

#[test]
fn per_tonne_below_cap_pays_nothing_at_or_above_the_cap() {
	for verified in [CAP, CAP + 10] {
		test(|| {
			setup();
			escrow(NORWAY, Condition::PerTonneBelowCap { rate: 10 }, 300);
			assert_eq!(settle(Verification::Verified(Estimate::exact(verified)), NORWAY), (0, 300));
		});
	}
}

#[test]
fn unverified_sends_everything_back() {
	for condition in [
		Condition::PledgeMet,
		Condition::EmissionsAtMost(u64::MAX),
		Condition::PerTonneBelowCap { rate: 1_000 },
	] {
		test(|| {
			setup();
			escrow(NORWAY, condition, 300);
			assert_eq!(settle(Verification::Unverified, NORWAY), (0, 300));
			assert_eq!(free(NORWAY), ENDOWMENT);
		});
	}
}

#[test]
fn several_donors_on_one_pledge() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PledgeMet, 300);
		escrow(SWEDEN, Condition::PerTonneBelowCap { rate: 1 }, 500);
		escrow(JAPAN, Condition::EmissionsAtMost(800), 200);
		// A donor may escrow twice for the same pledge.
		escrow(NORWAY, Condition::EmissionsAtMost(950), 50);
		assert_eq!(escrowed(NORWAY), 350);
		verify("DEU", Verification::Verified(Estimate::exact(900)));
		run_to_settlement();
		// Norway: 300 earned, 50 earned. Sweden: 100 of 500 earned. Japan: nothing.
		assert_eq!(free(NORWAY), ENDOWMENT - 350);
		assert_eq!(free(SWEDEN), ENDOWMENT - 100);
		assert_eq!(free(JAPAN), ENDOWMENT);
		assert_eq!(free(DEU_MINISTRY), ENDOWMENT + 450);
		for donor in [NORWAY, SWEDEN, JAPAN] {
			assert_eq!(escrowed(donor), 0);
		}
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!(
			(record.transfers, record.transfers_paid, record.transfers_refunded),
			(4, 450, 600)
		);
		let executed = events()
			.into_iter()
			.filter(|e| matches!(e, Event::ConditionalTransferExecuted { .. }))
			.count();
		assert_eq!(executed, 4);
	});
}

#[test]
fn earnings_go_to_the_controller_at_settlement_time() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PledgeMet, 300);
		// Germany rotates its key after pledging: the bond comes back to the old account,
		// the earnings go to the new controller.
		Pacta::register(code("DEU"), STRANGER);
		verify("DEU", Verification::Verified(Estimate::exact(CAP)));
		run_to_settlement();
		assert_eq!(free(DEU_MINISTRY), ENDOWMENT);
		assert_eq!(free(STRANGER), ENDOWMENT + 300);
	});
}

#[test]
fn a_party_without_controller_earns_nothing() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PledgeMet, 300);
		pacta_mock::Controllers::<Test>::remove(code("DEU"));
		verify("DEU", Verification::Verified(Estimate::exact(CAP)));
		run_to_settlement();
		assert_eq!(free(NORWAY), ENDOWMENT);
		assert_eq!(Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap().transfers_refunded, 300);
	});
}

#[test]
fn transfers_of_other_pledges_are_untouched() {
	test(|| {
		setup();
		pledge("BRA", BRA_MINISTRY, CAP, BOND);
		escrow(NORWAY, Condition::PledgeMet, 300);
		assert_ok!(Settlement::create_conditional_transfer(
			RuntimeOrigin::signed(NORWAY),
			raw("BRA"),
			PERIOD,
			Condition::PledgeMet,
			100
		));
		verify("DEU", Verification::Verified(Estimate::exact(CAP)));
		verify("BRA", Verification::Disputed);
		run_to_settlement();
		// DEU settled and paid; BRA waits with its escrow still held.
		assert_eq!(escrowed(NORWAY), 100);
		assert_eq!(free(DEU_MINISTRY), ENDOWMENT + 300);
		assert_eq!(TransfersByPledge::<Test>::get(PERIOD, code("BRA")).len(), 1);
	});
}

/// Cap 1,000; final 1,000 in [940, 1,060]: the interval straddles the cap. Neither a penalty
/// nor a payment: the bond comes back whole and every donor gets its escrow back.
#[test]
fn a_straddling_interval_is_inconclusive_bond_released_transfers_refunded() {
	for condition in [
		Condition::PledgeMet,
		Condition::EmissionsAtMost(u64::MAX),
		Condition::PerTonneBelowCap { rate: 1_000 },
	] {
		test(|| {
			setup();
			escrow(NORWAY, condition, 300);
			let straddling = Estimate { tonnes: 1_000, low: 940, high: 1_060 };
			let fund_before = free(fund());
			assert_eq!(settle(Verification::Verified(straddling), NORWAY), (0, 300));
			let record = Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap();
			assert_eq!(record.outcome, crate::Outcome::Inconclusive);
			assert_eq!((record.forfeited, record.released), (0, BOND));
			assert_eq!(record.verified, Some(straddling));
			assert_eq!(free(fund()), fund_before);
		});
	}
}

/// Payments read the high end of the final interval: cap 1,000, final 900 in [850, 960], 2 per
/// tonne below the cap: 40 t, so 80 of the 300 escrowed (not 200 from the median).
#[test]
fn payments_read_the_high_end() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PerTonneBelowCap { rate: 2 }, 300);
		let estimate = Estimate { tonnes: 900, low: 850, high: 960 };
		assert_eq!(settle(Verification::Verified(estimate), NORWAY), (80, 220));
	});
}

/// Withheld: the whole bond is forfeited and every transfer refunded.
#[test]
fn withheld_forfeits_the_whole_bond_and_refunds_the_donor() {
	test(|| {
		setup();
		escrow(NORWAY, Condition::PledgeMet, 300);
		let fund_before = free(fund());
		verify("DEU", Verification::Withheld);
		run_to_settlement();
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!(record.outcome, crate::Outcome::Withheld);
		assert_eq!((record.forfeited, record.released), (BOND, 0));
		assert_eq!(free(fund()) - fund_before, BOND);
		assert_eq!(escrowed(NORWAY), 0);
		assert_eq!(free(NORWAY), ENDOWMENT);
	});
}
