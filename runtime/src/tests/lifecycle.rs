//! The whole lifecycle of a reporting period on the real runtime, the scenario of
//! `tests/e2e/lifecycle.test.js` in seconds under `cargo test`:
//!
//! - governance: DEU and BRA registered and 2030 opened through sudo; IND registered through a
//!   council motion of two thirds;
//! - parties pledge with bonds; a donor escrows a `PerTonneBelowCap` transfer for DEU;
//! - three oracles apply, are approved and attest; one is far off for BRA; IND gets two;
//! - the chain verifies by itself and publishes the values (nobody is slashed yet);
//! - BRA challenges its published value with a claim and a bond; governance cannot decide; two
//!   of the three review-panel members uphold the claim;
//! - the chain settles by itself: DEU compliant (bond back, the transfer pays what was earned
//!   and refunds the rest), BRA breached on the panel's value (exactly the penalty forfeited,
//!   its challenge bond back), IND unverified (its forfeited share); the far-off oracle is
//!   slashed 10 % of its bond against the final value — exact balances, and the `PactaApi`
//!   report shows all of it.
//!
//! Unauthorised and malformed calls fail with their named errors along the way, and the
//! cross-pallet invariants are checked after every block.

use super::{
	account, code, commit, dev_ext, exact,
	invariants::{next_block_checked, Ledger},
	pass_motion, raw, reveal,
};
use crate::{pacta_api, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pacta_primitives::Estimate;
use pacta_primitives::{EnforcementMode, Outcome, PeriodTerms, Verification};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::{traits::Hash as _, DispatchError, Perbill};

const MILLI: Balance = MILLI_UNIT;
const PERIOD: u32 = 2030;

fn evidence(text: &str) -> H256 {
	<Runtime as frame_system::Config>::Hashing::hash(text.as_bytes())
}

fn name<S: frame_support::traits::Get<u32>>(text: &str) -> frame_support::BoundedVec<u8, S> {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn sudo(call: impl Into<RuntimeCall>) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Sudo::sudo(signed(&account(Alice)), Box::new(call.into()))
}

fn free(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

fn held(who: &AccountId, reason: impl Into<RuntimeHoldReason>) -> Balance {
	Balances::balance_on_hold(&reason.into(), who)
}

fn sudo_error_of(events_since: usize) -> Option<DispatchError> {
	System::events().into_iter().skip(events_since).find_map(|r| match r.event {
		RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Err(e) }) => Some(e),
		_ => None,
	})
}

fn run_to(n: BlockNumber, ledger: &mut Ledger) {
	while System::block_number() < n {
		next_block_checked(ledger).unwrap();
	}
}

