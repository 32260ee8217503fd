//! [`PartyCode`]: the validated ISO 3166-1 alpha-3 code that keys a party.
//!
//! On the wire (SCALE) and in metadata a code is plain `Bytes` (`Vec<u8>`), so that
//! polkadot.js apps shows it and accepts it as text (`"DEU"`). Calls take the looser
//! [`RawPartyCode`] and validate it with [`PartyCode::try_from`], so a bad code is refused with
//! a named error instead of an undecodable extrinsic.

use alloc::vec::Vec;
use codec::{
	Compact, Decode, DecodeWithMemTracking, Encode, Error as CodecError, Input, MaxEncodedLen,
	Output,
};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::{Type, TypeInfo};

/// The longest raw code a call accepts before validation (anything longer fails to decode).
pub const MAX_RAW_PARTY_CODE_LEN: u32 = 32;

/// A party code as sent in a call, before validation: at most [`MAX_RAW_PARTY_CODE_LEN`] bytes.
pub type RawPartyCode = BoundedVec<u8, ConstU32<MAX_RAW_PARTY_CODE_LEN>>;

/// The error of [`PartyCode::try_from`]: the bytes are not exactly three uppercase ASCII letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidPartyCode;

/// An ISO 3166-1 alpha-3 party code: exactly three uppercase ASCII letters (`DEU`, `BRA`).
///
/// It can only be built through validation, so holding one proves it is well-formed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartyCode([u8; 3]);

impl PartyCode {
	/// The three letters as bytes.
	pub fn as_bytes(&self) -> &[u8] {
		&self.0
	}

	/// The code as text (always valid ASCII).
	pub fn as_str(&self) -> &str {
		// Only uppercase ASCII letters can be stored, so this never fails.
		core::str::from_utf8(&self.0).unwrap_or("???")
	}

	/// The `index`-th code in the order `AAA`, `AAB`, …, `ZZZ` (wrapping after 17,576): many
	/// distinct parties for tests, benchmarks and load scripts. Always valid, never panics.
	pub fn from_index(index: u32) -> Self {
		// `n % 26 < 26`, so the letter stays within `A..=Z`.
		let letter = |n: u32| b'A' + (n % 26) as u8;
		PartyCode([letter(index / 676), letter(index / 26), letter(index)])
	}

	/// The code as a [`RawPartyCode`], the form calls take.
	pub fn to_raw(&self) -> RawPartyCode {
		// Three bytes always fit in the bound of 32.
		BoundedVec::truncate_from(self.0.to_vec())
	}
}

impl TryFrom<&[u8]> for PartyCode {
	type Error = InvalidPartyCode;

	fn try_from(bytes: &[u8]) -> Result<Self, Self::Error> {
		match bytes {
			[a, b, c] if bytes.iter().all(u8::is_ascii_uppercase) => Ok(PartyCode([*a, *b, *c])),
			_ => Err(InvalidPartyCode),
		}
	}
}

impl TryFrom<&str> for PartyCode {
	type Error = InvalidPartyCode;

	fn try_from(text: &str) -> Result<Self, Self::Error> {
		PartyCode::try_from(text.as_bytes())
	}
}

impl TryFrom<&RawPartyCode> for PartyCode {
	type Error = InvalidPartyCode;

	fn try_from(raw: &RawPartyCode) -> Result<Self, Self::Error> {
		PartyCode::try_from(raw.as_slice())
	}
}

impl core::fmt::Debug for PartyCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "PartyCode({})", self.as_str())
	}
}

impl core::fmt::Display for PartyCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(self.as_str())
	}
}

impl Encode for PartyCode {
	fn size_hint(&self) -> usize {
		4
	}

	fn encode_to<T: Output + ?Sized>(&self, dest: &mut T) {
		// Exactly the encoding of a `Vec<u8>` of length three.
		Compact(3u32).encode_to(dest);
		dest.write(&self.0);
	}
}

impl codec::EncodeLike for PartyCode {}

