//! The runtime API [`PactaApi`]: what ministries, explorers and the node's `pacta_*` JSON-RPC
//! methods read about parties, pledges, attestations, disputes, the review panel, settlement and
//! the climate fund.
//!
//! The view types are plain records, generic over the runtime's `AccountId`, `Balance` and
//! `BlockNumber`. They are SCALE-encoded between the runtime and the node, and their `serde`
//! form *is* the JSON the node's RPC returns (there is no second definition): camelCase field
//! names, party codes and names as text, tonnes and block numbers as numbers, balances as
//! decimal strings, accounts as SS58 strings, hashes as `0x`-hex (see [`crate::json`]).

use crate::{
	Estimate, Outcome, OutcomeRecord, PartyCode, PeriodId, PeriodInfo, Reading, Tonnes,
	Verification,
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

/// The most rows [`PactaApi::compliance_report`] returns; a period with more pledges is
/// reported up to this many and marked `truncated`.
pub const MAX_REPORT_ROWS: u32 = 2_000;

/// How many pledges the report reads per page while walking a period.
pub const REPORT_PAGE_SIZE: u32 = 100;

/// A registered party.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct PartyView<AccountId> {
	/// The ISO 3166-1 alpha-3 code.
	pub code: PartyCode,
	/// The display name (UTF-8).
	#[serde(with = "crate::json::text")]
	pub name: Vec<u8>,
	/// The ministry account acting for the party.
	pub controller: AccountId,
}

/// A party's pledge for a period, with what the oracles and settlement made of it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
))]
pub struct PledgeView<AccountId, Balance, BlockNumber> {
	/// The party.
	pub code: PartyCode,
	/// The period.
	pub period: PeriodId,
	/// The current cap in tonnes CO2e.
	pub cap: Tonnes,
	/// The bond (held until settlement).
	#[serde(with = "crate::json::decimal")]
	pub bond: Balance,
	/// The account holding the bond.
	pub owner: AccountId,
	/// The block the pledge was submitted in.
	pub submitted_at: BlockNumber,
	/// Whether the pledge has settled (settlement's outcome record exists).
	pub settled: bool,
	/// Where its value stands: `Pending`, `Published(t)`, `Disputed`, `Verified(t)` (final) or
	/// `Unverified` (final).
	pub verification: Verification,
	/// The published estimate (median of a quorum of revealed readings, with its interval), if
	/// there is one (the final value may differ after a dispute).
	pub published: Option<Estimate>,
	/// How many attestations were committed.
	pub attestations: u32,
	/// How many distinct values its dispute claims (0: never challenged); see
	/// [`PactaApi::dispute`].
	pub claims: u32,
	/// How many conditional transfers are still open (escrowed) for the pledge.
	pub open_transfers: u32,
	/// What they escrow in total.
	#[serde(with = "crate::json::decimal")]
	pub escrowed: Balance,
	/// How the pledge settled, once it has.
	pub outcome: Option<OutcomeRecord<Balance, BlockNumber>>,
}

/// One oracle's attestation of a party's emissions in a period.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct AttestationView<AccountId, BlockNumber> {
	/// The oracle.
	pub oracle: AccountId,
	/// The oracle's registered name (UTF-8; empty if it has retired).
	#[serde(with = "crate::json::text")]
	pub oracle_name: Vec<u8>,
	/// The commitment sealing the reading.
	#[serde(with = "crate::json::hex32")]
	pub commitment: [u8; 32],
	/// The block of the oracle's latest commit.
	pub at: BlockNumber,
	/// The reading, once revealed (`null` while sealed, and after the reveal deadline when
	/// withheld): nothing of the value or its evidence is shown before the oracle reveals it.
	pub reading: Option<Reading>,
}

/// One row of a compliance report: a pledge and its consequences.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display",
	deserialize = "Balance: core::str::FromStr"
))]
pub struct ComplianceRow<Balance> {
	/// The party.
	pub code: PartyCode,
	/// The party's display name (UTF-8).
	#[serde(with = "crate::json::text")]
	pub name: Vec<u8>,
	/// The cap in tonnes CO2e.
	pub cap: Tonnes,
	/// The bond.
	#[serde(with = "crate::json::decimal")]
	pub bond: Balance,
	/// The verification state.
	pub verification: Verification,
	/// How the pledge settled (`None` while it has not).
	pub outcome: Option<Outcome>,
	/// What of the bond was forfeited to the climate fund (zero until settled).
	#[serde(with = "crate::json::decimal")]
	pub forfeited: Balance,
	/// What of the bond was released (zero until settled).
	#[serde(with = "crate::json::decimal")]
	pub released: Balance,
	/// What conditional transfers paid to the party (zero until settled).
	#[serde(with = "crate::json::decimal")]
	pub transfers_paid: Balance,
	/// What conditional transfers returned to donors (zero until settled).
	#[serde(with = "crate::json::decimal")]
	pub transfers_refunded: Balance,
}

