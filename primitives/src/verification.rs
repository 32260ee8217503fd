//! [`Verification`]: the state of a party's emissions for a period, as the oracles left it.

use crate::Tonnes;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What is known about a party's emissions in a period.
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
pub enum Verification {
	/// The attestation window is open or verification has not run yet.
	Pending,
	/// A quorum of oracles attested; this is the verified value (the median, or a correction).
	Verified(Tonnes),
	/// Fewer than a quorum of oracles attested.
	Unverified,
	/// A challenge is open; settlement waits for governance to resolve it.
	Disputed,
}

impl Verification {
	/// Whether the value is final enough to settle on (`Verified` or `Unverified`).
	pub fn is_final(&self) -> bool {
		matches!(self, Verification::Verified(_) | Verification::Unverified)
	}
}
