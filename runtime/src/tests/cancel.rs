//! A mis-opened period on the real runtime (issue #14 item 5): the council cancels it before
//! its pledge deadline and the chain refunds every bond and escrow by itself in the next block
//! (outcome `Cancelled` in the compliance report); attesting is refused for it. A period whose
//! pledge deadline has passed cannot be cancelled, not even through Root, and settles as usual.

use super::{
	code, commit, exact,
	invariants::{next_block_checked, Ledger},
	pass_motion, raw,
};
use crate::{pacta_api, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use pacta_primitives::{EnforcementMode, Outcome, PeriodTerms};
use sp_core::H256;
use sp_runtime::Perbill;

fn name<S: frame_support::traits::Get<u32>>(text: &str) -> frame_support::BoundedVec<u8, S> {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn acc(n: u8) -> AccountId {
	AccountId::from([n; 32])
}

fn open(period: u32, pledge_deadline: BlockNumber) {
	assert_ok!(Pledges::open_period(
		RuntimeOrigin::root(),
		period,
		pledge_deadline,
		pledge_deadline + 5,
		pledge_deadline + 6,
		pledge_deadline + 10,
		2,
		3,
		PeriodTerms {
			mode: EnforcementMode::Binding,
			penalty_per_tonne: UNIT,
			unverified_forfeit: Perbill::from_percent(50),
		},
	));
}

#[test]
fn the_council_cancels_a_mis_opened_period_and_everything_is_refunded() {
	super::dev_ext().execute_with(|| {
		let (ministry, donor, oracle) = (acc(101), acc(102), acc(103));
		for who in [&ministry, &donor, &oracle] {
			assert_ok!(Balances::mint_into(who, 10_000 * UNIT));
		}
		let mut ledger = Ledger::new();
		assert_ok!(Pledges::register_party(
			RuntimeOrigin::root(),
			raw("XAA"),
			name("X"),
			ministry.clone()
		));
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(oracle.clone()), name("o")));
		assert_ok!(Attestations::approve_oracle(RuntimeOrigin::root(), oracle.clone()));
		// 2040 is mis-opened (meant to be 2030); 2041 is fine.
		open(2040, 10);
		open(2041, 10);
		let ministry_free = Balances::free_balance(&ministry);
		let donor_free = Balances::free_balance(&donor);
		let fund_before = Settlement::fund_balance();
		for period in [2040, 2041] {
			assert_ok!(Pledges::submit_pledge(
				RuntimeOrigin::signed(ministry.clone()),
				period,
				1_000,
				200 * UNIT
			));
			assert_ok!(Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(donor.clone()),
				raw("XAA"),
				period,
				pallet_settlement::Condition::PledgeMet,
				50 * UNIT
			));
		}

		// Two thirds of the council cancel 2040 at block 3.
		next_block_checked(&mut ledger).unwrap();
		next_block_checked(&mut ledger).unwrap();
		pass_motion(pallet_pledges::Call::cancel_period { period: 2040 }.into());
		assert!(Pledges::is_cancelled(2040));
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(ministry.clone()), 2040, UNIT),
			pallet_pledges::Error::<Runtime>::PeriodCancelled
		);
		// The next block refunds it, long before its challenge deadline.
		next_block_checked(&mut ledger).unwrap();
		let record = Settlement::outcome(&code("XAA"), 2040).expect("refunded");
		assert_eq!(record.outcome, Outcome::Cancelled);
		assert_eq!((record.released, record.forfeited), (200 * UNIT, 0));
		assert_eq!((record.transfers_paid, record.transfers_refunded), (0, 50 * UNIT));
		let report = pacta_api::compliance_report(2040, None, 100).expect("a report");
		assert!(report.settled);
		assert_eq!(report.rows.len(), 1);
		assert_eq!(report.rows[0].outcome, Some(Outcome::Cancelled));
		assert_eq!(report.totals.forfeited, 0);
		assert_eq!((report.totals.pledges, report.totals.cancelled), (1, 1));
		let json = serde_json::to_value(&report).unwrap();
		assert_eq!(json["rows"][0]["outcome"], "Cancelled");
		// Only 2041's bond and escrow are still held.
		assert_eq!(Balances::free_balance(&ministry), ministry_free - 200 * UNIT);
		assert_eq!(Balances::free_balance(&donor), donor_free - 50 * UNIT);

		// After the pledge deadline nothing cancels a period, not even Root: no kill switch.
		while System::block_number() <= 10 {
			next_block_checked(&mut ledger).unwrap();
		}
		assert_noop!(
			Pledges::cancel_period(RuntimeOrigin::root(), 2041),
			pallet_pledges::Error::<Runtime>::PledgeDeadlinePassed
		);
		// Attesting a cancelled period is refused (it left verification's schedule).
		assert_eq!(
			commit(&oracle, "XAA", 2040, exact(900, H256::zero())).map_err(|e| e.error),
			Err(pallet_attestations::Error::<Runtime>::PeriodNotScheduled.into())
		);
		// 2041 settles as usual (unverified: too few oracles), with its share forfeited.
		while System::block_number() <= 10 + 10 + 3 + 2 {
			next_block_checked(&mut ledger).unwrap();
		}
		let record = Settlement::outcome(&code("XAA"), 2041).expect("settled");
		assert_eq!(record.outcome, Outcome::Unverified);
		assert_eq!(record.forfeited, 100 * UNIT);
		assert_eq!(Settlement::fund_balance(), fund_before + 100 * UNIT);
		assert_eq!(Balances::free_balance(&ministry), ministry_free - 100 * UNIT);
		assert_eq!(Balances::free_balance(&donor), donor_free);
		next_block_checked(&mut ledger).unwrap();
	});
}
