//! How the runtime-API view types look in JSON: the `serde` helpers that make balances decimal
//! strings (exact beyond JavaScript's 2^53), names text, and 32-byte hashes `0x`-hex. The node's
//! `pacta_*` JSON-RPC methods return the view types as they are, so these helpers are the one
//! definition of the JSON clients see.

/// Balances (any integer type) as decimal strings: `"1000000000000"`.
pub mod decimal {
	use alloc::string::{String, ToString};
	use core::{fmt::Display, str::FromStr};
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	/// Writes `value` as a decimal string.
	pub fn serialize<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&value.to_string())
	}

	/// Reads a decimal string.
	pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
		let text = String::deserialize(d)?;
		text.parse().map_err(|_| D::Error::custom("expected a decimal string"))
	}
}

/// UTF-8 names stored as bytes, as text: `"Germany"` (invalid UTF-8 is shown with U+FFFD).
pub mod text {
	use alloc::{string::String, vec::Vec};
	use serde::{Deserialize, Deserializer, Serializer};

	/// Writes `bytes` as a string.
	pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&String::from_utf8_lossy(bytes))
	}

	/// Reads a string into its UTF-8 bytes.
	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
		Ok(String::deserialize(d)?.into_bytes())
	}
}

/// 32-byte hashes as `0x`-prefixed lowercase hex.
pub mod hex32 {
	use alloc::string::String;
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	const DIGITS: &[u8; 16] = b"0123456789abcdef";

	/// Writes `bytes` as `0x` and 64 hex digits.
	pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
		let mut out = String::with_capacity(66);
		out.push_str("0x");
		for byte in bytes {
			out.push(char::from(DIGITS[usize::from(byte >> 4)]));
			out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
		}
		s.serialize_str(&out)
	}

	/// Reads `0x` and 64 hex digits (either case).
	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
		let text = String::deserialize(d)?;
		let digits = text.strip_prefix("0x").unwrap_or(&text).as_bytes();
		if digits.len() != 64 {
			return Err(D::Error::custom("expected 0x and 64 hex digits"));
		}
		let nibble = |c: u8| match c {
			b'0'..=b'9' => Ok(c - b'0'),
			b'a'..=b'f' => Ok(c - b'a' + 10),
			b'A'..=b'F' => Ok(c - b'A' + 10),
			_ => Err(D::Error::custom("expected hex digits")),
		};
		let mut out = [0u8; 32];
		for (byte, pair) in out.iter_mut().zip(digits.chunks(2)) {
			let (high, low) = match pair {
				[h, l] => (nibble(*h)?, nibble(*l)?),
				_ => return Err(D::Error::custom("expected 0x and 64 hex digits")),
			};
			*byte = (high << 4) | low;
		}
		Ok(out)
	}
}

/// A `Perbill` as its parts per billion: `500000000` is 50 %.
pub mod perbill {
	use serde::{Deserialize, Deserializer, Serializer};
	use sp_runtime::Perbill;

	/// Writes the parts per billion.
	pub fn serialize<S: Serializer>(value: &Perbill, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_u32(value.deconstruct())
	}

	/// Reads parts per billion (values above a billion saturate at 100 %).
	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Perbill, D::Error> {
		Ok(Perbill::from_parts(u32::deserialize(d)?))
	}
}

#[cfg(test)]
mod tests {
	use serde::{Deserialize, Serialize};

	#[derive(Serialize, Deserialize, PartialEq, Debug)]
	struct Sample {
		#[serde(with = "super::decimal")]
		amount: u128,
		#[serde(with = "super::text")]
		name: Vec<u8>,
		#[serde(with = "super::hex32")]
		hash: [u8; 32],
	}

	#[test]
	fn round_trips_and_shapes() {
		let mut hash = [0u8; 32];
		hash[0] = 0xab;
		hash[31] = 0x0f;
		let sample = Sample { amount: u128::MAX, name: b"C\xc3\xb4te d'Ivoire".to_vec(), hash };
		let json = serde_json::to_value(&sample).unwrap();
		assert_eq!(json["amount"], "340282366920938463463374607431768211455");
		assert_eq!(json["name"], "Côte d'Ivoire");
		assert_eq!(
			json["hash"],
			"0xab0000000000000000000000000000000000000000000000000000000000000f"
		);
		assert_eq!(serde_json::from_value::<Sample>(json).unwrap(), sample);
	}

	#[test]
	fn bad_text_is_refused() {
		let bad = serde_json::json!({ "amount": "12x", "name": "", "hash": "0x00" });
		assert!(serde_json::from_value::<Sample>(bad).is_err());
	}
}
