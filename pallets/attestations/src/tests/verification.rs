//! Verification in `on_initialize`: median, quorum, publication, bounded work (nobody is
//! slashed here; `judge.rs` tests the judgment against the final value).

use super::*;
use crate::{
	mock::*, Error, Event, HoldReason, OracleStatus, Oracles, Schedule, VerificationResult,
	Verifications, VerifiedPeriods,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use pacta_primitives::{OnPeriodOpened, PeriodCalendar, Verification};
use sp_runtime::Perbill;

pub(super) fn slashes() -> Vec<(u64, u64)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::OracleSlashed { oracle, amount, .. } => Some((oracle, amount)),
			_ => None,
		})
		.collect()
}

#[test]
fn nothing_is_verified_before_the_attestation_deadline_has_passed() {
	test(|| {
		standard_setup();
		for o in 1..=3 {
			assert_ok!(attest(o, "DEU", 1_000));
		}
		run_to_block(ATTESTATION_DEADLINE);
		assert_eq!(verification("DEU"), Verification::Pending);
		assert!(Verifications::<Test>::get(PERIOD, deu()).is_none());
		verify();
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_000)));
	});
}

#[test]
fn verification_runs_after_the_reveal_deadline() {
	test(|| {
		standard_setup();
		let info = MockCalendar::period(PERIOD).unwrap();
		assert_eq!(info.reveal_deadline, REVEAL_DEADLINE);
		for o in 1..=3 {
			assert_ok!(attest(o, "DEU", 1_000));
		}
		run_to_block(ATTESTATION_DEADLINE + 1);
		reveal_all();
		run_to_block(REVEAL_DEADLINE);
		assert_eq!(verification("DEU"), Verification::Pending);
		run_to_block(REVEAL_DEADLINE + 1);
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_000)));
	});
}

#[test]
fn the_median_of_an_odd_count_is_the_middle_value() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_050));
		assert_ok!(attest(2, "DEU", 980));
		assert_ok!(attest(3, "DEU", 1_000));
		verify();
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_000)));
		let record = Verifications::<Test>::get(PERIOD, deu()).unwrap();
		assert_eq!(record.result, VerificationResult::Published(Estimate::exact(1_000)));
		assert_eq!(record.estimate(), Some(Estimate::exact(1_000)));
		assert_eq!(record.attestations, 3);
		assert_eq!(record.verified_at, REVEAL_DEADLINE + 1);
		assert!(events().contains(&Event::EmissionsVerified {
			code: deu(),
			period: PERIOD,
			tonnes: 1_000,
			low: 1_000,
			high: 1_000,
			attestations: 3,
			withheld: 0,
		}));
		assert!(slashes().is_empty());
	});
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_values() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_060));
		assert_ok!(attest(2, "DEU", 1_021));
		assert_ok!(attest(3, "DEU", 1_040));
		assert_ok!(attest(4, "DEU", 1_000));
		verify();
		// (1_021 + 1_040) / 2 = 1_030.5, rounded half to even: 1_030.
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_030)));
		assert!(slashes().is_empty());
	});
}

#[test]
fn outliers_lose_exactly_the_configured_share_and_nobody_else_does() {
	test(|| {
		standard_setup();
		// Sorted: 700, 1_000, 1_000, 1_100, 1_200 → median 1_000, band ±100.
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_000));
		assert_ok!(attest(3, "DEU", 1_100)); // exactly on the band's edge: within tolerance
		assert_ok!(attest(4, "DEU", 1_200)); // outlier
		assert_ok!(attest(5, "DEU", 700)); // outlier
		let fund_before = free(FUND);
		verify();
		assert!(slashes().is_empty(), "nobody is slashed at verification");
		finalize("DEU");

		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_000)));
		let slash = OracleSlash::get() * BOND;
		assert_eq!(slash, 100);
		let mut slashed = slashes();
		slashed.sort();
		assert_eq!(slashed, vec![(4, slash), (5, slash)]);
		assert_eq!(free(FUND), fund_before + 2 * slash);
		for o in [4, 5] {
			assert_eq!(Oracles::<Test>::get(o).unwrap().bond, BOND - slash);
			assert_eq!(held(HoldReason::OracleBond, o), BOND - slash);
			assert_eq!(free(o), INITIAL - BOND);
		}
		for o in [1, 2, 3] {
			assert_eq!(Oracles::<Test>::get(o).unwrap().bond, BOND);
			assert_eq!(held(HoldReason::OracleBond, o), BOND);
		}
		assert!(events().contains(&Event::OracleSlashed {
			oracle: 4,
			code: deu(),
			period: PERIOD,
			amount: slash,
			withheld: false,
		}));
	});
}

