//! subxt against fresh dev nodes, as a Rust dapp or service would use it: the typed API generated
//! from `metadata.scale` ([`pacta`]), typed storage reads, `PactaApi` runtime-API calls with
//! decoded results, transactions signed with the dev keys (subxt-signer's sr25519 `//Alice`)
//! waited for until finalized, and their decoded events (a sudo call's module error included).
//! The subxt example of docs/clients.md (`src/bin/subxt-example.rs`) runs as written.
//!
//! Each test starts its own `--dev --tmp` node ([`DevNode`], stopped when dropped).

use std::{process::Command, time::Duration};

use pacta_subxt_tests::{
	pacta::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec, pacta_runtime::RuntimeCall,
			pallet_pledges::pallet::Call as PledgesCall, sp_runtime::DispatchError,
		},
	},
	DevNode, UNIT,
};
use subxt::{config::DefaultExtrinsicParamsBuilder, PolkadotConfig};
use subxt_signer::sr25519::dev;

/// What every dev account is endowed with at genesis (runtime/src/genesis_config_presets.rs).
const DEV_ENDOWMENT: u128 = 1_000_000 * UNIT;

#[tokio::test]
async fn typed_storage_constants_and_pacta_api_at_genesis() {
	let node = DevNode::start().await;
	let at = node.api().at_block(0u64).await.expect("the genesis block");
	let alice = dev::alice().public_key().to_account_id();

	let version = at.constants().entry(pacta::constants().system().version()).unwrap();
	assert_eq!(version.spec_name, "pacta");

	// System.Account of Alice: a map entry, decoded into the generated AccountInfo.
	let account = at
		.storage()
		.fetch(pacta::storage().system().account(), (alice,))
		.await
		.unwrap()
		.decode()
		.unwrap();
	assert_eq!(account.nonce, 0);
	assert_eq!(account.data.free, DEV_ENDOWMENT);

	// Attestations.Quorum: a plain value (its default until governance sets it).
	let quorum = at.storage().fetch(pacta::storage().attestations().quorum(), ()).await.unwrap();
	assert!(quorum.decode().unwrap() >= 1);

	// No party yet: an optional map entry is absent.
	let parties = pacta::storage().pledges().parties();
	assert!(at.storage().try_fetch(parties, (b"FRA".to_vec(),)).await.unwrap().is_none());

	// PactaApi: party (an Option), parties (a page), climate_fund (a record of the fund).
	let pacta_api = pacta::runtime_apis().pacta_api();
	assert!(at.runtime_apis().call(pacta_api.party(b"FRA".to_vec())).await.unwrap().is_none());
	let page = at.runtime_apis().call(pacta_api.parties(None, 10)).await.unwrap();
	assert!(page.items.is_empty());
	assert!(page.next.is_none());
	let fund = at.runtime_apis().call(pacta_api.climate_fund()).await.unwrap();
	assert!(fund.spendable <= fund.balance);
	let fund_account = at
		.storage()
		.fetch(pacta::storage().system().account(), (fund.account,))
		.await
		.unwrap()
		.decode()
		.unwrap();
	assert_eq!(fund_account.data.free + fund_account.data.reserved, fund.balance);
}

#[tokio::test]
async fn sudo_register_party_decoded_events_module_error_and_pacta_api_party() {
	let node = DevNode::start().await;
	let api = node.api();
	let alice = dev::alice();
	let dave = dev::dave().public_key().to_account_id();
	let register = |code: &[u8], name: &str| {
		pacta::transactions().sudo().sudo(RuntimeCall::Pledges(PledgesCall::register_party {
			code: BoundedVec(code.to_vec()),
			name: BoundedVec(name.as_bytes().to_vec()),
			controller: dave,
		}))
	};

	// Two of Alice's transactions at once (explicit nonces): a registration, and one with a
	// malformed code that sudo dispatches and the pallet rejects.
	let at = api.at_current_block().await.unwrap();
	let nonce = at.tx().account_nonce(&alice.public_key().to_account_id()).await.unwrap();
	let with_nonce = |n| DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(n).build();
	let registration = at
		.tx()
		.sign_and_submit_then_watch(&register(b"FRA", "France"), &alice, with_nonce(nonce))
		.await
		.unwrap();
	let rejected = at
		.tx()
		.sign_and_submit_then_watch(&register(b"fr", "Nope"), &alice, with_nonce(nonce + 1))
		.await
		.unwrap();
	let (registration, rejected) =
		tokio::join!(registration.wait_for_finalized(), rejected.wait_for_finalized());
	let (registration, rejected) = (registration.unwrap(), rejected.unwrap());

	// Sudo.Sudid reports the call's result; Pledges.PartyRegistered decodes into its fields.
	let events = registration.wait_for_success().await.unwrap();
	let sudid = events.find_first::<pacta::sudo::events::Sudid>().expect("Sudid").unwrap();
	assert!(sudid.sudo_result.is_ok(), "{:?}", sudid.sudo_result);
	let registered = events
		.find_first::<pacta::pledges::events::PartyRegistered>()
		.expect("PartyRegistered")
		.unwrap();
	assert_eq!(registered.code, b"FRA");
	assert_eq!(registered.name, b"France");
	assert_eq!(registered.controller, dave);

	// The sudo transaction itself succeeds; the call's error is in Sudid, a module error that
	// the metadata names.
	let events = rejected.wait_for_success().await.unwrap();
	let failed = events.find_first::<pacta::sudo::events::Sudid>().expect("Sudid").unwrap();
	let Err(DispatchError::Module(error)) = failed.sudo_result else {
		panic!("expected a module error, got {:?}", failed.sudo_result);
	};
	let metadata = at.metadata();
	let pallet = metadata.pallet_by_error_index(error.index).expect("the error's pallet");
	let variant = pallet.error_variant_by_index(error.error[0]).expect("the error's variant");
	assert_eq!((pallet.name(), variant.name.as_str()), ("Pledges", "InvalidPartyCode"));
	assert!(!events.has::<pacta::pledges::events::PartyRegistered>());

	// The registration's block: typed storage and PactaApi see the party.
	let at = registration.at().await.unwrap();
	let party = at
		.storage()
		.fetch(pacta::storage().pledges().parties(), (b"FRA".to_vec(),))
		.await
		.unwrap()
		.decode()
		.unwrap();
	assert_eq!(party.name.0, b"France");
	assert_eq!(party.controller, dave);
	let owner = at
		.storage()
		.fetch(pacta::storage().pledges().party_of_controller(), (dave,))
		.await
		.unwrap()
		.decode()
		.unwrap();
	assert_eq!(owner, b"FRA");

	let pacta_api = pacta::runtime_apis().pacta_api();
	let view = at.runtime_apis().call(pacta_api.party(b"FRA".to_vec())).await.unwrap();
	let view = view.expect("PactaApi.party(FRA)");
	assert_eq!(
		(view.code, view.name, view.controller),
		(b"FRA".to_vec(), b"France".to_vec(), dave)
	);
	let page = at.runtime_apis().call(pacta_api.parties(None, 10)).await.unwrap();
	let codes: Vec<_> = page.items.iter().map(|p| p.code.clone()).collect();
	assert_eq!(codes, vec![b"FRA".to_vec()]);
	assert!(page.next.is_none());
	assert!(at.runtime_apis().call(pacta_api.party(b"XYZ".to_vec())).await.unwrap().is_none());
}

