//! The runtime API [`PactaApi`]: what ministries, explorers and the node's `pacta_*` JSON-RPC
//! methods read about parties, pledges, attestations, disputes, the review panel, settlement and
//! the climate fund.
//!
//! Lists are paged ([`Page`]: `start_after` a key, `limit` up to [`MAX_PAGE_LIMIT`], `next`), so
//! no read walks a whole period; period totals are kept on chain ([`PeriodTotals`]).
//!
//! ## Versioning
//!
//! No chain is live yet, so the API changes in place. After genesis a change is made the way
//! `sp_api` versions runtime APIs: raise the version with `#[api_version(N)]` on the trait,
//! mark new methods `#[api_version(N)]` and renamed or retyped old ones
//! `#[changed_in(N)]` (keeping the old signature under its old name), and have clients (the
//! node's RPC, the CLI) ask `api.api_version::<dyn PactaApi<..>>(at)` before calling, so that
//! an old block is read with the API it had.
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

/// The most items one page of a paged read returns ([`PactaApi::parties`],
/// [`PactaApi::periods`], [`PactaApi::oracles`], the rows of [`PactaApi::compliance_report`]);
/// a larger `limit` is read as this one.
pub const MAX_PAGE_LIMIT: u32 = 500;

/// One page of a list, in a stable order: its items, and `next`, the key to pass as
/// `start_after` for the next page (`None`: this is the last page). In JSON: `{"items": [...],
/// "next": key or null}`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
pub struct Page<T, Key> {
	/// The items of this page, at most the `limit` asked for (and [`MAX_PAGE_LIMIT`]).
	pub items: Vec<T>,
	/// Where the next page starts after, if there is one.
	pub next: Option<Key>,
}

/// A reporting period: its calendar and terms, and whether governance cancelled it. In JSON the
/// calendar and terms are flattened into the object.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display, BlockNumber: serde::Serialize",
	deserialize = "Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
))]
pub struct PeriodView<Balance, BlockNumber> {
	/// The period.
	pub period: PeriodId,
	/// Its deadlines and terms.
	#[serde(flatten)]
	pub info: PeriodInfo<Balance, BlockNumber>,
	/// Whether governance cancelled it (before its pledge deadline).
	pub cancelled: bool,
}

/// Where an oracle stands in the registry.
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
pub enum OracleState {
	/// Applied, waiting for governance's approval.
	Applied,
	/// Approved: may commit.
	Approved,
	/// Approved, but its bond fell below the minimum: may not commit until it tops up.
	Suspended,
	/// Removed by governance.
	Removed,
}

/// An oracle of the registry.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr"
))]
pub struct OracleView<AccountId, Balance> {
	/// The oracle's account.
	pub account: AccountId,
	/// Its registered name (UTF-8).
	#[serde(with = "crate::json::text")]
	pub name: Vec<u8>,
	/// Its bond now (posted bond minus slashes plus top-ups).
	#[serde(with = "crate::json::decimal")]
	pub bond: Balance,
	/// Where it stands.
	pub state: OracleState,
	/// How many values it attested are not final yet (it may retire only at zero).
	pub unfinal: u32,
}

/// What a conditional transfer pays on. In JSON: `{"kind": "PledgeMet"}`,
/// `{"kind": "EmissionsAtMost", "tonnes": T}` or `{"kind": "PerTonneBelowCap", "rate": "R"}`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(tag = "kind")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display",
	deserialize = "Balance: core::str::FromStr"
))]
pub enum ConditionView<Balance> {
	/// The whole amount if the high end of the final estimate is at most the cap.
	PledgeMet,
	/// The whole amount if the high end of the final estimate is at most `tonnes`.
	EmissionsAtMost {
		/// The threshold.
		tonnes: Tonnes,
	},
	/// `rate` per tonne of the high end below the cap, up to the amount.
	PerTonneBelowCap {
		/// Paid per tonne.
		#[serde(with = "crate::json::decimal")]
		rate: Balance,
	},
}

