//! The connection to a node: a subxt client for transactions and typed storage, and the
//! `pacta_*` JSON-RPC reads, each list read to its last page at one block.

use pacta_primitives::runtime_api::{
	AttestationView, ComplianceReport, OracleView, Page, PartyView, PeriodView, PledgeView,
};
use serde::de::DeserializeOwned;
use sp_runtime::AccountId32;
use subxt::{
	config::RpcConfigFor,
	rpcs::{client::RpcParams, rpc_params, LegacyRpcMethods, RpcClient},
	utils::H256,
	OnlineClient, SubstrateConfig,
};

use crate::Result;

/// The chain configuration the CLI signs with: Substrate's (sr25519 `MultiSignature`, the standard
/// transaction extensions, which the Pacta runtime uses unchanged).
pub type Config = SubstrateConfig;
/// A subxt client connected to a node.
pub type Client = OnlineClient<Config>;
/// A balance in plancks.
pub type Balance = u128;
/// A block number.
pub type BlockNumber = u32;

/// A connected node.
pub struct Chain {
	/// The subxt client.
	pub api: Client,
	rpc: RpcClient,
	url: String,
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Chain> {
		let unreachable = |e: &dyn std::fmt::Display| format!("cannot reach a node at {url}: {e}");
		let rpc = RpcClient::from_insecure_url(url).await.map_err(|e| unreachable(&e))?;
		let api = Client::from_rpc_client(rpc.clone()).await.map_err(|e| unreachable(&e))?;
		Ok(Chain { api, rpc, url: url.to_string() })
	}

	/// Calls a JSON-RPC method; its error message (for `pacta_*`, a plain sentence) becomes ours.
	pub async fn call<T: DeserializeOwned>(&self, method: &str, params: RpcParams) -> Result<T> {
		self.rpc.request(method, params).await.map_err(|e| match e {
			subxt::rpcs::Error::User(e) => {
				format!("{method}: {} (error {})", e.message, e.code).into()
			}
			other => format!("{method}: {other}").into(),
		})
	}

	/// The legacy JSON-RPC methods (headers, runtime versions, submission).
	pub fn legacy(&self) -> LegacyRpcMethods<RpcConfigFor<Config>> {
		LegacyRpcMethods::new(self.rpc.clone())
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The hash of the last finalized block.
	pub async fn finalized(&self) -> Result<H256> {
		Ok(self.legacy().chain_get_finalized_head().await?)
	}

	/// The number of a block.
	pub async fn number(&self, hash: H256) -> Result<BlockNumber> {
		let header = self.legacy().chain_get_header(Some(hash)).await?;
		let header = header.ok_or_else(|| format!("the node does not know block {hash:?}"))?;
		u32::try_from(header.number).map_err(|_| "block number out of range".into())
	}

	/// The number of the best (newest) block.
	pub async fn best_number(&self) -> Result<BlockNumber> {
		let header = self.legacy().chain_get_header(None).await?;
		let header = header.ok_or("the node has no best block")?;
		u32::try_from(header.number).map_err(|_| "block number out of range".into())
	}

	/// The block to read at: the one given (`--at`), else the last finalized block, so that every
	/// page of a list comes from the same state.
	pub async fn read_at(&self, at: Option<H256>) -> Result<H256> {
		match at {
			Some(at) => Ok(at),
			None => self.finalized().await,
		}
	}

	/// Every page of a paged `pacta_*` list, at block `at`.
	async fn all_pages<T: DeserializeOwned, K: DeserializeOwned + serde::Serialize>(
		&self,
		method: &str,
		at: H256,
	) -> Result<Vec<T>> {
		let mut items = Vec::new();
		let mut start_after: Option<K> = None;
		loop {
			let page: Page<T, K> =
				self.call(method, rpc_params![&start_after, Option::<u32>::None, at]).await?;
			items.extend(page.items);
			match page.next {
				Some(next) => start_after = Some(next),
				None => return Ok(items),
			}
		}
	}

	/// Every party.
	pub async fn parties(&self, at: H256) -> Result<Vec<PartyView<AccountId32>>> {
		self.all_pages::<_, String>("pacta_parties", at).await
	}

	/// Every period.
	pub async fn periods(&self, at: H256) -> Result<Vec<PeriodView<Balance, BlockNumber>>> {
		self.all_pages::<_, u32>("pacta_periods", at).await
	}

	/// Every oracle.
	pub async fn oracles(&self, at: H256) -> Result<Vec<OracleView<AccountId32, Balance>>> {
		self.all_pages::<_, String>("pacta_oracles", at).await
	}

	/// A period's whole compliance report: every page of up to `page_size` rows (`None`: the
	/// node's largest, 500), read at `at`, with a progress line on standard error for long
	/// reports.
	pub async fn report(
		&self,
		period: u32,
		at: H256,
		page_size: Option<u32>,
	) -> Result<ComplianceReport<Balance, BlockNumber>> {
		let page = |start_after: Option<String>| async move {
			self.call::<ComplianceReport<Balance, BlockNumber>>(
				"pacta_complianceReport",
				rpc_params![period, start_after, page_size, at],
			)
			.await
		};
		let mut report = page(None).await?;
		let long = report.totals.pledges > 2_000;
		while let Some(next) = report.next.take() {
			let more = page(Some(next.to_string())).await?;
			report.rows.extend(more.rows);
			report.next = more.next;
			if long {
				eprint!("\rpacta: read {} of {} pledges", report.rows.len(), report.totals.pledges);
			}
		}
		if long {
			eprintln!();
		}
		Ok(report)
	}

	/// A party's pledge for a period (`None`: not pledged).
	pub async fn pledge(
		&self,
		code: &str,
		period: u32,
		at: H256,
	) -> Result<Option<PledgeView<AccountId32, Balance, BlockNumber>>> {
		self.call("pacta_pledge", rpc_params![code, period, at]).await
	}

	/// The attestations of a party's emissions in a period.
	pub async fn attestations(
		&self,
		code: &str,
		period: u32,
		at: H256,
	) -> Result<Vec<AttestationView<AccountId32, BlockNumber>>> {
		self.call("pacta_attestations", rpc_params![code, period, at]).await
	}
}

/// Parses a block hash given on the command line (`0x` and 64 hex digits).
pub fn parse_hash(text: &str) -> Result<H256, String> {
	let hex = text.trim().strip_prefix("0x").unwrap_or(text.trim());
	let bytes = hex::decode(hex).map_err(|_| format!("{text:?} is not a block hash (hex)"))?;
	let bytes: [u8; 32] =
		bytes.try_into().map_err(|_| format!("{text:?} is not a block hash (32 bytes)"))?;
	Ok(H256(bytes))
}
