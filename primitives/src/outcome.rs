//! [`Outcome`] and [`OutcomeRecord`]: how a pledge ended at settlement. `pallet-settlement`
//! stores the record (its audit trail), the runtime API returns it as it is, and the JSON
//! clients read is its `serde` form.

use crate::{Estimate, Tonnes};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// How a pledge ended.
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
pub enum Outcome {
	/// The high end of the final estimate at most the cap: the bond was released.
	Compliant,
	/// The low end of the final estimate above the cap: `min(bond, overshoot ×
	/// penalty_per_tonne)`, the overshoot measured from the low end, was forfeited to the climate
	/// fund (binding periods only), the rest released.
	Breached,
	/// Fewer than a quorum of oracles revealed, none withholding: the period's
	/// `unverified_forfeit` share was forfeited (binding periods only), the rest released.
	Unverified,
	/// Governance cancelled the period before its pledge deadline (a mis-opened period): the
	/// whole bond was released and every conditional transfer refunded to its donor. Nothing
	/// was verified, forfeited or judged.
	Cancelled,
	/// The final estimate straddles the cap (`low ≤ cap < high`): within the oracles'
	/// uncertainty the pledge may or may not have been kept, so neither a penalty nor a
	/// payment: the whole bond was released and every conditional transfer refunded.
	Inconclusive,
	/// The pledge is unverified because oracles committed and did not reveal (fewer than a
	/// quorum revealed, or the median needed a withheld attestation): the whole bond was
	/// forfeited (binding periods only) and every conditional transfer refunded, so that a
	/// party never gains from a friendly oracle's silence. The withholders are slashed too.
	Withheld,
}

/// The settlement record of a pledge: what settlement read and what it moved.
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
pub struct OutcomeRecord<Balance, BlockNumber> {
	/// How the pledge ended.
	pub outcome: Outcome,
	/// The final estimate settlement used (`None` when unverified, withheld or cancelled).
	pub verified: Option<Estimate>,
	/// The pledge's cap when it settled.
	pub cap: Tonnes,
	/// The bond when it settled.
	#[serde(with = "crate::json::decimal")]
	pub bond: Balance,
	/// What of the bond went to the climate fund.
	#[serde(with = "crate::json::decimal")]
	pub forfeited: Balance,
	/// What of the bond went back to its owner.
	#[serde(with = "crate::json::decimal")]
	pub released: Balance,
	/// How many conditional transfers executed with the pledge.
	pub transfers: u32,
	/// What they paid to the party's controller.
	#[serde(with = "crate::json::decimal")]
	pub transfers_paid: Balance,
	/// What they returned to their donors.
	#[serde(with = "crate::json::decimal")]
	pub transfers_refunded: Balance,
	/// The block the pledge settled in.
	pub settled_at: BlockNumber,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn outcomes_are_plain_strings_in_json() {
		for (outcome, text) in [
			(Outcome::Compliant, "Compliant"),
			(Outcome::Breached, "Breached"),
			(Outcome::Unverified, "Unverified"),
			(Outcome::Cancelled, "Cancelled"),
			(Outcome::Inconclusive, "Inconclusive"),
			(Outcome::Withheld, "Withheld"),
		] {
			let json = serde_json::to_value(outcome).unwrap();
			assert_eq!(json, serde_json::json!(text));
			assert_eq!(serde_json::from_value::<Outcome>(json).unwrap(), outcome);
		}
	}

	#[test]
	fn existing_outcomes_keep_their_scale_index() {
		// Stored records decode unchanged: the new variant is appended.
		assert_eq!(Outcome::Compliant.encode(), [0]);
		assert_eq!(Outcome::Unverified.encode(), [2]);
		assert_eq!(Outcome::Cancelled.encode(), [3]);
		assert_eq!(Outcome::Withheld.encode(), [5]);
	}
}
