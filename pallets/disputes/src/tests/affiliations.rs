//! Declaring and removing affiliations.

use crate::{mock::*, Affiliations, Error, Event};
use frame_support::{assert_noop, assert_ok, traits::ChangeMembers};
use sp_runtime::DispatchError;

#[test]
fn members_declare_affiliations_within_the_bound() {
	test(|| {
		panel(&[A]);
		assert_noop!(
			Disputes::declare_affiliation(RuntimeOrigin::signed(NGO), raw("DEU")),
			Error::<Test>::NotPanelMember
		);
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("DEU")));
		assert_eq!(last_event(), Event::AffiliationDeclared { who: A, code: code("DEU") });
		assert_noop!(
			Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("DEU")),
			Error::<Test>::AlreadyAffiliated
		);
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("BRA")));
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("IND")));
		assert_noop!(
			Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("FRA")),
			Error::<Test>::TooManyAffiliations
		);
		assert!(Disputes::is_affiliated(&A, &code("BRA")));
	});
}

#[test]
fn only_governance_removes_an_affiliation() {
	test(|| {
		panel(&[A]);
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("DEU")));
		assert_noop!(
			Disputes::remove_affiliation(RuntimeOrigin::signed(A), A, raw("DEU")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Disputes::remove_affiliation(RuntimeOrigin::root(), A, raw("BRA")),
			Error::<Test>::NotAffiliated
		);
		assert_ok!(Disputes::remove_affiliation(RuntimeOrigin::root(), A, raw("DEU")));
		assert_eq!(last_event(), Event::AffiliationRemoved { who: A, code: code("DEU") });
		assert!(!Affiliations::<Test>::contains_key(A));
	});
}

/// Attack pinned: a member affiliated with DEU changes its key on the roster
/// (`pallet-membership`'s `change_key`) to shed the affiliation and vote on DEU's disputes. The
/// roster tells this pallet, and the affiliation follows the new key.
#[test]
fn a_new_key_keeps_the_affiliations() {
	test(|| {
		panel(&[A, B]);
		assert_ok!(Disputes::declare_affiliation(RuntimeOrigin::signed(A), raw("DEU")));
		<Disputes as ChangeMembers<AccountId>>::change_members_sorted(&[C], &[A], &[B, C]);
		assert!(Disputes::is_affiliated(&C, &code("DEU")));
		assert_eq!(
			last_event(),
			Event::AffiliationsCarriedOver { from: A, to: C, affiliations: 1 }
		);
		// A member who simply leaves, or several changes at once, carries nothing over.
		<Disputes as ChangeMembers<AccountId>>::change_members_sorted(&[], &[B], &[C]);
		<Disputes as ChangeMembers<AccountId>>::change_members_sorted(&[A, B], &[C], &[A, B]);
		assert!(!Disputes::is_affiliated(&B, &code("DEU")));
		assert!(Disputes::is_affiliated(&C, &code("DEU")));
	});
}
