//! The `pacta_*` JSON-RPC methods: what ministries' tooling reads about parties, pledges,
//! attestations, disputes, the review panel, compliance and the climate fund, served from the runtime API
//! [`PactaApi`](pacta_primitives::runtime_api::PactaApi).
//!
//! The methods return the runtime API's view types as they are (as `pallet-transaction-payment-rpc`
//! returns `RuntimeDispatchInfo`): their `serde` form in `pacta_primitives` is the one definition
//! of the JSON. Party codes and names are strings (`"DEU"`), tonnes and block numbers are
//! numbers, balances are decimal strings in plancks (1 PACT = 10^12), accounts are SS58
//! strings, hashes are `0x`-prefixed hex. Every method takes an optional block hash as its last
//! parameter (the best block when omitted). Bad input is a JSON-RPC error with a plain message
//! and one of the codes in [`error_codes`]. See `docs/rpc.md`.
//!
//! Lists are paged: `startAfter` (the `next` of the previous page), `limit` (default and most
//! [`MAX_PAGE_LIMIT`]); a page's `next` is `null` on the last page.
//!
//! The methods are `blocking`: a runtime call (a report page reads up to
//! [`MAX_PAGE_LIMIT`] pledges) runs on a blocking thread, never on the server's async workers.

use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use pacta_primitives::{
	runtime_api::PactaApi, AttestationView, ComplianceReport, DisputeView, FundView, OracleView,
	Page, PanelMemberView, PartyCode, PartyView, PeriodId, PeriodView, PledgeView, TransferView,
	MAX_PAGE_LIMIT,
};
use pacta_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use std::sync::Arc;

/// A registered party, as `pacta_party` returns it.
pub type Party = PartyView<AccountId>;
/// A pledge, as `pacta_pledge` returns it.
pub type Pledge = PledgeView<AccountId, Balance, BlockNumber>;
/// An attestation, as `pacta_attestations` returns it.
pub type Attestation = AttestationView<AccountId, BlockNumber>;
/// A compliance report, as `pacta_complianceReport` returns it.
pub type Report = ComplianceReport<Balance, BlockNumber>;
/// A dispute, as `pacta_dispute` returns it.
pub type Dispute = DisputeView<AccountId, Balance, BlockNumber>;
/// A review-panel member, as `pacta_reviewPanel` returns it.
pub type PanelMember = PanelMemberView<AccountId>;
/// The climate fund, as `pacta_climateFund` returns it.
pub type Fund = FundView<AccountId, Balance>;
/// A period, as `pacta_periods` lists it.
pub type Period = PeriodView<Balance, BlockNumber>;
/// An oracle, as `pacta_oracles` lists it.
pub type Oracle = OracleView<AccountId, Balance>;
/// A conditional transfer, as `pacta_transfers` lists it.
pub type Transfer = TransferView<AccountId, Balance>;

/// The error codes of the `pacta_*` methods.
pub mod error_codes {
	/// The party code is not exactly three uppercase ASCII letters.
	pub const INVALID_PARTY_CODE: i32 = 1001;
	/// No party is registered with this code.
	pub const UNKNOWN_PARTY: i32 = 1002;
	/// No reporting period with this id was opened.
	pub const UNKNOWN_PERIOD: i32 = 1003;
	/// The node does not know a block with this hash.
	pub const UNKNOWN_BLOCK: i32 = 1004;
	/// The runtime API call failed (e.g. the runtime at that block has no `PactaApi`).
	pub const RUNTIME_ERROR: i32 = 1005;
	/// A page's `limit` is zero or above the maximum (`MAX_PAGE_LIMIT`, 500).
	pub const INVALID_LIMIT: i32 = 1006;
}

/// The `pacta_*` JSON-RPC methods.
#[rpc(server, namespace = "pacta")]
pub trait PactaRpcApi<BlockHash> {
	/// A registered party: code, name, controller.
	#[method(name = "party", blocking)]
	fn party(&self, code: String, at: Option<BlockHash>) -> RpcResult<Party>;

	/// A party's pledge for a period (`null` if the party and period exist but it did not
	/// pledge), with its verification and settlement.
	#[method(name = "pledge", blocking)]
	fn pledge(&self, code: String, period: u32, at: Option<BlockHash>)
		-> RpcResult<Option<Pledge>>;

