//! Disputed (and still pending) pledges wait in the bounded deferred list and settle in the
//! first block after their challenge is resolved.

use crate::{mock::*, Condition, Deferred, Event, Outcome, Outcomes, Schedule, WalkCursor};
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::{PeriodId, Verification};

/// The `i`-th party (owner `1_000 + i`, endowed) pledges a cap of 1,000 t with a bond of 100 in
/// `period`, whose verification is `verification`.
fn nth_pledge(i: u32, period: PeriodId, verification: Verification) {
	let owner = 1_000 + u64::from(i);
	let _ = Balances::force_set_balance(RuntimeOrigin::root(), owner, ENDOWMENT);
	Pacta::pledge(nth_code(i), period, owner, 1_000, 100).unwrap();
	Pacta::verify(nth_code(i), period, verification);
}

#[test]
fn a_dispute_delays_settlement_until_resolved() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
		pledge("BRA", BRA_MINISTRY, 1_000, 1_000);
		assert_ok!(Settlement::create_conditional_transfer(
			RuntimeOrigin::signed(NORWAY),
			raw("DEU"),
			PERIOD,
			Condition::PledgeMet,
			300
		));
		verify("DEU", Verification::Disputed);
		verify("BRA", Verification::Verified(Estimate::exact(900)));
		run_to_settlement();

		// BRA settled; DEU waits with its bond and escrow held.
		assert!(Outcomes::<Test>::get(PERIOD, code("BRA")).is_some());
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		assert_eq!(bonded(DEU_MINISTRY), 1_000);
		assert_eq!(escrowed(NORWAY), 300);
		assert_eq!(Deferred::<Test>::get(PERIOD).into_inner(), vec![code("DEU")]);
		assert!(events().contains(&Event::PledgeDeferred {
			code: code("DEU"),
			period: PERIOD,
			verification: Verification::Disputed,
		}));
		// The walk is over but the period stays scheduled while DEU waits.
		assert_eq!(Schedule::<Test>::get()[0].cursor, WalkCursor::Finished);

		run_to_block(CHALLENGE_DEADLINE + 20);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		assert!(crate::Pallet::<Test>::is_scheduled(PERIOD));

		// Governance resolves the challenge in block 51 (the value is corrected).
		System::set_block_number(CHALLENGE_DEADLINE + 21);
		verify("DEU", Verification::Verified(Estimate::exact(950)));
		run_to_block(CHALLENGE_DEADLINE + 22);
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("settled");
		assert_eq!(record.settled_at, CHALLENGE_DEADLINE + 22);
		assert_eq!(record.outcome, Outcome::Compliant);
		assert_eq!(record.transfers_paid, 300);
		assert_eq!(bonded(DEU_MINISTRY), 0);
		assert_eq!(escrowed(NORWAY), 0);
		assert!(Deferred::<Test>::iter().next().is_none());
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: 2 }));
		assert!(!crate::Pallet::<Test>::is_scheduled(PERIOD));
		assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, code("DEU")), 1);
	});
}

#[test]
fn a_dispute_resolved_as_unverified_forfeits() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
		verify("DEU", Verification::Disputed);
		run_to_settlement();
		verify("DEU", Verification::Unverified);
		run_to_block(CHALLENGE_DEADLINE + 2);
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!((record.outcome, record.forfeited), (Outcome::Unverified, 500));
	});
}

#[test]
fn a_pledge_still_pending_waits_like_a_disputed_one() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
		// Verification never ran.
		run_to_settlement();
		assert!(events().contains(&Event::PledgeDeferred {
			code: code("DEU"),
			period: PERIOD,
			verification: Verification::Pending,
		}));
		assert_eq!(bonded(DEU_MINISTRY), 1_000);
		verify("DEU", Verification::Verified(Estimate::exact(2_000)));
		run_to_block(CHALLENGE_DEADLINE + 2);
		assert_eq!(Outcomes::<Test>::get(PERIOD, code("DEU")).unwrap().outcome, Outcome::Breached);
	});
}

