//! Every outcome, in binding and in facilitative mode.

use crate::{mock::*, Event, Outcome, OutcomeRecord, Outcomes};
use pacta_primitives::Estimate;
use pacta_primitives::{PeriodTerms, Verification};

const CAP: u64 = 1_000;
const BOND: Balance = 1_000;

/// DEU pledges `CAP` with `BOND` under `terms`, is verified as `verification`, and settles.
fn settle(terms: PeriodTerms<Balance>, verification: Verification) -> OutcomeRecord<Balance, u64> {
	open(terms);
	pledge("DEU", DEU_MINISTRY, CAP, BOND);
	verify("DEU", verification);
	assert_eq!(bonded(DEU_MINISTRY), BOND);
	run_to_settlement();
	assert_eq!(bonded(DEU_MINISTRY), 0, "the bond is no longer held");
	assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code("DEU")), 1);
	let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("an outcome record");
	// The final value was reported exactly once, when the pledge settled, so that the oracles
	// are judged against it and its dispute's bonds are paid out.
	assert_eq!(
		pacta_mock::FinalValues::<Test>::get(PERIOD, code("DEU")),
		Some((record.verified, 1))
	);
	run_to_block(System::block_number() + 3);
	assert_eq!(pacta_mock::FinalValues::<Test>::get(PERIOD, code("DEU")).map(|(_, n)| n), Some(1));
	record
}

/// What the fund gained and the ministry lost.
fn flows(fund_before: Balance) -> (Balance, Balance) {
	(free(fund()) - fund_before, ENDOWMENT - free(DEU_MINISTRY))
}

#[test]
fn compliant_releases_the_bond_in_both_modes() {
	for terms in [binding(), facilitative()] {
		test(|| {
			let fund_before = free(fund());
			let record = settle(terms.clone(), Verification::Verified(Estimate::exact(CAP)));
			assert_eq!(flows(fund_before), (0, 0));
			assert_eq!(
				record,
				OutcomeRecord {
					outcome: Outcome::Compliant,
					verified: Some(Estimate::exact(CAP)),
					cap: CAP,
					bond: BOND,
					forfeited: 0,
					released: BOND,
					transfers: 0,
					transfers_paid: 0,
					transfers_refunded: 0,
					settled_at: CHALLENGE_DEADLINE + 1,
				}
			);
			assert!(events().contains(&Event::PledgeSettled {
				code: code("DEU"),
				period: PERIOD,
				outcome: Outcome::Compliant,
				verified: Some(Estimate::exact(CAP)),
				cap: CAP,
				forfeited: 0,
				released: BOND,
				transfers_paid: 0,
				transfers_refunded: 0,
			}));
		});
	}
}

#[test]
fn breach_in_binding_mode_forfeits_overshoot_times_penalty() {
	test(|| {
		let fund_before = free(fund());
		// 100 t over the cap at 2 per tonne.
		let record = settle(binding(), Verification::Verified(Estimate::exact(CAP + 100)));
		assert_eq!(flows(fund_before), (200, 200));
		assert_eq!(record.outcome, Outcome::Breached);
		assert_eq!(record.verified, Some(Estimate::exact(CAP + 100)));
		assert_eq!((record.forfeited, record.released), (200, 800));
	});
}

#[test]
fn breach_forfeits_at_most_the_bond() {
	test(|| {
		let fund_before = free(fund());
		let record = settle(binding(), Verification::Verified(Estimate::exact(CAP * 10)));
		assert_eq!(flows(fund_before), (BOND, BOND));
		assert_eq!((record.forfeited, record.released), (BOND, 0));
	});
}

#[test]
fn breach_in_facilitative_mode_only_records() {
	test(|| {
		let fund_before = free(fund());
		let record = settle(facilitative(), Verification::Verified(Estimate::exact(CAP * 10)));
		assert_eq!(flows(fund_before), (0, 0));
		assert_eq!(record.outcome, Outcome::Breached);
		assert_eq!((record.forfeited, record.released), (0, BOND));
	});
}

