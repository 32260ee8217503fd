//! [`Verification`]: the state of a party's emissions for a period, as the oracles left it.

use crate::{Estimate, Tonnes};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What is known about a party's emissions in a period. In JSON: `{"status": "Verified",
/// "tonnes": 1050, "low": 1000, "high": 1100}` (likewise `Published`), or `{"status": "Pending",
/// "tonnes": null, "low": null, "high": null}` (likewise `Unverified`, `Withheld`, `Disputed`):
/// every state has all four keys, so clients read them without a key check. Only `Verified`,
/// `Unverified` and `Withheld` are final (see [`Verification::is_final`]).
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
	/// The attestation or reveal window is open, or verification has not run yet.
	Pending,
	/// A quorum of oracles revealed and this estimate (their median, with its interval) was
	/// published; it is still open to challenge (its challenge window has not closed), so it
	/// is not final yet.
	Published(Estimate),
	/// The final value: the published value once its challenge window closed unchallenged, the
	/// value the review panel decided, or the published value standing after an undecided
	/// dispute's resolution deadline. A value the panel decided has no width.
	Verified(Estimate),
	/// Fewer than a quorum of oracles revealed, and none withheld.
	Unverified,
	/// Unverified because oracles committed and did not reveal (see
	/// [`Outcome::Withheld`](crate::Outcome::Withheld)).
	Withheld,
	/// A dispute is open: the review panel has until its resolution deadline to decide; then
	/// the published value stands.
	Disputed,
}

/// The JSON form of [`Verification`].
#[derive(serde::Serialize, serde::Deserialize)]
struct VerificationJson {
	status: alloc::string::String,
	tonnes: Option<Tonnes>,
	low: Option<Tonnes>,
	high: Option<Tonnes>,
}

impl From<Verification> for VerificationJson {
	fn from(v: Verification) -> Self {
		let (status, estimate) = match v {
			Verification::Pending => ("Pending", None),
			Verification::Published(e) => ("Published", Some(e)),
			Verification::Verified(e) => ("Verified", Some(e)),
			Verification::Unverified => ("Unverified", None),
			Verification::Withheld => ("Withheld", None),
			Verification::Disputed => ("Disputed", None),
		};
		VerificationJson {
			status: status.into(),
			tonnes: estimate.map(|e| e.tonnes),
			low: estimate.map(|e| e.low),
			high: estimate.map(|e| e.high),
		}
	}
}

impl TryFrom<VerificationJson> for Verification {
	type Error = &'static str;

	fn try_from(json: VerificationJson) -> Result<Self, Self::Error> {
		let estimate =
			match (json.tonnes, json.low, json.high) {
				(Some(tonnes), Some(low), Some(high)) if low <= tonnes && tonnes <= high => {
					Some(Estimate { tonnes, low, high })
				}
				(None, None, None) => None,
				_ => return Err(
					"expected tonnes, low and high all null or all set with low <= tonnes <= high",
				),
			};
		match (json.status.as_str(), estimate) {
			("Pending", None) => Ok(Verification::Pending),
			("Published", Some(e)) => Ok(Verification::Published(e)),
			("Verified", Some(e)) => Ok(Verification::Verified(e)),
			("Unverified", None) => Ok(Verification::Unverified),
			("Withheld", None) => Ok(Verification::Withheld),
			("Disputed", None) => Ok(Verification::Disputed),
			_ => Err("expected a status (Pending, Published, Verified, Unverified, Withheld, Disputed) with tonnes only when Published or Verified"),
		}
	}
}

impl Verification {
	/// Whether the value is final enough to settle on (`Verified`, `Unverified` or `Withheld`).
	pub fn is_final(&self) -> bool {
		matches!(
			self,
			Verification::Verified(_) | Verification::Unverified | Verification::Withheld
		)
	}

	/// The estimate, when there is one (`Published` or `Verified`).
	pub fn estimate(&self) -> Option<Estimate> {
		match self {
			Verification::Published(e) | Verification::Verified(e) => Some(*e),
			_ => None,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn json_has_status_and_tonnes() {
		let verified = Verification::Verified(Estimate { tonnes: 1_050, low: 1_000, high: 1_100 });
		let json = serde_json::to_value(verified).unwrap();
		assert_eq!(
			json,
			serde_json::json!({ "status": "Verified", "tonnes": 1050, "low": 1000, "high": 1100 })
		);
		assert_eq!(
			serde_json::to_value(Verification::Withheld).unwrap(),
			serde_json::json!({ "status": "Withheld", "tonnes": null, "low": null, "high": null })
		);
		assert_eq!(serde_json::from_value::<Verification>(json).unwrap(), verified);
		let bad = serde_json::json!({ "status": "Pending", "tonnes": 3, "low": 3, "high": 3 });
		assert!(serde_json::from_value::<Verification>(bad).is_err());
		let unordered =
			serde_json::json!({ "status": "Verified", "tonnes": 3, "low": 4, "high": 5 });
		assert!(serde_json::from_value::<Verification>(unordered).is_err());
	}
}
