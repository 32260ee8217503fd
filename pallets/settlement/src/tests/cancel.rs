//! A cancelled period (issue #14 item 5): from the block after governance cancelled it, the
//! walk refunds every pledge of it within the budget, page by page over several blocks: every
//! bond released whole, every conditional transfer back to its donor, nothing to the climate
//! fund, outcome `Cancelled`, and nobody judged (`OnFinalValue` is not told).

use crate::{mock::*, Condition, Error, Event, Outcome, Outcomes, Schedule};
use frame_support::{assert_noop, assert_ok};
use pacta_primitives::Estimate;
use pacta_primitives::Verification;

fn owner(i: u32) -> AccountId {
	10_000 + u64::from(i)
}

fn transfer(donor: AccountId, party: &str, condition: Condition<Balance>, amount: Balance) {
	assert_ok!(Settlement::create_conditional_transfer(
		RuntimeOrigin::signed(donor),
		raw(party),
		PERIOD,
		condition,
		amount
	));
}

#[test]
fn a_cancelled_period_refunds_everything_from_the_next_block() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 500);
		pledge("BRA", BRA_MINISTRY, 2_000, 700);
		transfer(NORWAY, "DEU", Condition::PledgeMet, 300);
		transfer(SWEDEN, "DEU", Condition::PerTonneBelowCap { rate: 1 }, 200);
		transfer(NORWAY, "BRA", Condition::EmissionsAtMost(u64::MAX), 100);
		// Even a verification (which cannot exist before the pledge deadline) is ignored.
		verify("BRA", Verification::Verified(Estimate::exact(0)));
		let before = money();
		let fund_before = free(fund());
		run_to_block(5);
		Pacta::cancel(PERIOD);
		assert!(Schedule::<Test>::get()[0].cancelled);
		// No new transfer for a cancelled period.
		assert_noop!(
			Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(JAPAN),
				raw("DEU"),
				PERIOD,
				Condition::PledgeMet,
				100
			),
			Error::<Test>::PeriodCancelled
		);

		// The next block refunds, long before the challenge deadline.
		run_to_block(6);
		for (party, who, bond, refunded, transfers) in
			[("DEU", DEU_MINISTRY, 500, 500, 2), ("BRA", BRA_MINISTRY, 700, 100, 1)]
		{
			let record = Outcomes::<Test>::get(PERIOD, code(party)).expect("refunded");
			assert_eq!(record.outcome, Outcome::Cancelled);
			assert_eq!(record.verified, None);
			assert_eq!(record.bond, bond);
			assert_eq!(record.released, bond);
			assert_eq!(record.forfeited, 0);
			assert_eq!(record.transfers, transfers);
			assert_eq!(record.transfers_paid, 0);
			assert_eq!(record.transfers_refunded, refunded);
			assert_eq!(record.settled_at, 6);
			assert_eq!(bonded(who), 0);
			assert_eq!(free(who), ENDOWMENT);
			// Nobody judged: no value exists for a cancelled period.
			assert_eq!(pacta_mock::FinalValues::<Test>::get(PERIOD, code(party)), None);
			assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code(party)), 1);
		}
		for donor in [NORWAY, SWEDEN] {
			assert_eq!(escrowed(donor), 0);
			assert_eq!(free(donor), ENDOWMENT);
		}
		assert_eq!(free(fund()), fund_before);
		assert_eq!(money(), before);
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: 2 }));
		assert!(Schedule::<Test>::get().is_empty());
		// Past the challenge deadline nothing happens again.
		run_to_settlement();
		assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code("DEU")), 1);
	});
}

#[test]
fn a_cancelled_period_with_many_pledges_refunds_over_several_blocks_within_budget() {
	let budget = MaxSettlementWeight::get();
	// Enough pledges, each with a transfer, for at least three blocks of refunds.
	let per_block = budget.ref_time() / Settlement::refund_weight(1).ref_time();
	let pledges = u32::try_from(per_block * 2 + 50).unwrap();
	let accounts: Vec<_> = (0..pledges).map(|i| (owner(i), 10_000)).collect();
	new_test_ext_with(&accounts).execute_with(|| {
		open(binding());
		for i in 0..pledges {
			let party = nth_code(i);
			Pacta::register(party, owner(i));
			Pacta::pledge(party, PERIOD, owner(i), 1_000, 1_000).unwrap();
			let donor = [NORWAY, SWEDEN, JAPAN][i as usize % 3];
			assert_ok!(Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(donor),
				party.to_raw(),
				PERIOD,
				Condition::PledgeMet,
				50
			));
		}
		let before = money();
		let fund_before = free(fund());
		Pacta::cancel(PERIOD);

		let mut blocks = 0;
		let mut refunded = 0u32;
		while refunded < pledges {
			blocks += 1;
			assert!(blocks < 20, "refunds do not progress");
			let weight = run_to_block(System::block_number() + 1)[0];
			let now = Outcomes::<Test>::iter_prefix(PERIOD).count() as u32;
			assert!(weight.all_lte(budget), "block {blocks} used {weight} of {budget}");
			assert!(now > refunded, "block {blocks} refunded nothing");
			// What was charged covers the refunds done.
			assert!(
				weight.ref_time()
					>= Settlement::refund_weight(1).ref_time() * u64::from(now - refunded)
			);
			refunded = now;
		}
		assert!(blocks >= 3, "took {blocks} blocks");
		// Well before the challenge deadline.
		assert!(System::block_number() < CHALLENGE_DEADLINE);
		for (_, record) in Outcomes::<Test>::iter_prefix(PERIOD) {
			assert_eq!(record.outcome, Outcome::Cancelled);
			assert_eq!((record.released, record.forfeited), (1_000, 0));
			assert_eq!((record.transfers_paid, record.transfers_refunded), (0, 50));
		}
		for i in (0..pledges).step_by(37) {
			assert_eq!(bonded(owner(i)), 0);
			assert_eq!(free(owner(i)), 10_000);
		}
		for donor in [NORWAY, SWEDEN, JAPAN] {
			assert_eq!(escrowed(donor), 0);
			assert_eq!(free(donor), ENDOWMENT);
		}
		assert_eq!(free(fund()), fund_before);
		assert_eq!(money(), before);
		assert_eq!(pacta_mock::FinalValues::<Test>::iter_prefix(PERIOD).count(), 0);
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges }));
		Settlement::do_try_state().unwrap();
	});
}

#[test]
fn a_period_that_was_not_cancelled_settles_as_usual() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 500);
		verify("DEU", Verification::Verified(Estimate::exact(900)));
		run_to_block(CHALLENGE_DEADLINE);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		run_to_settlement();
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("settled");
		assert_eq!(record.outcome, Outcome::Compliant);
		assert_eq!(
			pacta_mock::FinalValues::<Test>::get(PERIOD, code("DEU")),
			Some((Some(Estimate::exact(900)), 1))
		);
	});
}
