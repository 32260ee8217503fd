//! Genesis presets: `development` (one validator, Alice, with sudo) and `local_testnet`
//! (Alice, Bob, Charlie and Dave as validators). Both endow the well-known dev accounts, seat
//! Alice, Bob and Charlie on the council and Dave's, Eve's and Ferdie's stash accounts on the
//! review panel (two eligible members suffice for a vote), and keep the chain's minimum
//! challenge and resolution windows at one block so that dev calendars can be a few blocks long.

use crate::{
	AccountId, BalancesConfig, CouncilMembershipConfig, DisputesConfig, ReviewPanelConfig,
	RuntimeGenesisConfig, SudoConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every dev account starts with: one million PACT.
pub const DEV_ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A genesis patch from its parts; everything not named keeps its default.
fn genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	sudo: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, DEV_ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities.into_iter().map(|(_, g)| (g, 1)).collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig {
			members: council.try_into().unwrap_or_default()
		},
		review_panel: ReviewPanelConfig { members: dev_panel().try_into().unwrap_or_default() },
		disputes: DisputesConfig { min_eligible: 2 },
		sudo: SudoConfig { key: Some(sudo) },
	})
}

/// The Aura and GRANDPA keys of a well-known dev validator.
fn authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(sr.public().into(), ed.public().into())
}

fn dev_council() -> Vec<AccountId> {
	vec![
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::Bob.to_account_id(),
		Sr25519Keyring::Charlie.to_account_id(),
	]
}

/// The dev review panel: Dave's, Eve's and Ferdie's stash accounts (no dev party controller or
/// oracle among them).
pub fn dev_panel() -> Vec<AccountId> {
	vec![
		Sr25519Keyring::DaveStash.to_account_id(),
		Sr25519Keyring::EveStash.to_account_id(),
		Sr25519Keyring::FerdieStash.to_account_id(),
	]
}

/// The `development` preset: Alice validates alone and holds sudo.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		dev_council(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate.
pub fn local_config_genesis() -> Value {
	genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		dev_council(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of a named preset, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
