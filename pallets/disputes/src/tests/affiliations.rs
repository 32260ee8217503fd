//! Declaring and removing affiliations.

use crate::{mock::*, Affiliations, Error, Event};
use frame_support::{assert_noop, assert_ok};
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