#[test]
fn a_later_slash_takes_the_share_of_what_is_left() {
	test(|| {
		standard_setup();
		for party in ["DEU", "BRA"] {
			assert_ok!(attest(1, party, 1_000));
			assert_ok!(attest(2, party, 1_000));
			assert_ok!(attest(3, party, 5_000));
		}
		verify();
		finalize("DEU");
		finalize("BRA");
		// 10% of 1_000, then 10% of 900.
		assert_eq!(Oracles::<Test>::get(3).unwrap().bond, 1_000 - 100 - 90);
		assert_eq!(held(HoldReason::OracleBond, 3), 810);
	});
}

#[test]
fn tolerance_is_read_at_judgment_time() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_000));
		assert_ok!(attest(3, "DEU", 1_150));
		verify();
		assert_ok!(Attestations::set_tolerance(RuntimeOrigin::root(), Perbill::from_percent(20)));
		finalize("DEU");
		assert!(slashes().is_empty());
	});
}

#[test]
fn without_a_quorum_the_pledge_is_unverified_and_nobody_is_slashed() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 9_000));
		verify();
		finalize("DEU");
		assert_eq!(verification("DEU"), Verification::Unverified);
		assert_eq!(verification("BRA"), Verification::Unverified);
		let record = Verifications::<Test>::get(PERIOD, deu()).unwrap();
		assert_eq!(record.result, VerificationResult::Unverified);
		assert_eq!(record.estimate(), None);
		assert_eq!(record.attestations, 2);
		assert!(events().contains(&Event::EmissionsUnverified {
			code: deu(),
			period: PERIOD,
			attestations: 2,
			withheld: 0,
		}));
		assert!(events().contains(&Event::EmissionsUnverified {
			code: bra(),
			period: PERIOD,
			attestations: 0,
			withheld: 0,
		}));
		assert!(slashes().is_empty());
	});
}

#[test]
fn a_lower_quorum_set_by_governance_applies() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_200));
		assert_ok!(Attestations::set_quorum(RuntimeOrigin::root(), 2));
		verify();
		finalize("DEU");
		// The mean of the two: 1_100; both lie within 10% (110) of it.
		assert_eq!(verification("DEU"), Verification::Published(Estimate::exact(1_100)));
		assert!(slashes().is_empty());
	});
}

#[test]
fn attestations_of_removed_oracles_are_disregarded() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_000));
		assert_ok!(attest(3, "DEU", 5_000));
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 3));
		verify();
		finalize("DEU");
		// Two counted attestations: no quorum (unverified, so nobody is judged or slashed).
		assert_eq!(verification("DEU"), Verification::Unverified);
		assert!(slashes().is_empty());
		assert_eq!(Oracles::<Test>::get(3).unwrap().status, OracleStatus::Removed);
		assert_eq!(held(HoldReason::OracleBond, 3), BOND);
	});
}

#[test]
fn a_finished_period_leaves_the_schedule() {
	test(|| {
		standard_setup();
		assert_eq!(Schedule::<Test>::get().len(), 1);
		verify();
		assert!(Schedule::<Test>::get().is_empty());
		assert_eq!(VerifiedPeriods::<Test>::get(PERIOD), Some(REVEAL_DEADLINE + 1));
		assert!(events().contains(&Event::PeriodVerified { period: PERIOD, pledges: 2 }));
		// Nothing more happens later, and reopening the period changes nothing.
		let before = events().len();
		run_to_block(REVEAL_DEADLINE + 5);
		open_period(PERIOD, PLEDGE_DEADLINE, ATTESTATION_DEADLINE, CHALLENGE_DEADLINE);
		assert_eq!(events().len(), before);
		assert!(Schedule::<Test>::get().is_empty());
	});
}

