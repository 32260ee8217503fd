//! # Pacta primitives
//!
//! The shared vocabulary of the Pacta pallets. Pallets never import each other: they meet
//! through the types and traits defined here, and the runtime wires them together.
//!
//! - [`PartyCode`]: an ISO 3166-1 alpha-3 code (`"DEU"`), `Bytes` on the wire.
//! - [`PeriodId`], [`Tonnes`]: a reporting period (a year) and whole tonnes of CO2e.
//! - [`PeriodTerms`], [`PeriodInfo`], [`EnforcementMode`]: a reporting period's calendar and terms.
//! - [`Verification`]: what the oracles established about a party's emissions in a period.
//! - [`Outcome`], [`OutcomeRecord`]: how a pledge ended at settlement.
//! - [`Reading`], [`commitment`], [`Estimate`]: sealed attestations and the verified interval.
//! - [`PeriodCalendar`], [`PledgeInspect`], [`PledgeSettle`], [`SettledPledges`],
//!   [`VerifiedEmissions`], [`PublishedValues`], [`OnFinalValue`], [`OnPeriodOpened`]: the traits
//!   the pallets implement for each other.
//! - [`runtime_api::PactaApi`]: the runtime API clients read parties, pledges, attestations,
//!   compliance reports and the climate fund through, with its view types; [`json`] says how
//!   they look in JSON.
//!
//! ## Terms
//!
//! One name per concept, used unchanged in the pallets, the runtime API, the JSON-RPC answers,
//! the docs, the tests and the events.
//!
//! | term | meaning |
//! |---|---|
//! | **party** | a state, keyed by its [`PartyCode`]; has a name and one **controller** account |
//! | **controller** | the account (a ministry's key, multisig or proxy) acting for a party |
//! | **period** | a reporting period, a [`PeriodId`] (its year), opened by governance with its [`PeriodInfo`] |
//! | **calendar** | a period's deadlines and windows, in time order (see [`PeriodInfo`]) |
//! | **terms** | a period's [`PeriodTerms`]: enforcement mode, `penalty_per_tonne`, `unverified_forfeit` |
//! | **pledge** | a party's emissions **cap** (in [`Tonnes`]) for a period, with a **bond** held behind it |
//! | **ratchet** | the rule that a pledge may not be weaker than the party's pledges for earlier periods |
//! | **oracle** | a bonded account approved by governance that attests emissions |
//! | **attestation** | an oracle's sealed **reading** of a party's emissions in a period: a **commitment** until the attestation deadline, revealed in the **reveal window** |
//! | **reading** | what an attestation reveals ([`Reading`]): tonnes, the **half-width** of its uncertainty, and an **evidence** hash |
//! | **commitment** | `blake2_256` of a reading with a secret salt ([`commitment`]); replaceable until the attestation deadline |
//! | **reveal window** | after the attestation deadline up to the reveal deadline: oracles reveal the readings they committed |
//! | **withheld** | an attestation committed and not revealed: not counted, stands above every value in the median, its oracle slashed **withhold slash** |
//! | **estimate** | a verified value with its interval ([`Estimate`]): `low ≤ tonnes ≤ high`; penalties read `low`, payments `high` |
//! | **verification** | the [`Verification`] of a pledge: its verified value (median of a **quorum**) or `Unverified` |
//! | **published** | a verification result is published when verification has run ([`Publication`]); it can then be challenged for its **challenge window** |
//! | **challenge** | a bonded **claim** (a value and an evidence hash) that a published value is wrong; anyone may challenge |
//! | **claim** | one claimed value of a dispute, with its **backers** (the challengers who claimed that value) and their bonds |
//! | **dispute** | the challenges of one pledge, heard together; decided by the review panel or timed out at its **resolution deadline** |
//! | **review panel** | experts appointed by governance (not the council); its **eligible** members (not affiliated with the party, not oracles of the value, not challengers) vote |
//! | **affiliation** | a party code a panel member declared; an affiliated member does not vote on that party's disputes |
//! | **final** | a verification that can no longer change ([`Verification::is_final`]); settlement reads it, oracles are judged against it |
//! | **settlement** | the automatic end of a pledge once final: its [`Outcome`] and [`OutcomeRecord`] |
//! | **outcome** | `Compliant`, `Breached`, `Unverified`, `Cancelled`, `Inconclusive` (the final interval straddles the cap) or `Withheld` ([`Outcome`]); nothing else is called an outcome |
//! | **cancelled** | a period governance cancelled before its pledge deadline (a mis-opened period): every bond and escrow of it is refunded, its pledges settle as `Cancelled`; after the pledge deadline nothing cancels or amends a period |
//! | **forfeited** | the share of a bond paid to the climate fund at settlement (the penalty of a breach, or the unverified share) |
//! | **released** | the share of a bond returned to its owner at settlement |
//! | **conditional transfer** | a donor's escrow for a party and period, paid by a **condition** at settlement |
//! | **escrow** | funds a donor holds in conditional transfers |
//! | **climate fund** | the keyless account receiving forfeited bonds and slashes, spent by governance |
//! | **slash** | what an oracle loses from its bond for an attestation outside the tolerance of the final value (`OracleSlash`) or withheld (`WithholdSlash`, more) |
//! | **governance** | Root or two thirds of the council of parties |

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod json;
mod outcome;
mod party_code;
mod period;
pub mod runtime_api;
mod sealed;
mod traits;
mod verification;

pub use outcome::{Outcome, OutcomeRecord};
pub use party_code::{InvalidPartyCode, PartyCode, RawPartyCode, MAX_RAW_PARTY_CODE_LEN};
pub use period::{EnforcementMode, PeriodId, PeriodInfo, PeriodTerms, Tonnes};
pub use runtime_api::{
	AttestationView, BackerView, ClaimView, ComplianceReport, ComplianceRow, ConditionView,
	DisputeState, DisputeView, FundView, OracleState, OracleView, Page, PanelMemberView, PartyView,
	PeriodTotals, PeriodView, PledgeView, TransferView, MAX_PAGE_LIMIT,
};
pub use sealed::{commitment, Estimate, Reading, COMMITMENT_DOMAIN};
pub use traits::{
	OnFinalValue, OnPeriodOpened, PeriodCalendar, PledgeInfo, PledgeInspect, PledgeSettle,
	Publication, PublishedValues, SettledBond, SettledPledges, VerifiedEmissions,
};
pub use verification::Verification;
