//! A period with 5,000 pledges settles over several blocks, and no block goes over its budget.

use crate::{mock::*, Condition, Event, Outcomes, WeightInfo};
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::Verification;

const PLEDGES: u32 = 5_000;

fn owner(i: u32) -> AccountId {
	10_000 + u64::from(i)
}

#[test]
fn five_thousand_pledges_settle_over_several_blocks_within_budget() {
	let accounts: Vec<_> = (0..PLEDGES).map(|i| (owner(i), 10_000)).collect();
	new_test_ext_with(&accounts).execute_with(|| {
		open(binding());
		for i in 0..PLEDGES {
			let party = nth_code(i);
			Pacta::register(party, owner(i));
			Pacta::pledge(party, PERIOD, owner(i), 1_000, 1_000).unwrap();
			let verification = match i % 3 {
				0 => Verification::Verified(Estimate::exact(900)),
				1 => Verification::Verified(Estimate::exact(1_100)),
				_ => Verification::Unverified,
			};
			Pacta::verify(party, PERIOD, verification);
			if i % 100 == 0 {
				for donor in [NORWAY, SWEDEN, JAPAN, STRANGER] {
					assert_ok!(Settlement::create_conditional_transfer(
						RuntimeOrigin::signed(donor),
						party.to_raw(),
						PERIOD,
						Condition::PerTonneBelowCap { rate: 1 },
						150
					));
				}
			}
		}
		let before = money();
		run_to_block(CHALLENGE_DEADLINE);

		let budget = MaxSettlementWeight::get();
		let per_pledge = <() as WeightInfo>::settle_pledge();
		let mut blocks = 0;
		let mut settled = 0u32;
		while settled < PLEDGES {
			blocks += 1;
			assert!(blocks < 100, "settlement does not progress");
			let weight = run_to_block(System::block_number() + 1)[0];
			let now = Outcomes::<Test>::iter_prefix(PERIOD).count() as u32;
			let this_block = now - settled;
			settled = now;
			assert!(weight.all_lte(budget), "block {blocks} used {weight} of {budget}");
			assert!(this_block > 0, "block {blocks} settled nothing");
			assert!(this_block <= Settlement::pledges_per_block(budget));
			// The weight charged covers what was done.
			assert!(weight.ref_time() >= per_pledge.ref_time() * u64::from(this_block));
		}
		assert!(blocks >= 3, "5,000 pledges should take several blocks, took {blocks}");
		// The mock prices the generated weights with RocksDB's database weights, dearer than the
		// runtime's ParityDB ones: about 1,200 pledges fit in its budget, so 5,000 need several.
		let per_block = Settlement::pledges_per_block(budget);
		assert!((1..PLEDGES / 2).contains(&per_block), "{per_block}");
		assert!(blocks <= PLEDGES.div_ceil(per_block) + 1, "took {blocks} blocks");
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: PLEDGES }));
		assert_eq!(money(), before);
		for i in (0..PLEDGES).step_by(97) {
			assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, nth_code(i)), 1);
		}
		for donor in [NORWAY, SWEDEN, JAPAN, STRANGER] {
			assert_eq!(escrowed(donor), 0);
		}
		Settlement::do_try_state().unwrap();
	});
}

/// Issue #18's scenario: period A has 5,000 pledges, the last 300 of them disputed; period B,
/// opened after A and due in the same block, has 200 final pledges. A's walk alone would take
/// the whole budget for several blocks, and A's disputed pledges then fill its deferred list
/// (3 in the mock, 256 in the runtime, either way fewer than 300): A pauses, and only A. B is
/// served first in the second block (the turn moves on) and settles completely within two
/// blocks of its deadline; no block goes over its budget; A finishes once its disputes end.
#[test]
fn a_large_period_with_open_disputes_does_not_hold_up_a_small_one() {
	const SMALL: u32 = 200;
	const DISPUTED: u32 = 300;
	let accounts: Vec<_> = (0..PLEDGES).map(|i| (owner(i), 10_000)).collect();
	new_test_ext_with(&accounts).execute_with(|| {
		open(binding());
		Pacta::open(PERIOD + 1, info(binding())).unwrap();
		for i in 0..PLEDGES {
			let party = nth_code(i);
			Pacta::register(party, owner(i));
			Pacta::pledge(party, PERIOD, owner(i), 1_000, 1_000).unwrap();
			if i < SMALL {
				Pacta::pledge(party, PERIOD + 1, owner(i), 1_000, 1_000).unwrap();
				Pacta::verify(party, PERIOD + 1, Verification::Verified(Estimate::exact(1_100)));
			}
		}
		// The walk's order is the storage order: the last 300 it reaches are the disputed ones,
		// so that A's final pledges alone fill the first block.
		let order: Vec<_> = pacta_mock::Pledges::<Test>::iter_key_prefix(PERIOD).collect();
		let disputed: Vec<_> = order[(PLEDGES - DISPUTED) as usize..].to_vec();
		for party in &order {
			let verification = if disputed.contains(party) {
				Verification::Disputed
			} else {
				Verification::Verified(Estimate::exact(900))
			};
			Pacta::verify(*party, PERIOD, verification);
		}
		let before = money();
		run_to_block(CHALLENGE_DEADLINE);
		let budget = MaxSettlementWeight::get();

		let settled = |period| Outcomes::<Test>::iter_prefix(period).count() as u32;
		let weight = run_to_block(CHALLENGE_DEADLINE + 1)[0];
		assert!(weight.all_lte(budget), "block 1 used {weight} of {budget}");
		// A was served first and took the whole block.
		assert!(settled(PERIOD) > 0);
		assert!(settled(PERIOD) < PLEDGES - DISPUTED);
		let weight = run_to_block(CHALLENGE_DEADLINE + 2)[0];
		assert!(weight.all_lte(budget), "block 2 used {weight} of {budget}");
		assert_eq!(settled(PERIOD + 1), SMALL, "B is not settled two blocks after its deadline");
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD + 1, pledges: SMALL }));

		// A goes on until its deferred list is full, then pauses; nothing else is scheduled.
		let mut blocks = 0;
		while settled(PERIOD) < PLEDGES - DISPUTED {
			blocks += 1;
			assert!(blocks < 20, "A does not progress");
			let weight = run_to_block(System::block_number() + 1)[0];
			assert!(weight.all_lte(budget), "used {weight} of {budget}");
		}
		run_to_block(System::block_number() + 2);
		assert_eq!(crate::Deferred::<Test>::get(PERIOD).len() as u32, MAX_DEFERRED);
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::DeferredQueueFull { period: PERIOD, .. })));
		Settlement::do_try_state().unwrap();

		// The disputes end: A finishes.
		for party in &disputed {
			Pacta::verify(*party, PERIOD, Verification::Verified(Estimate::exact(1_000)));
		}
		run_to_block(System::block_number() + 3);
		assert_eq!(settled(PERIOD), PLEDGES);
		assert!(events().contains(&Event::PeriodSettled { period: PERIOD, pledges: PLEDGES }));
		assert_eq!(money(), before);
		Settlement::do_try_state().unwrap();
	});
}
