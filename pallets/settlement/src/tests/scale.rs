//! A period with 5,000 pledges settles over several blocks, and no block goes over its budget.

use crate::{mock::*, Condition, Event, Outcomes, WeightInfo};
use frame_support::assert_ok;
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
				0 => Verification::Verified(900),
				1 => Verification::Verified(1_100),
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
