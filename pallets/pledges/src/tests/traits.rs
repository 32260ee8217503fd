//! The primitives traits as other pallets see them: calendar, inspection, paging, settlement.

use crate::{mock::*, Error, Event, HoldReason};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
};
use pacta_primitives::{PeriodCalendar, PledgeInfo, PledgeInspect, PledgeSettle, SettledBond};

#[test]
fn calendar_and_inspection() {
	test(|| {
		open(2030);
		assert_eq!(<Pledges as PeriodCalendar<_, _>>::period(2030).unwrap().challenge_deadline, 30);
		assert_eq!(<Pledges as PeriodCalendar<_, _>>::period(2031), None);
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
		assert_eq!(
			<Pledges as PledgeInspect<_, _>>::pledge(&code("DEU"), 2030),
			Some(PledgeInfo { cap: 600, bond: 1_000, owner: DEU_MINISTRY })
		);
		assert_eq!(<Pledges as PledgeInspect<_, _>>::controller(&code("DEU")), Some(DEU_MINISTRY));
		assert_eq!(<Pledges as PledgeInspect<_, _>>::party_of(&DEU_MINISTRY), Some(code("DEU")));
		assert_eq!(<Pledges as PledgeInspect<_, _>>::party_of(&STRANGER), None);
	});
}

#[test]
fn pages_cover_every_pledge_exactly_once() {
	test(|| {
		open(2030);
		open(2031);
		let mut codes = Vec::new();
		for (i, a) in (b'A'..=b'Z').enumerate() {
			let c = code(core::str::from_utf8(&[b'X', b'Q', a]).unwrap());
			let controller = 1_000 + i as u64;
			let _ = Balances::mint_into(&controller, 1_000);
			assert_ok!(Pledges::register_party(
				RuntimeOrigin::root(),
				c.to_raw(),
				name("x"),
				controller
			));
			assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(controller), 2030, 1, 100));
			codes.push(c);
		}
		// A pledge in another period must not show up.
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2031, 1, 100));

		let mut seen = Vec::new();
		let mut after = None;
		loop {
			let page = <Pledges as PledgeInspect<_, _>>::pledges_page(2030, after, 7);
			assert!(page.len() <= 7);
			if page.is_empty() {
				break;
			}
			after = page.last().copied();
			seen.extend(page);
		}
		seen.sort();
		codes.sort();
		assert_eq!(seen, codes);
	});
}

fn pledge_and_settle(forfeited: Balance) -> SettledBond<Balance> {
	open(2030);
	assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 600, 1_000));
	let bond =
		<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, forfeited, &FUND).unwrap();
	record_settled(code("DEU"), 2030);
	bond
}

#[test]
fn settle_releases_and_forfeits_exactly_once() {
	test(|| {
		let issuance = Balances::total_issuance();
		assert_eq!(pledge_and_settle(300), SettledBond { released: 700, forfeited: 300 });
		assert_eq!(
			last_event(),
			Event::BondSettled {
				code: code("DEU"),
				period: 2030,
				released: 700,
				forfeited: 300,
				dest: FUND
			}
		);
		assert_eq!(Balances::balance_on_hold(&HoldReason::PledgeBond.into(), &DEU_MINISTRY), 0);
		assert_eq!(Balances::free_balance(DEU_MINISTRY), ENDOWMENT - 300);
		assert_eq!(Balances::free_balance(FUND), 1 + 300);
		assert_eq!(Balances::total_issuance(), issuance);
		// The pledge stays as a record, as it was.
		assert_eq!(
			<Pledges as PledgeInspect<_, _>>::pledge(&code("DEU"), 2030).map(|p| (p.cap, p.bond)),
			Some((600, 1_000))
		);
		// Never twice.
		assert_noop!(
			<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, 0, &FUND),
			Error::<Test>::AlreadySettled
		);
		// A settled bond can no longer be topped up.
		assert_noop!(
			Pledges::top_up_bond(RuntimeOrigin::signed(DEU_MINISTRY), 2030, 10),
			Error::<Test>::AlreadySettled
		);
	});
}

#[test]
fn settle_forfeits_at_most_the_bond() {
	test(|| {
		assert_eq!(pledge_and_settle(5_000), SettledBond { released: 0, forfeited: 1_000 });
		assert_eq!(Balances::total_balance(&DEU_MINISTRY), ENDOWMENT - 1_000);
	});
}

#[test]
fn settle_with_nothing_forfeited_releases_everything() {
	test(|| {
		assert_eq!(pledge_and_settle(0), SettledBond { released: 1_000, forfeited: 0 });
		assert_eq!(Balances::free_balance(DEU_MINISTRY), ENDOWMENT);
	});
}

#[test]
fn settle_unknown_pledge_fails() {
	test(|| {
		assert_noop!(
			<Pledges as PledgeSettle<_, _>>::settle(&code("DEU"), 2030, 0, &FUND),
			Error::<Test>::NoPledge
		);
	});
}

/// Attack pinned (nothing stranded silently): `try_state` used to check only the accounts that
/// own a pledge, so a `PledgeBond` hold on any other account (funds stranded with no record)
/// passed unnoticed. It now walks the accounts themselves.
#[test]
fn try_state_finds_a_bond_hold_without_a_pledge() {
	new_test_ext().execute_with(|| {
		use frame_support::traits::fungible::MutateHold;
		assert!(Pledges::do_try_state().is_ok());
		Balances::hold(&crate::HoldReason::PledgeBond.into(), &STRANGER, 10).unwrap();
		assert!(Pledges::do_try_state().is_err());
	});
}
