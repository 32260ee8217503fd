//! The `pacta_*` JSON-RPC methods: what ministries' tooling reads about parties, pledges,
//! attestations, compliance and the climate fund, served from the runtime API
//! [`PactaApi`](pacta_primitives::runtime_api::PactaApi).
//!
//! Every method takes an optional block hash as its last parameter (the best block when
//! omitted). JSON conventions: party codes are strings (`"DEU"`), tonnes are numbers, balances
//! are decimal strings in plancks (1 PACT = 10^12), accounts are SS58 strings, hashes are
//! `0x`-prefixed hex. Bad input is a JSON-RPC error with a plain message and one of the codes
//! in [`error_codes`]. See `docs/rpc.md`.

use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use pacta_primitives::{
	runtime_api::PactaApi, AttestationView, ComplianceReport, ComplianceRow, EnforcementMode,
	FundView, OutcomeView, PartyCode, PartyView, PeriodId, PledgeView, SettlementOutcome,
	Verification,
};
use pacta_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use std::sync::Arc;

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
}

/// The `pacta_*` JSON-RPC methods.
#[rpc(server, namespace = "pacta")]
pub trait PactaRpcApi<BlockHash> {
	/// A registered party: code, name, controller.
	#[method(name = "party")]
	fn party(&self, code: String, at: Option<BlockHash>) -> RpcResult<PartyJson>;

	/// A party's pledge for a period (`null` if the party and period exist but it did not
	/// pledge), with its verification and settlement.
	#[method(name = "pledge")]
	fn pledge(
		&self,
		code: String,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Option<PledgeJson>>;

	/// The attestations of a party's emissions in a period.
	#[method(name = "attestations")]
	fn attestations(
		&self,
		code: String,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<AttestationJson>>;

	/// A period's compliance report: a row per pledge.
	#[method(name = "complianceReport")]
	fn compliance_report(
		&self,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<ComplianceReportJson>;

	/// The climate fund's account and balance.
	#[method(name = "climateFund")]
	fn climate_fund(&self, at: Option<BlockHash>) -> RpcResult<FundJson>;
}

// ---------------------------------------------------------------------------------------------
// JSON shapes
// ---------------------------------------------------------------------------------------------

/// A party, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyJson {
	/// `"DEU"`.
	pub code: String,
	/// `"Germany"`.
	pub name: String,
	/// SS58 address of the controller.
	pub controller: String,
}

/// A verification state: `status` is `Pending`, `Verified`, `Unverified` or `Disputed`;
/// `tonnes` is set when `Verified`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationJson {
	/// The state's name.
	pub status: String,
	/// The verified tonnes (only with `Verified`).
	pub tonnes: Option<u64>,
}

/// A settlement record, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeJson {
	/// `Compliant`, `Breached` or `Unverified`.
	pub outcome: String,
	/// The verified tonnes settlement used.
	pub verified: Option<u64>,
	/// Paid from the bond to the climate fund (decimal string).
	pub penalty: String,
	/// Released to the bond's owner (decimal string).
	pub released: String,
	/// How many conditional transfers executed.
	pub transfers: u32,
	/// What they paid to the party (decimal string).
	pub transfers_paid: String,
	/// What they refunded to donors (decimal string).
	pub transfers_refunded: String,
	/// The block the pledge settled in.
	pub settled_at: u32,
}

/// A pledge, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PledgeJson {
	/// The party.
	pub code: String,
	/// The period.
	pub period: u32,
	/// The cap in tonnes.
	pub cap: u64,
	/// The bond (decimal string).
	pub bond: String,
	/// The account holding the bond.
	pub owner: String,
	/// The block it was submitted in.
	pub submitted_at: u32,
	/// Whether it settled.
	pub settled: bool,
	/// What the oracles established.
	pub verification: VerificationJson,
	/// The median of the attestations, if a quorum attested.
	pub median: Option<u64>,
	/// How many attestations were submitted.
	pub attestations: u32,
	/// The holder of an open challenge.
	pub challenger: Option<String>,
	/// Open conditional transfers.
	pub open_transfers: u32,
	/// What they escrow (decimal string).
	pub escrowed: String,
	/// How it settled.
	pub outcome: Option<OutcomeJson>,
}

/// An attestation, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttestationJson {
	/// SS58 address of the oracle.
	pub oracle: String,
	/// The oracle's name.
	pub oracle_name: String,
	/// Measured tonnes.
	pub tonnes: u64,
	/// `0x`-hex hash of the MRV report.
	pub evidence: String,
	/// The block of the latest submission.
	pub at: u32,
}

