//! How calls and events are shown to people: SCALE values decoded with the metadata, where byte
//! strings read as text (`"DEU"`), 32-byte accounts as SS58 (by their field's name: `who`,
//! `oracle`, `controller`, ...) and other bytes as `0x` hex, instead of tuples of numbers.

use subxt::{
	ext::scale_value::{Composite, Primitive, Value, ValueDef},
	utils::AccountId32,
};

/// Field names whose 32 bytes are an account.
const ACCOUNT_FIELDS: [&str; 14] = [
	"who",
	"oracle",
	"controller",
	"from",
	"to",
	"account",
	"delegate",
	"delegator",
	"real",
	"multisig",
	"approving",
	"donor",
	"challenger",
	"member",
];

/// A call's or event's fields.
pub fn composite(fields: &Composite<()>) -> String {
	match fields {
		Composite::Named(named) if named.is_empty() => String::new(),
		Composite::Unnamed(unnamed) if unnamed.is_empty() => String::new(),
		Composite::Named(named) => {
			let parts: Vec<String> =
				named.iter().map(|(name, v)| format!("{name}: {}", value(v, Some(name)))).collect();
			format!("{{ {} }}", parts.join(", "))
		}
		Composite::Unnamed(unnamed) => {
			let parts: Vec<String> = unnamed.iter().map(|v| value(v, None)).collect();
			format!("({})", parts.join(", "))
		}
	}
}

fn value(v: &Value<()>, field: Option<&str>) -> String {
	if let Some(bytes) = bytes(v) {
		if bytes.len() == 32 && field.is_some_and(|f| ACCOUNT_FIELDS.contains(&f)) {
			return AccountId32(bytes.try_into().unwrap_or([0; 32])).to_string();
		}
		let text = bytes.len() <= 64 && bytes.iter().all(|b| (0x20..0x7f).contains(b));
		return if text && !bytes.is_empty() {
			format!("{:?}", String::from_utf8_lossy(&bytes))
		} else {
			format!("0x{}", hex::encode(&bytes))
		};
	}
	match &v.value {
		ValueDef::Composite(c) => composite(c),
		ValueDef::Variant(variant) => {
			let fields = composite(&variant.values);
			if fields.is_empty() {
				variant.name.clone()
			} else {
				format!("{} {fields}", variant.name)
			}
		}
		_ => v.to_string(),
	}
}

/// The bytes of a sequence of two or more `u8`s, seen through one-field wrappers (`AccountId32`,
/// `H256`, `BoundedVec`).
fn bytes(v: &Value<()>) -> Option<Vec<u8>> {
	let ValueDef::Composite(Composite::Unnamed(items)) = &v.value else { return None };
	if let [one] = items.as_slice() {
		return bytes(one);
	}
	if items.len() < 2 {
		return None;
	}
	items
		.iter()
		.map(|item| match item.value {
			ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
			_ => None,
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn bytes_value(b: &[u8]) -> Value<()> {
		Value::unnamed_composite(b.iter().map(|n| Value::u128(u128::from(*n))))
	}

	#[test]
	fn bytes_read_as_text_accounts_or_hex() {
		let fields = Composite::Named(vec![
			("code".into(), bytes_value(b"DEU")),
			("who".into(), Value::unnamed_composite([bytes_value(&[1; 32])])),
			("commitment".into(), Value::unnamed_composite([bytes_value(&[0xab; 32])])),
			("period".into(), Value::u128(2030)),
			("replaced".into(), Value::bool(false)),
			(
				"reason".into(),
				Value::unnamed_variant(
					"Pledges",
					[Value::named_variant::<_, String, _>("PledgeBond", [])],
				),
			),
		]);
		assert_eq!(
			composite(&fields),
			format!(
				"{{ code: \"DEU\", who: {}, commitment: 0x{}, period: 2030, replaced: false, \
				 reason: Pledges (PledgeBond) }}",
				AccountId32([1; 32]),
				"ab".repeat(32)
			)
		);
	}
}
