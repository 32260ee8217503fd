//! Disputes across the pallets, on the real runtime with the dev review panel: each attack of
//! issue #13 tried end to end, from attestation to settlement, with the cross-pallet
//! invariants checked after every block.

use super::{
	account, approve_oracles, code, commit, dev_ext, exact,
	invariants::{next_block_checked, Ledger},
	open_binding_period, raw, reveal,
};
use crate::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pacta_primitives::Estimate;
use pacta_primitives::{Outcome, Verification};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::DispatchError;

const PERIOD: u32 = 2030;
// The calendar: pledges until 4, attestations until 6, reveal 7, challenges until 10 (and at
// least 2 blocks after publication), then 3 blocks for the panel.
const PD: BlockNumber = 4;
const AD: BlockNumber = 6;
const RD: BlockNumber = 7;
const CD: BlockNumber = 10;
const CW: BlockNumber = 2;
const RW: BlockNumber = 3;

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn held(who: &AccountId, reason: impl Into<RuntimeHoldReason>) -> Balance {
	Balances::balance_on_hold(&reason.into(), who)
}

fn run_to(n: BlockNumber, ledger: &mut Ledger) {
	while System::block_number() < n {
		next_block_checked(ledger).unwrap();
	}
}

fn panel() -> Vec<AccountId> {
	let mut panel = genesis_config_presets::dev_panel();
	panel.sort();
	panel
}

/// DEU (controller Bob) pledges a cap of 1,200 t with a 1,000 PACT bond in a binding period
/// at 1 PACT per tonne; Eve, Ferdie and Alice's stash are approved oracles and attest
/// the values [`attest_all`] gives them.
fn setup() -> [AccountId; 3] {
	let bob = account(Bob);
	let oracles = [account(Eve), account(Ferdie), account(AliceStash)];
	assert_ok!(Pledges::register_party(
		RuntimeOrigin::root(),
		raw("DEU"),
		b"Germany".to_vec().try_into().unwrap(),
		bob.clone()
	));
	open_binding_period(PERIOD, [PD, AD, RD, CD, CW, RW]);
	assert_ok!(Pledges::submit_pledge(signed(&bob), PERIOD, 1_200, 1_000 * UNIT));
	approve_oracles(&oracles);
	oracles
}

/// The oracles commit `values` for DEU after the pledge deadline, reveal them after the
/// attestation deadline, and the chain runs to verification (the block after the reveal
/// deadline).
fn attest_all(oracles: &[AccountId; 3], values: [u64; 3], ledger: &mut Ledger) {
	run_to(PD + 1, ledger);
	for (who, tonnes) in oracles.iter().zip(values) {
		assert_ok!(commit(who, "DEU", PERIOD, exact(tonnes, H256::repeat_byte(1))));
	}
	run_to(AD + 1, ledger);
	for (who, tonnes) in oracles.iter().zip(values) {
		assert_ok!(reveal(who, "DEU", PERIOD, exact(tonnes, H256::repeat_byte(1))));
	}
	run_to(RD + 1, ledger);
}

fn verification() -> Verification {
	<Disputes as pacta_primitives::VerifiedEmissions>::verification(&code("DEU"), PERIOD)
}

/// Attack pinned (a party shields its own penalty forever): DEU emitted 1,500 t against a cap
/// of 1,200 and challenges its own published value, claiming 1,000, and waits. Nobody on the
/// panel acts. The pledge is `Disputed` until the resolution deadline, settles on the published
/// value in the block after it, and the self-challenge cost DEU its whole challenge bond (to the
/// climate fund) on top of the penalty: delaying settlement by at most the resolution window.
#[test]
fn a_self_challenge_nobody_answers_times_out_and_costs_the_party_its_bond() {
	dev_ext().execute_with(|| {
		let mut ledger = Ledger::new();
		let bob = account(Bob);
		let oracles = setup();
		attest_all(&oracles, [1_500, 1_500, 1_510], &mut ledger);
		assert_eq!(verification(), Verification::Published(Estimate::exact(1_500)));
		assert_ok!(Disputes::challenge(
			signed(&bob),
			raw("DEU"),
			PERIOD,
			1_000,
			H256::repeat_byte(9),
			100 * UNIT
		));
		let deadline = CD + RW;
		assert_eq!(Disputes::dispute(&code("DEU"), PERIOD).unwrap().deadline, deadline);

		let fund = Settlement::fund_account();
		run_to(deadline, &mut ledger);
		assert_eq!(verification(), Verification::Disputed);
		assert!(pallet_settlement::Outcomes::<Runtime>::get(PERIOD, code("DEU")).is_none());
		let fund_before = Balances::free_balance(&fund);
		run_to(deadline + 1, &mut ledger);
		let outcome = pallet_settlement::Outcomes::<Runtime>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!(
			(outcome.outcome, outcome.verified, outcome.settled_at),
			(Outcome::Breached, Some(Estimate::exact(1_500)), deadline + 1)
		);
		// 300 t over the cap at 1 PACT: 300 PACT forfeited, plus the 100 PACT challenge bond.
		assert_eq!(outcome.forfeited, 300 * UNIT);
		assert_eq!(Balances::free_balance(&fund) - fund_before, 300 * UNIT + 100 * UNIT);
		assert_eq!(held(&bob, pallet_disputes::HoldReason::DisputeBond), 0);
		assert_eq!(held(&bob, pallet_pledges::HoldReason::PledgeBond), 0);
		// Nobody was slashed: every oracle was within tolerance of the final value.
		for who in &oracles {
			assert_eq!(held(who, pallet_attestations::HoldReason::OracleBond), 1_000 * UNIT);
		}
	});
}

