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
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display",
	deserialize = "Balance: core::str::FromStr"
))]
pub struct PeriodTerms<Balance> {
	/// Facilitative or binding.
	pub mode: EnforcementMode,
	/// Penalty per tonne of verified emissions above the cap (binding mode only); what a
	/// breached pledge forfeits is `min(bond, overshoot × penalty_per_tonne)`.
	#[serde(with = "crate::json::decimal")]
	pub penalty_per_tonne: Balance,
	/// Share of the bond forfeited when a pledge ends unverified (binding mode only). In JSON:
	/// `unverifiedForfeitPerbill`, parts per billion.
	#[serde(rename = "unverifiedForfeitPerbill", with = "crate::json::perbill")]
	pub unverified_forfeit: Perbill,
}

/// A period's calendar and terms.
///
/// The deadlines are block numbers in time order:
/// `pledge_deadline < attestation_deadline < reveal_deadline < challenge_deadline`, and the two
/// windows are block counts above zero. What each bounds:
///
/// | field | until it (inclusive) | after it |
/// |---|---|---|
/// | `pledge_deadline` | pledges are submitted; donors cancel conditional transfers | no new pledges |
/// | `attestation_deadline` | oracles attest; pledges are strengthened and topped up; donors create conditional transfers | the reveal window |
/// | `reveal_deadline` | (sealed attestations: oracles reveal committed values) | verification publishes values |
/// | `challenge_deadline` | published values can be challenged | settlement of final values |
///
/// `challenge_window` is the least number of blocks any published value stays open to
/// challenge, counted from the block it was published (so a pledge verified late still gets
/// its window); `resolution_window` is how many blocks the review panel has to decide a
/// dispute once it is opened, after which the published value stands. Until sealed
/// attestations and the disputes pallet land, verification runs after the attestation
/// deadline and the two windows are recorded but not yet enforced; the calendar carries them
/// now so that those changes do not change the calendar's shape.
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
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "Balance: core::fmt::Display, BlockNumber: serde::Serialize",
	deserialize = "Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
))]
pub struct PeriodInfo<Balance, BlockNumber> {
	/// Last block at which a pledge may be submitted.
	pub pledge_deadline: BlockNumber,
	/// Last block at which an oracle may attest (commit, with sealed attestations).
	pub attestation_deadline: BlockNumber,
	/// Last block of the reveal window of sealed attestations.
	pub reveal_deadline: BlockNumber,
	/// Last block at which a published value may be challenged (each value also stays open for
	/// at least `challenge_window` blocks after it was published).
	pub challenge_deadline: BlockNumber,
	/// The least number of blocks a published value stays open to challenge.
	pub challenge_window: BlockNumber,
	/// How many blocks the review panel has to decide a dispute once opened.
	pub resolution_window: BlockNumber,
	/// What happens at settlement.
	#[serde(flatten)]
	pub terms: PeriodTerms<Balance>,
}

impl<Balance, BlockNumber> PeriodInfo<Balance, BlockNumber>
where
	BlockNumber: Copy + PartialOrd + sp_runtime::traits::Zero,
{
	/// Whether the deadlines are in time order and both windows are above zero.
	pub fn is_well_ordered(&self) -> bool {
		self.pledge_deadline < self.attestation_deadline
			&& self.attestation_deadline < self.reveal_deadline
			&& self.reveal_deadline < self.challenge_deadline
			&& !self.challenge_window.is_zero()
			&& !self.resolution_window.is_zero()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn info() -> PeriodInfo<u128, u32> {
		PeriodInfo {
			pledge_deadline: 10,
			attestation_deadline: 20,
			reveal_deadline: 25,
			challenge_deadline: 30,
			challenge_window: 5,
			resolution_window: 7,
			terms: PeriodTerms {
				mode: EnforcementMode::Binding,
				penalty_per_tonne: 1_000_000_000_000,
				unverified_forfeit: Perbill::from_percent(50),
			},
		}
	}

	#[test]
	fn calendar_order_is_checked() {
		assert!(info().is_well_ordered());
		let mut bad = info();
		bad.reveal_deadline = bad.attestation_deadline;
		assert!(!bad.is_well_ordered());
		let mut bad = info();
		bad.challenge_window = 0;
		assert!(!bad.is_well_ordered());
		let mut bad = info();
		bad.resolution_window = 0;
		assert!(!bad.is_well_ordered());
	}

	#[test]
	fn json_is_flat_camel_case_with_balances_as_strings() {
		let json = serde_json::to_value(info()).unwrap();
		assert_eq!(
			json,
			serde_json::json!({
				"pledgeDeadline": 10,
				"attestationDeadline": 20,
				"revealDeadline": 25,
				"challengeDeadline": 30,
				"challengeWindow": 5,
				"resolutionWindow": 7,
				"mode": "Binding",
				"penaltyPerTonne": "1000000000000",
				"unverifiedForfeitPerbill": 500000000,
			})
		);
		assert_eq!(serde_json::from_value::<PeriodInfo<u128, u32>>(json).unwrap(), info());
	}
}
