//! The CSV the CLI writes (docs/cli.md, "CSV"): RFC 4180 (comma, `"` quoting where needed, CRLF
//! line ends), UTF-8 without a byte-order mark, a header row. Balances are decimal plancks as the
//! `pacta_*` JSON-RPC methods write them; tonnes are whole tonnes CO2e; an absent value is an
//! empty field.
//!
//! The compliance report has a fixed set of columns ([`REPORT_COLUMNS`], the one the public
//! dashboard reads); the other lists are their JSON flattened, one column per field, in the
//! alphabetical order of the field names.

use pacta_primitives::runtime_api::{ComplianceReport, ComplianceRow};
use serde_json::Value;

use crate::{
	chain::{Balance, BlockNumber},
	Result,
};

/// The columns of `pacta report --csv`, in order.
pub const REPORT_COLUMNS: [&str; 14] = [
	"period",
	"code",
	"name",
	"cap_tonnes",
	"bond",
	"status",
	"tonnes",
	"low",
	"high",
	"outcome",
	"forfeited",
	"released",
	"transfers_paid",
	"transfers_refunded",
];

/// A CSV writer with the conventions above.
pub fn writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
	csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
}

/// One report row as its CSV fields. The verification's four fields are its JSON form (the one
/// definition, in `pacta-primitives`), so the CSV says what `pacta_complianceReport` says.
pub fn report_row(period: u32, row: &ComplianceRow<Balance>) -> Vec<String> {
	let verification = serde_json::to_value(row.verification).unwrap_or(Value::Null);
	let field = |key: &str| text(&verification[key]);
	vec![
		period.to_string(),
		row.code.to_string(),
		String::from_utf8_lossy(&row.name).into_owned(),
		row.cap.to_string(),
		row.bond.to_string(),
		field("status"),
		field("tonnes"),
		field("low"),
		field("high"),
		text(&serde_json::to_value(row.outcome).unwrap_or(Value::Null)),
		row.forfeited.to_string(),
		row.released.to_string(),
		row.transfers_paid.to_string(),
		row.transfers_refunded.to_string(),
	]
}

/// A JSON value as a CSV field: `null` empty, a string as it is, anything else its JSON text.
fn text(value: &Value) -> String {
	match value {
		Value::Null => String::new(),
		Value::String(s) => s.clone(),
		other => other.to_string(),
	}
}

/// Writes a whole report as CSV.
pub fn write_report(
	out: impl std::io::Write,
	report: &ComplianceReport<Balance, BlockNumber>,
) -> Result<()> {
	let mut csv = writer(out);
	csv.write_record(REPORT_COLUMNS)?;
	for row in &report.rows {
		csv.write_record(report_row(report.period, row))?;
	}
	csv.flush()?;
	Ok(())
}

/// Flattens a JSON object into `(column, field)` pairs, in the alphabetical order of the field
/// names: nested objects give `parent.child` columns, arrays their JSON text, `null` an empty
/// field.
pub fn flatten(value: &Value) -> Vec<(String, String)> {
	fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
		match value {
			Value::Object(map) => {
				for (key, value) in map {
					let name =
						if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
					walk(&name, value, out);
				}
			}
			other => out.push((prefix.to_string(), text(other))),
		}
	}
	let mut out = Vec::new();
	walk("", value, &mut out);
	out
}

/// Writes JSON objects as CSV: the columns are the first object's fields (flattened); every
/// object must have the same ones.
pub fn write_json_rows(out: impl std::io::Write, rows: &[Value]) -> Result<()> {
	let mut csv = writer(out);
	let mut header: Option<Vec<String>> = None;
	for row in rows {
		let fields = flatten(row);
		let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
		match &header {
			None => {
				csv.write_record(&names)?;
				header = Some(names);
			}
			Some(header) if *header != names => {
				return Err(format!("rows with different fields: {header:?} and {names:?}").into())
			}
			Some(_) => {}
		}
		csv.write_record(fields.iter().map(|(_, v)| v))?;
	}
	csv.flush()?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use pacta_primitives::{Estimate, Outcome, PartyCode, Verification};

	#[test]
	fn report_rows_follow_the_columns() {
		let row = ComplianceRow::<Balance> {
			code: PartyCode::try_from("DEU").unwrap(),
			name: "Deutschland, \"Bund\"".as_bytes().to_vec(),
			cap: 1_000,
			bond: 5_000_000_000_000_000,
			verification: Verification::Verified(Estimate {
				tonnes: 1_100,
				low: 1_040,
				high: 1_180,
			}),
			outcome: Some(Outcome::Breached),
			forfeited: 120,
			released: 4_999_999_999_999_880,
			transfers_paid: 0,
			transfers_refunded: 0,
		};
		let fields = report_row(2030, &row);
		assert_eq!(fields.len(), REPORT_COLUMNS.len());
		let mut out = Vec::new();
		let mut csv = writer(&mut out);
		csv.write_record(&fields).unwrap();
		drop(csv);
		assert_eq!(
			String::from_utf8(out).unwrap(),
			"2030,DEU,\"Deutschland, \"\"Bund\"\"\",1000,5000000000000000,Verified,1100,1040,1180,\
			 Breached,120,4999999999999880,0,0\r\n"
		);
		let pending = ComplianceRow { verification: Verification::Pending, outcome: None, ..row };
		let fields = report_row(2030, &pending);
		assert_eq!(&fields[5..10], ["Pending", "", "", "", ""]);
	}

	#[test]
	fn json_rows_flatten_and_must_agree() {
		let rows = vec![
			serde_json::json!({"code": "DEU", "terms": {"mode": "Binding"}, "next": null}),
			serde_json::json!({"code": "BRA", "terms": {"mode": "Facilitative"}, "next": 3}),
		];
		let mut out = Vec::new();
		write_json_rows(&mut out, &rows).unwrap();
		assert_eq!(
			String::from_utf8(out).unwrap(),
			"code,next,terms.mode\r\nDEU,,Binding\r\nBRA,3,Facilitative\r\n"
		);
		let odd = vec![serde_json::json!({"a": 1}), serde_json::json!({"b": 1})];
		assert!(write_json_rows(Vec::new(), &odd).is_err());
	}
}
