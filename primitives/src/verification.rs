//! [`Verification`]: the state of a party's emissions for a period, as the oracles left it.

use crate::Tonnes;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What is known about a party's emissions in a period. In JSON: `{"status": "Verified",
/// "tonnes": 1050}` (likewise `Published`), or `{"status": "Pending", "tonnes": null}` (likewise
/// `Unverified`, `Disputed`): every state has both keys, so clients read `tonnes` without a key
/// check. Only `Verified` and `Unverified` are final (see [`Verification::is_final`]).
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
	/// A quorum of oracles attested and this value (their median) was published; it is still
	/// open to challenge (its challenge window has not closed), so it is not final yet.
	Published(Tonnes),
	/// The final value: the published value once its challenge window closed unchallenged, the
	/// value the review panel decided, or the published value standing after an undecided
	/// dispute's resolution deadline.
	Verified(Tonnes),
	/// Fewer than a quorum of oracles attested.
	Unverified,
	/// A dispute is open: the review panel has until its resolution deadline to decide; then
	/// the published value stands.
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
			Verification::Published(t) => ("Published", Some(t)),
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
			("Published", Some(t)) => Ok(Verification::Published(t)),
			("Verified", Some(t)) => Ok(Verification::Verified(t)),
			("Unverified", None) => Ok(Verification::Unverified),
			("Disputed", None) => Ok(Verification::Disputed),
			_ => Err("expected a status (Pending, Published, Verified, Unverified, Disputed) with tonnes only when Published or Verified"),
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
