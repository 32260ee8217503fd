//! The climate fund: a keyless account that receives forfeited bonds and is spent only by
//! governance.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};
use pacta_primitives::Estimate;
use pacta_primitives::Verification;
use sp_runtime::DispatchError;

#[test]
fn genesis_keeps_the_fund_alive() {
	test(|| {
		assert_eq!(free(fund()), 1);
		assert_eq!(Settlement::fund_balance(), 0);
	});
}

#[test]
fn forfeited_bonds_go_to_the_fund_and_governance_spends_them() {
	test(|| {
		open(binding());
		pledge("DEU", DEU_MINISTRY, 1_000, 1_000);
		verify("DEU", Verification::Verified(Estimate::exact(1_100)));
		run_to_settlement();
		assert_eq!(Settlement::fund_balance(), 200);

		assert_ok!(Settlement::spend_fund(RuntimeOrigin::root(), 500, 150));
		assert_eq!(free(500), 150);
		assert_eq!(Settlement::fund_balance(), 50);
		assert_eq!(last_event(), Event::FundSpent { dest: 500, amount: 150 });
		// The fund keeps its existential deposit.
		assert_noop!(
			Settlement::spend_fund(RuntimeOrigin::root(), 500, 51),
			Error::<Test>::InsufficientFund
		);
		assert_ok!(Settlement::spend_fund(RuntimeOrigin::root(), 500, 50));
		assert_eq!(free(fund()), 1);
	});
}

#[test]
fn only_governance_spends_the_fund() {
	test(|| {
		let _ = Balances::force_set_balance(RuntimeOrigin::root(), fund(), 1_000);
		for origin in [
			RuntimeOrigin::signed(DEU_MINISTRY),
			RuntimeOrigin::signed(fund()),
			RuntimeOrigin::none(),
		] {
			assert_noop!(Settlement::spend_fund(origin, STRANGER, 10), DispatchError::BadOrigin);
		}
		assert_noop!(
			Settlement::spend_fund(RuntimeOrigin::root(), STRANGER, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(Settlement::spend_fund(RuntimeOrigin::root(), STRANGER, 10));
		assert_eq!(free(STRANGER), ENDOWMENT + 10);
	});
}