#[test]
fn a_period_without_pledges_completes_at_once() {
	test(|| {
		// Reveal deadline 4: verified in block 5.
		open_period(2040, 2, 3, 5);
		run_to_block(5);
		assert!(Schedule::<Test>::get().is_empty());
		assert!(events().contains(&Event::PeriodVerified { period: 2040, pledges: 0 }));
	});
}

#[test]
fn the_schedule_is_bounded() {
	test(|| {
		assert!(<Attestations as OnPeriodOpened<u64, u64>>::can_schedule());
		open_period(2030, 10, 20, 30);
		assert_eq!(
			events().last(),
			Some(&Event::VerificationScheduled { period: 2030, after: 25 })
		);
		open_period(2031, 10, 20, 30);
		open_period(2032, 10, 20, 30);
		assert!(!<Attestations as OnPeriodOpened<u64, u64>>::can_schedule());
		open_period(2033, 10, 20, 30);
		assert_eq!(events().last(), Some(&Event::ScheduleFull { period: 2033 }));
		assert_eq!(Schedule::<Test>::get().len(), 3);
		run_to_block(26);
		// Every due period that fits in the budget, in one block.
		assert!(Schedule::<Test>::get().is_empty());
		assert!(<Attestations as OnPeriodOpened<u64, u64>>::can_schedule());
	});
}

#[test]
fn verification_of_1000_pledges_spreads_over_blocks_within_budget() {
	test(|| {
		const PLEDGES: u32 = 1_000;
		open_period(PERIOD, PLEDGE_DEADLINE, ATTESTATION_DEADLINE, CHALLENGE_DEADLINE);
		for i in 0..PLEDGES {
			let c = pacta_primitives::PartyCode::from_index(i);
			add_party(c, 1_000 + u64::from(i));
			add_pledge(c, PERIOD);
		}
		System::set_block_number(PLEDGE_DEADLINE + 1);
		for i in 0..PLEDGES {
			let c = pacta_primitives::PartyCode::from_index(i);
			// Oracle 3 is an outlier on every hundredth pledge.
			let odd_one = if i % 100 == 0 { 2_000 } else { 1_000 };
			for (o, tonnes) in [(1, 1_000), (2, 1_000), (3, odd_one)] {
				assert_ok!(commit_code(o, c, PERIOD, reading(o, tonnes, 0)));
			}
		}
		System::set_block_number(ATTESTATION_DEADLINE + 1);
		reveal_all();
		System::set_block_number(REVEAL_DEADLINE);

		let budget = VerificationBudget::get();
		// Each pledge is charged for its actual three attestations, not the worst case: more
		// than the worst-case figure fit in a block.
		let per_block = Attestations::pledges_per_block_with(budget, 3);
		assert!(per_block > PLEDGES_PER_BLOCK, "{per_block}");
		let mut blocks_with_work = 0;
		let mut verified_so_far = 0u32;
		let mut block = REVEAL_DEADLINE;
		while !Schedule::<Test>::get().is_empty() {
			block += 1;
			assert!(block < REVEAL_DEADLINE + 100, "verification must finish");
			System::set_block_number(block);
			let weight = Attestations::on_initialize(block);
			assert!(weight.all_lte(budget), "block {block} used {weight:?} > budget {budget:?}");
			let verified_now = Verifications::<Test>::iter_prefix(PERIOD).count() as u32;
			let in_this_block = verified_now - verified_so_far;
			assert!(in_this_block <= per_block);
			if in_this_block > 0 {
				blocks_with_work += 1;
			}
			verified_so_far = verified_now;
		}
		assert_eq!(verified_so_far, PLEDGES);
		assert_eq!(blocks_with_work, PLEDGES.div_ceil(per_block));
		assert!(blocks_with_work > 1);
		for i in 0..PLEDGES {
			assert_eq!(
				Verifications::<Test>::get(PERIOD, pacta_primitives::PartyCode::from_index(i))
					.map(|r| r.result),
				Some(VerificationResult::Published(Estimate::exact(1_000)))
			);
		}
		assert!(slashes().is_empty(), "nobody is slashed at verification");
		for i in 0..PLEDGES {
			let c = pacta_primitives::PartyCode::from_index(i);
			<Attestations as pacta_primitives::OnFinalValue>::on_final_value(
				&c,
				PERIOD,
				Some(Estimate::exact(1_000)),
			);
		}
		assert!(events().contains(&Event::PeriodVerified { period: PERIOD, pledges: PLEDGES }));
		assert_eq!(slashes().len(), 10);
		assert!(slashes().iter().all(|(o, _)| *o == 3));
		// Oracles 1 and 2 were never outliers.
		assert_eq!(Oracles::<Test>::get(1).unwrap().bond, BOND);
		assert_eq!(Oracles::<Test>::get(2).unwrap().bond, BOND);
		assert_noop!(attest(1, "AAA", 1), Error::<Test>::AttestationDeadlinePassed);
	});
}