	/// The attestations of a party's emissions in a period.
	#[method(name = "attestations", blocking)]
	fn attestations(
		&self,
		code: String,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Attestation>>;

	/// The dispute of a party's value in a period (`null` if the party and period exist but
	/// nobody challenged it): claims, backers, bonds, eligible members, votes, deadline, state.
	#[method(name = "dispute", blocking)]
	fn dispute(
		&self,
		code: String,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Dispute>>;

	/// The review panel: each member's account and declared affiliations.
	#[method(name = "reviewPanel", blocking)]
	fn review_panel(&self, at: Option<BlockHash>) -> RpcResult<Vec<PanelMember>>;

	/// A page of a period's compliance report: its calendar, terms and totals, and the rows of
	/// up to `limit` pledges after `startAfter` (`next` names the next page's start).
	#[method(name = "complianceReport", blocking)]
	fn compliance_report(
		&self,
		period: u32,
		#[argument(rename = "startAfter")] start_after: Option<String>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Report>;

	/// A page of the registered parties, after `startAfter`.
	#[method(name = "parties", blocking)]
	fn parties(
		&self,
		#[argument(rename = "startAfter")] start_after: Option<String>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<Party, PartyCode>>;

	/// A page of the opened periods, after `startAfter`.
	#[method(name = "periods", blocking)]
	fn periods(
		&self,
		#[argument(rename = "startAfter")] start_after: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<Period, PeriodId>>;

	/// A page of the oracle registry, after `startAfter` (an SS58 account).
	#[method(name = "oracles", blocking)]
	fn oracles(
		&self,
		#[argument(rename = "startAfter")] start_after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<Oracle, AccountId>>;

	/// The conditional transfers still escrowed for a pledge.
	#[method(name = "transfers", blocking)]
	fn transfers(
		&self,
		code: String,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Transfer>>;

	/// The climate fund's account and balance.
	#[method(name = "climateFund", blocking)]
	fn climate_fund(&self, at: Option<BlockHash>) -> RpcResult<Fund>;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message.into(), None::<()>)
}

/// Validate a party code as the pallets do ([`PartyCode::try_from`]): exactly three uppercase
/// ASCII letters.
pub fn parse_code(code: &str) -> Result<PartyCode, ErrorObjectOwned> {
	PartyCode::try_from(code).map_err(|_| {
		error(
			error_codes::INVALID_PARTY_CODE,
			format!("party code must be exactly three uppercase ASCII letters (got {code:?})"),
		)
	})
}

fn unknown_party(code: PartyCode) -> ErrorObjectOwned {
	error(error_codes::UNKNOWN_PARTY, format!("unknown party {code}"))
}

/// A page size: `limit` if it is in `1..=MAX_PAGE_LIMIT`, [`MAX_PAGE_LIMIT`] when omitted.
pub fn parse_limit(limit: Option<u32>) -> Result<u32, ErrorObjectOwned> {
	match limit {
		None => Ok(MAX_PAGE_LIMIT),
		Some(n) if (1..=MAX_PAGE_LIMIT).contains(&n) => Ok(n),
		Some(n) => Err(error(
			error_codes::INVALID_LIMIT,
			format!("limit must be between 1 and {MAX_PAGE_LIMIT} (got {n})"),
		)),
	}
}

fn unknown_period(period: PeriodId) -> ErrorObjectOwned {
	error(error_codes::UNKNOWN_PERIOD, format!("unknown period {period}"))
}

fn runtime_error(e: impl std::fmt::Debug) -> ErrorObjectOwned {
	error(error_codes::RUNTIME_ERROR, format!("runtime API call failed: {e:?}"))
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

/// The `pacta_*` methods, served from a client's runtime API.
pub struct Pacta<C> {
	client: Arc<C>,
}

impl<C> Pacta<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Pacta { client }
	}
}

impl<C> Pacta<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: PactaApi<Block, AccountId, Balance, BlockNumber>,
{
	/// The block to read at: `at` if the node knows it, else the best block.
	fn block(&self, at: Option<H256>) -> Result<H256, ErrorObjectOwned> {
		match at {
			None => Ok(self.client.info().best_hash),
			Some(hash) => match self.client.header(hash) {
				Ok(Some(_)) => Ok(hash),
				Ok(None) => {
					Err(error(error_codes::UNKNOWN_BLOCK, format!("unknown block {hash:?}")))
				}
				Err(e) => {
					Err(error(error_codes::UNKNOWN_BLOCK, format!("unknown block {hash:?}: {e}")))
				}
			},
		}
	}

	fn known_party(&self, at: H256, code: PartyCode) -> Result<Party, ErrorObjectOwned> {
		self.client
			.runtime_api()
			.party(at, code)
			.map_err(runtime_error)?
			.ok_or_else(|| unknown_party(code))
	}

	fn known_period(&self, at: H256, period: PeriodId) -> Result<(), ErrorObjectOwned> {
		match self.client.runtime_api().period(at, period).map_err(runtime_error)? {
			Some(_) => Ok(()),
			None => Err(unknown_period(period)),
		}
	}
}

impl<C> PactaRpcApiServer<H256> for Pacta<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: PactaApi<Block, AccountId, Balance, BlockNumber>,
{
	fn party(&self, code: String, at: Option<H256>) -> RpcResult<Party> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		self.known_party(at, code)
	}

	fn pledge(&self, code: String, period: u32, at: Option<H256>) -> RpcResult<Option<Pledge>> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		match self.client.runtime_api().pledge(at, code, period).map_err(runtime_error)? {
			Some(pledge) => Ok(Some(pledge)),
			None => {
				self.known_party(at, code)?;
				self.known_period(at, period)?;
				Ok(None)
			}
		}
	}

	fn attestations(
		&self,
		code: String,
		period: u32,
		at: Option<H256>,
	) -> RpcResult<Vec<Attestation>> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		self.known_party(at, code)?;
		self.known_period(at, period)?;
		self.client.runtime_api().attestations(at, code, period).map_err(runtime_error)
	}

	fn dispute(&self, code: String, period: u32, at: Option<H256>) -> RpcResult<Option<Dispute>> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		match self.client.runtime_api().dispute(at, code, period).map_err(runtime_error)? {
			Some(dispute) => Ok(Some(dispute)),
			None => {
				self.known_party(at, code)?;
				self.known_period(at, period)?;
				Ok(None)
			}
		}
	}

	fn review_panel(&self, at: Option<H256>) -> RpcResult<Vec<PanelMember>> {
		let at = self.block(at)?;
		self.client.runtime_api().review_panel(at).map_err(runtime_error)
	}

	fn compliance_report(
		&self,
		period: u32,
		start_after: Option<String>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<Report> {
		let start_after = start_after.as_deref().map(parse_code).transpose()?;
		let limit = parse_limit(limit)?;
		let at = self.block(at)?;
		self.client
			.runtime_api()
			.compliance_report(at, period, start_after, limit)
			.map_err(runtime_error)?
			.ok_or_else(|| unknown_period(period))
	}

	fn parties(
		&self,
		start_after: Option<String>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<Page<Party, PartyCode>> {
		let start_after = start_after.as_deref().map(parse_code).transpose()?;
		let limit = parse_limit(limit)?;
		let at = self.block(at)?;
		self.client.runtime_api().parties(at, start_after, limit).map_err(runtime_error)
	}

	fn periods(
		&self,
		start_after: Option<u32>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<Page<Period, PeriodId>> {
		let limit = parse_limit(limit)?;
		let at = self.block(at)?;
		self.client.runtime_api().periods(at, start_after, limit).map_err(runtime_error)
	}

	fn oracles(
		&self,
		start_after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<Page<Oracle, AccountId>> {
		let limit = parse_limit(limit)?;
		let at = self.block(at)?;
		self.client.runtime_api().oracles(at, start_after, limit).map_err(runtime_error)
	}

	fn transfers(&self, code: String, period: u32, at: Option<H256>) -> RpcResult<Vec<Transfer>> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		self.known_party(at, code)?;
		self.known_period(at, period)?;
		self.client.runtime_api().transfers(at, code, period).map_err(runtime_error)
	}

	fn climate_fund(&self, at: Option<H256>) -> RpcResult<Fund> {
		let at = self.block(at)?;
		self.client.runtime_api().climate_fund(at).map_err(runtime_error)
	}
}

#[cfg(test)]
mod tests {
	//! The JSON of each method's result, exactly as `docs/rpc.md` documents it.

	use super::*;
	use pacta_primitives::{
		BackerView, ClaimView, ComplianceRow, DisputeState, EnforcementMode, Estimate, Outcome,
		OutcomeRecord, PeriodInfo, PeriodTerms, PeriodTotals, Reading, Verification,
	};
	use serde_json::json;
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::Perbill;

	const UNIT: Balance = 1_000_000_000_000;
	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

	fn code(s: &str) -> PartyCode {
		PartyCode::try_from(s).unwrap()
	}

	fn to_json<T: serde::Serialize>(value: T) -> serde_json::Value {
		serde_json::to_value(value).unwrap()
	}

	#[test]
	fn malformed_codes_are_refused_with_a_plain_message() {
		for bad in ["", "de", "DEUT", "De1", "D U"] {
			let e = parse_code(bad).unwrap_err();
			assert_eq!(e.code(), error_codes::INVALID_PARTY_CODE);
			assert!(e
				.message()
				.starts_with("party code must be exactly three uppercase ASCII letters"));
		}
		assert_eq!(
			parse_code("de").unwrap_err().message(),
			"party code must be exactly three uppercase ASCII letters (got \"de\")"
		);
		assert_eq!(parse_code("DEU").unwrap(), code("DEU"));
	}

	#[test]
	fn error_codes_are_distinct() {
		let mut codes = vec![
			error_codes::INVALID_PARTY_CODE,
			error_codes::UNKNOWN_PARTY,
			error_codes::UNKNOWN_PERIOD,
			error_codes::UNKNOWN_BLOCK,
			error_codes::RUNTIME_ERROR,
			error_codes::INVALID_LIMIT,
		];
		codes.sort();
		codes.dedup();
		assert_eq!(codes.len(), 6);
		assert_eq!(unknown_party(code("XYZ")).message(), "unknown party XYZ");
		assert_eq!(unknown_period(1999).message(), "unknown period 1999");
		assert_eq!(runtime_error("boom").code(), error_codes::RUNTIME_ERROR);
	}

	#[test]
	fn a_page_limit_is_one_to_the_maximum_and_defaults_to_it() {
		assert_eq!(parse_limit(None).unwrap(), MAX_PAGE_LIMIT);
		assert_eq!(parse_limit(Some(1)).unwrap(), 1);
		assert_eq!(parse_limit(Some(MAX_PAGE_LIMIT)).unwrap(), MAX_PAGE_LIMIT);
		for bad in [0, MAX_PAGE_LIMIT + 1] {
			let e = parse_limit(Some(bad)).unwrap_err();
			assert_eq!(e.code(), error_codes::INVALID_LIMIT);
			assert_eq!(e.message(), format!("limit must be between 1 and 500 (got {bad})"));
		}
	}

	#[test]
	fn accounts_are_ss58() {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(to_json(&alice), json!(ALICE));
		assert_eq!(serde_json::from_value::<AccountId>(json!(ALICE)).unwrap(), alice);
	}

	#[test]
	fn party_json_has_code_and_name_as_text() {
		let party: Party = PartyView {
			code: code("DEU"),
			name: b"Germany".to_vec(),
			controller: Sr25519Keyring::Alice.to_account_id(),
		};
		let json = to_json(&party);
		assert_eq!(json, json!({ "code": "DEU", "name": "Germany", "controller": ALICE }));
		assert_eq!(serde_json::from_value::<Party>(json).unwrap(), party);
	}

	#[test]
	fn report_json_flattens_the_calendar_and_has_balances_as_decimal_strings() {
		// A balance beyond 2^64 (and JavaScript's 2^53) comes out exact.
		let big: Balance = 123_456_789 * UNIT * 1_000_000;
		let report: Report = ComplianceReport {
			period: 2030,
			info: PeriodInfo {
				pledge_deadline: 10,
				attestation_deadline: 20,
				reveal_deadline: 25,
				challenge_deadline: 30,
				challenge_window: 4,
				resolution_window: 6,
				terms: PeriodTerms {
					mode: EnforcementMode::Binding,
					penalty_per_tonne: UNIT,
					unverified_forfeit: Perbill::from_percent(50),
				},
			},
			settled: true,
			totals: PeriodTotals {
				pledges: 2,
				caps: 4_000,
				bonds: big + 100 * UNIT,
				breached: 1,
				verified_tonnes: 1_050,
				forfeited: 50 * UNIT,
				released: big - 50 * UNIT,
				transfers_refunded: 7,
				..Default::default()
			},
			rows: vec![
				ComplianceRow {
					code: code("BRA"),
					name: b"Brazil".to_vec(),
					cap: 1_000,
					bond: big,
					verification: Verification::Verified(Estimate::exact(1_050)),
					outcome: Some(Outcome::Breached),
					forfeited: 50 * UNIT,
					released: big - 50 * UNIT,
					transfers_paid: 0,
					transfers_refunded: 7,
				},
				ComplianceRow {
					code: code("IND"),
					name: b"India".to_vec(),
					cap: 3_000,
					bond: 100 * UNIT,
					verification: Verification::Unverified,
					outcome: None,
					forfeited: 0,
					released: 0,
					transfers_paid: 0,
					transfers_refunded: 0,
				},
			],
			next: Some(code("IND")),
		};
		let json = to_json(&report);
		assert_eq!(
			json,
			json!({
				"period": 2030,
				"pledgeDeadline": 10,
				"attestationDeadline": 20,
				"revealDeadline": 25,
				"challengeDeadline": 30,
				"challengeWindow": 4,
				"resolutionWindow": 6,
				"mode": "Binding",
				"penaltyPerTonne": "1000000000000",
				"unverifiedForfeitPerbill": 500_000_000,
				"settled": true,
				"rows": [
					{
						"code": "BRA",
						"name": "Brazil",
						"cap": 1000,
						"bond": "123456789000000000000000000",
						"verification": { "status": "Verified", "tonnes": 1050, "low": 1050, "high": 1050 },
						"outcome": "Breached",
						"forfeited": "50000000000000",
						"released": "123456788999950000000000000",
						"transfersPaid": "0",
						"transfersRefunded": "7",
					},
					{
						"code": "IND",
						"name": "India",
						"cap": 3000,
						"bond": "100000000000000",
						"verification": { "status": "Unverified", "tonnes": null, "low": null, "high": null },
						"outcome": null,
						"forfeited": "0",
						"released": "0",
						"transfersPaid": "0",
						"transfersRefunded": "0",
					},
				],
				"next": "IND",
				"totals": {
					"pledges": 2,
					"caps": 4000,
					"bonds": (big + 100 * UNIT).to_string(),
					"compliant": 0,
					"breached": 1,
					"unverified": 0,
					"inconclusive": 0,
					"withheld": 0,
					"cancelled": 0,
					"verifiedTonnes": 1050,
					"forfeited": "50000000000000",
					"released": (big - 50 * UNIT).to_string(),
					"transfersPaid": "0",
					"transfersRefunded": "7",
				},
			})
		);
		assert_eq!(serde_json::from_value::<Report>(json).unwrap(), report);
	}

	#[test]
	fn pledge_json_shows_verification_and_the_outcome_record() {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let mut pledge: Pledge = PledgeView {
			code: code("IND"),
			period: 2030,
			cap: 500,
			bond: 200 * UNIT,
			owner: bob.clone(),
			submitted_at: 5,
			settled: false,
			verification: Verification::Disputed,
			published: Some(Estimate { tonnes: 480, low: 470, high: 495 }),
			attestations: 3,
			claims: 2,
			open_transfers: 1,
			escrowed: 100 * UNIT,
			outcome: None,
		};
		assert_eq!(
			to_json(&pledge),
			json!({
				"code": "IND",
				"period": 2030,
				"cap": 500,
				"bond": "200000000000000",
				"owner": BOB,
				"submittedAt": 5,
				"settled": false,
				"verification": { "status": "Disputed", "tonnes": null, "low": null, "high": null },
				"published": { "tonnes": 480, "low": 470, "high": 495 },
				"attestations": 3,
				"claims": 2,
				"openTransfers": 1,
				"escrowed": "100000000000000",
				"outcome": null,
			})
		);

		pledge.settled = true;
		pledge.verification = Verification::Verified(Estimate { tonnes: 480, low: 470, high: 495 });
		pledge.open_transfers = 0;
		pledge.escrowed = 0;
		pledge.outcome = Some(OutcomeRecord {
			outcome: Outcome::Compliant,
			verified: Some(Estimate { tonnes: 480, low: 470, high: 495 }),
			cap: 500,
			bond: 200 * UNIT,
			forfeited: 0,
			released: 200 * UNIT,
			transfers: 1,
			transfers_paid: 20 * UNIT,
			transfers_refunded: 80 * UNIT,
			settled_at: 31,
		});
		let json = to_json(&pledge);
		assert_eq!(
			json["verification"],
			json!({ "status": "Verified", "tonnes": 480, "low": 470, "high": 495 })
		);
		assert_eq!(json["claims"], json!(2));
		assert_eq!(
			json["outcome"],
			json!({
				"outcome": "Compliant",
				"verified": { "tonnes": 480, "low": 470, "high": 495 },
				"cap": 500,
				"bond": "200000000000000",
				"forfeited": "0",
				"released": "200000000000000",
				"transfers": 1,
				"transfersPaid": "20000000000000",
				"transfersRefunded": "80000000000000",
				"settledAt": 31,
			})
		);
		assert_eq!(serde_json::from_value::<Pledge>(json).unwrap(), pledge);
	}

	#[test]
	fn dispute_json_lists_claims_backers_votes_and_the_deadline() {
		let dave = Sr25519Keyring::Dave.to_account_id();
		let eve = Sr25519Keyring::Eve.to_account_id();
		let dispute: Dispute = DisputeView {
			code: code("BRA"),
			period: 2030,
			state: DisputeState::Decided,
			published: 1_000,
			published_votes: 0,
			decided: Some(1_500),
			final_value: None,
			opened_at: 12,
			deadline: 20,
			eligible: vec![dave.clone(), eve.clone()],
			min_eligible: 2,
			threshold: 2,
			claims: vec![ClaimView {
				tonnes: 1_500,
				bond: 100 * UNIT,
				backers: vec![BackerView {
					account: dave.clone(),
					bond: 100 * UNIT,
					evidence: [0xab; 32],
				}],
				votes: 2,
			}],
			votes: vec![(dave, 1_500), (eve, 1_500)],
		};
		let json = to_json(&dispute);
		assert_eq!(json["state"], json!("Decided"));
		assert_eq!(json["decided"], json!(1500));
		assert_eq!(json["final"], serde_json::Value::Null);
		assert_eq!(json["deadline"], json!(20));
		assert_eq!(json["minEligible"], json!(2));
		assert_eq!(json["claims"][0]["bond"], json!("100000000000000"));
		assert_eq!(
			json["claims"][0]["backers"][0]["evidence"],
			json!(format!("0x{}", "ab".repeat(32)))
		);
		assert_eq!(json["votes"][1][1], json!(1500));
		assert_eq!(serde_json::from_value::<Dispute>(json).unwrap(), dispute);
	}

	#[test]
	fn published_has_its_tonnes_and_interval() {
		assert_eq!(
			to_json(Verification::Published(Estimate { tonnes: 1_000, low: 990, high: 1_020 })),
			json!({ "status": "Published", "tonnes": 1000, "low": 990, "high": 1020 })
		);
	}

	#[test]
	fn pending_unverified_withheld_and_disputed_have_null_tonnes() {
		for (v, status) in [
			(Verification::Pending, "Pending"),
			(Verification::Unverified, "Unverified"),
			(Verification::Withheld, "Withheld"),
			(Verification::Disputed, "Disputed"),
		] {
			assert_eq!(
				to_json(v),
				json!({ "status": status, "tonnes": null, "low": null, "high": null })
			);
		}
	}

	#[test]
	fn attestation_json_is_sealed_until_revealed() {
		let mut attestation: Attestation = AttestationView {
			oracle: Sr25519Keyring::Charlie.to_account_id(),
			oracle_name: b"UNFCCC".to_vec(),
			commitment: [0xcd; 32],
			at: 12,
			reading: None,
		};
		let json = to_json(&attestation);
		assert_eq!(
			json,
			json!({
				"oracle": "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
				"oracleName": "UNFCCC",
				"commitment": format!("0x{}", "cd".repeat(32)),
				"at": 12,
				"reading": null,
			})
		);
		assert_eq!(serde_json::from_value::<Attestation>(json).unwrap(), attestation);
		attestation.reading = Some(Reading { tonnes: 1_000, half_width: 25, evidence: [0xab; 32] });
		assert_eq!(
			to_json(&attestation)["reading"],
			json!({ "tonnes": 1000, "halfWidth": 25, "evidence": format!("0x{}", "ab".repeat(32)) })
		);
	}

	#[test]
	fn fund_json() {
		let fund: Fund = FundView {
			account: Sr25519Keyring::Alice.to_account_id(),
			balance: 1_000_000_000 + 100 * UNIT,
			spendable: 100 * UNIT,
		};
		assert_eq!(
			to_json(&fund),
			json!({
				"account": ALICE,
				"balance": "100001000000000",
				"spendable": "100000000000000",
			})
		);
	}
}
