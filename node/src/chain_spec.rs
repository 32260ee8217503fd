//! Built-in chain specifications (`dev`, `local`), all built from the runtime's genesis presets.

use pacta_runtime::WASM_BINARY;
use sc_service::{ChainType, Properties};

/// The chain spec type of Pacta (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The properties wallets read: the runtime's token (PACT, 12 decimals: the constants its
/// metadata hash was built with) and SS58 prefix (42).
pub fn properties() -> Properties {
	use pacta_runtime::token::{TOKEN_DECIMALS, TOKEN_SYMBOL};
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), pacta_runtime::configs::SS58Prefix::get().into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY
		.ok_or_else(|| "The Wasm runtime was not built (was SKIP_WASM_BUILD set?)".to_string())
}

/// A one-validator development chain (Alice), with sudo.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Pacta Development")
		.with_id("pacta_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A four-validator local testnet (Alice, Bob, Charlie, Dave).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Pacta Local Testnet")
		.with_id("pacta_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
