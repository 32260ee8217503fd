//! Submitting, strengthening and topping up pledges; the ratchet; deadlines at their exact
//! boundary blocks; the bond really held.

use crate::{mock::*, Error, Event, HoldReason, PledgeHistory, Pledges as PledgeStore};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::{DispatchError, TokenError};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::PledgeBond.into(), &who)
}

#[test]
fn submit_holds_the_bond() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_eq!(
			last_event(),
			Event::PledgeSubmitted { code: code("DEU"), period: 2030, cap: 600, bond: 1_000 }
		);
		let pledge = PledgeStore::<Test>::get(2030, code("DEU")).unwrap();
		assert_eq!((pledge.cap, pledge.bond, pledge.owner), (600, 1_000, 1));
		assert_eq!(held(DEU_MINISTRY), 1_000);
		assert_eq!(Balances::free_balance(DEU_MINISTRY), ENDOWMENT - 1_000);
		assert_eq!(Balances::total_balance(&DEU_MINISTRY), ENDOWMENT);
	});
}

#[test]
fn held_bond_cannot_be_moved_by_its_owner() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(
			RuntimeOrigin::signed(DEU_MINISTRY),
			2030,
			600,
			ENDOWMENT - 10
		));
		// Only 10 is free, and the existential deposit (1) must stay while funds are held.
		assert_eq!(
			Balances::reducible_balance(&DEU_MINISTRY, Preservation::Expendable, Fortitude::Polite),
			9
		);
		assert_noop!(
			<Balances as Mutate<_>>::transfer(
				&DEU_MINISTRY,
				&STRANGER,
				11,
				Preservation::Expendable
			),
			TokenError::FundsUnavailable
		);
		assert_noop!(
			pallet_balances::Pallet::<Test>::transfer_allow_death(
				RuntimeOrigin::signed(DEU_MINISTRY),
				STRANGER,
				100
			),
			TokenError::FundsUnavailable
		);
		assert_eq!(held(DEU_MINISTRY), ENDOWMENT - 10);
	});
}

#[test]
fn submit_refusals() {
	test(|| {
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000),
			Error::<Test>::UnknownPeriod
		);
		open(2030);
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(STRANGER), 2030, 600, 1_000),
			Error::<Test>::NotAPartyController
		);
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::none(), 2030, 600, 1_000),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 99),
			Error::<Test>::BondTooLow
		);
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, ENDOWMENT + 1),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500, 1_000),
			Error::<Test>::AlreadyPledged
		);
	});
}

#[test]
fn pledge_deadline_is_the_last_block_to_pledge() {
	test(|| {
		open(2030);
		System::set_block_number(10);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
	});
	test(|| {
		open(2030);
		System::set_block_number(11);
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000),
			Error::<Test>::PledgeDeadlinePassed
		);
	});
}

#[test]
fn ratchet_against_the_most_recent_earlier_pledge() {
	test(|| {
		open(2030);
		open(2031);
		open(2035);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 601, 1_000),
			Error::<Test>::WeakerThanPreviousPledge
		);
		// Equal is not weaker.
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 600, 1_000));
		// Strengthening 2031 tightens what 2035 must meet.
		assert_ok!(Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 550));
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2035, 560, 1_000),
			Error::<Test>::WeakerThanPreviousPledge
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2035, 500, 1_000));
		assert_eq!(
			PledgeHistory::<Test>::get(code("DEU")).into_inner(),
			vec![(2030, 600), (2031, 550), (2035, 500)]
		);
	});
}

#[test]
fn an_earlier_period_pledged_later_compares_with_its_own_predecessor() {
	test(|| {
		open(2030);
		open(2031);
		open(2032);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2032, 500, 1_000));
		// 2031's most recent earlier pledge is 2030's.
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 700, 1_000),
			Error::<Test>::WeakerThanPreviousPledge
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 550, 1_000));
	});
}

#[test]
fn history_is_bounded() {
	test(|| {
		for period in 2030..2035 {
			open(period);
		}
		for period in 2030..2034 {
			assert_ok!(Pledges::submit_pledge(
				RuntimeOrigin::signed(DEU_MINISTRY),
				period,
				600,
				100
			));
		}
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2034, 600, 100),
			Error::<Test>::TooManyPledges
		);
	});
}