#[test]
fn a_period_from_registration_to_automatic_settlement() {
	let started = std::time::Instant::now();
	dev_ext().execute_with(|| {
		let mut ledger = Ledger::new();
		let [bob, charlie, dave, eve, ferdie] = [Bob, Charlie, Dave, Eve, Ferdie].map(account);
		let far_off = account(AliceStash);
		let donor = account(BobStash);
		let intruder = account(CharlieStash);
		let fund = Settlement::fund_account();
		let fund_at_genesis = free(&fund);

		// The calendar, in blocks from block 1.
		let (pd, ad, rd, cd) = (6, 8, 9, 12);

		// Governance: two parties and the period through sudo, the third by a council motion.
		assert_ok!(sudo(pallet_pledges::Call::register_party {
			code: raw("DEU"),
			name: name("Germany"),
			controller: bob.clone(),
		}));
		assert_ok!(sudo(pallet_pledges::Call::register_party {
			code: raw("BRA"),
			name: name("Brazil"),
			controller: charlie.clone(),
		}));
		assert_ok!(sudo(pallet_pledges::Call::open_period {
			period: PERIOD,
			pledge_deadline: pd,
			attestation_deadline: ad,
			reveal_deadline: rd,
			challenge_deadline: cd,
			challenge_window: 2,
			resolution_window: 3,
			terms: PeriodTerms {
				mode: EnforcementMode::Binding,
				penalty_per_tonne: UNIT,
				unverified_forfeit: Perbill::from_percent(50),
			},
		}));
		pass_motion(
			pallet_pledges::Call::register_party {
				code: raw("IND"),
				name: name("India"),
				controller: dave.clone(),
			}
			.into(),
		);
		assert_eq!(pacta_api::party(code("IND")).unwrap().controller, dave);
		let before = System::events().len();
		assert_ok!(sudo(pallet_pledges::Call::register_party {
			code: raw("de"),
			name: name("Nowhere"),
			controller: intruder.clone(),
		}));
		assert_eq!(
			sudo_error_of(before),
			Some(pallet_pledges::Error::<Runtime>::InvalidPartyCode.into())
		);
		assert_noop!(
			Pledges::register_party(signed(&bob), raw("FRA"), name("France"), bob.clone()),
			DispatchError::BadOrigin
		);

		// Oracles apply; eve may not attest before approval; only governance approves.
		for (who, label) in [(&eve, "Copernicus"), (&ferdie, "UNEP"), (&far_off, "Far Off Monitor")]
		{
			assert_ok!(Attestations::apply_as_oracle(signed(who), name(label)));
		}
		assert_eq!(
			commit(&eve, "DEU", PERIOD, exact(1, evidence("early"))).map_err(|e| e.error),
			Err(pallet_attestations::Error::<Runtime>::OracleNotApproved.into())
		);
		assert_noop!(
			Attestations::approve_oracle(signed(&bob), eve.clone()),
			DispatchError::BadOrigin
		);
		for who in [&eve, &ferdie, &far_off] {
			assert_ok!(sudo(pallet_attestations::Call::approve_oracle { who: who.clone() }));
		}
		assert_eq!(held(&eve, pallet_attestations::HoldReason::OracleBond), 1_000 * UNIT);

		// Pledges with bonds; a bond below the minimum and a non-party are refused.
		assert_noop!(
			Pledges::submit_pledge(signed(&intruder), PERIOD, 1_000, 100 * UNIT),
			pallet_pledges::Error::<Runtime>::NotAPartyController
		);
		assert_noop!(
			Pledges::submit_pledge(signed(&charlie), PERIOD, 2_000_000, 10 * UNIT),
			pallet_pledges::Error::<Runtime>::BondTooLow
		);
		assert_ok!(Pledges::submit_pledge(signed(&bob), PERIOD, 1_000_000, 500 * UNIT));
		assert_ok!(Pledges::submit_pledge(signed(&charlie), PERIOD, 2_000_000, 1_000 * UNIT));
		next_block_checked(&mut ledger).unwrap();
		assert_ok!(Pledges::submit_pledge(signed(&dave), PERIOD, 3_000_000, 100 * UNIT));
		assert_eq!(held(&bob, pallet_pledges::HoldReason::PledgeBond), 500 * UNIT);

		// A donor escrows a per-tonne transfer for DEU; a malformed code is refused.
		assert_ok!(Settlement::create_conditional_transfer(
			signed(&donor),
			raw("DEU"),
			PERIOD,
			pallet_settlement::Condition::PerTonneBelowCap { rate: MILLI },
			200 * UNIT,
		));
		assert_noop!(
			Settlement::create_conditional_transfer(
				signed(&donor),
				raw("xx"),
				PERIOD,
				pallet_settlement::Condition::PledgeMet,
				200 * UNIT,
			),
			pallet_settlement::Error::<Runtime>::InvalidPartyCode
		);
		assert!(commit(&eve, "DEU", PERIOD, exact(900_000, evidence("x"))).is_err());
		let pledge = pacta_api::pledge(code("DEU"), PERIOD).unwrap();
		assert_eq!((pledge.cap, pledge.bond, pledge.open_transfers), (1_000_000, 500 * UNIT, 1));
		assert_eq!(pledge.escrowed, 200 * UNIT);
		assert_eq!(pledge.verification, Verification::Pending);

		// Three oracles commit after the pledge deadline (sealed: only hashes are on chain), one
		// far off for BRA, and reveal after the attestation deadline.
		run_to(pd + 1, &mut ledger);
		let readings = [
			(&eve, "DEU", 900_000),
			(&eve, "BRA", 2_000_300),
			(&eve, "IND", 2_500_000),
			(&ferdie, "DEU", 910_000),
			(&ferdie, "BRA", 2_000_400),
			(&ferdie, "IND", 2_500_000),
			(&far_off, "DEU", 905_000),
			(&far_off, "BRA", 3_000_000),
		];
		let reading_of =
			|who: &AccountId, party: &str, t| exact(t, evidence(&format!("{party} by {who}")));
		for (who, party, tonnes) in readings {
			let info = commit(who, party, PERIOD, reading_of(who, party, tonnes)).unwrap();
			assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No, "a first commit is free");
		}
		assert_eq!(
			commit(&eve, "de", PERIOD, exact(1, evidence("bad"))).map_err(|e| e.error),
			Err(pallet_attestations::Error::<Runtime>::InvalidPartyCode.into())
		);
		assert_eq!(
			commit(&intruder, "DEU", PERIOD, exact(1, evidence("x"))).map_err(|e| e.error),
			Err(pallet_attestations::Error::<Runtime>::NotOracle.into())
		);
		// Before the reveal window nothing of a value can be read through the runtime API.
		assert!(pacta_api::attestations(code("BRA"), PERIOD).iter().all(|a| a.reading.is_none()));
		run_to(ad + 1, &mut ledger);
		assert_eq!(
			reveal(&eve, "DEU", PERIOD, exact(900_001, evidence("DEU by eve")))
				.map_err(|e| e.error),
			Err(pallet_attestations::Error::<Runtime>::CommitmentMismatch.into())
		);
		for (who, party, tonnes) in readings {
			let info = reveal(who, party, PERIOD, reading_of(who, party, tonnes)).unwrap();
			assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No, "a reveal is free");
		}
		let mut bra: Vec<_> = pacta_api::attestations(code("BRA"), PERIOD)
			.into_iter()
			.map(|a| (String::from_utf8(a.oracle_name).unwrap(), a.reading.unwrap().tonnes))
			.collect();
		bra.sort();
		assert_eq!(
			bra,
			[
				("Copernicus".to_string(), 2_000_300),
				("Far Off Monitor".to_string(), 3_000_000),
				("UNEP".to_string(), 2_000_400)
			]
		);

		// Verification runs by itself after the reveal deadline and publishes the values;
		// nobody is slashed until the values are final.
		run_to(rd, &mut ledger);
		let fund_before = free(&fund);
		run_to(rd + 1, &mut ledger);
		assert_eq!(free(&fund), fund_before, "nobody is slashed at verification");
		assert_eq!(held(&far_off, pallet_attestations::HoldReason::OracleBond), 1_000 * UNIT);
		assert_eq!(
			pacta_api::pledge(code("DEU"), PERIOD).unwrap().verification,
			Verification::Published(Estimate::exact(905_000))
		);
		let bra = pacta_api::pledge(code("BRA"), PERIOD).unwrap();
		assert_eq!(bra.verification, Verification::Published(Estimate::exact(2_000_400)));
		assert_eq!(
			(bra.published, bra.attestations, bra.claims),
			(Some(Estimate::exact(2_000_400)), 3, 0)
		);
		let ind = pacta_api::pledge(code("IND"), PERIOD).unwrap();
		assert_eq!((ind.verification, ind.attestations), (Verification::Unverified, 2));

		// BRA challenges its own value with a claim, evidence and a bond; nobody can challenge
		// an unverified value; the far-off oracle cannot leave while the value is open.
		assert_ok!(Disputes::challenge(
			signed(&charlie),
			raw("BRA"),
			PERIOD,
			2_000_250,
			evidence("BRA inventory"),
			100 * UNIT,
		));
		assert_noop!(
			Disputes::challenge(
				signed(&intruder),
				raw("IND"),
				PERIOD,
				1,
				evidence("x"),
				100 * UNIT
			),
			pallet_disputes::Error::<Runtime>::NothingToChallenge
		);
		assert_noop!(
			Attestations::retire(signed(&far_off)),
			pallet_attestations::Error::<Runtime>::AttestationsPending
		);
		let bra = pacta_api::pledge(code("BRA"), PERIOD).unwrap();
		assert_eq!((bra.verification, bra.claims), (Verification::Disputed, 1));
		assert_eq!(held(&charlie, pallet_disputes::HoldReason::DisputeBond), 100 * UNIT);
		let dispute = pacta_api::dispute(code("BRA"), PERIOD).unwrap();
		let mut eligible = dispute.eligible.clone();
		eligible.sort();
		let mut panel = genesis_config_presets::dev_panel();
		panel.sort();
		assert_eq!(eligible, panel);
		assert_eq!((dispute.threshold, dispute.deadline), (2, cd + 3));
		next_block_checked(&mut ledger).unwrap();

		// Governance cannot decide; two of the three panel members uphold the claim.
		assert_noop!(
			Disputes::vote(RuntimeOrigin::root(), raw("BRA"), PERIOD, 2_000_250),
			DispatchError::BadOrigin
		);
		let [p1, p2, _] = <[AccountId; 3]>::try_from(panel).unwrap();
		assert_ok!(Disputes::vote(signed(&p1), raw("BRA"), PERIOD, 2_000_250));
		assert_eq!(
			pacta_api::pledge(code("BRA"), PERIOD).unwrap().verification,
			Verification::Disputed
		);
		assert_ok!(Disputes::vote(signed(&p2), raw("BRA"), PERIOD, 2_000_250));
		assert_eq!(
			pacta_api::pledge(code("BRA"), PERIOD).unwrap().verification,
			Verification::Verified(Estimate::exact(2_000_250))
		);
		assert_eq!(
			pacta_api::dispute(code("BRA"), PERIOD).unwrap().state,
			pacta_primitives::DisputeState::Decided
		);

		// Settlement runs by itself in the first block after the challenge deadline.
		run_to(cd, &mut ledger);
		let early = pacta_api::compliance_report(PERIOD, None, 100).unwrap();
		assert!(!early.settled && early.rows.iter().all(|r| r.outcome.is_none()));
		let watched = [&bob, &charlie, &dave, &donor, &fund];
		let before: Vec<Balance> = watched.iter().map(|w| free(w)).collect();
		run_to(cd + 1, &mut ledger);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Settlement(pallet_settlement::Event::PeriodSettled {
				period: PERIOD,
				..
			})
		)));
		let delta: Vec<Balance> = watched.iter().zip(&before).map(|(w, b)| free(w) - b).collect();
		// DEU: 905,000 t under a cap of 1,000,000 t: the 500 PACT bond back, and the transfer
		// earned 95,000 t × 0.001 PACT = 95 PACT; the donor gets 105 PACT back.
		assert_eq!(delta[0], 500 * UNIT + 95 * UNIT);
		assert_eq!(delta[3], 105 * UNIT);
		// BRA: 250 t over the cap at 1 PACT per tonne: exactly 250 PACT forfeited, 750 back,
		// and its upheld claim's 100 PACT bond back.
		assert_eq!(delta[1], 750 * UNIT + 100 * UNIT);
		// IND: unverified, 50 % of its 100 PACT bond forfeited.
		assert_eq!(delta[2], 50 * UNIT);
		// The fund: 300 forfeited, and 10 % of the far-off oracle's bond, slashed now that
		// BRA's value is final (3,000,000 t is far outside 10 % of 2,000,250 t).
		assert_eq!(delta[4], 300 * UNIT + 100 * UNIT);
		assert_eq!(held(&far_off, pallet_attestations::HoldReason::OracleBond), 900 * UNIT);
		assert_eq!(held(&eve, pallet_attestations::HoldReason::OracleBond), 1_000 * UNIT);
		assert_ok!(Attestations::retire(signed(&far_off)));
		for who in [&bob, &charlie, &dave, &donor] {
			assert_eq!(Balances::reserved_balance(who), 0, "nothing stays held");
		}

		// The PactaApi report shows all of it.
		let report = pacta_api::compliance_report(PERIOD, None, 100).unwrap();
		assert!(report.settled && report.next.is_none());
		assert_eq!((report.info.pledge_deadline, report.info.challenge_deadline), (pd, cd));
		let row = |c: &str| report.rows.iter().find(|r| r.code == code(c)).unwrap().clone();
		let (deu, bra, ind) = (row("DEU"), row("BRA"), row("IND"));
		assert_eq!(deu.outcome, Some(Outcome::Compliant));
		assert_eq!((deu.forfeited, deu.released), (0, 500 * UNIT));
		assert_eq!((deu.transfers_paid, deu.transfers_refunded), (95 * UNIT, 105 * UNIT));
		assert_eq!(bra.outcome, Some(Outcome::Breached));
		assert_eq!(bra.verification, Verification::Verified(Estimate::exact(2_000_250)));
		assert_eq!((bra.forfeited, bra.released), (250 * UNIT, 750 * UNIT));
		assert_eq!(ind.outcome, Some(Outcome::Unverified));
		assert_eq!((ind.forfeited, ind.released), (50 * UNIT, 50 * UNIT));
		// The totals kept on chain equal the sums of the rows.
		let t = &report.totals;
		assert_eq!((t.pledges, t.compliant, t.breached, t.unverified), (3, 1, 1, 1));
		assert_eq!(t.caps, 1_000_000 + 2_000_000 + 3_000_000);
		assert_eq!(t.bonds, 500 * UNIT + 1_000 * UNIT + 100 * UNIT);
		assert_eq!(t.verified_tonnes, 905_000 + 2_000_250);
		assert_eq!((t.forfeited, t.released), (300 * UNIT, 1_300 * UNIT));
		assert_eq!((t.transfers_paid, t.transfers_refunded), (95 * UNIT, 105 * UNIT));
		// Paged one row at a time, the rows are the same and every page has the same totals.
		let mut paged = Vec::new();
		let mut after = None;
		loop {
			let page = pacta_api::compliance_report(PERIOD, after, 1).unwrap();
			assert_eq!(page.totals, report.totals);
			paged.extend(page.rows);
			match page.next {
				Some(next) => after = Some(next),
				None => break,
			}
		}
		assert_eq!(paged, report.rows);
		let outcome = pacta_api::pledge(code("DEU"), PERIOD).unwrap().outcome.unwrap();
		assert_eq!((outcome.outcome, outcome.settled_at), (Outcome::Compliant, cd + 1));
		let fund_view = pacta_api::climate_fund();
		assert_eq!(fund_view.balance, fund_at_genesis + 400 * UNIT, "slash 100 + forfeited 300");
		assert_eq!(fund_view.spendable, 400 * UNIT);

		// Nothing moves afterwards; the invariants still hold.
		run_to(cd + 4, &mut ledger);
		assert_eq!(ledger.settled_count(), 3);
	});
	println!("lifecycle on the runtime: {:.2?}", started.elapsed());
}
