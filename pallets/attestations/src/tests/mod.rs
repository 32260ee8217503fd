//! Tests of `pallet-attestations`, split by topic. Every test runs inside
//! [`crate::mock::test`], which checks `try_state` at the end.

mod attest;
mod judge;
mod oracles;
mod verification;
mod worked_example;

use crate::mock::*;
use core::cell::RefCell;
use frame_support::{assert_ok, pallet_prelude::DispatchResult, BoundedVec};
use pacta_primitives::{
	Estimate, OnFinalValue, PartyCode, PeriodId, Publication, PublishedValues, Reading,
	Verification,
};
use sp_core::H256;

/// `oracle` attests `tonnes` (half-width 0) for `party` in [`PERIOD`]: it commits now, and
/// [`reveal_all`] (which [`verify`] calls) reveals it in the reveal window.
pub fn attest(oracle: u64, party: &str, tonnes: u64) -> DispatchResult {
	attest_in(oracle, party, PERIOD, tonnes)
}

/// `oracle` attests `tonnes` (half-width 0) for `party` in `period` (see [`attest`]).
pub fn attest_in(oracle: u64, party: &str, period: PeriodId, tonnes: u64) -> DispatchResult {
	commit_reading(oracle, party, period, reading(oracle, tonnes, 0))
}

/// The reading `oracle` attests in these tests: `tonnes ± half_width`, evidence from its id.
pub fn reading(oracle: u64, tonnes: u64, half_width: u64) -> Reading {
	Reading { tonnes, half_width, evidence: [oracle as u8; 32] }
}

/// The salt `oracle` uses in these tests.
pub fn salt(oracle: u64) -> [u8; 32] {
	[oracle as u8 ^ 0x5a; 32]
}

/// The commitment of `reading` by `oracle` for `party` in `period`, with [`salt`].
pub fn sealed(oracle: u64, party: &str, period: PeriodId, reading: &Reading) -> H256 {
	sealed_code(oracle, code(party), period, reading)
}

/// [`sealed`] for a [`PartyCode`].
pub fn sealed_code(oracle: u64, party: PartyCode, period: PeriodId, reading: &Reading) -> H256 {
	H256(pacta_primitives::commitment(period, &party, &oracle, reading, &salt(oracle)))
}

thread_local! {
	/// What each test's oracles committed and have not revealed yet, in commit order.
	static COMMITTED: RefCell<Vec<(u64, PartyCode, PeriodId, Reading)>> =
		const { RefCell::new(Vec::new()) };
}

/// `oracle` commits `reading` for `party` in `period`; remembered for [`reveal_all`] when it
/// succeeds (replacing the oracle's earlier one for the same pledge).
pub fn commit_reading(
	oracle: u64,
	party: &str,
	period: PeriodId,
	reading: Reading,
) -> DispatchResult {
	let raw_code = raw(party);
	// An invalid code is the call's to refuse.
	let Ok(party) = PartyCode::try_from(&raw_code) else {
		return Attestations::commit(RuntimeOrigin::signed(oracle), raw_code, period, H256::zero())
			.map(|_| ())
			.map_err(|e| e.error);
	};
	commit_code(oracle, party, period, reading)
}

/// [`commit_reading`] for a [`PartyCode`].
pub fn commit_code(
	oracle: u64,
	party: PartyCode,
	period: PeriodId,
	reading: Reading,
) -> DispatchResult {
	let commitment = sealed_code(oracle, party, period, &reading);
	Attestations::commit(RuntimeOrigin::signed(oracle), party.to_raw(), period, commitment)
		.map(|_| ())
		.map_err(|e| e.error)?;
	COMMITTED.with(|c| {
		let mut c = c.borrow_mut();
		c.retain(|(o, p, q, _)| !(*o == oracle && *p == party && *q == period));
		c.push((oracle, party, period, reading));
	});
	Ok(())
}

/// `oracle` reveals `reading` for `party` in `period` with its [`salt`].
pub fn reveal(oracle: u64, party: &str, period: PeriodId, reading: &Reading) -> DispatchResult {
	reveal_code(oracle, code(party), period, reading)
}

/// [`reveal`] for a [`PartyCode`].
pub fn reveal_code(
	oracle: u64,
	party: PartyCode,
	period: PeriodId,
	reading: &Reading,
) -> DispatchResult {
	Attestations::reveal(
		RuntimeOrigin::signed(oracle),
		party.to_raw(),
		period,
		reading.tonnes,
		reading.half_width,
		H256(reading.evidence),
		salt(oracle),
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

/// Every remembered commitment is revealed, except those of the oracles in `withhold` (call it
/// in the reveal window).
pub fn reveal_all_but(withhold: &[u64]) {
	let committed = COMMITTED.with(|c| core::mem::take(&mut *c.borrow_mut()));
	for (oracle, party, period, reading) in committed {
		if !withhold.contains(&oracle) {
			assert_ok!(reveal_code(oracle, party, period, &reading));
		}
	}
}

/// Every remembered commitment is revealed (call it in the reveal window).
pub fn reveal_all() {
	reveal_all_but(&[]);
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
		Some(Publication { value: Some(estimate), .. }) => Verification::Published(estimate),
		Some(Publication { withheld: true, .. }) => Verification::Withheld,
		Some(_) => Verification::Unverified,
	}
}

/// Report `value` as `party`'s final value in [`PERIOD`], as settlement does when the pledge
/// settles: the oracles are judged against it.
pub fn finalize_as(party: &str, value: Option<Estimate>) {
	<Attestations as OnFinalValue>::on_final_value(&code(party), PERIOD, value);
}

/// Report `party`'s published value in [`PERIOD`] as final (nobody disputed it).
pub fn finalize(party: &str) {
	let value = <Attestations as PublishedValues<u64, u64>>::publication(&code(party), PERIOD)
		.and_then(|p| p.value);
	finalize_as(party, value);
}

/// Run blocks into the reveal window, reveal every remembered commitment but those of
/// `withhold`, and run until verification of [`PERIOD`] has run (the block after the reveal
/// deadline).
pub fn verify_withholding(withhold: &[u64]) {
	run_to_block(ATTESTATION_DEADLINE + 1);
	reveal_all_but(withhold);
	run_to_block(REVEAL_DEADLINE + 1);
}

/// [`verify_withholding`] with every commitment revealed.
pub fn verify() {
	verify_withholding(&[]);
}
