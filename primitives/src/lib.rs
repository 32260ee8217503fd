//! # Pacta primitives
//!
//! The shared vocabulary of the Pacta pallets. Pallets never import each other: they meet
//! through the types and traits defined here, and the runtime wires them together.
//!
//! - [`PartyCode`]: an ISO 3166-1 alpha-3 code (`"DEU"`), `Bytes` on the wire.
//! - [`PeriodId`], [`Tonnes`]: a reporting period (a year) and whole tonnes of CO2e.
//! - [`PeriodTerms`], [`PeriodInfo`], [`EnforcementMode`]: a reporting period's calendar and terms.
//! - [`Verification`]: what the oracles established about a party's emissions in a period.
//! - [`PeriodCalendar`], [`PledgeInspect`], [`PledgeSettle`], [`VerifiedEmissions`],
//!   [`OnPeriodOpened`]: the traits
//!   the pallets implement for each other.
//! - [`runtime_api::PactaApi`]: the runtime API clients read parties, pledges, attestations,
//!   compliance reports and the climate fund through, with its view types.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

mod party_code;
mod period;
pub mod runtime_api;
mod traits;
mod verification;

pub use party_code::{InvalidPartyCode, PartyCode, RawPartyCode, MAX_RAW_PARTY_CODE_LEN};
pub use period::{EnforcementMode, PeriodId, PeriodInfo, PeriodTerms, Tonnes};
pub use runtime_api::{
	AttestationView, ComplianceReport, ComplianceRow, FundView, OutcomeView, PartyView, PledgeView,
	SettlementOutcome,
};
pub use traits::{
	OnPeriodOpened, PeriodCalendar, PledgeInfo, PledgeInspect, PledgeSettle, SettledBond,
	SettledPledges, VerifiedEmissions,
};
pub use verification::Verification;
