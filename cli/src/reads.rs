//! The read commands: `report`, `parties`, `periods`, `oracles`, `fund`, `disputes`. Each reads
//! at one block (`--at`, else the last finalized block) so that a list of many pages is one
//! consistent state, and writes CSV (the default, see [`crate::csvout`]) or JSON.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;
use serde_json::Value;
use subxt::{rpcs::rpc_params, utils::H256};

use crate::{
	chain::{parse_hash, Chain},
	csvout, output, Result,
};

/// How a read writes its result.
#[derive(Args)]
pub struct ListArgs {
	/// Read at this block (a hash); default: the last finalized block.
	#[arg(long, value_parser = parse_hash, value_name = "HASH")]
	at: Option<H256>,
	/// Write JSON (the `pacta_*` methods' form) instead of CSV.
	#[arg(long, conflicts_with = "csv")]
	json: bool,
	/// Write CSV (the default).
	#[arg(long)]
	csv: bool,
	/// Write to this file instead of standard output.
	#[arg(long, short, value_name = "FILE")]
	out: Option<PathBuf>,
}

/// `pacta report`.
#[derive(Args)]
pub struct ReportArgs {
	/// The period (e.g. 2030).
	period: u32,
	/// Rows per JSON-RPC call (1 to 500, the node's largest page, the default).
	#[arg(long, value_name = "ROWS", value_parser = clap::value_parser!(u32).range(1..=500))]
	page_size: Option<u32>,
	#[command(flatten)]
	list: ListArgs,
}

/// `pacta disputes`.
#[derive(Args)]
pub struct DisputesArgs {
	/// The period (e.g. 2030).
	period: u32,
	#[command(flatten)]
	list: ListArgs,
}

/// `pacta report PERIOD`: every page of `pacta_complianceReport`, at one block. JSON is the
/// report object with all rows (`next` is `null`); CSV has [`csvout::REPORT_COLUMNS`].
pub async fn report(url: &str, args: ReportArgs) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let at = chain.read_at(args.list.at).await?;
	let report = chain.report(args.period, at, args.page_size).await?;
	let out = output(args.list.out.as_ref())?;
	if args.list.json {
		write_json(out, &report)
	} else {
		csvout::write_report(out, &report)
	}
}

/// `pacta parties`.
pub async fn parties(url: &str, args: ListArgs) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let at = chain.read_at(args.at).await?;
	let items = chain.parties(at).await?;
	write_list(&args, &items)
}

/// `pacta periods`.
pub async fn periods(url: &str, args: ListArgs) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let at = chain.read_at(args.at).await?;
	let items = chain.periods(at).await?;
	write_list(&args, &items)
}

/// `pacta oracles`.
pub async fn oracles(url: &str, args: ListArgs) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let at = chain.read_at(args.at).await?;
	let items = chain.oracles(at).await?;
	write_list(&args, &items)
}

/// `pacta fund`: one row.
pub async fn fund(url: &str, args: ListArgs) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let at = chain.read_at(args.at).await?;
	let fund: Value = chain.call("pacta_climateFund", rpc_params![at]).await?;
	write_list(&args, &[fund])
}

/// `pacta disputes PERIOD`: the dispute of every pledge of the period that was challenged (one
/// `pacta_dispute` per pledge of the report, at one block).
pub async fn disputes(url: &str, args: DisputesArgs) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let at = chain.read_at(args.list.at).await?;
	let report = chain.report(args.period, at, None).await?;
	let mut disputes = Vec::new();
	for row in &report.rows {
		let code = row.code.to_string();
		let dispute: Option<Value> =
			chain.call("pacta_dispute", rpc_params![&code, args.period, at]).await?;
		if let Some(mut dispute) = dispute {
			if let Value::Object(map) = &mut dispute {
				map.insert("code".into(), Value::String(code));
			}
			disputes.push(dispute);
		}
	}
	write_list(&args.list, &disputes)
}

fn write_list<T: Serialize>(args: &ListArgs, items: &[T]) -> Result<()> {
	let out = output(args.out.as_ref())?;
	if args.json {
		return write_json(out, &items);
	}
	if items.is_empty() {
		// CSV takes its columns from the rows: none to write.
		eprintln!("pacta: none at this block");
	}
	let values: Vec<Value> = items.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
	csvout::write_json_rows(out, &values)
}

fn write_json<T: Serialize>(mut out: impl std::io::Write, value: &T) -> Result<()> {
	serde_json::to_writer_pretty(&mut out, value)?;
	writeln!(out)?;
	Ok(())
}