/// A conditional transfer still escrowed for a pledge.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display",
	deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr"
))]
pub struct TransferView<AccountId, Balance> {
	/// Its id (what `cancel_conditional_transfer` takes).
	pub id: u64,
	/// The donor.
	pub donor: AccountId,
	/// What it pays on.
	pub condition: ConditionView<Balance>,
	/// The amount escrowed.
	#[serde(with = "crate::json::decimal")]
	pub amount: Balance,
}

/// A period's totals, kept on chain as pledges are made and settle (never recomputed over the
/// pledges): what a report page carries whatever rows it lists.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display",
	deserialize = "Balance: core::str::FromStr"
))]
pub struct PeriodTotals<Balance> {
	/// How many pledges were made.
	pub pledges: u32,
	/// The sum of their current caps, in tonnes.
	pub caps: Tonnes,
	/// The sum of their current bonds.
	#[serde(with = "crate::json::decimal")]
	pub bonds: Balance,
	/// How many settled, by outcome.
	pub compliant: u32,
	/// Settled `Breached`.
	pub breached: u32,
	/// Settled `Unverified`.
	pub unverified: u32,
	/// Settled `Inconclusive`.
	pub inconclusive: u32,
	/// Settled `Withheld`.
	pub withheld: u32,
	/// Settled `Cancelled`.
	pub cancelled: u32,
	/// The sum of the final values (`tonnes` of the estimates) of the settled verified pledges.
	pub verified_tonnes: Tonnes,
	/// What settlement forfeited to the climate fund.
	#[serde(with = "crate::json::decimal")]
	pub forfeited: Balance,
	/// What settlement released to bond owners.
	#[serde(with = "crate::json::decimal")]
	pub released: Balance,
	/// What conditional transfers paid to parties.
	#[serde(with = "crate::json::decimal")]
	pub transfers_paid: Balance,
	/// What conditional transfers returned to donors.
	#[serde(with = "crate::json::decimal")]
	pub transfers_refunded: Balance,
}

impl<Balance> PeriodTotals<Balance> {
	/// How many pledges settled, whatever the outcome.
	pub fn settled(&self) -> u32 {
		self.compliant
			.saturating_add(self.breached)
			.saturating_add(self.unverified)
			.saturating_add(self.inconclusive)
			.saturating_add(self.withheld)
			.saturating_add(self.cancelled)
	}
}

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
	/// The whole period's totals (not only this page's rows).
	pub totals: PeriodTotals<Balance>,
	/// A row per pledge of this page, in the order settlement walks them.
	pub rows: Vec<ComplianceRow<Balance>>,
	/// The party to pass as `start_after` for the next page (`None`: the last page).
	pub next: Option<PartyCode>,
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
		/// A page of a period's compliance report: the period's calendar and totals and the rows
		/// of up to `limit` pledges after `start_after` (`None` if the period was never opened).
		fn compliance_report(period: PeriodId, start_after: Option<PartyCode>, limit: u32) -> Option<ComplianceReport<Balance, BlockNumber>>;
		/// A page of the registered parties, after `start_after`.
		fn parties(start_after: Option<PartyCode>, limit: u32) -> Page<PartyView<AccountId>, PartyCode>;
		/// A page of the opened periods, after `start_after`.
		fn periods(start_after: Option<PeriodId>, limit: u32) -> Page<PeriodView<Balance, BlockNumber>, PeriodId>;
		/// A page of the oracle registry, after `start_after`.
		fn oracles(start_after: Option<AccountId>, limit: u32) -> Page<OracleView<AccountId, Balance>, AccountId>;
		/// The conditional transfers still escrowed for a pledge (at most
		/// `MaxTransfersPerPledge`).
		fn transfers(code: PartyCode, period: PeriodId) -> Vec<TransferView<AccountId, Balance>>;
		/// The climate fund's account and balance.
		fn climate_fund() -> FundView<AccountId, Balance>;
	}
}
