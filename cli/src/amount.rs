//! Balances on the command line and in CSV files: plancks (the chain's smallest unit, as the
//! `pacta_*` JSON-RPC methods write them), or whole PACT with a `PACT` suffix (`1000PACT`,
//! `0.5PACT`; 1 PACT = 10^12 plancks). Parsed exactly, never through floating point.

use crate::api::UNIT;

/// Parses `"1500"` (plancks), `"1000PACT"` or `"0.25 PACT"` into plancks.
pub fn parse_balance(text: &str) -> Result<u128, String> {
	let text = text.trim();
	let bad = |why: &str| format!("{text:?} is not a balance: {why}");
	let Some(pact) = text.strip_suffix("PACT") else {
		if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
			return Err(bad("write plancks as digits only, or whole PACT as e.g. 1000PACT"));
		}
		return text.parse().map_err(|_| bad("too large"));
	};
	let pact = pact.trim_end();
	let (whole, fraction) = pact.split_once('.').unwrap_or((pact, ""));
	let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
	if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
		return Err(bad("write whole PACT as digits with at most one decimal point"));
	}
	if fraction.len() > 12 {
		return Err(bad("PACT has 12 decimals"));
	}
	let whole: u128 = whole.parse().map_err(|_| bad("too large"))?;
	let fraction: u128 = if fraction.is_empty() {
		0
	} else {
		let scale = 10u128.pow(12 - fraction.len() as u32);
		fraction.parse::<u128>().map_err(|_| bad("too large"))? * scale
	};
	whole.checked_mul(UNIT).and_then(|w| w.checked_add(fraction)).ok_or_else(|| bad("too large"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn plancks_and_pact() {
		assert_eq!(parse_balance("1500"), Ok(1500));
		assert_eq!(parse_balance("1000PACT"), Ok(1000 * UNIT));
		assert_eq!(parse_balance("0.25 PACT"), Ok(UNIT / 4));
		assert_eq!(parse_balance("1.000000000001PACT"), Ok(UNIT + 1));
		assert!(parse_balance("1.0000000000001PACT").unwrap_err().contains("12 decimals"));
		assert!(parse_balance("-1").is_err());
		assert!(parse_balance("1e3").is_err());
		assert!(parse_balance("1.5").is_err(), "a fraction of a planck");
		assert!(parse_balance("PACT").is_err());
		assert!(parse_balance("340282366920938463463374607431768211456").is_err());
		assert!(parse_balance("340282366920938463463374607431768211455PACT").is_err());
	}
}