#[test]
fn unverified_in_binding_mode_forfeits_the_share() {
	test(|| {
		let fund_before = free(fund());
		let record = settle(binding(), Verification::Unverified);
		assert_eq!(flows(fund_before), (500, 500));
		assert_eq!(record.outcome, Outcome::Unverified);
		assert_eq!(record.verified, None);
		assert_eq!((record.forfeited, record.released), (500, 500));
	});
}

#[test]
fn unverified_in_facilitative_mode_only_records() {
	test(|| {
		let fund_before = free(fund());
		let record = settle(facilitative(), Verification::Unverified);
		assert_eq!(flows(fund_before), (0, 0));
		assert_eq!(record.outcome, Outcome::Unverified);
		assert_eq!((record.forfeited, record.released), (0, BOND));
	});
}

#[test]
fn nothing_settles_until_the_challenge_deadline_has_passed() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, CAP, BOND);
		verify("DEU", Verification::Verified(Estimate::exact(CAP + 100)));
		run_to_block(CHALLENGE_DEADLINE);
		assert_eq!(bonded(DEU_MINISTRY), BOND);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		run_to_block(CHALLENGE_DEADLINE + 1);
		assert_eq!(bonded(DEU_MINISTRY), 0);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_some());
	});
}

#[test]
fn each_pledge_settles_once_and_the_period_leaves_the_schedule() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, CAP, BOND);
		pledge("BRA", BRA_MINISTRY, CAP, BOND);
		pledge("IND", IND_MINISTRY, CAP, BOND);
		verify("DEU", Verification::Verified(Estimate::exact(10)));
		verify("BRA", Verification::Verified(Estimate::exact(CAP + 1)));
		verify("IND", Verification::Unverified);
		run_to_block(CHALLENGE_DEADLINE + 5);
		for party in ["DEU", "BRA", "IND"] {
			assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code(party)), 1);
		}
		let settled =
			events().into_iter().filter(|e| matches!(e, Event::PledgeSettled { .. })).count();
		assert_eq!(settled, 3);
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: 3 }));
		assert!(!crate::Pallet::<Test>::is_scheduled(PERIOD));
		// Nothing is left to do: the following blocks only pay the idle overhead.
		let weights = run_to_block(CHALLENGE_DEADLINE + 7);
		assert!(weights.iter().all(|w| *w == <() as crate::WeightInfo>::settlement_base(0)));
	});
}

#[test]
fn a_pledge_settled_elsewhere_is_skipped() {
	test(|| {
		use pacta_primitives::PledgeSettle;
		open(binding());
		pledge("DEU", DEU_MINISTRY, CAP, BOND);
		verify("DEU", Verification::Verified(Estimate::exact(CAP * 10)));
		// Someone else ended the bond already.
		assert!(Pacta::settle(&code("DEU"), PERIOD, 0, &fund()).is_ok());
		run_to_settlement();
		assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code("DEU")), 1);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		assert_eq!(free(DEU_MINISTRY), ENDOWMENT);
	});
}

