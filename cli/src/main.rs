//! `pacta`: the ministries' and oracles' command-line tool for a Pacta chain.
//!
//! - reads ([`reads`]): the compliance report of a period as CSV or JSON (every page, at one
//!   block), parties, periods, oracles, the climate fund, disputes;
//! - pledges ([`tx::PledgeCommand`]) and any transaction signed here, through a proxy (`--as`) or
//!   a multisig (`--multisig-*`), or written unsigned for an offline signer (`--unsigned`);
//! - oracle work ([`attest`]): a CSV of readings checked row by row, committed in batches with
//!   salts kept in a local state file, resumed without duplicates, revealed, followed;
//! - offline signing ([`offline`]): `tx sign` needs no network and shows the decoded call first.
//!
//! Keys come from a file (`--key-file`) or the environment (`PACTA_SECRET_URI`), never from the
//! command line ([`keys`]). docs/cli.md is the manual, with a worked session.

mod amount;
mod api;
mod attest;
mod chain;
mod csvout;
mod display;
mod keys;
mod offline;
mod reads;
mod state;
mod tx;

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

/// What every command returns on failure: a message for the user.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// The result of a command.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The exit status of a command that refused its input (bad rows, a payload for another chain):
/// nothing was submitted.
pub const EXIT_REFUSED: u8 = 2;

/// An input the command refuses as a whole, with every reason (printed one per line).
#[derive(Debug)]
pub struct Refused(pub Vec<String>);

impl std::fmt::Display for Refused {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{}", self.0.join("\n"))
	}
}

impl std::error::Error for Refused {}

/// pacta: work with a Pacta chain from the command line — reports as CSV, pledges, sealed
/// attestations from a CSV file, offline signing, proxies and multisigs.
#[derive(Parser)]
#[command(name = "pacta", version, about, long_about = None, propagate_version = true)]
struct Cli {
	/// The node's WebSocket JSON-RPC endpoint.
	#[arg(long, global = true, env = "PACTA_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,

	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// A period's compliance report: every pledge, every page, read at one block.
	Report(reads::ReportArgs),
	/// The registered parties.
	Parties(reads::ListArgs),
	/// The opened periods, with their deadlines and terms.
	Periods(reads::ListArgs),
	/// The oracle registry.
	Oracles(reads::ListArgs),
	/// The climate fund: its account, balance and what governance may spend.
	Fund(reads::ListArgs),
	/// The disputes of a period: one row per challenged pledge.
	Disputes(reads::DisputesArgs),
	/// A party controller's pledge: submit, strengthen, top up.
	#[command(subcommand)]
	Pledge(tx::PledgeCommand),
	/// An oracle's sealed attestations: import (commit) a CSV, reveal, status.
	#[command(subcommand)]
	Attest(attest::AttestCommand),
	/// Transactions signed elsewhere: sign a payload offline, submit a signed one, show a file.
	#[command(subcommand)]
	Tx(offline::TxCommand),
	/// The account of a key file (or of PACTA_SECRET_URI), or of a multisig.
	Account(keys::AccountArgs),
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("pacta: cannot start: {e}");
			return ExitCode::FAILURE;
		}
	};
	match runtime.block_on(run(cli)) {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => match e.downcast_ref::<Refused>() {
			Some(refused) => {
				for reason in &refused.0 {
					eprintln!("pacta: {reason}");
				}
				eprintln!("pacta: refused: nothing was submitted");
				ExitCode::from(EXIT_REFUSED)
			}
			None => {
				eprintln!("pacta: error: {e}");
				ExitCode::FAILURE
			}
		},
	}
}

async fn run(cli: Cli) -> Result<()> {
	let url = cli.url;
	match cli.command {
		Command::Report(args) => reads::report(&url, args).await,
		Command::Parties(args) => reads::parties(&url, args).await,
		Command::Periods(args) => reads::periods(&url, args).await,
		Command::Oracles(args) => reads::oracles(&url, args).await,
		Command::Fund(args) => reads::fund(&url, args).await,
		Command::Disputes(args) => reads::disputes(&url, args).await,
		Command::Pledge(command) => tx::pledge(&url, command).await,
		Command::Attest(command) => attest::run(&url, command).await,
		Command::Tx(command) => offline::run(&url, command).await,
		Command::Account(args) => keys::account(args),
	}
}

/// Where an output goes: a file, or standard output.
pub fn output(path: Option<&PathBuf>) -> Result<Box<dyn std::io::Write>> {
	Ok(match path {
		Some(path) => Box::new(std::io::BufWriter::new(
			std::fs::File::create(path)
				.map_err(|e| format!("cannot write {}: {e}", path.display()))?,
		)),
		None => Box::new(std::io::stdout().lock()),
	})
}
