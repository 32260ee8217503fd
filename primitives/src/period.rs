//! Reporting periods: [`PeriodId`], [`Tonnes`], the [`PeriodTerms`] that decide consequences,
//! and [`PeriodInfo`], the calendar entry of one period.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// A reporting period, identified by its reporting year (e.g. `2030`).
pub type PeriodId = u32;

/// Whole tonnes of CO2-equivalent. No floats anywhere.
pub type Tonnes = u64;

/// Whether a period's consequences are financial.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum EnforcementMode {
	/// Records and events only, like the Paris Agreement's Art. 15 committee: no penalty.
	Facilitative,
	/// Penalties and forfeits apply.
	Binding,
}

/// The terms of a reporting period, fixed when governance opens it.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct PeriodTerms<Balance> {
	/// Facilitative or binding.
	pub mode: EnforcementMode,
	/// Penalty per tonne of verified emissions above the cap (binding mode only).
	pub penalty_per_tonne: Balance,
	/// Share of the bond forfeited when a pledge ends unverified (binding mode only).
	pub unverified_forfeit: Perbill,
}

/// A period's calendar and terms: `pledge_deadline < attestation_deadline < challenge_deadline`.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct PeriodInfo<BlockNumber, Balance> {
	/// Last block at which a pledge may be submitted.
	pub pledge_deadline: BlockNumber,
	/// Last block at which an oracle may attest; verification runs after it.
	pub attestation_deadline: BlockNumber,
	/// Last block at which a verified value may be challenged; settlement runs after it.
	pub challenge_deadline: BlockNumber,
	/// What happens at settlement.
	pub terms: PeriodTerms<Balance>,
}
