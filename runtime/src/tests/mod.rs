//! Runtime-level tests, by topic: the genesis presets and governance ([`governance`]),
//! governance nobody can capture ([`capture`]), the
//! settlement throughput the weights allow ([`throughput`]), the whole lifecycle of a period
//! on the real runtime ([`lifecycle`]), and a property harness over random call sequences
//! ([`properties`]) that checks the cross-pallet invariants of [`invariants`] after every
//! block; institutional keys ([`proxies`]); disputes across the pallets ([`disputes`]); liveness under load ([`liveness`]); paged reads and period totals ([`reports`]). This module holds what they share: externalities from a preset, block production
//! with every pallet's hooks, and council motions.

mod cancel;
mod capture;
mod disputes;
mod governance;
mod invariants;
mod lifecycle;
mod liveness;
mod properties;
mod proxies;
mod reports;
mod throughput;

use crate::*;
use frame_support::assert_ok;
use pacta_primitives::{PartyCode, RawPartyCode};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Hash as _, BuildStorage};

/// The externalities of a preset's genesis at block 1.
pub(crate) fn ext_from_preset(preset: &str) -> sp_io::TestExternalities {
	let json = genesis_config_presets::get_preset(&preset.into()).expect("preset exists");
	let mut config: serde_json::Value = serde_json::from_slice(&json).unwrap();
	// Presets are patches on the default config.
	let mut full = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut full, std::mem::take(&mut config));
	let config: RuntimeGenesisConfig = serde_json::from_value(full).unwrap();
	let storage = config.build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The development preset's externalities at block 1.
pub(crate) fn dev_ext() -> sp_io::TestExternalities {
	ext_from_preset(sp_genesis_builder::DEV_RUNTIME_PRESET)
}

fn json_merge(a: &mut serde_json::Value, b: serde_json::Value) {
	match (a, b) {
		(serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
			for (k, v) in b {
				json_merge(a.entry(k).or_insert(serde_json::Value::Null), v);
			}
		}
		(a, b) => *a = b,
	}
}

/// The pallets whose hooks a test block runs. Aura and Timestamp are left out: a test block
/// carries no slot digest and no timestamp inherent, and nothing of Pacta reads either.
pub(crate) type TestBlockHooks =
	(System, Balances, TransactionPayment, Pledges, Attestations, Settlement, Disputes);

/// Ends the current block and starts the next one, running the hooks of [`TestBlockHooks`],
/// as a block author would: `on_finalize` of the block, then `on_initialize` of the next.
pub(crate) fn next_block() {
	let now = System::block_number();
	<TestBlockHooks as frame_support::traits::OnFinalize<BlockNumber>>::on_finalize(now);
	System::set_block_number(now + 1);
	System::reset_events();
	<TestBlockHooks as frame_support::traits::OnInitialize<BlockNumber>>::on_initialize(now + 1);
}

/// A well-known dev account.
pub(crate) fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// A party code from text, valid by construction in tests.
pub(crate) fn code(s: &str) -> PartyCode {
	PartyCode::try_from(s).unwrap()
}