#[test]
fn strengthen_lowers_the_cap_until_the_attestation_deadline() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		System::set_block_number(20);
		assert_ok!(Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 550));
		assert_eq!(
			last_event(),
			Event::PledgeStrengthened {
				code: code("DEU"),
				period: 2030,
				old_cap: 600,
				new_cap: 550
			}
		);
		assert_eq!(PledgeStore::<Test>::get(2030, code("DEU")).unwrap().cap, 550);
		System::set_block_number(21);
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500),
			Error::<Test>::AttestationDeadlinePassed
		);
	});
}

#[test]
fn strengthen_refusals() {
	test(|| {
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500),
			Error::<Test>::UnknownPeriod
		);
		open(2030);
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500),
			Error::<Test>::NoPledge
		);
		assert_noop!(
			Pledges::strengthen_pledge(RuntimeOrigin::signed(STRANGER), 2030, 500),
			Error::<Test>::NotAPartyController
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		for not_lower in [600, 601] {
			assert_noop!(
				Pledges::strengthen_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, not_lower),
				Error::<Test>::CapNotLower
			);
		}
	});
}

#[test]
fn top_up_adds_to_the_held_bond() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		System::set_block_number(29);
		assert_ok!(Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500));
		assert_eq!(
			last_event(),
			Event::BondToppedUp { code: code("DEU"), period: 2030, amount: 500, bond: 1_500 }
		);
		assert_eq!(PledgeStore::<Test>::get(2030, code("DEU")).unwrap().bond, 1_500);
		assert_eq!(held(DEU_MINISTRY), 1_500);
	});
}

#[test]
fn top_up_refusals() {
	test(|| {
		open(2030);
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 500),
			Error::<Test>::NoPledge
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, ENDOWMENT),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(STRANGER), 2030, 10),
			Error::<Test>::NotAPartyController
		);
		// The old key, rotated out, can no longer top up.
		assert_ok!(Pledges::set_controller(RuntimeOrigin::root(), raw("DEU"), 3));
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 10),
			Error::<Test>::NotAPartyController
		);
		// The new controller strengthens the party's pledge.
		assert_ok!(Pledges::strengthen_pledge(RuntimeOrigin::signed(3), 2030, 500));
	});
}

#[test]
fn two_parties_pledge_independently() {
	test(|| {
		assert_ok!(Pledges::register_party(
			RuntimeOrigin::root(),
			raw("BRA"),
			name("Brazil"),
			BRA_MINISTRY
		));
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(BRA_MINISTRY), 2030, 900, 2_000));
		assert_eq!(held(DEU_MINISTRY), 1_000);
		assert_eq!(held(BRA_MINISTRY), 2_000);
	});
}

/// Attack pinned: a ministry rotates out a compromised key. Before the fix the bonds of its
/// unsettled pledges stayed held on the old key (and came back to it at settlement), and
/// neither key could top them up. Now they move, still held, to the new controller; a pledge
/// already settled is left alone.
#[test]
fn the_bond_follows_the_party_through_a_rotation() {
	test(|| {
		use pacta_primitives::PledgeSettle;
		open(2030);
		open(2031);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 600, 500));
		assert_ok!(<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, 0, &FUND));
		record_settled(code("DEU"), 2030);
		let issuance = Balances::total_issuance();

		assert_ok!(Pledges::set_controller(RuntimeOrigin::signed(DEU_MINISTRY), raw("DEU"), 3));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Pledges(Event::BondMoved {
				code: code("DEU"),
				period: 2031,
				from: DEU_MINISTRY,
				to: 3,
				bond: 500
			})));
		assert_eq!(held(DEU_MINISTRY), 0);
		assert_eq!(held(3), 500);
		assert_eq!(PledgeStore::<Test>::get(2031, code("DEU")).unwrap().owner, 3);
		// The settled pledge's record is history: it keeps its owner.
		assert_eq!(PledgeStore::<Test>::get(2030, code("DEU")).unwrap().owner, DEU_MINISTRY);
		assert_eq!(Balances::total_issuance(), issuance);

		// The new key tops up; the old one cannot.
		assert_ok!(Pledges::top_up_bond(RuntimeOrigin::signed(3), 2031, 100));
		assert_eq!(held(3), 600);
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 10),
			Error::<Test>::NotAPartyController
		);
		// Settlement releases to the new controller.
		let free = Balances::balance(&3);
		assert_ok!(<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2031, 0, &FUND));
		record_settled(code("DEU"), 2031);
		assert_eq!(Balances::balance(&3), free + 600);
	});
}

