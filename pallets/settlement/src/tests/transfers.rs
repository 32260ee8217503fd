//! Creating and cancelling conditional transfers: who, when, how much, and the escrow hold.

use crate::{
	mock::*, Condition, ConditionalTransfer, Error, Event, Outcome, OutcomeRecord, Outcomes,
	Transfers, TransfersByPledge,
};
use frame_support::{assert_noop, assert_ok};
use pacta_primitives::Estimate;
use pacta_primitives::Verification;
use sp_runtime::DispatchError;

fn create(donor: AccountId, party: &str, amount: Balance) -> sp_runtime::DispatchResult {
	Settlement::create_conditional_transfer(
		RuntimeOrigin::signed(donor),
		raw(party),
		PERIOD,
		Condition::PledgeMet,
		amount,
	)
}

fn setup() {
	open(binding());
	pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
}

#[test]
fn create_escrows_the_amount() {
	test(|| {
		setup();
		assert_ok!(create(NORWAY, "DEU", 300));
		assert_eq!(escrowed(NORWAY), 300);
		assert_eq!(free(NORWAY), ENDOWMENT - 300);
		assert_eq!(
			Transfers::<Test>::get(0),
			Some(ConditionalTransfer {
				donor: NORWAY,
				code: code("DEU"),
				period: PERIOD,
				condition: Condition::PledgeMet,
				amount: 300,
			})
		);
		assert_eq!(TransfersByPledge::<Test>::get(PERIOD, code("DEU")).into_inner(), vec![0]);
		assert_eq!(
			last_event(),
			Event::ConditionalTransferCreated {
				id: 0,
				donor: NORWAY,
				code: code("DEU"),
				period: PERIOD,
				condition: Condition::PledgeMet,
				amount: 300,
			}
		);
		assert_ok!(create(SWEDEN, "DEU", 10));
		assert_eq!(TransfersByPledge::<Test>::get(PERIOD, code("DEU")).into_inner(), vec![0, 1]);
	});
}

#[test]
fn create_is_open_until_the_attestation_deadline() {
	test(|| {
		setup();
		System::set_block_number(ATTESTATION_DEADLINE);
		assert_ok!(create(NORWAY, "DEU", 300));
		System::set_block_number(ATTESTATION_DEADLINE + 1);
		assert_noop!(create(NORWAY, "DEU", 300), Error::<Test>::AttestationDeadlinePassed);
	});
}

#[test]
fn create_refusals() {
	test(|| {
		setup();
		assert_noop!(
			Settlement::create_conditional_transfer(
				RuntimeOrigin::none(),
				raw("DEU"),
				PERIOD,
				Condition::PledgeMet,
				300
			),
			DispatchError::BadOrigin
		);
		for bad in ["deu", "DE", "DEUT", "D1U", ""] {
			assert_noop!(create(NORWAY, bad, 300), Error::<Test>::InvalidPartyCode);
		}
		assert_noop!(
			Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(NORWAY),
				raw("DEU"),
				PERIOD + 1,
				Condition::PledgeMet,
				300
			),
			Error::<Test>::UnknownPeriod
		);
		assert_noop!(create(NORWAY, "BRA", 300), Error::<Test>::NoPledge);
		assert_noop!(create(NORWAY, "DEU", 9), Error::<Test>::AmountTooLow);
		assert_noop!(
			Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(NORWAY),
				raw("DEU"),
				PERIOD,
				Condition::PerTonneBelowCap { rate: 0 },
				300
			),
			Error::<Test>::ZeroRate
		);
		assert_noop!(create(NORWAY, "DEU", ENDOWMENT), Error::<Test>::InsufficientBalance);
		assert_noop!(create(1_000, "DEU", 300), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn create_refuses_a_period_that_is_not_scheduled() {
	test(|| {
		setup();
		// In the calendar but never told to settlement.
		pacta_mock::Periods::<Test>::insert(PERIOD + 1, info(binding()));
		pacta_mock::Pallet::<Test>::pledge(code("DEU"), PERIOD + 1, DEU_MINISTRY, 1_000, 100)
			.unwrap();
		assert_noop!(
			Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(NORWAY),
				raw("DEU"),
				PERIOD + 1,
				Condition::PledgeMet,
				300
			),
			Error::<Test>::PeriodNotScheduled
		);
	});
}

#[test]
fn create_refuses_a_settled_pledge() {
	test(|| {
		setup();
		// Settlement's outcome record is what makes a pledge settled.
		let record = OutcomeRecord {
			outcome: Outcome::Compliant,
			verified: Some(Estimate::exact(10)),
			cap: 1_000,
			bond: 1_000,
			forfeited: 0,
			released: 1_000,
			transfers: 0,
			transfers_paid: 0,
			transfers_refunded: 0,
			settled_at: 1,
		};
		crate::PeriodOutcomeTotals::<Test>::mutate(PERIOD, |t| t.add(&record));
		Outcomes::<Test>::insert(PERIOD, code("DEU"), record);
		assert_noop!(create(NORWAY, "DEU", 300), Error::<Test>::AlreadySettled);
	});
}

#[test]
fn a_pledge_carries_a_bounded_number_of_transfers() {
	test(|| {
		setup();
		for _ in 0..MAX_TRANSFERS {
			assert_ok!(create(NORWAY, "DEU", 10));
		}
		// Not more than the smallest: refused.
		assert_noop!(create(SWEDEN, "DEU", 10), Error::<Test>::TooManyTransfers);
		// Cancelling frees a slot.
		assert_ok!(Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 2));
		assert_ok!(create(SWEDEN, "DEU", 10));
		assert_eq!(TransfersByPledge::<Test>::decode_len(PERIOD, code("DEU")), Some(4));
	});
}

