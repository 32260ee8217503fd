//! The oracle registry: applying, approval, removal, retiring, governance parameters.

use super::*;
use crate::{mock::*, Error, Event, HoldReason, OracleStatus, Oracles, Quorum, Tolerance};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

#[test]
fn genesis_oracles_are_approved_with_their_bonds_held() {
	test(|| {
		for o in GENESIS_ORACLES {
			let info = Oracles::<Test>::get(o).unwrap();
			assert_eq!(info.status, OracleStatus::Approved);
			assert_eq!(info.bond, BOND);
			assert_eq!(held(HoldReason::OracleBond, o), BOND);
			assert_eq!(free(o), INITIAL - BOND);
		}
		assert_eq!(Quorum::<Test>::get(), 3);
		assert_eq!(Tolerance::<Test>::get(), Perbill::from_percent(10));
	});
}

#[test]
fn applying_holds_the_bond() {
	test(|| {
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(10), name("Climate Watch")));
		let info = Oracles::<Test>::get(10).unwrap();
		assert_eq!(info.status, OracleStatus::Applied);
		assert_eq!(info.bond, BOND);
		assert_eq!(info.name.to_vec(), b"Climate Watch".to_vec());
		assert_eq!(held(HoldReason::OracleBond, 10), BOND);
		assert_eq!(free(10), INITIAL - BOND);
		assert_eq!(
			events().last(),
			Some(&Event::OracleApplied { who: 10, name: name("Climate Watch"), bond: BOND })
		);
	});
}

#[test]
fn applying_is_refused_when_already_registered_nameless_or_unfunded() {
	test(|| {
		assert_noop!(
			Attestations::apply_as_oracle(RuntimeOrigin::signed(1), name("again")),
			Error::<Test>::AlreadyOracle
		);
		assert_noop!(
			Attestations::apply_as_oracle(RuntimeOrigin::signed(10), name("")),
			Error::<Test>::EmptyName
		);
		// Account 50 has no funds.
		assert_noop!(
			Attestations::apply_as_oracle(RuntimeOrigin::signed(50), name("Poor")),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn approval_is_governance_only_and_once() {
	test(|| {
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(10), name("Climate Watch")));
		assert_noop!(
			Attestations::approve_oracle(RuntimeOrigin::signed(1), 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attestations::approve_oracle(RuntimeOrigin::root(), 11),
			Error::<Test>::NotOracle
		);
		assert_ok!(Attestations::approve_oracle(RuntimeOrigin::root(), 10));
		assert_eq!(Oracles::<Test>::get(10).unwrap().status, OracleStatus::Approved);
		assert_eq!(events().last(), Some(&Event::OracleApproved { who: 10 }));
		assert_noop!(
			Attestations::approve_oracle(RuntimeOrigin::root(), 10),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn removal_is_governance_only_keeps_the_bond_and_can_be_undone() {
	test(|| {
		assert_noop!(
			Attestations::remove_oracle(RuntimeOrigin::signed(2), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attestations::remove_oracle(RuntimeOrigin::root(), 10),
			Error::<Test>::NotOracle
		);
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 1));
		assert_eq!(events().last(), Some(&Event::OracleRemoved { who: 1 }));
		assert_eq!(Oracles::<Test>::get(1).unwrap().status, OracleStatus::Removed);
		assert_eq!(held(HoldReason::OracleBond, 1), BOND);
		assert_noop!(
			Attestations::remove_oracle(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyRemoved
		);
		// Governance may reinstate it.
		assert_ok!(Attestations::approve_oracle(RuntimeOrigin::root(), 1));
		assert_eq!(Oracles::<Test>::get(1).unwrap().status, OracleStatus::Approved);
	});
}

#[test]
fn an_applicant_or_idle_oracle_retires_with_its_whole_bond() {
	test(|| {
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(10), name("Climate Watch")));
		assert_ok!(Attestations::retire(RuntimeOrigin::signed(10)));
		assert!(!Oracles::<Test>::contains_key(10));
		assert_eq!(held(HoldReason::OracleBond, 10), 0);
		assert_eq!(free(10), INITIAL);
		assert_eq!(events().last(), Some(&Event::OracleRetired { who: 10, bond_returned: BOND }));

		assert_ok!(Attestations::retire(RuntimeOrigin::signed(1)));
		assert_eq!(free(1), INITIAL);
		// It may apply again later.
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(1), name("Back")));
	});
}

#[test]
fn retiring_is_refused_for_strangers() {
	test(|| {
		assert_noop!(Attestations::retire(RuntimeOrigin::signed(10)), Error::<Test>::NotOracle);
	});
}

/// Slash oracle `who` once, as judgment does.
fn slash(who: u64) {
	crate::Oracles::<Test>::mutate(who, |info| {
		let share = <Test as crate::Config>::OracleSlash::get();
		Attestations::slash(&who, &deu(), PERIOD, info.as_mut().unwrap(), share, false);
	});
}

/// Attack pinned: colluders used to `retire` with full bonds while a challenge of their value
/// was open. Now an oracle retires only once every value it attested is final and it was judged
/// against it (an O(1) count, [`crate::OracleInfo::unfinal`]).
#[test]
fn retiring_waits_until_every_value_the_oracle_attested_is_final() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(attest(2, "DEU", 1_000));
		assert_ok!(attest(3, "DEU", 2_000));
		assert_noop!(
			Attestations::retire(RuntimeOrigin::signed(3)),
			Error::<Test>::AttestationsPending
		);

		// Removal does not release the bond early either.
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 3));
		assert_noop!(
			Attestations::retire(RuntimeOrigin::signed(3)),
			Error::<Test>::AttestationsPending
		);
		assert_ok!(Attestations::approve_oracle(RuntimeOrigin::root(), 3));

		// At the deadline verification has not run yet.
		run_to_block(ATTESTATION_DEADLINE);
		assert_noop!(
			Attestations::retire(RuntimeOrigin::signed(3)),
			Error::<Test>::AttestationsPending
		);

		verify();
		// Published, but not final: a dispute could still change it.
		assert_noop!(
			Attestations::retire(RuntimeOrigin::signed(3)),
			Error::<Test>::AttestationsPending
		);
		assert_eq!(crate::Oracles::<Test>::get(3).unwrap().unfinal, 1);
		finalize("DEU");
		assert_eq!(crate::Oracles::<Test>::get(3).unwrap().unfinal, 0);
		// Oracle 3 was an outlier (2,000 vs. the final 1,000): it gets back what is left.
		assert_ok!(Attestations::retire(RuntimeOrigin::signed(3)));
		assert_eq!(events().last(), Some(&Event::OracleRetired { who: 3, bond_returned: 900 }));
		assert_eq!(free(3), INITIAL - 100);
		assert_ok!(Attestations::retire(RuntimeOrigin::signed(1)));
		assert_eq!(free(1), INITIAL);
	});
}

