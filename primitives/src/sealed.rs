//! Sealed attestations: the [`Reading`] an oracle reveals, the [`commitment`] that seals it until
//! the reveal window, and the [`Estimate`] verification makes of the readings (a value with an
//! interval).
//!
//! The commitment is computed by the oracle's own tooling, never by a node: no runtime API or
//! RPC method takes a value and returns its commitment, since that would hand the value to the
//! node's operator before the reveal window. This function is for clients written in Rust (the
//! `pacta` CLI) and for tests; docs/rpc.md gives the byte layout and test vectors for others.

use crate::{PartyCode, PeriodId, Tonnes};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// The domain tag at the start of every commitment's preimage: a fixed 15-byte array, so it is
/// encoded without a length prefix. A new layout gets a new tag.
pub const COMMITMENT_DOMAIN: [u8; 15] = *b"pacta/commit/v1";

/// What an oracle measured and reveals: emissions in tonnes CO2e with the half-width of its
/// uncertainty interval (`tonnes ± half_width`; zero allowed), and the hash of its MRV report.
/// In JSON: `{"tonnes": 900000, "halfWidth": 25000, "evidence": "0x…"}`.
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
#[serde(rename_all = "camelCase")]
pub struct Reading {
	/// Measured emissions in tonnes CO2e.
	pub tonnes: Tonnes,
	/// Half the width of the uncertainty interval, in tonnes.
	pub half_width: Tonnes,
	/// The hash of the MRV report the value comes from.
	#[serde(with = "crate::json::hex32")]
	pub evidence: [u8; 32],
}

impl Reading {
	/// The low end of the reading's interval, `tonnes − half_width`, at least zero.
	pub fn low(&self) -> Tonnes {
		self.tonnes.saturating_sub(self.half_width)
	}

	/// The high end of the reading's interval, `tonnes + half_width`, at most `u64::MAX`.
	pub fn high(&self) -> Tonnes {
		self.tonnes.saturating_add(self.half_width)
	}
}

/// The commitment sealing `reading` of `code` in `period` by `oracle` with `salt`:
/// `blake2_256` of the SCALE encoding of `(COMMITMENT_DOMAIN, period, code, oracle, tonnes,
/// half_width, evidence, salt)` — 15 + 4 + 3 + 32 + 8 + 8 + 32 + 32 = 134 bytes for a 32-byte
/// account, with no length prefix anywhere. The evidence is inside, so it cannot be swapped
/// after the others reveal; the salt (32 random bytes, kept secret until the reveal) keeps a
/// value from being found by hashing every plausible one.
pub fn commitment<AccountId: Encode>(
	period: PeriodId,
	code: &PartyCode,
	oracle: &AccountId,
	reading: &Reading,
	salt: &[u8; 32],
) -> [u8; 32] {
	// The code's three letters as a fixed array: the `PartyCode` type itself encodes as `Bytes`
	// (with a length prefix) on the wire.
	let mut letters = [0u8; 3];
	letters.iter_mut().zip(code.as_bytes()).for_each(|(to, from)| *to = *from);
	let preimage = (
		COMMITMENT_DOMAIN,
		period,
		letters,
		oracle,
		reading.tonnes,
		reading.half_width,
		reading.evidence,
		salt,
	)
		.encode();
	BlakeTwo256::hash(&preimage).0
}

/// A verified value with its interval: the median of the revealed values (`tonnes`) and the
/// same median over their low ends (`low`) and high ends (`high`), so `low ≤ tonnes ≤ high`.
/// Penalties read `low` (the benefit of the doubt goes to the party), results-based payments
/// read `high` (it goes to the donor). A value the review panel decided has no width
/// (`low = tonnes = high`). In JSON: `{"tonnes": 900000, "low": 880000, "high": 920000}`.
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
pub struct Estimate {
	/// The central value in tonnes CO2e.
	pub tonnes: Tonnes,
	/// The low end of the interval.
	pub low: Tonnes,
	/// The high end of the interval.
	pub high: Tonnes,
}

