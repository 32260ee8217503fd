//! Registering parties and rotating controllers.

use crate::{mock::*, Error, Event, Parties, PartyOfController};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn genesis_registers_parties() {
	test(|| {
		let party = Parties::<Test>::get(code("DEU")).unwrap();
		assert_eq!(party.name.to_vec(), b"Germany".to_vec());
		assert_eq!(party.controller, DEU_MINISTRY);
		assert_eq!(PartyOfController::<Test>::get(DEU_MINISTRY), Some(code("DEU")));
	});
}

#[test]
fn governance_registers_a_party() {
	test(|| {
		assert_ok!(Pledges::register_party(
			RuntimeOrigin::root(),
			raw("BRA"),
			name("Brazil"),
			BRA_MINISTRY
		));
		assert_eq!(
			last_event(),
			Event::PartyRegistered {
				code: code("BRA"),
				name: b"Brazil".to_vec(),
				controller: BRA_MINISTRY
			}
		);
		assert_eq!(Parties::<Test>::get(code("BRA")).unwrap().controller, BRA_MINISTRY);
		assert_eq!(PartyOfController::<Test>::get(BRA_MINISTRY), Some(code("BRA")));
	});
}

#[test]
fn only_governance_registers() {
	test(|| {
		assert_noop!(
			Pledges::register_party(
				RuntimeOrigin::signed(BRA_MINISTRY),
				raw("BRA"),
				name("Brazil"),
				BRA_MINISTRY
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn malformed_codes_are_refused() {
	test(|| {
		for bad in ["", "BR", "BRAZ", "bra", "B1A", "B A"] {
			assert_noop!(
				Pledges::register_party(RuntimeOrigin::root(), raw(bad), name("x"), BRA_MINISTRY),
				Error::<Test>::InvalidPartyCode
			);
		}
	});
}

#[test]
fn one_party_per_code_and_per_controller() {
	test(|| {
		assert_noop!(
			Pledges::register_party(RuntimeOrigin::root(), raw("DEU"), name("Again"), BRA_MINISTRY),
			Error::<Test>::PartyAlreadyRegistered
		);
		assert_noop!(
			Pledges::register_party(
				RuntimeOrigin::root(),
				raw("BRA"),
				name("Brazil"),
				DEU_MINISTRY
			),
			Error::<Test>::ControllerInUse
		);
	});
}

#[test]
fn controller_rotates_itself() {
	test(|| {
		assert_ok!(Pledges::set_controller(RuntimeOrigin::signed(DEU_MINISTRY), raw("DEU"), 3));
		assert_eq!(last_event(), Event::ControllerChanged { code: code("DEU"), old: 1, new: 3 });
		assert_eq!(Parties::<Test>::get(code("DEU")).unwrap().controller, 3);
		assert_eq!(PartyOfController::<Test>::get(DEU_MINISTRY), None);
		assert_eq!(PartyOfController::<Test>::get(3), Some(code("DEU")));
		// The old key can no longer act for the party.
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::signed(DEU_MINISTRY), raw("DEU"), 4),
			Error::<Test>::NotController
		);
	});
}

#[test]
fn governance_rotates_a_controller() {
	test(|| {
		assert_ok!(Pledges::set_controller(RuntimeOrigin::root(), raw("DEU"), 3));
		assert_eq!(Parties::<Test>::get(code("DEU")).unwrap().controller, 3);
	});
}

#[test]
fn rotation_refusals() {
	test(|| {
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::signed(STRANGER), raw("DEU"), 3),
			Error::<Test>::NotController
		);
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::root(), raw("FRA"), 3),
			Error::<Test>::UnknownParty
		);
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::root(), raw("fra"), 3),
			Error::<Test>::InvalidPartyCode
		);
		assert_ok!(Pledges::register_party(
			RuntimeOrigin::root(),
			raw("BRA"),
			name("Brazil"),
			BRA_MINISTRY
		));
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::root(), raw("DEU"), BRA_MINISTRY),
			Error::<Test>::ControllerInUse
		);
	});
}
