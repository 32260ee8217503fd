//! [`Verification`]: the state of a party's emissions for a period, as the oracles left it.

use crate::Tonnes;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What is known about a party's emissions in a period. In JSON: `{"status": "Verified",
/// "tonnes": 1050}`, or `{"status": "Pending", "tonnes": null}` (and likewise `Unverified`,
/// `Disputed`): every state has both keys, so clients read `tonnes` without a key check.
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
#[serde(into = "VerificationJson", try_from = "VerificationJson")]
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

/// The JSON form of [`Verification`].
#[derive(serde::Serialize, serde::Deserialize)]
struct VerificationJson {
	status: alloc::string::String,
	tonnes: Option<Tonnes>,
}

impl From<Verification> for VerificationJson {
	fn from(v: Verification) -> Self {
		let (status, tonnes) = match v {
			Verification::Pending => ("Pending", None),
			Verification::Verified(t) => ("Verified", Some(t)),
			Verification::Unverified => ("Unverified", None),
			Verification::Disputed => ("Disputed", None),
		};
		VerificationJson { status: status.into(), tonnes }
	}
}

impl TryFrom<VerificationJson> for Verification {
	type Error = &'static str;

	fn try_from(json: VerificationJson) -> Result<Self, Self::Error> {
		match (json.status.as_str(), json.tonnes) {
			("Pending", None) => Ok(Verification::Pending),
			("Verified", Some(t)) => Ok(Verification::Verified(t)),
			("Unverified", None) => Ok(Verification::Unverified),
			("Disputed", None) => Ok(Verification::Disputed),
			_ => Err("expected a status (Pending, Verified, Unverified, Disputed) with tonnes only when Verified"),
		}
	}
}

impl Verification {
	/// Whether the value is final enough to settle on (`Verified` or `Unverified`).
	pub fn is_final(&self) -> bool {
		matches!(self, Verification::Verified(_) | Verification::Unverified)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn json_has_status_and_tonnes() {
		let json = serde_json::to_value(Verification::Verified(1_050)).unwrap();
		assert_eq!(json, serde_json::json!({ "status": "Verified", "tonnes": 1050 }));
		assert_eq!(
			serde_json::to_value(Verification::Pending).unwrap(),
			serde_json::json!({ "status": "Pending", "tonnes": null })
		);
		assert_eq!(
			serde_json::from_value::<Verification>(json).unwrap(),
			Verification::Verified(1_050)
		);
		let bad = serde_json::json!({ "status": "Pending", "tonnes": 3 });
		assert!(serde_json::from_value::<Verification>(bad).is_err());
	}
}