impl Estimate {
	/// A value without width: `low = tonnes = high`.
	pub fn exact(tonnes: Tonnes) -> Self {
		Estimate { tonnes, low: tonnes, high: tonnes }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn hex(bytes: &[u8]) -> alloc::string::String {
		bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
	}

	#[test]
	fn the_preimage_is_the_documented_134_bytes() {
		let code = PartyCode::try_from("DEU").unwrap();
		let reading = Reading { tonnes: 900_000, half_width: 25_000, evidence: [2; 32] };
		let oracle = [7u8; 32];
		let preimage = (
			COMMITMENT_DOMAIN,
			2030u32,
			*b"DEU",
			&oracle,
			reading.tonnes,
			reading.half_width,
			reading.evidence,
			&[1u8; 32],
		)
			.encode();
		assert_eq!(preimage.len(), 134);
		assert_eq!(&preimage[..15], b"pacta/commit/v1");
		assert_eq!(&preimage[15..19], &2030u32.to_le_bytes());
		assert_eq!(&preimage[19..22], b"DEU");
		assert_eq!(&preimage[22..54], &[7u8; 32]);
		assert_eq!(&preimage[54..62], &900_000u64.to_le_bytes());
		assert_eq!(&preimage[62..70], &25_000u64.to_le_bytes());
		let by_hand = BlakeTwo256::hash(&preimage).0;
		assert_eq!(commitment(2030, &code, &oracle, &reading, &[1; 32]), by_hand);
		assert_eq!(hex(&by_hand).len(), 64);
	}

	fn unhex<const N: usize>(text: &str) -> [u8; N] {
		let digits = text.trim_start_matches("0x").as_bytes();
		let mut out = [0u8; N];
		for (i, byte) in out.iter_mut().enumerate() {
			let pair = core::str::from_utf8(&digits[2 * i..2 * i + 2]).unwrap();
			*byte = u8::from_str_radix(pair, 16).unwrap();
		}
		out
	}

	/// The test vectors of docs/rpc.md ("Sealed attestations: the commitment"), which the
	/// JavaScript and Python implementations check too.
	#[test]
	fn the_documented_test_vectors() {
		use sp_runtime::AccountId32;
		let alice = AccountId32::new(unhex(
			"d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
		));
		let bob = AccountId32::new(unhex(
			"8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48",
		));
		let charlie = AccountId32::new(unhex(
			"90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22",
		));
		let deu_evidence = BlakeTwo256::hash(b"DEU 2030 inventory").0;
		assert_eq!(
			deu_evidence,
			unhex::<32>("858b6e323b60b06289d17b2d9c7566e8d3deb9ba4265e15e286f512933b453a3")
		);
		let mut counting = [0u8; 32];
		counting.iter_mut().enumerate().for_each(|(i, b)| *b = i as u8);
		let vectors = [
			(
				2030,
				"DEU",
				&alice,
				Reading { tonnes: 900_000, half_width: 25_000, evidence: deu_evidence },
				[1u8; 32],
				"256bc4fca1a2bc4585a7c88529309d7e998db92021ceea8f4f6f58fe3c4ededd",
			),
			(
				2030,
				"DEU",
				&alice,
				Reading { tonnes: 900_000, half_width: 0, evidence: deu_evidence },
				[1u8; 32],
				"bb82bdc1196dc4d743d472babcc7d98ef6def63714a9828879822a6450a491b3",
			),
			(
				2031,
				"BRA",
				&bob,
				Reading {
					tonnes: 2_000_400,
					half_width: 150_000,
					evidence: BlakeTwo256::hash(b"BRA 2031 inventory").0,
				},
				counting,
				"584f7e044b10f322dbf9958db9c5e4674abc88817ece31302aa8e1ae092217bd",
			),
			(
				2035,
				"CHN",
				&charlie,
				Reading {
					tonnes: 14_000_000_000,
					half_width: 700_000_000,
					evidence: BlakeTwo256::hash(b"CHN 2035 inventory").0,
				},
				[0xff; 32],
				"b38d87c68d129ba6d63c761baa756025a9d8402a7269e35610e7c381453d8893",
			),
		];
		for (period, code, oracle, reading, salt, expected) in vectors {
			let code = PartyCode::try_from(code).unwrap();
			assert_eq!(hex(&commitment(period, &code, oracle, &reading, &salt)), expected);
		}
	}

	#[test]
	fn every_input_changes_the_commitment() {
		let code = PartyCode::try_from("DEU").unwrap();
		let reading = Reading { tonnes: 900_000, half_width: 0, evidence: [2; 32] };
		let base = commitment(2030, &code, &[7u8; 32], &reading, &[1; 32]);
		let other = PartyCode::try_from("BRA").unwrap();
		assert_ne!(base, commitment(2031, &code, &[7u8; 32], &reading, &[1; 32]));
		assert_ne!(base, commitment(2030, &other, &[7u8; 32], &reading, &[1; 32]));
		assert_ne!(base, commitment(2030, &code, &[8u8; 32], &reading, &[1; 32]));
		let changed = [
			Reading { tonnes: 900_001, ..reading },
			Reading { half_width: 1, ..reading },
			Reading { evidence: [3; 32], ..reading },
		];
		for r in changed {
			assert_ne!(base, commitment(2030, &code, &[7u8; 32], &r, &[1; 32]));
		}
		assert_ne!(base, commitment(2030, &code, &[7u8; 32], &reading, &[2; 32]));
	}

	#[test]
	fn reading_ends_saturate() {
		let r = Reading { tonnes: 10, half_width: 20, evidence: [0; 32] };
		assert_eq!((r.low(), r.high()), (0, 30));
		let r = Reading { tonnes: u64::MAX, half_width: 1, evidence: [0; 32] };
		assert_eq!(r.high(), u64::MAX);
	}

	#[test]
	fn json_shapes() {
		let r = Reading { tonnes: 5, half_width: 1, evidence: [0xab; 32] };
		let json = serde_json::to_value(r).unwrap();
		assert_eq!(json["halfWidth"], 1);
		assert_eq!(json["evidence"], alloc::format!("0x{}", "ab".repeat(32)));
		let e = serde_json::to_value(Estimate { tonnes: 2, low: 1, high: 3 }).unwrap();
		assert_eq!(e, serde_json::json!({ "tonnes": 2, "low": 1, "high": 3 }));
	}
}
