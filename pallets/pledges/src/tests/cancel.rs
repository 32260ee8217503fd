//! Cancelling a mis-opened period (issue #14 item 5): only governance, only up to the pledge
//! deadline, once; afterwards nothing is accepted for the period, and after the pledge deadline
//! nothing cancels or amends a period (no kill switch).

use crate::{mock::*, CancelledPeriods, Error, Event, Periods, PledgeHistory};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pacta_primitives::PledgeSettle;
use sp_runtime::DispatchError;

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::PledgeBond.into(), &who)
}

#[test]
fn governance_cancels_a_period_before_its_pledge_deadline() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 500));
		System::set_block_number(calendar().pledge_deadline);
		assert_ok!(Pledges::cancel_period(RuntimeOrigin::root(), 2030));
		assert_eq!(last_event(), Event::PeriodCancelled { period: 2030 });
		assert_eq!(CancelledPeriods::<Test>::get(2030), Some(calendar().pledge_deadline));
		assert!(Pledges::is_cancelled(2030));
		// The calendar entry stays (so the id is never reused); the schedulers were told.
		assert_eq!(Periods::<Test>::get(2030), Some(calendar()));
		assert_eq!(CANCELLED.with(|c| c.borrow().clone()), vec![2030]);
		// The bond stays held until settlement refunds it.
		assert_eq!(held(DEU_MINISTRY), 500);
	});
}

#[test]
fn only_governance_cancels() {
	test(|| {
		open(2030);
		assert_noop!(
			Pledges::cancel_period(RuntimeOrigin::signed(DEU_MINISTRY), 2030),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn unknown_or_cancelled_periods_are_refused() {
	test(|| {
		assert_noop!(
			Pledges::cancel_period(RuntimeOrigin::root(), 2030),
			Error::<Test>::UnknownPeriod
		);
		open(2030);
		assert_ok!(Pledges::cancel_period(RuntimeOrigin::root(), 2030));
		assert_noop!(
			Pledges::cancel_period(RuntimeOrigin::root(), 2030),
			Error::<Test>::PeriodCancelled
		);
		// The id is spent: a cancelled period is not reopened.
		assert_noop!(open_with(2030, calendar()), Error::<Test>::PeriodAlreadyOpen);
		assert_eq!(CANCELLED.with(|c| c.borrow().len()), 1);
	});
}

/// The kill switch: once the pledge deadline has passed, parties, donors and oracles rely on
/// the period, and not even governance can cancel it.
#[test]
fn attack_cancelling_after_the_pledge_deadline_is_refused() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 500));
		for block in [calendar().pledge_deadline + 1, calendar().challenge_deadline + 100] {
			System::set_block_number(block);
			assert_noop!(
				Pledges::cancel_period(RuntimeOrigin::root(), 2030),
				Error::<Test>::PledgeDeadlinePassed
			);
		}
		assert!(!Pledges::is_cancelled(2030));
		assert!(CANCELLED.with(|c| c.borrow().is_empty()));
		// The pledge is untouched and settles as usual.
		assert_ok!(<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, 100, &FUND));
		record_settled(code("DEU"), 2030);
		assert_eq!(held(DEU_MINISTRY), 0);
		assert_eq!(Balances::free_balance(FUND), 101);
	});
}

#[test]
fn nothing_is_accepted_for_a_cancelled_period() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 500));
		assert_ok!(Pledges::cancel_period(RuntimeOrigin::root(), 2030));
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500),
			Error::<Test>::PeriodCancelled
		);
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 100),
			Error::<Test>::PeriodCancelled
		);
		assert_ok!(Pledges::register_party(
			RuntimeOrigin::root(),
			raw("BRA"),
			name("Brazil"),
			BRA_MINISTRY
		));
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(BRA_MINISTRY), 2030, 600, 500),
			Error::<Test>::PeriodCancelled
		);
	});
}

#[test]
fn a_cancelled_pledge_is_refunded_whole_and_leaves_the_ratchet() {
	test(|| {
		open(2030);
		open(2031);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 400, 500));
		assert_ok!(Pledges::cancel_period(RuntimeOrigin::root(), 2031));
		// Settlement refunds a cancelled pledge: it asks to forfeit nothing.
		assert_ok!(<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2031, 0, &FUND));
		record_settled(code("DEU"), 2031);
		assert_eq!(held(DEU_MINISTRY), 0);
		assert_eq!(Balances::free_balance(DEU_MINISTRY), ENDOWMENT);
		assert_eq!(Balances::free_balance(FUND), 1);
		assert!(PledgeHistory::<Test>::get(code("DEU")).is_empty());
		// The cancelled 400 t for 2031 no longer bounds 2030 from below.
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 300, 500));
	});
}
