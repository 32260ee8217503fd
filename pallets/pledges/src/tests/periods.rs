//! Opening reporting periods.

use crate::{mock::*, Error, Event, Periods};
use frame_support::{assert_noop, assert_ok};
use pacta_primitives::PeriodInfo;
use sp_runtime::DispatchError;

#[test]
fn governance_opens_a_period_and_tells_the_schedulers() {
	test(|| {
		open(2030);
		let info = PeriodInfo {
			pledge_deadline: 10,
			attestation_deadline: 20,
			challenge_deadline: 30,
			terms: binding(),
		};
		assert_eq!(Periods::<Test>::get(2030), Some(info.clone()));
		assert_eq!(last_event(), Event::PeriodOpened { period: 2030, info });
		assert_eq!(OPENED.with(|o| o.borrow().clone()), vec![2030]);
	});
}

#[test]
fn period_refusals() {
	test(|| {
		assert_noop!(
			Pledges::open_period(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 10, 20, 30, binding()),
			DispatchError::BadOrigin
		);
		for (p, a, c) in [(10, 10, 30), (10, 20, 20), (20, 10, 30), (10, 30, 20)] {
			assert_noop!(
				Pledges::open_period(RuntimeOrigin::root(), 2030, p, a, c, binding()),
				Error::<Test>::DeadlinesNotIncreasing
			);
		}
		// Block 1 now: a pledge deadline at 1 is not in the future.
		assert_noop!(
			Pledges::open_period(RuntimeOrigin::root(), 2030, 1, 20, 30, binding()),
			Error::<Test>::DeadlineInPast
		);
		open(2030);
		assert_noop!(
			Pledges::open_period(RuntimeOrigin::root(), 2030, 11, 21, 31, binding()),
			Error::<Test>::PeriodAlreadyOpen
		);
		CAN_SCHEDULE.with(|c| *c.borrow_mut() = false);
		assert_noop!(
			Pledges::open_period(RuntimeOrigin::root(), 2031, 11, 21, 31, binding()),
			Error::<Test>::ScheduleFull
		);
	});
}

#[test]
fn earliest_possible_pledge_deadline_is_next_block() {
	test(|| {
		assert_ok!(Pledges::open_period(RuntimeOrigin::root(), 2030, 2, 3, 4, binding()));
	});
}