impl Decode for PartyCode {
	fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
		let len = Compact::<u32>::decode(input)?.0;
		if len != 3 {
			return Err("party code must be three bytes".into());
		}
		let mut bytes = [0u8; 3];
		input.read(&mut bytes)?;
		PartyCode::try_from(&bytes[..])
			.map_err(|_| "party code must be three uppercase ASCII letters".into())
	}
}

impl DecodeWithMemTracking for PartyCode {}

impl MaxEncodedLen for PartyCode {
	fn max_encoded_len() -> usize {
		4
	}
}

impl TypeInfo for PartyCode {
	// Registered as `Vec<u8>` so that clients see `Bytes` and show the code as text.
	type Identity = Vec<u8>;

	fn type_info() -> Type {
		<Vec<u8> as TypeInfo>::type_info()
	}
}

impl serde::Serialize for PartyCode {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(self.as_str())
	}
}

impl<'de> serde::Deserialize<'de> for PartyCode {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = <alloc::string::String as serde::Deserialize>::deserialize(deserializer)?;
		PartyCode::try_from(text.as_str()).map_err(|_| {
			serde::de::Error::custom("a party code is exactly three uppercase ASCII letters")
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accepts_three_uppercase_letters() {
		let code = PartyCode::try_from("DEU").unwrap();
		assert_eq!(code.as_str(), "DEU");
		assert_eq!(code.as_bytes(), b"DEU");
		assert_eq!(format!("{code}"), "DEU");
	}

	#[test]
	fn rejects_everything_else() {
		for bad in ["", "DE", "DEUT", "deu", "De1", "D U", "ÄÖÜ", "DE\0"] {
			assert_eq!(PartyCode::try_from(bad), Err(InvalidPartyCode), "{bad:?}");
		}
	}

	#[test]
	fn encodes_exactly_like_bytes() {
		let code = PartyCode::try_from("BRA").unwrap();
		assert_eq!(code.encode(), b"BRA".to_vec().encode());
		assert_eq!(code.encode().len(), PartyCode::max_encoded_len());
		assert_eq!(PartyCode::decode(&mut &b"BRA".to_vec().encode()[..]), Ok(code));
	}

	#[test]
	fn decoding_validates() {
		assert!(PartyCode::decode(&mut &b"bra".to_vec().encode()[..]).is_err());
		assert!(PartyCode::decode(&mut &b"BRAZ".to_vec().encode()[..]).is_err());
		assert!(PartyCode::decode(&mut &b"BR".to_vec().encode()[..]).is_err());
	}

	#[test]
	fn metadata_type_is_bytes() {
		assert_eq!(PartyCode::type_info(), Vec::<u8>::type_info());
	}

	#[test]
	fn codes_from_indices_are_valid_and_distinct() {
		assert_eq!(PartyCode::from_index(0).as_str(), "AAA");
		assert_eq!(PartyCode::from_index(27).as_str(), "ABB");
		assert_eq!(PartyCode::from_index(17_575).as_str(), "ZZZ");
		assert_eq!(PartyCode::from_index(17_576), PartyCode::from_index(0));
		let all: std::collections::BTreeSet<_> = (0..17_576).map(PartyCode::from_index).collect();
		assert_eq!(all.len(), 17_576);
		assert!(all.iter().all(|c| PartyCode::try_from(c.as_bytes()) == Ok(*c)));
	}

	#[test]
	fn raw_round_trip() {
		let code = PartyCode::try_from("IND").unwrap();
		assert_eq!(PartyCode::try_from(&code.to_raw()), Ok(code));
	}

	#[test]
	fn serde_as_string() {
		let code = PartyCode::try_from("CHN").unwrap();
		let json = serde_json::to_string(&code).unwrap();
		assert_eq!(json, "\"CHN\"");
		assert_eq!(serde_json::from_str::<PartyCode>(&json).unwrap(), code);
		assert!(serde_json::from_str::<PartyCode>("\"chn\"").is_err());
	}
}