/// Attack pinned (transfer-slot squatting): a squatter fills every slot of a pledge with
/// minimum escrows that never pay (`EmissionsAtMost(0)`). Before the fix every genuine donor was
/// refused for the whole window while the squatter got everything back. Now a genuine donor
/// offering more than the smallest squatted escrow displaces it (released to the squatter at
/// once), so squatting keeps out only donors smaller than every squatted escrow.
#[test]
fn a_larger_transfer_displaces_the_smallest_of_a_full_pledge() {
	test(|| {
		setup();
		for amount in [10, 10, 12, 10] {
			assert_ok!(Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(STRANGER),
				raw("DEU"),
				PERIOD,
				Condition::EmissionsAtMost(0),
				amount,
			));
		}
		assert_eq!(escrowed(STRANGER), 42);
		assert_ok!(create(NORWAY, "DEU", 500));
		// Of the equal smallest, the latest goes first (first come, first kept).
		assert!(events().contains(&Event::ConditionalTransferDisplaced {
			id: 3,
			donor: STRANGER,
			amount: 10,
			by: 4
		}));
		assert!(Transfers::<Test>::get(3).is_none());
		assert_eq!(
			TransfersByPledge::<Test>::get(PERIOD, code("DEU")).into_inner(),
			vec![0, 1, 2, 4]
		);
		assert_eq!(escrowed(STRANGER), 32);
		assert_eq!(free(STRANGER), ENDOWMENT - 32);
		assert_eq!(escrowed(NORWAY), 500);
		// Another genuine donor gets in too; the largest squatted escrow goes last.
		assert_ok!(create(SWEDEN, "DEU", 11));
		assert!(Transfers::<Test>::get(1).is_none());
		assert!(Transfers::<Test>::get(2).is_some());
		assert_noop!(create(JAPAN, "DEU", 10), Error::<Test>::TooManyTransfers);
	});
}

#[test]
fn cancel_releases_the_escrow() {
	test(|| {
		setup();
		assert_ok!(create(NORWAY, "DEU", 300));
		assert_ok!(create(NORWAY, "DEU", 200));
		assert_ok!(Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 0));
		assert_eq!(escrowed(NORWAY), 200);
		assert_eq!(free(NORWAY), ENDOWMENT - 200);
		assert!(Transfers::<Test>::get(0).is_none());
		assert_eq!(TransfersByPledge::<Test>::get(PERIOD, code("DEU")).into_inner(), vec![1]);
		assert_eq!(
			last_event(),
			Event::ConditionalTransferCancelled { id: 0, donor: NORWAY, amount: 300 }
		);
		assert_ok!(Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 1));
		assert_eq!(escrowed(NORWAY), 0);
		assert_eq!(free(NORWAY), ENDOWMENT);
		assert!(!TransfersByPledge::<Test>::contains_key(PERIOD, code("DEU")));
		// Ids are never reused.
		assert_ok!(create(NORWAY, "DEU", 300));
		assert!(Transfers::<Test>::get(2).is_some());
	});
}

#[test]
fn only_the_donor_cancels() {
	test(|| {
		setup();
		assert_ok!(create(NORWAY, "DEU", 300));
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(SWEDEN), 0),
			Error::<Test>::NotDonor
		);
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(DEU_MINISTRY), 0),
			Error::<Test>::NotDonor
		);
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::root(), 0),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 7),
			Error::<Test>::UnknownTransfer
		);
	});
}

#[test]
fn cancel_only_up_to_the_pledge_deadline() {
	test(|| {
		setup();
		assert_ok!(create(NORWAY, "DEU", 300));
		assert_ok!(create(NORWAY, "DEU", 300));
		System::set_block_number(PLEDGE_DEADLINE);
		assert_ok!(Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 0));
		System::set_block_number(PLEDGE_DEADLINE + 1);
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 1),
			Error::<Test>::PledgeDeadlinePassed
		);
		// Created after the pledge deadline: binding at once.
		assert_ok!(create(SWEDEN, "DEU", 300));
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(SWEDEN), 2),
			Error::<Test>::PledgeDeadlinePassed
		);
	});
}

#[test]
fn a_settled_transfer_cannot_be_cancelled() {
	test(|| {
		setup();
		assert_ok!(create(NORWAY, "DEU", 300));
		verify("DEU", Verification::Verified(Estimate::exact(0)));
		run_to_settlement();
		assert_noop!(
			Settlement::cancel_conditional_transfer(RuntimeOrigin::signed(NORWAY), 0),
			Error::<Test>::UnknownTransfer
		);
	});
}

/// Attack pinned (nothing stranded silently): `try_state` used to check only the donors of open
/// transfers, so an `Escrow` hold left behind on an account with no open transfer passed
/// unnoticed. It now walks the accounts themselves.
#[test]
fn try_state_finds_an_escrow_hold_without_a_transfer() {
	new_test_ext().execute_with(|| {
		use frame_support::traits::fungible::MutateHold;
		assert!(Settlement::do_try_state().is_ok());
		Balances::hold(&crate::HoldReason::Escrow.into(), &STRANGER, 10).unwrap();
		assert!(Settlement::do_try_state().is_err());
	});
}