/// A compliance-report row, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceRowJson {
	/// The party.
	pub code: String,
	/// Its name.
	pub name: String,
	/// The cap in tonnes.
	pub cap: u64,
	/// The bond (decimal string).
	pub bond: String,
	/// What the oracles established.
	pub verification: VerificationJson,
	/// `Compliant`, `Breached`, `Unverified`, or `null` while unsettled.
	pub outcome: Option<String>,
	/// Paid to the climate fund (decimal string).
	pub penalty: String,
	/// Released to the owner (decimal string).
	pub released: String,
	/// Paid by conditional transfers (decimal string).
	pub transfers_paid: String,
	/// Refunded to donors (decimal string).
	pub transfers_refunded: String,
}

/// A compliance report, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceReportJson {
	/// The period.
	pub period: u32,
	/// Last block for pledges.
	pub pledge_deadline: u32,
	/// Last block for attestations.
	pub attestation_deadline: u32,
	/// Last block for challenges.
	pub challenge_deadline: u32,
	/// `Binding` or `Facilitative`.
	pub mode: String,
	/// Penalty per tonne over the cap (decimal string).
	pub penalty_per_tonne: String,
	/// Share of the bond forfeited when unverified, in parts per billion.
	pub unverified_forfeit_perbill: u32,
	/// Whether every pledge settled.
	pub settled: bool,
	/// Whether rows were left off (more than the report's limit).
	pub truncated: bool,
	/// Sum of the penalties (decimal string).
	pub total_penalty: String,
	/// Sum of what conditional transfers paid (decimal string).
	pub total_transfers_paid: String,
	/// A row per pledge.
	pub rows: Vec<ComplianceRowJson>,
}

/// The climate fund, as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FundJson {
	/// SS58 address of the fund's keyless account.
	pub account: String,
	/// Its total balance (decimal string).
	pub balance: String,
	/// What governance can spend (decimal string).
	pub spendable: String,
}

// ---------------------------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------------------------

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn outcome_name(outcome: SettlementOutcome) -> String {
	match outcome {
		SettlementOutcome::Compliant => "Compliant",
		SettlementOutcome::Breached => "Breached",
		SettlementOutcome::Unverified => "Unverified",
	}
	.to_string()
}

impl From<Verification> for VerificationJson {
	fn from(v: Verification) -> Self {
		let (status, tonnes) = match v {
			Verification::Pending => ("Pending", None),
			Verification::Verified(t) => ("Verified", Some(t)),
			Verification::Unverified => ("Unverified", None),
			Verification::Disputed => ("Disputed", None),
		};
		VerificationJson { status: status.to_string(), tonnes }
	}
}

impl From<PartyView<AccountId>> for PartyJson {
	fn from(p: PartyView<AccountId>) -> Self {
		PartyJson {
			code: p.code.to_string(),
			name: text(&p.name),
			controller: p.controller.to_string(),
		}
	}
}

impl From<OutcomeView<Balance, BlockNumber>> for OutcomeJson {
	fn from(o: OutcomeView<Balance, BlockNumber>) -> Self {
		OutcomeJson {
			outcome: outcome_name(o.outcome),
			verified: o.verified,
			penalty: o.penalty.to_string(),
			released: o.released.to_string(),
			transfers: o.transfers,
			transfers_paid: o.transfers_paid.to_string(),
			transfers_refunded: o.transfers_refunded.to_string(),
			settled_at: o.settled_at,
		}
	}
}

impl From<PledgeView<AccountId, Balance, BlockNumber>> for PledgeJson {
	fn from(p: PledgeView<AccountId, Balance, BlockNumber>) -> Self {
		PledgeJson {
			code: p.code.to_string(),
			period: p.period,
			cap: p.cap,
			bond: p.bond.to_string(),
			owner: p.owner.to_string(),
			submitted_at: p.submitted_at,
			settled: p.settled,
			verification: p.verification.into(),
			median: p.median,
			attestations: p.attestations,
			challenger: p.challenger.map(|c| c.to_string()),
			open_transfers: p.open_transfers,
			escrowed: p.escrowed.to_string(),
			outcome: p.outcome.map(Into::into),
		}
	}
}

impl From<AttestationView<AccountId, BlockNumber>> for AttestationJson {
	fn from(a: AttestationView<AccountId, BlockNumber>) -> Self {
		AttestationJson {
			oracle: a.oracle.to_string(),
			oracle_name: text(&a.oracle_name),
			tonnes: a.tonnes,
			evidence: format!("{:?}", H256(a.evidence)),
			at: a.at,
		}
	}
}

