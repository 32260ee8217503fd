//! Tests of `pallet-attestations`, split by topic. Every test runs inside
//! [`crate::mock::test`], which checks `try_state` at the end.

mod attest;
mod judge;
mod oracles;
mod verification;
mod worked_example;

use crate::mock::*;
use frame_support::{assert_ok, pallet_prelude::DispatchResult, BoundedVec};
use pacta_primitives::{OnFinalValue, PeriodId, PublishedValues, Tonnes, Verification};
use sp_core::H256;

/// `oracle` attests `tonnes` for `party` in [`PERIOD`].
pub fn attest(oracle: u64, party: &str, tonnes: u64) -> DispatchResult {
	attest_in(oracle, party, PERIOD, tonnes)
}

/// `oracle` attests `tonnes` for `party` in `period`.
pub fn attest_in(oracle: u64, party: &str, period: PeriodId, tonnes: u64) -> DispatchResult {
	Attestations::attest(
		RuntimeOrigin::signed(oracle),
		raw(party),
		period,
		tonnes,
		H256::repeat_byte(oracle as u8),
	)
}

/// A display name.
pub fn name(text: &str) -> BoundedVec<u8, frame_support::traits::ConstU32<32>> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// Make `who` an approved oracle (applies, governance approves).
pub fn new_oracle(who: u64) {
	assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(who), name("New Oracle")));
	assert_ok!(Attestations::approve_oracle(RuntimeOrigin::root(), who));
}

/// What verification published for `party` in [`PERIOD`], as a [`Verification`]: `Pending`
/// before verification, then `Published(tonnes)` or `Unverified`.
pub fn verification(party: &str) -> Verification {
	match <Attestations as PublishedValues<u64, u64>>::publication(&code(party), PERIOD) {
		None => Verification::Pending,
		Some(p) => p.value.map_or(Verification::Unverified, Verification::Published),
	}
}

/// Report `value` as `party`'s final value in [`PERIOD`], as settlement does when the pledge
/// settles: the oracles are judged against it.
pub fn finalize_as(party: &str, value: Option<Tonnes>) {
	<Attestations as OnFinalValue>::on_final_value(&code(party), PERIOD, value);
}

/// Report `party`'s published value in [`PERIOD`] as final (nobody disputed it).
pub fn finalize(party: &str) {
	let value = <Attestations as PublishedValues<u64, u64>>::publication(&code(party), PERIOD)
		.and_then(|p| p.value);
	finalize_as(party, value);
}

/// Run blocks until verification of [`PERIOD`] has run (the block after the attestation
/// deadline).
pub fn verify() {
	run_to_block(ATTESTATION_DEADLINE + 1);
}