/// Attack pinned (honesty punished): two colluders attest 1,000 t for DEU, which really emitted
/// 1,500 t (cap 1,200), and outvote the honest oracle: the published median is 1,000, DEU looks
/// compliant. The honest oracle challenges with a claim of 1,500; the colluders cannot retire
/// while the value is open; governance cannot decide; two of the three panel members uphold
/// the claim. At settlement DEU is breached on 1,500, the colluders are slashed, the honest
/// oracle loses nothing and gets its challenge bond back.
#[test]
fn the_panel_upholds_the_honest_oracle_and_the_colluders_are_slashed() {
	dev_ext().execute_with(|| {
		let mut ledger = Ledger::new();
		let bob = account(Bob);
		let oracles = setup();
		attest_all(&oracles, [1_000, 1_000, 1_500], &mut ledger);
		let [colluder, _, honest] = oracles.clone();
		assert_eq!(verification(), Verification::Published(Estimate::exact(1_000)));

		assert_ok!(Disputes::challenge(
			signed(&honest),
			raw("DEU"),
			PERIOD,
			1_500,
			H256::repeat_byte(7),
			100 * UNIT
		));
		assert_noop!(
			Attestations::retire(signed(&colluder)),
			pallet_attestations::Error::<Runtime>::AttestationsPending
		);
		// The oracles and the party's controller are not eligible; the panel is.
		let dispute = Disputes::dispute(&code("DEU"), PERIOD).unwrap();
		let mut eligible = dispute.eligible.into_inner();
		eligible.sort();
		assert_eq!(eligible, panel());
		// Governance cannot decide, not even through sudo.
		assert_noop!(
			Disputes::vote(RuntimeOrigin::root(), raw("DEU"), PERIOD, 1_500),
			DispatchError::BadOrigin
		);
		assert_ok!(Sudo::sudo(
			signed(&account(Alice)),
			Box::new(
				pallet_disputes::Call::vote { code: raw("DEU"), period: PERIOD, tonnes: 1_500 }
					.into()
			)
		));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid {
				sudo_result: Err(DispatchError::BadOrigin)
			})
		)));
		assert_eq!(verification(), Verification::Disputed);

		let [p1, p2, _] = <[AccountId; 3]>::try_from(panel()).unwrap();
		assert_ok!(Disputes::vote(signed(&p1), raw("DEU"), PERIOD, 1_500));
		assert_ok!(Disputes::vote(signed(&p2), raw("DEU"), PERIOD, 1_500));
		assert_eq!(verification(), Verification::Verified(Estimate::exact(1_500)));

		run_to(CD + 1, &mut ledger);
		let outcome = pallet_settlement::Outcomes::<Runtime>::get(PERIOD, code("DEU")).unwrap();
		assert_eq!(
			(outcome.outcome, outcome.verified),
			(Outcome::Breached, Some(Estimate::exact(1_500)))
		);
		assert_eq!(outcome.forfeited, 300 * UNIT);
		for who in &oracles[..2] {
			assert_eq!(held(who, pallet_attestations::HoldReason::OracleBond), 900 * UNIT);
		}
		assert_eq!(held(&honest, pallet_attestations::HoldReason::OracleBond), 1_000 * UNIT);
		assert_eq!(held(&honest, pallet_disputes::HoldReason::DisputeBond), 0);
		assert_eq!(held(&bob, pallet_pledges::HoldReason::PledgeBond), 0);
		// Judged and final: now they may leave, with what is left of their bonds.
		assert_ok!(Attestations::retire(signed(&colluder)));
		assert_ok!(Attestations::retire(signed(&honest)));
	});
}

/// Attack pinned (shedding an affiliation): a panel member affiliated with DEU changes its key
/// on the roster to vote on DEU's disputes. The affiliation follows the key.
#[test]
fn a_panel_members_new_key_keeps_its_affiliations() {
	dev_ext().execute_with(|| {
		let [member, ..] = <[AccountId; 3]>::try_from(panel()).unwrap();
		assert_ok!(Disputes::declare_affiliation(signed(&member), raw("DEU")));
		let new_key = account(One);
		assert_ok!(ReviewPanel::change_key(
			signed(&member),
			sp_runtime::MultiAddress::Id(new_key.clone())
		));
		assert!(pallet_membership::Members::<Runtime, pallet_membership::Instance2>::get()
			.contains(&new_key));
		assert!(Disputes::is_affiliated(&new_key, &code("DEU")));
	});
}