#[test]
fn a_full_deferred_queue_pauses_the_walk() {
	test(|| {
		open(binding());
		let parties = MAX_DEFERRED + 2;
		for i in 0..parties {
			nth_pledge(i, PERIOD, Verification::Disputed);
		}
		run_to_settlement();
		let deferred = Deferred::<Test>::get(PERIOD);
		assert_eq!(deferred.len() as u32, MAX_DEFERRED);
		let blocked = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::DeferredQueueFull { code, .. } => Some(code),
				_ => None,
			})
			.collect::<Vec<_>>();
		assert_eq!(blocked.len(), 1);
		assert!(matches!(Schedule::<Test>::get()[0].cursor, WalkCursor::After(_)));

		// Still full next block: the walk stays where it is.
		run_to_block(CHALLENGE_DEADLINE + 2);
		assert_eq!(Deferred::<Test>::get(PERIOD).len() as u32, MAX_DEFERRED);

		// Resolve every dispute: the deferred ones settle first, then the walk goes on.
		for i in 0..parties {
			Pacta::verify(nth_code(i), PERIOD, Verification::Verified(Estimate::exact(500)));
		}
		run_to_block(CHALLENGE_DEADLINE + 3);
		for i in 0..parties {
			assert!(Outcomes::<Test>::get(PERIOD, nth_code(i)).is_some(), "{i}");
			assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, nth_code(i)), 1);
		}
		assert!(Deferred::<Test>::iter().next().is_none());
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: parties }));
	});
}

/// Period A's disputed pledges fill A's own deferred list: A's walk pauses, while period B, due
/// in the same block and served after A, settles every one of its final pledges in that block.
/// Once A's disputes are resolved, A finishes too.
#[test]
fn a_full_deferred_list_pauses_only_its_own_period() {
	test(|| {
		open(binding());
		Pacta::open(PERIOD + 1, info(binding())).unwrap();
		let parties = MAX_DEFERRED + 2;
		for i in 0..parties {
			nth_pledge(i, PERIOD, Verification::Disputed);
			nth_pledge(i, PERIOD + 1, Verification::Verified(Estimate::exact(900)));
		}
		run_to_settlement();
		assert_eq!(Deferred::<Test>::get(PERIOD).len() as u32, MAX_DEFERRED);
		assert!(!Deferred::<Test>::contains_key(PERIOD + 1));
		for i in 0..parties {
			assert!(Outcomes::<Test>::get(PERIOD, nth_code(i)).is_none(), "{i}");
			assert!(Outcomes::<Test>::get(PERIOD + 1, nth_code(i)).is_some(), "{i}");
		}
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD + 1, pledges: parties }));
		assert_eq!(Schedule::<Test>::get().len(), 1);
		Settlement::do_try_state().unwrap();

		for i in 0..parties {
			Pacta::verify(nth_code(i), PERIOD, Verification::Verified(Estimate::exact(500)));
		}
		run_to_block(CHALLENGE_DEADLINE + 2);
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: parties }));
		assert!(Schedule::<Test>::get().is_empty());
		Settlement::do_try_state().unwrap();
	});
}

/// A published value whose challenge window is still open is not final: the pledge waits like a
/// disputed one, and settles on the final value once it is.
#[test]
fn a_published_value_waits_for_its_challenge_window() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
		verify("DEU", Verification::Published(Estimate::exact(900)));
		run_to_settlement();
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		assert_eq!(Deferred::<Test>::get(PERIOD).into_inner(), vec![code("DEU")]);
		assert!(pacta_mock::FinalValues::<Test>::get(PERIOD, code("DEU")).is_none());

		verify("DEU", Verification::Verified(Estimate::exact(1_100)));
		run_to_block(System::block_number() + 1);
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("settled");
		assert_eq!(
			(record.outcome, record.verified),
			(Outcome::Breached, Some(Estimate::exact(1_100)))
		);
		assert_eq!(
			pacta_mock::FinalValues::<Test>::get(PERIOD, code("DEU")),
			Some((Some(Estimate::exact(1_100)), 1))
		);
	});
}
