//! The worked example of the module docs, with the same numbers.

use super::*;
use crate::{mock::*, Event, HoldReason, Oracles, Quorum, Tolerance};
use frame_support::assert_ok;
use pacta_primitives::Verification;
use sp_runtime::Perbill;

/// `Quorum = 3`, `Tolerance = 10%`, `OracleSlash = 10%`, `WithholdSlash = 20%`,
/// `OracleBond = 1_000`. Five oracles commit for `DEU` in 2030; four reveal `700 ± 20`,
/// `720 ± 10`, `730 ± 30` and `900 ± 0`, the fifth withholds. Published: `730` in `[710, 760]`.
/// Nobody challenges it; when it is final the oracle that said 900 is slashed 100 and the
/// withholder 200. Two oracles for `BRA`: it is `Unverified` and nobody is slashed.
#[test]
fn module_docs_worked_example() {
	test(|| {
		assert_eq!(Quorum::<Test>::get(), 3);
		assert_eq!(Tolerance::<Test>::get(), Perbill::from_percent(10));
		assert_eq!(OracleSlash::get(), Perbill::from_percent(10));
		assert_eq!(WithholdSlash::get(), Perbill::from_percent(20));
		assert_eq!(BOND, 1_000);
		assert_eq!(PERIOD, 2030);
		standard_setup();

		for (oracle, tonnes, half_width) in
			[(1, 700, 20), (2, 720, 10), (3, 730, 30), (4, 900, 0), (5, 800, 0)]
		{
			assert_ok!(commit_reading(oracle, "DEU", PERIOD, reading(oracle, tonnes, half_width)));
		}
		// Only two oracles attest Brazil's emissions, one of them far off.
		assert_ok!(attest(1, "BRA", 700));
		assert_ok!(attest(4, "BRA", 900));
		let fund_before = free(FUND);
		// Oracle 5 does not reveal.
		verify_withholding(&[5]);
		// Without oracle 5 the median of the four would be 725: withholding moved it up.
		let published = Estimate { tonnes: 730, low: 710, high: 760 };
		assert_eq!(verification("DEU"), Verification::Published(published));
		assert!(events().contains(&Event::EmissionsVerified {
			code: deu(),
			period: PERIOD,
			tonnes: 730,
			low: 710,
			high: 760,
			attestations: 4,
			withheld: 1,
		}));
		finalize("DEU");
		finalize("BRA");

		// The band is 10% of 730 = 73, so values in [637, 833] are within tolerance.
		assert_eq!(crate::median::tolerance_band(730, Perbill::from_percent(10)), 73);
		// The oracle that said 900 is slashed 10% × 1_000 = 100, once (for DEU only); the
		// withholder 20% × 1_000 = 200.
		assert_eq!(Oracles::<Test>::get(4).unwrap().bond, 900);
		assert_eq!(held(HoldReason::OracleBond, 4), 900);
		assert_eq!(Oracles::<Test>::get(5).unwrap().bond, 800);
		assert_eq!(free(FUND), fund_before + 300);
		for oracle in [1, 2, 3] {
			assert_eq!(Oracles::<Test>::get(oracle).unwrap().bond, 1_000);
		}
		let slashed: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::OracleSlashed { .. })).collect();
		assert_eq!(
			slashed,
			vec![
				Event::OracleSlashed {
					oracle: 4,
					code: deu(),
					period: PERIOD,
					amount: 100,
					withheld: false
				},
				Event::OracleSlashed {
					oracle: 5,
					code: deu(),
					period: PERIOD,
					amount: 200,
					withheld: true
				}
			]
		);

		// Had only two oracles attested: unverified, nobody slashed.
		assert_eq!(verification("BRA"), Verification::Unverified);
	});
}
