//! The typed API is generated from `tests/subxt/metadata.scale`: this fails when that file is not
//! the metadata of the built runtime (read from a fresh dev node of the built `pacta-node`, after
//! checking that the node runs the Wasm the build wrote), and says to run
//! `scripts/subxt-metadata.sh`. The runtime changes often; the script is what regenerates the file.

use pacta_subxt_tests::{
	fetch_metadata, node_binary, runtime_wasm, DevNode, METADATA, METADATA_FILE,
};
use subxt::Metadata;

#[tokio::test]
async fn metadata_scale_is_the_metadata_of_the_built_runtime() {
	let node = DevNode::start().await;

	// The node embeds the Wasm of the same build (else it is older than the Wasm: rebuild it).
	let wasm_path = runtime_wasm();
	let wasm = std::fs::read(&wasm_path).unwrap_or_else(|e| {
		panic!(
			"runtime Wasm not found at {} ({e}): run scripts/build.sh (or set PACTA_RUNTIME_WASM)",
			wasm_path.display()
		)
	});
	let at = node.api().at_current_block().await.expect("the finalized block");
	let code = at.storage().runtime_wasm_code().await.expect("the chain's :code");
	assert!(
		code == wasm,
		"the node ({}) runs another runtime than {} (the Wasm rebuilt after the node?): run \
		 scripts/build.sh",
		node_binary().display(),
		wasm_path.display()
	);

	let (version, built) = fetch_metadata(&node.url()).await.expect("the node's metadata");
	let on_disk = std::fs::read(METADATA_FILE).unwrap_or_default();
	if built != METADATA || built != on_disk {
		panic!(
			"{METADATA_FILE} is not the metadata of the built runtime (V{version} from {}: {} \
			 bytes; the file: {} bytes{}).{}\nRun scripts/subxt-metadata.sh and commit \
			 tests/subxt/metadata.scale (then fix what no longer compiles in tests/subxt).",
			node_binary().display(),
			built.len(),
			on_disk.len(),
			if on_disk != METADATA { ", not what this build was generated from" } else { "" },
			differences(&on_disk, &built),
		);
	}
}

/// The pallets and runtime APIs whose subxt hashes differ (or that only one side has).
fn differences(old: &[u8], new: &[u8]) -> String {
	let (Ok(old), Ok(new)) = (Metadata::decode_from(old), Metadata::decode_from(new)) else {
		return String::new();
	};
	let mut out = Vec::new();
	for p in new.pallets() {
		match old.pallet_by_name(p.name()) {
			None => out.push(format!("pallet {} added", p.name())),
			Some(o) if o.hash() != p.hash() => out.push(format!("pallet {} changed", p.name())),
			_ => {}
		}
	}
	for p in old.pallets().filter(|p| new.pallet_by_name(p.name()).is_none()) {
		out.push(format!("pallet {} removed", p.name()));
	}
	for api in new.runtime_api_traits() {
		match old.runtime_api_trait_by_name(api.name()) {
			None => out.push(format!("runtime API {} added", api.name())),
			Some(o) if o.hash() != api.hash() => {
				out.push(format!("runtime API {} changed", api.name()))
			}
			_ => {}
		}
	}
	for api in
		old.runtime_api_traits().filter(|a| new.runtime_api_trait_by_name(a.name()).is_none())
	{
		out.push(format!("runtime API {} removed", api.name()));
	}
	if out.is_empty() {
		"\nThe pallets and runtime APIs have the same shapes (subxt's hashes): documentation or \
		 other details differ."
			.into()
	} else {
		format!("\nDifferences: {}.", out.join(", "))
	}
}