/// A rotation to an account that does not exist on chain cannot take the bonds, so it is
/// refused as a whole (nothing moves, the old controller stays).
#[test]
fn rotation_to_an_account_that_cannot_hold_is_refused() {
	test(|| {
		open(2030);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::root(), raw("DEU"), 77),
			Error::<Test>::CannotMoveBond
		);
	});
}

/// Attack pinned (ratchet backsliding): with 2030, 2031 and 2032 open a party pledged 600 for
/// 2030, 600 for 2032, then 400 for 2031, a sequence 600 → 400 → 600 that rises again. Before
/// the fix 2031 was only compared with 2030. Now its cap must lie between its neighbours.
#[test]
fn ratchet_holds_against_the_later_neighbour_on_submission() {
	test(|| {
		for period in 2030..=2032 {
			open(period);
		}
		let ministry = RuntimeOrigin::signed(DEU_MINISTRY);
		assert_ok!(Pledges::submit_pledge(ministry.clone(), 2030, 600, 1_000));
		assert_ok!(Pledges::submit_pledge(ministry.clone(), 2032, 600, 1_000));
		assert_noop!(
			Pledges::submit_pledge(ministry.clone(), 2031, 400, 1_000),
			Error::<Test>::LaterPledgeWouldBeWeaker
		);
		assert_noop!(
			Pledges::submit_pledge(ministry.clone(), 2031, 601, 1_000),
			Error::<Test>::WeakerThanPreviousPledge
		);
		assert_ok!(Pledges::submit_pledge(ministry, 2031, 600, 1_000));
	});
}

/// Attack pinned (ratchet backsliding by strengthening): strengthening an earlier pledge below
/// a later one made the later one weaker (600, 600 → 400, 600). Now the later pledge must be
/// strengthened first.
#[test]
fn ratchet_holds_against_the_later_neighbour_on_strengthening() {
	test(|| {
		open(2030);
		open(2031);
		let ministry = RuntimeOrigin::signed(DEU_MINISTRY);
		assert_ok!(Pledges::submit_pledge(ministry.clone(), 2030, 600, 1_000));
		assert_ok!(Pledges::submit_pledge(ministry.clone(), 2031, 600, 1_000));
		assert_noop!(
			Pledges::strengthen_pledge(ministry.clone(), 2030, 400),
			Error::<Test>::LaterPledgeWouldBeWeaker
		);
		assert_ok!(Pledges::strengthen_pledge(ministry.clone(), 2031, 400));
		assert_ok!(Pledges::strengthen_pledge(ministry, 2030, 400));
		assert_eq!(
			PledgeHistory::<Test>::get(code("DEU")).into_inner(),
			vec![(2030, 400), (2031, 400)]
		);
	});
}

/// Attack pinned (unpruned history): `PledgeHistory` was never pruned, so a party that had
/// pledged as many periods as it remembers (4 in the mock, 100 in the runtime) was locked out
/// for good. Settled pledges are now pruned down to the latest, the ratchet's anchor.
#[test]
fn settled_pledges_are_pruned_from_the_history() {
	test(|| {
		use pacta_primitives::PledgeSettle;
		for period in 2030..2036 {
			open(period);
		}
		for period in 2030..2034 {
			assert_ok!(Pledges::submit_pledge(
				RuntimeOrigin::signed(DEU_MINISTRY),
				period,
				600,
				100
			));
		}
		for period in 2030..2033 {
			assert_ok!(<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), period, 0, &FUND));
			record_settled(code("DEU"), period);
		}
		// 2033 is still open: the settled 2030 to 2032 are pruned to 2032, the anchor.
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2034, 600, 100));
		assert_eq!(
			PledgeHistory::<Test>::get(code("DEU")).into_inner(),
			vec![(2032, 600), (2033, 600), (2034, 600)]
		);
		// The anchor still binds: 2035 may not be weaker than 2034.
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2035, 601, 100),
			Error::<Test>::WeakerThanPreviousPledge
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2035, 600, 100));
	});
}

/// A period earlier than a settled pledge cannot be checked against pruned history: refused.
#[test]
fn a_pledge_before_a_settled_one_is_refused() {
	test(|| {
		use pacta_primitives::PledgeSettle;
		open(2031);
		open(2032);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 600, 100));
		assert_ok!(<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2031, 0, &FUND));
		record_settled(code("DEU"), 2031);
		open(2030);
		assert_noop!(
			Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 700, 100),
			Error::<Test>::PeriodBeforeSettledPledge
		);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2032, 600, 100));
	});
}
