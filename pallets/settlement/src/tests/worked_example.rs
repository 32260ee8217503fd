//! The worked example of the crate docs, each case with its numbers: Germany pledged 1,000,000 t
//! for 2030 with a bond of 1,000 PACT (binding, 2 PACT per tonne, 50% forfeited when
//! unverified, challenge deadline 300), and Norway escrowed 500 PACT at 0.01 PACT per tonne
//! below the cap.

use crate::{mock::*, Condition, Event, Outcome, OutcomeRecord, Outcomes};
use frame_support::{assert_ok, traits::fungible::Mutate};
use pacta_primitives::Estimate;
use pacta_primitives::{EnforcementMode, PeriodInfo, PeriodTerms, Tonnes, Verification};
use sp_runtime::Perbill;

/// One PACT (twelve decimals, as in the Pacta runtime).
const PACT: Balance = 1_000_000_000_000;
/// Germany's cap.
const CAP: Tonnes = 1_000_000;
/// Germany's bond.
const BOND: Balance = 1_000 * PACT;
/// Norway's escrow.
const ESCROW: Balance = 500 * PACT;
/// What Germany's ministry and Norway have before the example.
const FUNDS: Balance = 10_000 * PACT;
/// The period's challenge deadline: settlement runs in block 301.
const CHALLENGE: u64 = 300;

/// The example up to the challenge deadline, with `mode` and DEU's verification.
fn example(mode: EnforcementMode, verification: Verification) {
	Balances::set_balance(&DEU_MINISTRY, FUNDS);
	Balances::set_balance(&NORWAY, FUNDS);
	let terms = PeriodTerms {
		mode,
		penalty_per_tonne: 2 * PACT,
		unverified_forfeit: Perbill::from_percent(50),
	};
	let calendar = PeriodInfo {
		pledge_deadline: 100,
		attestation_deadline: 200,
		reveal_deadline: 250,
		challenge_deadline: CHALLENGE,
		challenge_window: 50,
		resolution_window: 100,
		terms,
	};
	Pacta::open(PERIOD, calendar).unwrap();
	Pacta::pledge(code("DEU"), PERIOD, DEU_MINISTRY, CAP, BOND).unwrap();
	assert_ok!(Settlement::create_conditional_transfer(
		RuntimeOrigin::signed(NORWAY),
		raw("DEU"),
		PERIOD,
		Condition::PerTonneBelowCap { rate: PACT / 100 },
		ESCROW
	));
	assert_eq!(escrowed(NORWAY), ESCROW);
	verify("DEU", verification);
	run_to_block(CHALLENGE);
	assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
}

/// Settles in block 301; returns the record and what (Germany's ministry, Norway, the climate
/// fund) hold afterwards, counted from what they had.
fn settle() -> (OutcomeRecord<Balance, u64>, Balance, Balance, Balance) {
	let fund_before = free(fund());
	run_to_block(CHALLENGE + 1);
	let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("settled in block 301");
	assert_eq!(record.settled_at, CHALLENGE + 1);
	assert_eq!(bonded(DEU_MINISTRY), 0);
	assert_eq!(escrowed(NORWAY), 0);
	(record, free(DEU_MINISTRY), free(NORWAY), free(fund()) - fund_before)
}

#[test]
fn verified_990_000_t_is_compliant_and_earns_100_pact() {
	test(|| {
		example(EnforcementMode::Binding, Verification::Verified(Estimate::exact(990_000)));
		let (record, germany, norway, fund) = settle();
		assert_eq!(
			record,
			OutcomeRecord {
				outcome: Outcome::Compliant,
				verified: Some(Estimate::exact(990_000)),
				cap: CAP,
				bond: BOND,
				forfeited: 0,
				released: BOND,
				transfers: 1,
				transfers_paid: 100 * PACT,
				transfers_refunded: 400 * PACT,
				settled_at: CHALLENGE + 1,
			}
		);
		// The bond is back; 0.01 × (1,000,000 − 990,000) = 100 PACT earned, 400 PACT refunded.
		assert_eq!((germany, norway, fund), (FUNDS + 100 * PACT, FUNDS - 100 * PACT, 0));
		assert!(events().contains(&Event::PledgeSettled {
			code: code("DEU"),
			period: PERIOD,
			outcome: Outcome::Compliant,
			verified: Some(Estimate::exact(990_000)),
			cap: CAP,
			forfeited: 0,
			released: BOND,
			transfers_paid: 100 * PACT,
			transfers_refunded: 400 * PACT,
		}));
	});
}

#[test]
fn verified_1_000_200_t_is_breached_and_forfeits_400_pact() {
	test(|| {
		example(EnforcementMode::Binding, Verification::Verified(Estimate::exact(1_000_200)));
		let (record, germany, norway, fund) = settle();
		assert_eq!(record.outcome, Outcome::Breached);
		// min(1,000, 200 × 2) = 400 PACT forfeited, 600 released; the transfer earned nothing.
		assert_eq!((record.forfeited, record.released), (400 * PACT, 600 * PACT));
		assert_eq!((record.transfers_paid, record.transfers_refunded), (0, ESCROW));
		assert_eq!((germany, norway, fund), (FUNDS - 400 * PACT, FUNDS, 400 * PACT));
	});
}

#[test]
fn in_facilitative_mode_the_breach_releases_the_whole_bond() {
	test(|| {
		example(EnforcementMode::Facilitative, Verification::Verified(Estimate::exact(1_000_200)));
		let (record, germany, norway, fund) = settle();
		assert_eq!(record.outcome, Outcome::Breached);
		assert_eq!((record.forfeited, record.released), (0, BOND));
		assert_eq!((germany, norway, fund), (FUNDS, FUNDS, 0));
	});
}

#[test]
fn unverified_forfeits_half_the_bond_and_refunds_norway() {
	test(|| {
		example(EnforcementMode::Binding, Verification::Unverified);
		let (record, germany, norway, fund) = settle();
		assert_eq!((record.outcome, record.verified), (Outcome::Unverified, None));
		assert_eq!((record.forfeited, record.released), (500 * PACT, 500 * PACT));
		assert_eq!((germany, norway, fund), (FUNDS - 500 * PACT, FUNDS, 500 * PACT));
	});
}

#[test]
fn disputed_waits_and_settles_in_the_block_after_the_resolution() {
	test(|| {
		example(EnforcementMode::Binding, Verification::Disputed);
		// Nothing happens in block 301: the pledge waits in the deferred list.
		run_to_block(CHALLENGE + 1);
		assert!(Outcomes::<Test>::get(PERIOD, code("DEU")).is_none());
		assert_eq!(bonded(DEU_MINISTRY), BOND);
		assert_eq!(escrowed(NORWAY), ESCROW);
		// Governance resolves the challenge in block 310 (the value stands at 990,000 t).
		run_to_block(CHALLENGE + 10);
		verify("DEU", Verification::Verified(Estimate::exact(990_000)));
		run_to_block(CHALLENGE + 11);
		let record = Outcomes::<Test>::get(PERIOD, code("DEU")).expect("settled");
		assert_eq!((record.outcome, record.settled_at), (Outcome::Compliant, CHALLENGE + 11));
		assert_eq!(record.transfers_paid, 100 * PACT);
		assert_eq!(free(DEU_MINISTRY), FUNDS + 100 * PACT);
	});
}