/// A period's compliance report: its calendar and terms, and a row per pledge. In JSON the
/// calendar and terms are flattened into the report object.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display, BlockNumber: serde::Serialize",
	deserialize = "Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
))]
pub struct ComplianceReport<Balance, BlockNumber> {
	/// The period.
	pub period: PeriodId,
	/// Its deadlines and terms.
	#[serde(flatten)]
	pub info: PeriodInfo<Balance, BlockNumber>,
	/// Whether every pledge of the period has settled and the period left the schedule.
	pub settled: bool,
	/// A row per pledge, in the order settlement walks them.
	pub rows: Vec<ComplianceRow<Balance>>,
	/// Whether the period has more than [`MAX_REPORT_ROWS`] pledges and only that many are listed.
	pub truncated: bool,
	/// The sum of the rows' `forfeited`.
	#[serde(with = "crate::json::decimal")]
	pub total_forfeited: Balance,
	/// The sum of what the rows' conditional transfers paid.
	#[serde(with = "crate::json::decimal")]
	pub total_transfers_paid: Balance,
}

/// Where a dispute stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DisputeState {
	/// Open: claims until the challenge closes, votes until the resolution deadline.
	Open,
	/// The review panel decided `decided` by two thirds of the eligible members: final.
	Decided,
	/// The resolution deadline passed undecided: the published value stands (final); the
	/// bonds are paid out when the pledge settles.
	TimedOut,
	/// The pledge settled on `final` and the bonds were paid out.
	Closed,
}

/// One challenger behind a claim.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr"
))]
pub struct BackerView<AccountId, Balance> {
	/// The challenger.
	pub account: AccountId,
	/// Its bond on the claim.
	#[serde(with = "crate::json::decimal")]
	pub bond: Balance,
	/// The hash of its evidence.
	#[serde(with = "crate::json::hex32")]
	pub evidence: [u8; 32],
}

/// One claimed value of a dispute.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr"
))]
pub struct ClaimView<AccountId, Balance> {
	/// The claimed value.
	pub tonnes: Tonnes,
	/// The sum of its backers' bonds.
	#[serde(with = "crate::json::decimal")]
	pub bond: Balance,
	/// Its backers.
	pub backers: Vec<BackerView<AccountId, Balance>>,
	/// The votes it has from eligible, unaffiliated members.
	pub votes: u32,
}

/// A dispute: the challenges of one pledge, heard together by the review panel.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
))]
pub struct DisputeView<AccountId, Balance, BlockNumber> {
	/// The party.
	pub code: PartyCode,
	/// The period.
	pub period: PeriodId,
	/// Where it stands.
	pub state: DisputeState,
	/// The published value (always a candidate).
	pub published: Tonnes,
	/// The votes for the published value.
	pub published_votes: u32,
	/// The panel's decision, once decided.
	pub decided: Option<Tonnes>,
	/// The final value, once the pledge settled.
	#[serde(rename = "final")]
	pub final_value: Option<Tonnes>,
	/// The block of the first challenge.
	pub opened_at: BlockNumber,
	/// The resolution deadline: undecided after it, the published value stands.
	pub deadline: BlockNumber,
	/// The members who may vote (fixed when it opened; challengers removed).
	pub eligible: Vec<AccountId>,
	/// The fewest eligible members for the panel to vote at all (set at genesis).
	pub min_eligible: u32,
	/// The votes a candidate needs: two thirds of the eligible members, rounded up.
	pub threshold: u32,
	/// The claims.
	pub claims: Vec<ClaimView<AccountId, Balance>>,
	/// Who voted for what.
	pub votes: Vec<(AccountId, Tonnes)>,
}

/// A member of the review panel.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct PanelMemberView<AccountId> {
	/// The member's account.
	pub account: AccountId,
	/// The parties it declared an affiliation with (it does not vote on their disputes).
	pub affiliations: Vec<PartyCode>,
}

/// The climate fund.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr"
))]
pub struct FundView<AccountId, Balance> {
	/// The fund's keyless account.
	pub account: AccountId,
	/// Its total balance.
	#[serde(with = "crate::json::decimal")]
	pub balance: Balance,
	/// What governance can spend (the balance above the existential deposit).
	#[serde(with = "crate::json::decimal")]
	pub spendable: Balance,
}

sp_api::decl_runtime_apis! {
	/// Read access to Pacta's state for clients: parties, pledges, attestations, compliance
	/// reports and the climate fund. Each method reads the state of the block it is called at.
	pub trait PactaApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A registered party.
		fn party(code: PartyCode) -> Option<PartyView<AccountId>>;
		/// A reporting period's calendar and terms, if governance opened it.
		fn period(period: PeriodId) -> Option<PeriodInfo<Balance, BlockNumber>>;
		/// A party's pledge for a period.
		fn pledge(code: PartyCode, period: PeriodId) -> Option<PledgeView<AccountId, Balance, BlockNumber>>;
		/// The attestations of a party's emissions in a period.
		fn attestations(code: PartyCode, period: PeriodId) -> Vec<AttestationView<AccountId, BlockNumber>>;
		/// The dispute of a party's value in a period, if it was ever challenged.
		fn dispute(code: PartyCode, period: PeriodId) -> Option<DisputeView<AccountId, Balance, BlockNumber>>;
		/// The review panel's members and their affiliations.
		fn review_panel() -> Vec<PanelMemberView<AccountId>>;
		/// A period's compliance report (`None` if the period was never opened).
		fn compliance_report(period: PeriodId) -> Option<ComplianceReport<Balance, BlockNumber>>;
		/// The climate fund's account and balance.
		fn climate_fund() -> FundView<AccountId, Balance>;
	}
}
