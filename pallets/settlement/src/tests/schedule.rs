//! The settlement schedule: periods enter when opened, are refused when it is full, and leave
//! once every pledge has settled. Also `integrity_test`.

use crate::{mock::*, Event, Outcomes, Schedule, ScheduledPeriod, WalkCursor};
use frame_support::traits::Hooks;
use pacta_primitives::Estimate;
use pacta_primitives::{OnPeriodOpened, PeriodInfo, Verification};

fn info_at(challenge: u64) -> PeriodInfo<Balance, u64> {
	PeriodInfo {
		pledge_deadline: challenge - 20,
		attestation_deadline: challenge - 10,
		reveal_deadline: challenge - 5,
		challenge_deadline: challenge,
		challenge_window: 5,
		resolution_window: 7,
		terms: binding(),
	}
}

#[test]
fn opening_a_period_schedules_it() {
	test(|| {
		open(binding());
		assert_eq!(
			Schedule::<Test>::get().into_inner(),
			vec![ScheduledPeriod {
				period: PERIOD,
				challenge_deadline: CHALLENGE_DEADLINE,
				terms: binding(),
				cursor: WalkCursor::NotStarted,
				settled: 0,
				cancelled: false,
				deferred: 0,
			}]
		);
		assert_eq!(
			last_event(),
			Event::PeriodScheduled { period: PERIOD, challenge_deadline: CHALLENGE_DEADLINE }
		);
		// Told twice: nothing changes.
		<Settlement as OnPeriodOpened<Balance, u64>>::on_period_opened(
			PERIOD,
			&info(facilitative()),
		);
		assert_eq!(Schedule::<Test>::get().len(), 1);
		assert_eq!(Schedule::<Test>::get()[0].terms, binding());
	});
}

#[test]
fn a_full_schedule_refuses_more_periods() {
	test(|| {
		for i in 0..MAX_SCHEDULED {
			assert!(<Settlement as OnPeriodOpened<Balance, u64>>::can_schedule());
			Pacta::open(PERIOD + i, info_at(100 + u64::from(i))).unwrap();
		}
		assert!(!<Settlement as OnPeriodOpened<Balance, u64>>::can_schedule());
		assert_eq!(Pacta::open(PERIOD + 10, info_at(200)), Err("schedule full"));
		// Told anyway: reported, not scheduled.
		<Settlement as OnPeriodOpened<Balance, u64>>::on_period_opened(PERIOD + 10, &info_at(200));
		assert_eq!(last_event(), Event::ScheduleFull { period: PERIOD + 10 });
		assert_eq!(Schedule::<Test>::get().len() as u32, MAX_SCHEDULED);

		// Once the first period has settled (it has no pledges), there is room again.
		run_to_block(101);
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: 0 }));
		assert!(<Settlement as OnPeriodOpened<Balance, u64>>::can_schedule());
	});
}

#[test]
fn periods_settle_independently_at_their_own_deadlines() {
	test(|| {
		Pacta::open(PERIOD, info_at(40)).unwrap();
		Pacta::open(PERIOD + 1, info_at(60)).unwrap();
		Pacta::pledge(code("DEU"), PERIOD, DEU_MINISTRY, 1_000, 100).unwrap();
		Pacta::pledge(code("DEU"), PERIOD + 1, DEU_MINISTRY, 900, 100).unwrap();
		Pacta::verify(code("DEU"), PERIOD, Verification::Verified(Estimate::exact(1_000)));
		Pacta::verify(code("DEU"), PERIOD + 1, Verification::Verified(Estimate::exact(1_000)));
		run_to_block(41);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_some());
		assert!(Outcomes::<Test>::get(PERIOD + 1, code("DEU")).is_none());
		assert_eq!(bonded(DEU_MINISTRY), 100);
		run_to_block(60);
		assert!(Outcomes::<Test>::get(PERIOD + 1, code("DEU")).is_none());
		run_to_block(61);
		let record = Outcomes::<Test>::get(PERIOD + 1, code("DEU")).unwrap();
		// 100 t over at 2 per tonne, capped at the bond of 100.
		assert_eq!(record.forfeited, 100);
		assert_eq!(bonded(DEU_MINISTRY), 0);
		assert!(Schedule::<Test>::get().is_empty());
	});
}

#[test]
fn idle_blocks_cost_only_the_base_weight() {
	test(|| {
		open(binding());
		let weights = run_to_block(CHALLENGE_DEADLINE);
		let base = <() as crate::WeightInfo>::settlement_base(0);
		assert!(weights.iter().all(|w| *w == base));
	});
}

#[test]
fn integrity_test_passes() {
	test(|| {
		<Settlement as Hooks<u64>>::integrity_test();
	});
}

/// A block is charged what telling `T::OnFinal` really cost, not its bound: the mock declares a
/// bound of four units beyond its base and reports using one, and the block's weight is exactly
/// the fixed part, the page, the pledge and that one unit.
#[test]
fn the_hook_refunds_what_telling_the_final_value_did_not_use() {
	use crate::WeightInfo;
	use frame_support::weights::RuntimeDbWeight;
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 100);
		verify("DEU", Verification::Verified(Estimate::exact(900)));
		run_to_block(CHALLENGE_DEADLINE);
		let weight = run_to_block(CHALLENGE_DEADLINE + 1)[0];
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_some());
		let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		// The fixed part of a block with work (`block_overhead(0)` also counts the list of a
		// first period with deferred pledges, which this block does not have), then one page
		// of one key (plus the read finding its end).
		let expected = Settlement::block_overhead(0)
			.saturating_sub(<() as WeightInfo>::settlement_base(0))
			.saturating_add(db.reads(2))
			.saturating_add(Settlement::settle_weight(0))
			.saturating_add(pacta_mock::FINAL_VALUE_USED);
		// Not the bound, which is three units more.
		assert_eq!(weight, expected);
	});
}