#[test]
fn an_oracle_that_never_attested_in_a_pending_period_may_retire_during_it() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 1_000));
		assert_ok!(Attestations::retire(RuntimeOrigin::signed(2)));
	});
}

#[test]
fn quorum_is_set_by_governance_within_bounds() {
	test(|| {
		assert_noop!(
			Attestations::set_quorum(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attestations::set_quorum(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidQuorum
		);
		assert_noop!(
			Attestations::set_quorum(RuntimeOrigin::root(), MAX_ORACLES + 1),
			Error::<Test>::InvalidQuorum
		);
		assert_ok!(Attestations::set_quorum(RuntimeOrigin::root(), MAX_ORACLES));
		assert_eq!(Quorum::<Test>::get(), MAX_ORACLES);
		assert_ok!(Attestations::set_quorum(RuntimeOrigin::root(), 1));
		assert_eq!(Quorum::<Test>::get(), 1);
		assert_eq!(events().last(), Some(&Event::QuorumSet { quorum: 1 }));
	});
}

#[test]
fn tolerance_is_set_by_governance() {
	test(|| {
		assert_noop!(
			Attestations::set_tolerance(RuntimeOrigin::signed(1), Perbill::from_percent(5)),
			DispatchError::BadOrigin
		);
		assert_ok!(Attestations::set_tolerance(RuntimeOrigin::root(), Perbill::from_percent(5)));
		assert_eq!(Tolerance::<Test>::get(), Perbill::from_percent(5));
		assert_eq!(
			events().last(),
			Some(&Event::ToleranceSet { tolerance: Perbill::from_percent(5) })
		);
	});
}

#[test]
fn integrity_test_passes() {
	use frame_support::traits::Hooks;
	test(|| {
		<Attestations as Hooks<u64>>::integrity_test();
		assert_eq!(Attestations::pledges_per_block(VerificationBudget::get()), PLEDGES_PER_BLOCK);
	});
}

/// Attack pinned (oracle bonds with no floor): each slash takes a share of the current bond, so
/// an oracle slashed again and again kept attesting with almost nothing at stake. Now below
/// `MinOracleBond` (500 of 1,000 here) it is suspended until it tops up; its attestation sent
/// before stays counted.
#[test]
fn an_oracle_below_the_bond_floor_is_suspended_until_it_tops_up() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		// 1,000 → 900 → 810 → 729 → 657 → 592 → 533: still at or above 500.
		for _ in 0..6 {
			slash(1);
		}
		assert_eq!(Oracles::<Test>::get(1).unwrap().bond, 533);
		assert_ok!(attest(1, "DEU", 751));
		slash(1);
		assert_eq!(Oracles::<Test>::get(1).unwrap().bond, 480);
		assert!(events().contains(&Event::OracleSuspended { oracle: 1, bond: 480 }));
		assert_noop!(attest(1, "DEU", 752), Error::<Test>::OracleSuspended);
		// Its attestation sent in good standing is still there.
		assert_eq!(
			crate::Attestations::<Test>::get(PERIOD, deu())[0].commitment,
			sealed(1, "DEU", PERIOD, &reading(1, 751, 0))
		);

		assert_noop!(
			Attestations::top_up_oracle_bond(RuntimeOrigin::signed(1), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Attestations::top_up_oracle_bond(RuntimeOrigin::signed(77), 10),
			Error::<Test>::NotOracle
		);
		assert_ok!(Attestations::top_up_oracle_bond(RuntimeOrigin::signed(1), 10));
		assert_eq!(
			events().last(),
			Some(&Event::OracleBondToppedUp { oracle: 1, amount: 10, bond: 490, suspended: true })
		);
		assert_noop!(attest(1, "DEU", 752), Error::<Test>::OracleSuspended);
		assert_ok!(Attestations::top_up_oracle_bond(RuntimeOrigin::signed(1), 10));
		assert_eq!(held(crate::HoldReason::OracleBond, 1), 500);
		assert_ok!(attest(1, "DEU", 752));
	});
}