/// A party code as calls take it.
pub(crate) fn raw(s: &str) -> RawPartyCode {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// Opens `period` with the calendar `[pledge, attestation, reveal, challenge deadlines,
/// challenge window, resolution window]`, binding at 1 PACT per tonne over the cap, half the bond
/// forfeited when unverified.
pub(crate) fn open_binding_period(period: u32, calendar: [BlockNumber; 6]) {
	let [pd, ad, rd, cd, cw, rw] = calendar;
	assert_ok!(Pledges::open_period(
		RuntimeOrigin::root(),
		period,
		pd,
		ad,
		rd,
		cd,
		cw,
		rw,
		pacta_primitives::PeriodTerms {
			mode: pacta_primitives::EnforcementMode::Binding,
			penalty_per_tonne: UNIT,
			unverified_forfeit: sp_runtime::Perbill::from_percent(50),
		},
	));
}

/// Each of `oracles` applies (its bond held) and governance approves it.
pub(crate) fn approve_oracles(oracles: &[AccountId]) {
	for who in oracles {
		assert_ok!(Attestations::apply_as_oracle(
			RuntimeOrigin::signed(who.clone()),
			b"oracle".to_vec().try_into().unwrap()
		));
		assert_ok!(Attestations::approve_oracle(RuntimeOrigin::root(), who.clone()));
	}
}

/// Alice proposes `call` with threshold 2, Alice and Bob vote aye, Charlie closes: a motion of
/// two thirds of the dev council.
pub(crate) fn pass_motion(call: RuntimeCall) {
	let [alice, bob, charlie] =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie].map(account);
	let len = codec::Encode::encoded_size(&call) as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index =
		pallet_collective::ProposalCount::<Runtime, crate::governance::CouncilCollective>::get();
	assert_ok!(Council::propose(RuntimeOrigin::signed(alice.clone()), 2, Box::new(call), len));
	assert_ok!(Council::vote(RuntimeOrigin::signed(alice), hash, index, true));
	assert_ok!(Council::vote(RuntimeOrigin::signed(bob), hash, index, true));
	assert_ok!(Council::close(
		RuntimeOrigin::signed(charlie),
		hash,
		index,
		frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
		len
	));
}

/// The controller of the `i`-th party of [`many_pledges`].
pub(crate) fn nth_controller(i: u32) -> AccountId {
	let mut raw = [7u8; 32];
	raw[..4].copy_from_slice(&i.to_le_bytes());
	AccountId::from(raw)
}

/// Registers `count` parties (`PartyCode::from_index(i)`, controlled by [`nth_controller`],
/// each endowed with 1,000 PACT) and has each pledge a cap of 1,200 t with a 100 PACT bond in
/// `period` (before its pledge deadline).
pub(crate) fn many_pledges(period: u32, count: u32) {
	use frame_support::traits::fungible::Mutate;
	for i in 0..count {
		let who = nth_controller(i);
		assert_ok!(Balances::mint_into(&who, 1_000 * UNIT));
		assert_ok!(Pledges::register_party(
			RuntimeOrigin::root(),
			PartyCode::from_index(i).to_raw(),
			b"Party".to_vec().try_into().unwrap(),
			who.clone()
		));
		assert_ok!(Pledges::submit_pledge(RuntimeOrigin::signed(who), period, 1_200, 100 * UNIT));
	}
}

/// The salt the runtime tests' oracle `who` seals its readings with.
pub(crate) fn salt_of(who: &AccountId) -> [u8; 32] {
	sp_io::hashing::blake2_256(&codec::Encode::encode(&(b"test salt", who)))
}

/// `who` commits the reading `tonnes ± half_width` with `evidence` for `party` in `period`,
/// sealed with [`salt_of`] (a malformed code is the call's to refuse).
pub(crate) fn commit(
	who: &AccountId,
	party: &str,
	period: u32,
	reading: pacta_primitives::Reading,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	let commitment = PartyCode::try_from(party).map_or(sp_core::H256::zero(), |c| {
		sp_core::H256(pacta_primitives::commitment(period, &c, who, &reading, &salt_of(who)))
	});
	Attestations::commit(RuntimeOrigin::signed(who.clone()), raw(party), period, commitment)
}

/// `who` reveals `reading` for `party` in `period` with [`salt_of`].
pub(crate) fn reveal(
	who: &AccountId,
	party: &str,
	period: u32,
	reading: pacta_primitives::Reading,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	Attestations::reveal(
		RuntimeOrigin::signed(who.clone()),
		raw(party),
		period,
		reading.tonnes,
		reading.half_width,
		sp_core::H256(reading.evidence),
		salt_of(who),
	)
}

/// A reading of `tonnes` with no width and evidence `evidence`.
pub(crate) fn exact(tonnes: u64, evidence: sp_core::H256) -> pacta_primitives::Reading {
	pacta_primitives::Reading { tonnes, half_width: 0, evidence: evidence.0 }
}
