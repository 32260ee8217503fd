//! The native token: its symbol and decimals, in one place. `build.rs` reads this file too (for
//! the metadata hash that `CheckMetadataHash` signs), and the node's chain properties use the
//! same constants, so wallets, hardware signers and the chain never disagree.

/// The token symbol.
pub const TOKEN_SYMBOL: &str = "PACT";
/// Decimals: one PACT is 10^12 plancks.
pub const TOKEN_DECIMALS: u8 = 12;
