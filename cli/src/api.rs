//! The typed Pacta API (calls, storage, events, constants) that `#[subxt::subxt]` generates from
//! the runtime's metadata, `tests/subxt/metadata.scale` (rewritten by `scripts/subxt-metadata.sh`
//! and checked against the built runtime by `tests/subxt/tests/metadata.rs`), and that metadata
//! itself, which `tx sign` decodes and signs with when there is no network.

#[subxt::subxt(runtime_metadata_path = "../tests/subxt/metadata.scale")]
pub mod pacta {}

/// The metadata the typed API was generated from. `include_bytes!` also makes cargo rebuild this
/// crate when the file changes.
pub const METADATA: &[u8] = include_bytes!("../../tests/subxt/metadata.scale");

pub use pacta::runtime_types::pacta_runtime::RuntimeCall;

/// One PACT in plancks (12 decimals).
pub const UNIT: u128 = 1_000_000_000_000;

/// The SCALE encoding of a call, by the metadata (the generated types encode through it).
pub fn encode_call(call: &RuntimeCall) -> crate::Result<Vec<u8>> {
	use subxt::ext::scale_encode::EncodeAsType;
	let metadata = built_in_metadata()?;
	let ty = metadata.outer_enums().call_enum_ty();
	Ok(call.encode_as_type(ty, metadata.types())?)
}

/// [`METADATA`], decoded.
pub fn built_in_metadata() -> crate::Result<subxt::Metadata> {
	Ok(subxt::Metadata::decode_from(METADATA)?)
}