impl From<ComplianceRow<Balance>> for ComplianceRowJson {
	fn from(r: ComplianceRow<Balance>) -> Self {
		ComplianceRowJson {
			code: r.code.to_string(),
			name: text(&r.name),
			cap: r.cap,
			bond: r.bond.to_string(),
			verification: r.verification.into(),
			outcome: r.outcome.map(outcome_name),
			penalty: r.penalty.to_string(),
			released: r.released.to_string(),
			transfers_paid: r.transfers_paid.to_string(),
			transfers_refunded: r.transfers_refunded.to_string(),
		}
	}
}

impl From<ComplianceReport<Balance, BlockNumber>> for ComplianceReportJson {
	fn from(r: ComplianceReport<Balance, BlockNumber>) -> Self {
		ComplianceReportJson {
			period: r.period,
			pledge_deadline: r.info.pledge_deadline,
			attestation_deadline: r.info.attestation_deadline,
			challenge_deadline: r.info.challenge_deadline,
			mode: match r.info.terms.mode {
				EnforcementMode::Binding => "Binding",
				EnforcementMode::Facilitative => "Facilitative",
			}
			.to_string(),
			penalty_per_tonne: r.info.terms.penalty_per_tonne.to_string(),
			unverified_forfeit_perbill: r.info.terms.unverified_forfeit.deconstruct(),
			settled: r.settled,
			truncated: r.truncated,
			total_penalty: r.total_penalty.to_string(),
			total_transfers_paid: r.total_transfers_paid.to_string(),
			rows: r.rows.into_iter().map(Into::into).collect(),
		}
	}
}

impl From<FundView<AccountId, Balance>> for FundJson {
	fn from(f: FundView<AccountId, Balance>) -> Self {
		FundJson {
			account: f.account.to_string(),
			balance: f.balance.to_string(),
			spendable: f.spendable.to_string(),
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message.into(), None::<()>)
}

/// Validate a party code as the pallets do: exactly three uppercase ASCII letters.
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

	fn known_party(
		&self,
		at: H256,
		code: PartyCode,
	) -> Result<PartyView<AccountId>, ErrorObjectOwned> {
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
	fn party(&self, code: String, at: Option<H256>) -> RpcResult<PartyJson> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		Ok(self.known_party(at, code)?.into())
	}

	fn pledge(&self, code: String, period: u32, at: Option<H256>) -> RpcResult<Option<PledgeJson>> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		match self.client.runtime_api().pledge(at, code, period).map_err(runtime_error)? {
			Some(pledge) => Ok(Some(pledge.into())),
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
	) -> RpcResult<Vec<AttestationJson>> {
		let code = parse_code(&code)?;
		let at = self.block(at)?;
		self.known_party(at, code)?;
		self.known_period(at, period)?;
		let list =
			self.client.runtime_api().attestations(at, code, period).map_err(runtime_error)?;
		Ok(list.into_iter().map(Into::into).collect())
	}

	fn compliance_report(&self, period: u32, at: Option<H256>) -> RpcResult<ComplianceReportJson> {
		let at = self.block(at)?;
		self.client
			.runtime_api()
			.compliance_report(at, period)
			.map_err(runtime_error)?
			.map(Into::into)
			.ok_or_else(|| unknown_period(period))
	}

	fn climate_fund(&self, at: Option<H256>) -> RpcResult<FundJson> {
		let at = self.block(at)?;
		Ok(self.client.runtime_api().climate_fund(at).map_err(runtime_error)?.into())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use pacta_primitives::{PeriodInfo, PeriodTerms};
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::Perbill;

	const UNIT: Balance = 1_000_000_000_000;

	fn code(s: &str) -> PartyCode {
		PartyCode::try_from(s).unwrap()
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
		];
		codes.sort();
		codes.dedup();
		assert_eq!(codes.len(), 5);
		assert_eq!(unknown_party(code("XYZ")).message(), "unknown party XYZ");
		assert_eq!(unknown_period(1999).message(), "unknown period 1999");
	}

	#[test]
	fn party_json_has_code_and_name_as_text() {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let json = serde_json::to_value(PartyJson::from(PartyView {
			code: code("DEU"),
			name: b"Germany".to_vec(),
			controller: alice.clone(),
		}))
		.unwrap();
		assert_eq!(
			json,
			serde_json::json!({
				"code": "DEU",
				"name": "Germany",
				"controller": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
			})
		);
	}

