//! Opening reporting periods: the calendar's order, its windows, who may open one.

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
			reveal_deadline: 25,
			challenge_deadline: 30,
			challenge_window: 5,
			resolution_window: 7,
			terms: binding(),
		};
		assert_eq!(Periods::<Test>::get(2030), Some(info.clone()));
		assert_eq!(last_event(), Event::PeriodOpened { period: 2030, info });
		assert_eq!(OPENED.with(|o| o.borrow().clone()), vec![2030]);
	});
}

#[test]
fn only_governance_opens_a_period() {
	test(|| {
		let c = calendar();
		assert_noop!(
			Pledges::open_period(
				RuntimeOrigin::signed(DEU_MINISTRY),
				2030,
				c.pledge_deadline,
				c.attestation_deadline,
				c.reveal_deadline,
				c.challenge_deadline,
				c.challenge_window,
				c.resolution_window,
				c.terms,
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn deadlines_must_be_strictly_increasing() {
	test(|| {
		// (pledge, attestation, reveal, challenge): each pair equal or swapped once.
		for (p, a, r, c) in [
			(10, 10, 25, 30),
			(10, 20, 20, 30),
			(10, 20, 30, 30),
			(20, 10, 25, 30),
			(10, 25, 20, 30),
			(10, 20, 30, 25),
		] {
			let info = PeriodInfo {
				pledge_deadline: p,
				attestation_deadline: a,
				reveal_deadline: r,
				challenge_deadline: c,
				..calendar()
			};
			assert_noop!(open_with(2030, info), Error::<Test>::DeadlinesNotIncreasing);
		}
	});
}

#[test]
fn windows_must_be_at_least_one_block() {
	test(|| {
		for (challenge_window, resolution_window) in [(0, 7), (5, 0), (0, 0)] {
			let info = PeriodInfo { challenge_window, resolution_window, ..calendar() };
			assert_noop!(open_with(2030, info), Error::<Test>::WindowTooShort);
		}
		let info = PeriodInfo { challenge_window: 1, resolution_window: 1, ..calendar() };
		assert_ok!(open_with(2030, info));
	});
}

/// Every dispute ends by itself, but only if nobody can open a period whose windows leave no
/// time to challenge or to decide: the chain's minimums (set at genesis, no call changes them)
/// bound both windows from below.
#[test]
fn windows_must_meet_the_chains_minimums() {
	test(|| {
		crate::MinChallengeWindow::<Test>::put(5);
		crate::MinResolutionWindow::<Test>::put(7);
		for (challenge_window, resolution_window) in [(4, 7), (5, 6)] {
			let info = PeriodInfo { challenge_window, resolution_window, ..calendar() };
			assert_noop!(open_with(2030, info), Error::<Test>::WindowTooShort);
		}
		let info = PeriodInfo { challenge_window: 5, resolution_window: 7, ..calendar() };
		assert_ok!(open_with(2030, info));
	});
}

#[test]
fn period_refusals() {
	test(|| {
		// Block 1 now: a pledge deadline at 1 is not in the future.
		assert_noop!(
			open_with(2030, PeriodInfo { pledge_deadline: 1, ..calendar() }),
			Error::<Test>::DeadlineInPast
		);
		open(2030);
		assert_noop!(open_with(2030, calendar()), Error::<Test>::PeriodAlreadyOpen);
		CAN_SCHEDULE.with(|c| *c.borrow_mut() = false);
		assert_noop!(open_with(2031, calendar()), Error::<Test>::ScheduleFull);
	});
}

#[test]
fn earliest_possible_pledge_deadline_is_next_block() {
	test(|| {
		let info = PeriodInfo {
			pledge_deadline: 2,
			attestation_deadline: 3,
			reveal_deadline: 4,
			challenge_deadline: 5,
			challenge_window: 1,
			resolution_window: 1,
			terms: binding(),
		};
		assert_ok!(open_with(2030, info));
	});
}