#[tokio::test]
async fn the_subxt_example_of_docs_clients_md_runs_as_written() {
	// The docs show src/bin/subxt-example.rs as it is (tabs as four spaces).
	let docs = include_str!("../../../docs/clients.md");
	let source = include_str!("../src/bin/subxt-example.rs").replace('\t', "    ");
	assert!(
		docs.contains(&format!("```rust\n{source}```\n")),
		"the subxt example of docs/clients.md is not tests/subxt/src/bin/subxt-example.rs: copy \
		 the file into the doc"
	);

	let node = DevNode::start().await;
	let api = node.api();
	let bob = dev::bob().public_key().to_account_id();
	let bob_account = pacta::storage().system().account();
	let at = api.at_current_block().await.unwrap();
	let bob_before = at.storage().fetch(bob_account.clone(), (bob,)).await.unwrap();
	let bob_before = bob_before.decode().unwrap().data.free;

	let out = run_example(&node.url()).await;
	let line = |prefix: &str| -> Vec<String> {
		let line = out.lines().find(|l| l.starts_with(prefix));
		let line = line.unwrap_or_else(|| panic!("the example printed no `{prefix}` line:\n{out}"));
		line[prefix.len()..].split_whitespace().map(String::from).collect()
	};

	assert_eq!(line("Alice free ")[0].parse::<u128>().unwrap(), DEV_ENDOWMENT);
	let at = api.at_current_block().await.unwrap();
	let quorum = at.storage().fetch(pacta::storage().attestations().quorum(), ()).await.unwrap();
	assert_eq!(line("quorum ")[0].parse::<u32>().unwrap(), quorum.decode().unwrap());
	assert!(out.lines().any(|l| l == "DEU not registered"), "{out}");
	let fund = at.runtime_apis().call(pacta::runtime_apis().pacta_api().climate_fund()).await;
	assert_eq!(line("climate fund ")[0], fund.unwrap().account.to_string());
	let alice = dev::alice().public_key().to_account_id();
	assert_eq!(line("Transfer "), [alice.to_string(), bob.to_string(), UNIT.to_string()]);

	// Bob got the PACT (the example waited for finalization; our client may follow a moment
	// later).
	for _ in 0..60 {
		let at = api.at_current_block().await.unwrap();
		let now = at.storage().fetch(bob_account.clone(), (bob,)).await.unwrap();
		if now.decode().unwrap().data.free == bob_before + UNIT {
			return;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	panic!("Bob's free balance did not rise by 1 PACT");
}

/// Runs `subxt-example <url>` (up to 3 minutes) and returns what it printed.
async fn run_example(url: &str) -> String {
	let bin = env!("CARGO_BIN_EXE_subxt-example");
	let child = Command::new(bin)
		.arg(url)
		.stdout(std::process::Stdio::piped())
		.stderr(std::process::Stdio::piped())
		.spawn()
		.unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
	let pid = child.id();
	let waited = tokio::time::timeout(
		Duration::from_secs(180),
		tokio::task::spawn_blocking(move || child.wait_with_output()),
	)
	.await;
	let Ok(output) = waited else {
		// SAFETY: a plain kill(2) of the child we started.
		unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
		panic!("{bin} did not finish within 3 minutes");
	};
	let output = output.unwrap().unwrap();
	let (stdout, stderr) =
		(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
	assert!(output.status.success(), "{bin} failed ({}):\n{stdout}\n{stderr}", output.status);
	stdout.into_owned()
}