	#[test]
	fn report_json_has_balances_as_decimal_strings_and_tonnes_as_numbers() {
		// A balance beyond 2^64 and beyond JavaScript's 2^53 comes out exact.
		let big: Balance = 123_456_789 * UNIT * 1_000_000;
		let report = ComplianceReport {
			period: 2030,
			info: PeriodInfo {
				pledge_deadline: 10,
				attestation_deadline: 20,
				challenge_deadline: 30,
				terms: PeriodTerms {
					mode: EnforcementMode::Binding,
					penalty_per_tonne: UNIT,
					unverified_forfeit: Perbill::from_percent(50),
				},
			},
			settled: true,
			rows: vec![ComplianceRow {
				code: code("BRA"),
				name: b"Brazil".to_vec(),
				cap: 1_000,
				bond: big,
				verification: Verification::Verified(1_050),
				outcome: Some(SettlementOutcome::Breached),
				penalty: 50 * UNIT,
				released: big - 50 * UNIT,
				transfers_paid: 0,
				transfers_refunded: 7,
			}],
			truncated: false,
			total_penalty: 50 * UNIT,
			total_transfers_paid: 0,
		};
		let json = serde_json::to_value(ComplianceReportJson::from(report)).unwrap();
		assert_eq!(
			json,
			serde_json::json!({
				"period": 2030,
				"pledgeDeadline": 10,
				"attestationDeadline": 20,
				"challengeDeadline": 30,
				"mode": "Binding",
				"penaltyPerTonne": "1000000000000",
				"unverifiedForfeitPerbill": 500_000_000,
				"settled": true,
				"truncated": false,
				"totalPenalty": "50000000000000",
				"totalTransfersPaid": "0",
				"rows": [{
					"code": "BRA",
					"name": "Brazil",
					"cap": 1000,
					"bond": "123456789000000000000000000",
					"verification": { "status": "Verified", "tonnes": 1050 },
					"outcome": "Breached",
					"penalty": "50000000000000",
					"released": "123456788999950000000000000",
					"transfersPaid": "0",
					"transfersRefunded": "7",
				}],
			})
		);
	}

	#[test]
	fn pledge_json_shows_verification_and_outcome() {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let pledge = PledgeView {
			code: code("IND"),
			period: 2030,
			cap: 500,
			bond: 200 * UNIT,
			owner: bob.clone(),
			submitted_at: 5,
			settled: false,
			verification: Verification::Disputed,
			median: Some(480),
			attestations: 3,
			challenger: Some(bob),
			open_transfers: 1,
			escrowed: 100 * UNIT,
			outcome: None,
		};
		let json = serde_json::to_value(PledgeJson::from(pledge)).unwrap();
		assert_eq!(json["code"], "IND");
		assert_eq!(json["cap"], 500);
		assert_eq!(json["bond"], "200000000000000");
		assert_eq!(
			json["verification"],
			serde_json::json!({ "status": "Disputed", "tonnes": null })
		);
		assert_eq!(json["challenger"], "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
		assert_eq!(json["escrowed"], "100000000000000");
		assert_eq!(json["outcome"], serde_json::Value::Null);

		let outcome = OutcomeJson::from(OutcomeView {
			outcome: SettlementOutcome::Compliant,
			verified: Some(480),
			penalty: 0,
			released: 200 * UNIT,
			transfers: 1,
			transfers_paid: 20 * UNIT,
			transfers_refunded: 80 * UNIT,
			settled_at: 31,
		});
		assert_eq!(
			serde_json::to_value(outcome).unwrap(),
			serde_json::json!({
				"outcome": "Compliant",
				"verified": 480,
				"penalty": "0",
				"released": "200000000000000",
				"transfers": 1,
				"transfersPaid": "20000000000000",
				"transfersRefunded": "80000000000000",
				"settledAt": 31,
			})
		);
	}

	#[test]
	fn attestation_json_has_hex_evidence() {
		let json = serde_json::to_value(AttestationJson::from(AttestationView {
			oracle: Sr25519Keyring::Charlie.to_account_id(),
			oracle_name: b"UNFCCC".to_vec(),
			tonnes: 1_000,
			evidence: [0xab; 32],
			at: 12,
		}))
		.unwrap();
		assert_eq!(json["evidence"], format!("0x{}", "ab".repeat(32)));
		assert_eq!(json["oracleName"], "UNFCCC");
		assert_eq!(json["tonnes"], 1000);
	}

	#[test]
	fn fund_json() {
		let json = serde_json::to_value(FundJson::from(FundView {
			account: Sr25519Keyring::Alice.to_account_id(),
			balance: 1_000_000_000 + 100 * UNIT,
			spendable: 100 * UNIT,
		}))
		.unwrap();
		assert_eq!(json["balance"], "100001000000000");
		assert_eq!(json["spendable"], "100000000000000");
	}
}
