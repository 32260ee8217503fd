use subxt::{OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::dev;

// The typed API, generated at compile time from the runtime's metadata.
#[subxt::subxt(runtime_metadata_path = "metadata.scale")]
pub mod pacta {}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
	let url = std::env::args().nth(1).unwrap_or("ws://127.0.0.1:9944".into());
	let api = OnlineClient::<PolkadotConfig>::from_url(url).await?;

	// The dev keys (sr25519; never for a real chain).
	let alice = dev::alice();
	let bob = dev::bob().public_key().to_account_id();

	// Reads at the last finalized block: typed storage.
	let at = api.at_current_block().await?;
	let alice_id = alice.public_key().to_account_id();
	let account =
		at.storage().fetch(pacta::storage().system().account(), (alice_id,)).await?.decode()?;
	println!("Alice free {}", account.data.free);
	let quorum = at.storage().fetch(pacta::storage().attestations().quorum(), ()).await?;
	println!("quorum {}", quorum.decode()?);

	// The runtime API `PactaApi`.
	let party = pacta::runtime_apis().pacta_api().party(b"DEU".to_vec());
	match at.runtime_apis().call(party).await? {
		Some(party) => println!("DEU {}", String::from_utf8_lossy(&party.name)),
		None => println!("DEU not registered"),
	}
	let fund = at.runtime_apis().call(pacta::runtime_apis().pacta_api().climate_fund()).await?;
	println!("climate fund {} {}", fund.account, fund.balance);

	// A transaction signed by Alice, and its decoded events once it is finalized.
	let transfer =
		pacta::transactions().balances().transfer_keep_alive(bob.into(), 1_000_000_000_000);
	let events = at
		.transactions()
		.sign_and_submit_then_watch_default(&transfer, &alice)
		.await?
		.wait_for_finalized_success()
		.await?;
	for transfer in events.find::<pacta::balances::events::Transfer>() {
		let transfer = transfer?;
		println!("Transfer {} {} {}", transfer.from, transfer.to, transfer.amount);
	}
	Ok(())
}
