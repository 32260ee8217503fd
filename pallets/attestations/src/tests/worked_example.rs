//! The worked example of the module docs, with the same numbers.

use super::*;
use crate::{mock::*, Event, HoldReason, Oracles, Quorum, Tolerance};
use frame_support::assert_ok;
use pacta_primitives::Verification;
use sp_runtime::Perbill;

/// `Quorum = 3`, `Tolerance = 10%`, `OracleSlash = 10%`, `OracleBond = 1_000`; four oracles
/// attest 700, 720, 730 and 900 t for `DEU` in 2030: `720` is published; nobody challenges it, so
/// it becomes final, and then the oracle that said 900 is slashed 100 (its bond becomes 900), the
/// others keep theirs. Two oracles for `BRA`: it is `Unverified` and nobody is slashed.
#[test]
fn module_docs_worked_example() {
	test(|| {
		assert_eq!(Quorum::<Test>::get(), 3);
		assert_eq!(Tolerance::<Test>::get(), Perbill::from_percent(10));
		assert_eq!(OracleSlash::get(), Perbill::from_percent(10));
		assert_eq!(BOND, 1_000);
		assert_eq!(PERIOD, 2030);
		standard_setup();

		for (oracle, tonnes) in [(1, 700), (2, 720), (3, 730), (4, 900)] {
			assert_ok!(attest(oracle, "DEU", tonnes));
		}
		// Only two oracles attest Brazil's emissions, one of them far off.
		assert_ok!(attest(1, "BRA", 700));
		assert_ok!(attest(4, "BRA", 900));
		let fund_before = free(FUND);
		verify();
		finalize("DEU");
		finalize("BRA");

		// Lower median of [700, 720, 730, 900] is 720; the band is 72, so [648, 792].
		assert_eq!(crate::median::tolerance_band(720, Perbill::from_percent(10)), 72);
		assert_eq!(verification("DEU"), Verification::Published(720));
		// The oracle that said 900 is slashed 10% × 1_000 = 100, once (for DEU only).
		assert_eq!(Oracles::<Test>::get(4).unwrap().bond, 900);
		assert_eq!(held(HoldReason::OracleBond, 4), 900);
		assert_eq!(free(FUND), fund_before + 100);
		for oracle in [1, 2, 3] {
			assert_eq!(Oracles::<Test>::get(oracle).unwrap().bond, 1_000);
		}
		let slashed: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::OracleSlashed { .. })).collect();
		assert_eq!(
			slashed,
			vec![Event::OracleSlashed { oracle: 4, code: deu(), period: PERIOD, amount: 100 }]
		);

		// Had only two oracles attested: unverified, nobody slashed.
		assert_eq!(verification("BRA"), Verification::Unverified);
	});
}