/// Attests `code` in `period` by oracles 1, 2 and 3 with 1,000 t each.
fn attest_three(c: pacta_primitives::PartyCode, period: PeriodId) {
	for o in [1, 2, 3] {
		assert_ok!(commit_code(o, c, period, reading(o, 1_000, 0)));
	}
}

/// Two small periods due in the same block are both verified in that block.
#[test]
fn several_due_periods_are_verified_in_one_block() {
	test(|| {
		standard_setup();
		open_period(PERIOD + 1, PLEDGE_DEADLINE, ATTESTATION_DEADLINE, CHALLENGE_DEADLINE);
		for i in 0..5 {
			let c = pacta_primitives::PartyCode::from_index(i);
			add_party(c, 1_000 + u64::from(i));
			add_pledge(c, PERIOD + 1);
		}
		System::set_block_number(PLEDGE_DEADLINE + 1);
		for i in 0..5 {
			attest_three(pacta_primitives::PartyCode::from_index(i), PERIOD + 1);
		}
		assert_ok!(attest(1, "DEU", 1_000));
		verify();
		assert!(events().contains(&Event::PeriodVerified { period: PERIOD, pledges: 2 }));
		assert!(events().contains(&Event::PeriodVerified { period: PERIOD + 1, pledges: 5 }));
		assert!(Schedule::<Test>::get().is_empty());
	});
}

/// A large period that takes the whole budget does not hold up a small one due at the same
/// time: the turn moves on, and the small period is served first in the next block.
#[test]
fn a_large_period_does_not_starve_a_small_one() {
	test(|| {
		const LARGE: u32 = 1_000;
		open_period(PERIOD, PLEDGE_DEADLINE, ATTESTATION_DEADLINE, CHALLENGE_DEADLINE);
		open_period(PERIOD + 1, PLEDGE_DEADLINE, ATTESTATION_DEADLINE, CHALLENGE_DEADLINE);
		for i in 0..LARGE {
			let c = pacta_primitives::PartyCode::from_index(i);
			add_party(c, 1_000 + u64::from(i));
			add_pledge(c, PERIOD);
			if i < 5 {
				add_pledge(c, PERIOD + 1);
			}
		}
		System::set_block_number(PLEDGE_DEADLINE + 1);
		for i in 0..LARGE {
			let c = pacta_primitives::PartyCode::from_index(i);
			attest_three(c, PERIOD);
			if i < 5 {
				attest_three(c, PERIOD + 1);
			}
		}
		let budget = VerificationBudget::get();
		System::set_block_number(ATTESTATION_DEADLINE + 1);
		reveal_all();
		System::set_block_number(REVEAL_DEADLINE + 1);
		let weight = Attestations::on_initialize(REVEAL_DEADLINE + 1);
		assert!(weight.all_lte(budget));
		// The large period came first and took the whole block.
		assert!(Verifications::<Test>::iter_prefix(PERIOD + 1).next().is_none());
		assert!(Verifications::<Test>::iter_prefix(PERIOD).count() > 0);
		System::set_block_number(REVEAL_DEADLINE + 2);
		let weight = Attestations::on_initialize(REVEAL_DEADLINE + 2);
		assert!(weight.all_lte(budget));
		assert_eq!(Verifications::<Test>::iter_prefix(PERIOD + 1).count(), 5);
		assert!(events().contains(&Event::PeriodVerified { period: PERIOD + 1, pledges: 5 }));
		assert!((Verifications::<Test>::iter_prefix(PERIOD).count() as u32) < LARGE);
	});
}
