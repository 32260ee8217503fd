//! The worked example of the crate docs, step by step and with its numbers: Germany pledges
//! for 2030, strengthens its pledge, the ratchet binds its 2031 pledge, and settlement ends the
//! bond.

use crate::{mock::*, Error, Event, HoldReason, Parties};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
};
use pacta_primitives::{
	EnforcementMode, PeriodInfo, PeriodTerms, PledgeSettle, SettledBond, Tonnes,
};
use sp_runtime::Perbill;

/// One PACT (twelve decimals, as in the Pacta runtime).
const PACT: Balance = 1_000_000_000_000;
/// Germany's ministry in the example.
const MINISTRY: AccountId = 7;
/// What the ministry has before it pledges.
const FUNDS: Balance = 10_000 * PACT;

fn held() -> Balance {
	Balances::balance_on_hold(&HoldReason::PledgeBond.into(), &MINISTRY)
}

/// Steps 1 to 5: returns with the 2030 pledge strengthened to 550,000,000 t, at block 150.
fn steps_one_to_five() {
	Balances::set_balance(&MINISTRY, FUNDS);
	System::set_block_number(10);

	// 1. Governance registers Germany.
	assert_ok!(Pledges::register_party(
		RuntimeOrigin::root(),
		raw("DEU"),
		name("Germany"),
		MINISTRY
	));
	assert_eq!(Parties::<Test>::get(code("DEU")).map(|p| p.controller), Some(MINISTRY));

	// 2. Governance opens 2030: deadlines 100 / 200 / 250 / 300, windows 50 and 100, binding,
	//    2 PACT per tonne, 50 % forfeited when unverified.
	let terms = PeriodTerms {
		mode: EnforcementMode::Binding,
		penalty_per_tonne: 2 * PACT,
		unverified_forfeit: Perbill::from_percent(50),
	};
	let calendar = PeriodInfo {
		pledge_deadline: 100,
		attestation_deadline: 200,
		reveal_deadline: 250,
		challenge_deadline: 300,
		challenge_window: 50,
		resolution_window: 100,
		terms,
	};
	assert_ok!(open_with(2030, calendar.clone()));
	assert_eq!(last_event(), Event::PeriodOpened { period: 2030, info: calendar.clone() });

	// 3. At block 50 the ministry pledges 600,000,000 t with 1,000 PACT: its free balance drops
	//    by 1,000 PACT, which now shows as held.
	System::set_block_number(50);
	assert_ok!(Pledges::submit_pledge(
		RuntimeOrigin::signed(MINISTRY),
		2030,
		600_000_000,
		1_000 * PACT
	));
	assert_eq!(Balances::balance(&MINISTRY), FUNDS - 1_000 * PACT);
	assert_eq!(held(), 1_000 * PACT);

	// 4. At block 150 it strengthens the pledge to 550,000,000 t (allowed until block 200).
	System::set_block_number(150);
	assert_ok!(Pledges::strengthen_pledge(RuntimeOrigin::signed(MINISTRY), 2030, 550_000_000));

	// 5. The ratchet: a pledge for 2031 may not have a cap above 550,000,000 t.
	let later = PeriodInfo {
		pledge_deadline: 1_100,
		attestation_deadline: 1_200,
		reveal_deadline: 1_250,
		challenge_deadline: 1_300,
		..calendar
	};
	assert_ok!(open_with(2031, later));
	assert_noop!(
		Pledges::submit_pledge(RuntimeOrigin::signed(MINISTRY), 2031, 550_000_001, 1_000 * PACT),
		Error::<Test>::WeakerThanPreviousPledge
	);
	assert_ok!(Pledges::submit_pledge(
		RuntimeOrigin::signed(MINISTRY),
		2031,
		550_000_000,
		1_000 * PACT
	));
}

/// What settlement forfeits for a breach: `min(bond, overshoot × penalty_per_tonne)`.
fn forfeited_for(verified: Tonnes, cap: Tonnes, bond: Balance) -> Balance {
	let overshoot = Balance::from(verified.saturating_sub(cap));
	(overshoot * 2 * PACT).min(bond)
}

#[test]
fn worked_example_strengthen_is_allowed_until_the_attestation_deadline() {
	ext_with_parties(vec![]).execute_with(|| {
		steps_one_to_five();
		System::set_block_number(200);
		// The ratchet holds against the later neighbour too: 2031 (550,000,000 t) first.
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(MINISTRY), 2030, 549_000_000),
			Error::<Test>::LaterPledgeWouldBeWeaker
		);
		assert_ok!(Pledges::strengthen_pledge(RuntimeOrigin::signed(MINISTRY), 2031, 549_000_000));
		assert_ok!(Pledges::strengthen_pledge(RuntimeOrigin::signed(MINISTRY), 2030, 549_000_000));
		System::set_block_number(201);
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(MINISTRY), 2030, 548_000_000),
			Error::<Test>::AttestationDeadlinePassed
		);
		Pledges::do_try_state().expect("invariants");
	});
}

#[test]
fn worked_example_breach_forfeits_the_whole_bond() {
	ext_with_parties(vec![]).execute_with(|| {
		steps_one_to_five();
		// 6. After block 300: 560,000,000 t verified, 10,000,000 t over the cap of 550,000,000;
		//    min(1,000, 10,000,000 × 2) PACT = the whole bond goes to the climate fund.
		System::set_block_number(301);
		let forfeited = forfeited_for(560_000_000, 550_000_000, 1_000 * PACT);
		assert_eq!(forfeited, 1_000 * PACT);
		let fund_before = Balances::balance(&FUND);
		let bond = <Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, forfeited, &FUND);
		record_settled(code("DEU"), 2030);
		assert_eq!(bond, Ok(SettledBond { released: 0, forfeited: 1_000 * PACT }));
		assert_eq!(Balances::balance(&FUND), fund_before + 1_000 * PACT);
		assert_eq!(
			last_event(),
			Event::BondSettled {
				code: code("DEU"),
				period: 2030,
				released: 0,
				forfeited: 1_000 * PACT,
				dest: FUND
			}
		);
		// Only the 2031 bond is still held.
		assert_eq!(held(), 1_000 * PACT);
		assert_eq!(Balances::total_balance(&MINISTRY), FUNDS - 1_000 * PACT);
		Pledges::do_try_state().expect("invariants");
	});
}

#[test]
fn worked_example_compliance_releases_the_whole_bond() {
	ext_with_parties(vec![]).execute_with(|| {
		steps_one_to_five();
		// Had Germany stayed under its cap, nothing would be forfeited.
		System::set_block_number(301);
		let forfeited = forfeited_for(540_000_000, 550_000_000, 1_000 * PACT);
		assert_eq!(forfeited, 0);
		let bond = <Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, forfeited, &FUND);
		record_settled(code("DEU"), 2030);
		assert_eq!(bond, Ok(SettledBond { released: 1_000 * PACT, forfeited: 0 }));
		assert_eq!(held(), 1_000 * PACT);
		assert_eq!(Balances::total_balance(&MINISTRY), FUNDS);
		Pledges::do_try_state().expect("invariants");
	});
}
