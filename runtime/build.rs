//! Compiles the runtime to Wasm (`wasm32v1-none`) with substrate-wasm-builder. With the
//! `metadata-hash` feature (on by default and in the node's dependency, so every build resolves
//! the same Wasm) it builds twice: once to read the metadata, then with its hash
//! (`RUNTIME_METADATA_HASH`) compiled in for `CheckMetadataHash`.

#[cfg(feature = "std")]
#[path = "src/token.rs"]
mod token;

fn main() {
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(token::TOKEN_SYMBOL, token::TOKEN_DECIMALS)
		.build();
	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