/// Attack pinned (nothing stranded silently): before the fix a pledge whose bond could not be
/// settled was skipped for good: the walk moved on, the period left the schedule, the bond
/// stayed held forever (and top-ups were still accepted into it) while the escrow went back.
/// Now nothing moves, nothing is dropped: the pledge waits in the deferred list with its
/// escrow open and settles in the first block in which its bond can move.
#[test]
fn a_failed_settlement_is_retried_until_it_settles() {
	test(|| {
		use crate::Deferred;
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		open(binding());
		pledge("DEU", DEU_MINISTRY, CAP, BOND);
		assert!(Settlement::create_conditional_transfer(
			RuntimeOrigin::signed(NORWAY),
			raw("DEU"),
			PERIOD,
			crate::Condition::PledgeMet,
			300
		)
		.is_ok());
		verify("DEU", Verification::Verified(Estimate::exact(CAP * 10)));
		// The bond vanished from under the pledges pallet: forfeiting it must fail.
		let reason = pacta_mock::HoldReason::PledgeBond.into();
		Balances::release(&reason, &DEU_MINISTRY, BOND, Precision::Exact).unwrap();
		run_to_settlement();
		assert!(events().iter().any(|e| matches!(
			e,
			Event::SettlementFailed { code: c, period: PERIOD, .. } if *c == code("DEU")
		)));
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code("DEU")), 0);
		// Nothing dropped: the escrow is still open and the pledge waits for a retry.
		assert_eq!(escrowed(NORWAY), 300);
		assert_eq!(Deferred::<Test>::get(PERIOD).into_inner(), vec![code("DEU")]);
		assert!(Settlement::is_scheduled(PERIOD));
		run_to_block(CHALLENGE_DEADLINE + 3);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());

		// Once the bond can move again, the next block settles the pledge and its transfer.
		Balances::hold(&reason, &DEU_MINISTRY, BOND).unwrap();
		run_to_block(CHALLENGE_DEADLINE + 4);
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("settled on retry");
		assert_eq!(record.outcome, Outcome::Breached);
		assert_eq!(bonded(DEU_MINISTRY), 0);
		assert_eq!(escrowed(NORWAY), 0);
		assert_eq!(free(NORWAY), ENDOWMENT);
		assert!(Deferred::<Test>::iter().next().is_none());
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: 1 }));
	});
}

/// Attack pinned (nothing stranded silently): before the fix a transfer whose escrow could not
/// be released was deleted anyway (the failure swallowed, the funds left held with no record).
/// Now the record stays, listed, until a later block releases the escrow.
#[test]
fn a_failed_escrow_release_keeps_the_transfer_until_it_is_released() {
	test(|| {
		use crate::{Deferred, Transfers};
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		open(binding());
		pledge("DEU", DEU_MINISTRY, CAP, BOND);
		assert!(Settlement::create_conditional_transfer(
			RuntimeOrigin::signed(NORWAY),
			raw("DEU"),
			PERIOD,
			crate::Condition::EmissionsAtMost(0),
			300
		)
		.is_ok());
		verify("DEU", Verification::Verified(Estimate::exact(CAP)));
		// The escrow vanished from its hold: releasing it must fail.
		let reason = crate::HoldReason::Escrow.into();
		Balances::release(&reason, &NORWAY, 300, Precision::Exact).unwrap();
		run_to_settlement();
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_some(), "the bond settled");
		assert!(events().iter().any(|e| matches!(
			e,
			Event::EscrowReleaseFailed { id: 0, donor: NORWAY, paid: 0, remaining: 300, .. }
		)));
		assert_eq!(Transfers::<Test>::get(0).map(|t| t.amount), Some(300));
		assert_eq!(Deferred::<Test>::get(PERIOD).into_inner(), vec![code("DEU")]);
		assert!(Settlement::is_scheduled(PERIOD));

		// The escrow is back: the next block releases it and closes the transfer.
		Balances::hold(&reason, &NORWAY, 300).unwrap();
		run_to_block(CHALLENGE_DEADLINE + 2);
		assert!(Transfers::<Test>::get(0).is_none());
		assert_eq!(escrowed(NORWAY), 0);
		assert!(events().iter().any(|e| matches!(
			e,
			Event::ConditionalTransferExecuted { id: 0, earned: 0, refunded: 300, .. }
		)));
		assert!(Deferred::<Test>::iter().next().is_none());
		assert!(!Settlement::is_scheduled(PERIOD));
	});
}

/// Penalties read the low end of the final interval: cap 1,000, final 1,100 in [1,040, 1,180],
/// 2 per tonne: 40 t over from the low end, so 80 (not 200 from the median).
#[test]
fn a_breach_is_penalised_from_the_low_end() {
	test(|| {
		let fund_before = free(fund());
		let estimate = Estimate { tonnes: CAP + 100, low: CAP + 40, high: CAP + 180 };
		let record = settle(binding(), Verification::Verified(estimate));
		assert_eq!(record.outcome, Outcome::Breached);
		assert_eq!((record.forfeited, record.released), (80, BOND - 80));
		assert_eq!(flows(fund_before), (80, 80));
	});
}
