//! An oracle's sealed attestations from a CSV file: `attest import` (alias `commit`) checks
//! every row and names each bad one with the rule it breaks before anything is submitted, seals
//! each reading with a fresh salt kept in the state file ([`crate::state`]), skips what is
//! already on chain (so re-running an interrupted import adds no duplicate), commits the rest in
//! batches (`Attestations.commit_batch`) with a progress bar, and writes a result per row;
//! `attest reveal` reveals them in the reveal window; `attest status` says what is sealed,
//! revealed or withheld and how many blocks are left.
//!
//! The input (docs/cli.md): RFC 4180 CSV, UTF-8, a header row `code,period,tonnes,half_width,
//! evidence` (any order), one row per party and period: the party's ISO 3166-1 alpha-3 code,
//! the period, measured emissions and the uncertainty half-width in whole tonnes CO2e, and the
//! evidence (the MRV report's 32-byte hash, `0x` and 64 hex digits).

use std::{
	collections::HashMap,
	path::{Path, PathBuf},
};

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use pacta_primitives::{runtime_api::PeriodView, PartyCode};
use subxt::utils::{AccountId32, H256};

use crate::{
	api::{
		pacta::{
			self,
			runtime_types::{
				bounded_collections::bounded_vec::BoundedVec,
				pallet_attestations::{
					pallet::Call as AttestationsCall,
					types::{CommitItem, RevealItem},
				},
			},
		},
		RuntimeCall,
	},
	chain::{Balance, BlockNumber, Chain},
	csvout,
	state::{Entry, State, FORMAT},
	tx::{self, SignArgs},
	Refused, Result,
};

/// `pacta attest ...`.
#[derive(Subcommand)]
pub enum AttestCommand {
	/// Check a CSV of readings and commit them (sealed) in batches; re-run it after an
	/// interruption to commit only what is not on chain yet.
	#[command(alias = "commit")]
	Import(ImportArgs),
	/// Reveal the committed readings of a state file (in the reveal window: after the
	/// attestation deadline, up to the reveal deadline).
	Reveal(RevealArgs),
	/// What is sealed, revealed or withheld, and how many blocks are left.
	Status(StatusArgs),
}

/// `pacta attest import`.
#[derive(Args)]
pub struct ImportArgs {
	/// The readings (CSV: code,period,tonnes,half_width,evidence).
	file: PathBuf,
	/// Check every row against the chain and stop: nothing is sealed or submitted.
	#[arg(long)]
	dry_run: bool,
	/// Rows per transaction (1 to 256).
	#[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=256))]
	batch: u16,
	/// The state file keeping the salts (default: FILE.pacta-state.json). Keep it until the
	/// readings are revealed: without it they cannot be.
	#[arg(long, value_name = "FILE")]
	state: Option<PathBuf>,
	/// Where to write the result of each row (default: FILE.results.csv).
	#[arg(long, value_name = "FILE")]
	results: Option<PathBuf>,
	#[command(flatten)]
	sign: SignArgs,
}

/// `pacta attest reveal`.
#[derive(Args)]
pub struct RevealArgs {
	/// The state file written by `attest import`.
	#[arg(long, value_name = "FILE")]
	state: PathBuf,
	/// Rows per transaction (1 to 256).
	#[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=256))]
	batch: u16,
	#[command(flatten)]
	sign: SignArgs,
}

/// `pacta attest status`.
#[derive(Args)]
pub struct StatusArgs {
	/// The state file written by `attest import`.
	#[arg(long, value_name = "FILE")]
	state: PathBuf,
}

/// Runs an `attest` command.
pub async fn run(url: &str, command: AttestCommand) -> Result<()> {
	match command {
		AttestCommand::Import(args) => import(url, args).await,
		AttestCommand::Reveal(args) => reveal(url, args).await,
		AttestCommand::Status(args) => status(url, args).await,
	}
}

/// One row of the input, as read.
#[derive(Clone, Debug)]
struct Row {
	/// Its number among the data rows, from 1.
	number: usize,
	/// Its line in the file (the header is line 1).
	line: u64,
	code: String,
	period: u32,
	tonnes: u64,
	half_width: u64,
	evidence: H256,
}

impl Row {
	fn name(&self) -> String {
		format!("row {} (line {})", self.number, self.line)
	}
}

const COLUMNS: [&str; 5] = ["code", "period", "tonnes", "half_width", "evidence"];

/// Reads the CSV and checks what needs no chain: the header, each field's form, duplicates.
/// Returns the good rows and one message per bad row.
fn read_rows(path: &Path) -> Result<(Vec<Row>, Vec<String>)> {
	let mut reader = csv::ReaderBuilder::new()
		.trim(csv::Trim::All)
		.from_path(path)
		.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	let header = reader.headers().map_err(|e| format!("{}: {e}", path.display()))?.clone();
	let mut index = HashMap::new();
	for (i, name) in header.iter().enumerate() {
		if !COLUMNS.contains(&name) {
			return Err(Refused(vec![format!(
				"{}: unknown column {name:?}: the columns are {}",
				path.display(),
				COLUMNS.join(",")
			)])
			.into());
		}
		if index.insert(name.to_string(), i).is_some() {
			return Err(Refused(vec![format!("{}: column {name:?} twice", path.display())]).into());
		}
	}
	if let Some(missing) = COLUMNS.iter().find(|c| !index.contains_key(**c)) {
		return Err(Refused(vec![format!(
			"{}: no column {missing:?}: the columns are {}",
			path.display(),
			COLUMNS.join(",")
		)])
		.into());
	}
	let mut rows = Vec::new();
	let mut bad = Vec::new();
	let mut seen: HashMap<(String, u32), usize> = HashMap::new();
	for (i, record) in reader.records().enumerate() {
		let number = i + 1;
		let record = match record {
			Ok(record) => record,
			Err(e) => {
				bad.push(format!("row {number}: not a CSV row of 5 fields: {e}"));
				continue;
			}
		};
		let line = record.position().map(|p| p.line()).unwrap_or(number as u64 + 1);
		let field = |name: &str| record.get(index[name]).unwrap_or("");
		let name = format!("row {number} (line {line})");
		let mut problems = Vec::new();
		let code = field("code").to_string();
		if PartyCode::try_from(code.as_str()).is_err() {
			problems.push(format!(
				"code {code:?}: a party code is exactly three uppercase ASCII letters (ISO \
				 3166-1 alpha-3)"
			));
		}
		let period = field("period").parse::<u32>();
		if period.is_err() {
			problems.push(format!("period {:?}: a period is a whole number", field("period")));
		}
		let tonnes = field("tonnes").parse::<u64>();
		if tonnes.is_err() {
			problems.push(format!(
				"tonnes {:?}: emissions are whole tonnes CO2e, digits only (no decimals, units \
				 or separators)",
				field("tonnes")
			));
		}
		let half_width = field("half_width").parse::<u64>();
		if half_width.is_err() {
			problems.push(format!(
				"half_width {:?}: the uncertainty half-width is whole tonnes CO2e, digits only",
				field("half_width")
			));
		}
		let evidence = parse_evidence(field("evidence"));
		if let Err(e) = &evidence {
			problems.push(e.clone());
		}
		if let (Ok(tonnes), Ok(half_width)) = (&tonnes, &half_width) {
			if half_width > tonnes {
				problems.push(format!(
					"half_width {half_width} is above tonnes {tonnes}: the interval would reach \
					 below zero"
				));
			}
		}
		if let Ok(period) = period {
			if let Some(first) = seen.insert((code.clone(), period), number) {
				problems.push(format!(
					"{code} {period} again: row {first} already attests it (one reading per \
					 party and period)"
				));
			}
		}
		match (problems.is_empty(), period, tonnes, half_width, evidence) {
			(true, Ok(period), Ok(tonnes), Ok(half_width), Ok(evidence)) => {
				rows.push(Row { number, line, code, period, tonnes, half_width, evidence })
			}
			_ => bad.extend(problems.into_iter().map(|p| format!("{name}: {p}"))),
		}
	}
	if rows.is_empty() && bad.is_empty() {
		bad.push(format!("{}: no rows", path.display()));
	}
	Ok((rows, bad))
}

fn parse_evidence(text: &str) -> Result<H256, String> {
	let rule = "the evidence is the MRV report's 32-byte hash: 0x and 64 hex digits";
	let hex = text.strip_prefix("0x").ok_or_else(|| format!("evidence {text:?}: {rule}"))?;
	let bytes = hex::decode(hex).map_err(|_| format!("evidence {text:?}: {rule}"))?;
	let bytes: [u8; 32] = bytes.try_into().map_err(|_| format!("evidence {text:?}: {rule}"))?;
	Ok(H256(bytes))
}

/// What the chain says of the oracle and of each period and party, at one block.
struct ChainView {
	best: BlockNumber,
	at: H256,
	periods: HashMap<u32, PeriodView<Balance, BlockNumber>>,
	parties: Vec<String>,
}

impl ChainView {
	async fn read(chain: &Chain) -> Result<ChainView> {
		let best = chain.legacy().chain_get_block_hash(None).await?.ok_or("no best block")?;
		let number = chain.number(best).await?;
		let periods = chain.periods(best).await?.into_iter().map(|p| (p.period, p)).collect();
		let parties = chain.parties(best).await?.into_iter().map(|p| p.code.to_string()).collect();
		Ok(ChainView { best: number, at: best, periods, parties })
	}
}

/// Checks the rows against the chain: registered party, open period, open commit window (after
/// the pledge deadline, up to the attestation deadline), a pledge to attest.
async fn check_on_chain(chain: &Chain, view: &ChainView, rows: &[Row]) -> Result<Vec<String>> {
	let mut bad = Vec::new();
	let mut pledged: HashMap<(String, u32), bool> = HashMap::new();
	for row in rows {
		let problem = if !view.parties.contains(&row.code) {
			Some(format!("party {} is not registered", row.code))
		} else {
			match view.periods.get(&row.period) {
				None => Some(format!("period {} is not open", row.period)),
				Some(p) if p.cancelled => Some(format!("period {} was cancelled", row.period)),
				Some(p) if view.best < p.info.pledge_deadline => Some(format!(
					"the commit window of period {} opens after its pledge deadline, block {} (the \
					 chain is at block {})",
					row.period, p.info.pledge_deadline, view.best
				)),
				Some(p) if view.best >= p.info.attestation_deadline => Some(format!(
					"the commit window of period {} closed at block {} (the chain is at block {})",
					row.period, p.info.attestation_deadline, view.best
				)),
				Some(_) => {
					let key = (row.code.clone(), row.period);
					let has = match pledged.get(&key) {
						Some(has) => *has,
						None => {
							let has = chain.pledge(&row.code, row.period, view.at).await?.is_some();
							pledged.insert(key, has);
							has
						}
					};
					(!has).then(|| {
						format!(
							"{} made no pledge for period {}: there is nothing to attest",
							row.code, row.period
						)
					})
				}
			}
		};
		if let Some(problem) = problem {
			bad.push(format!("{}: {problem}", row.name()));
		}
	}
	Ok(bad)
}

/// The oracle must be approved and not suspended to commit.
async fn check_oracle(chain: &Chain, at: H256, oracle: &AccountId32) -> Result<()> {
	let oracles = chain.oracles(at).await?;
	let me = sp_runtime::AccountId32::new(oracle.0);
	match oracles.iter().find(|o| o.account == me) {
		None => Err(Refused(vec![format!(
			"{oracle} is not an oracle: apply (Attestations.apply_as_oracle) and be approved first"
		)])
		.into()),
		Some(o) => {
			let state = serde_json::to_value(o.state)?;
			if state == "Approved" {
				Ok(())
			} else {
				Err(Refused(vec![format!("oracle {oracle} may not commit: it is {state}")]).into())
			}
		}
	}
}

/// Where a row stands on chain for `oracle`.
#[derive(Clone, Debug, PartialEq)]
enum OnChain {
	/// No commitment of this oracle.
	Nothing,
	/// This commitment, and whether it was revealed.
	Committed { commitment: H256, revealed: bool },
}

async fn on_chain(
	chain: &Chain,
	at: H256,
	oracle: &AccountId32,
	code: &str,
	period: u32,
) -> Result<OnChain> {
	let me = sp_runtime::AccountId32::new(oracle.0);
	let list = chain.attestations(code, period, at).await?;
	Ok(match list.into_iter().find(|a| a.oracle == me) {
		None => OnChain::Nothing,
		Some(a) => {
			OnChain::Committed { commitment: H256(a.commitment), revealed: a.reading.is_some() }
		}
	})
}

fn default_path(file: &Path, suffix: &str) -> PathBuf {
	PathBuf::from(format!("{}{suffix}", file.display()))
}

/// One line of the results file.
struct Outcome {
	result: &'static str,
	detail: String,
	block: String,
}

fn write_results(
	path: &Path,
	rows: &[Row],
	outcomes: &HashMap<usize, Outcome>,
	state: &State,
) -> Result<()> {
	let file =
		std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
	let mut csv = csvout::writer(file);
	csv.write_record(["row", "line", "code", "period", "result", "detail", "block", "commitment"])?;
	for row in rows {
		let (result, detail, block) = match outcomes.get(&row.number) {
			Some(o) => (o.result, o.detail.as_str(), o.block.as_str()),
			None => ("pending", "not submitted yet", ""),
		};
		let commitment = state
			.find(&row.code, row.period)
			.map(|e| format!("{:?}", e.commitment))
			.unwrap_or_default();
		csv.write_record([
			row.number.to_string(),
			row.line.to_string(),
			row.code.clone(),
			row.period.to_string(),
			result.to_string(),
			detail.to_string(),
			block.to_string(),
			commitment,
		])?;
	}
	csv.flush()?;
	Ok(())
}

fn progress(len: usize, what: &str) -> ProgressBar {
	let bar = ProgressBar::new(len as u64);
	bar.set_style(
		ProgressStyle::with_template(&format!(
			"{{spinner}} {what} [{{bar:30}}] {{pos}}/{{len}} rows ({{eta}} left) {{msg}}"
		))
		.unwrap_or_else(|_| ProgressStyle::default_bar()),
	);
	bar
}

/// `pacta attest import FILE`.
async fn import(url: &str, args: ImportArgs) -> Result<()> {
	if !args.sign.multisig.is_empty() || args.sign.unsigned.is_some() {
		return Err("attest import signs and submits its batches itself: --multisig and \
		            --unsigned are not available here (use --as through a proxy)"
			.into());
	}
	let (rows, mut bad) = read_rows(&args.file)?;
	let chain = Chain::connect(url).await?;
	let view = ChainView::read(&chain).await?;
	bad.extend(check_on_chain(&chain, &view, &rows).await?);
	if !bad.is_empty() {
		let mut reasons = bad;
		let n = reasons.len();
		reasons.push(format!(
			"{}: {n} bad row{}",
			args.file.display(),
			if n == 1 { "" } else { "s" }
		));
		return Err(Refused(reasons).into());
	}
	let oracle = args.sign.acting_account()?;
	check_oracle(&chain, view.at, &oracle).await?;
	if args.dry_run {
		println!(
			"{}: {} rows, all good (oracle {oracle}, block {}); nothing submitted",
			args.file.display(),
			rows.len(),
			view.best
		);
		return Ok(());
	}

	// Seal every row, reusing the salt of a reading already sealed, and save the state before
	// anything is submitted.
	let state_path =
		args.state.clone().unwrap_or_else(|| default_path(&args.file, ".pacta-state.json"));
	let results_path =
		args.results.clone().unwrap_or_else(|| default_path(&args.file, ".results.csv"));
	let genesis = chain.api.at_current_block().await?.genesis_hash().ok_or("no genesis hash")?;
	let mut state = match State::load(&state_path)? {
		Some(state) => {
			if state.genesis_hash != genesis || state.oracle != oracle {
				return Err(Refused(vec![format!(
					"{} belongs to oracle {} on the chain with genesis {:?}, not {oracle} on \
					 this one: give another --state",
					state_path.display(),
					state.oracle,
					state.genesis_hash
				)])
				.into());
			}
			state
		}
		None => State { pacta_state: FORMAT, genesis_hash: genesis, oracle, entries: vec![] },
	};
	for row in &rows {
		let keep = state
			.find(&row.code, row.period)
			.is_some_and(|e| e.same_reading(row.tonnes, row.half_width, row.evidence));
		if !keep {
			state.put(Entry::seal(
				&oracle,
				&row.code,
				row.period,
				row.tonnes,
				row.half_width,
				row.evidence,
			)?);
		}
	}
	state.save(&state_path)?;

	// What is on chain already (an earlier, interrupted run): skip it.
	let mut outcomes: HashMap<usize, Outcome> = HashMap::new();
	let mut todo = Vec::new();
	for row in &rows {
		let entry = state.find(&row.code, row.period).ok_or("a sealed row went missing")?;
		match on_chain(&chain, view.at, &oracle, &row.code, row.period).await? {
			OnChain::Committed { commitment, revealed } if commitment == entry.commitment => {
				outcomes.insert(
					row.number,
					Outcome {
						result: "already on chain",
						detail: if revealed { "revealed".into() } else { "sealed".into() },
						block: String::new(),
					},
				);
			}
			other => todo.push((row.clone(), other != OnChain::Nothing)),
		}
	}
	write_results(&results_path, &rows, &outcomes, &state)?;
	let skipped = rows.len() - todo.len();
	println!(
		"{}: {} rows; {skipped} already on chain, {} to commit in batches of {} (state: {})",
		args.file.display(),
		rows.len(),
		todo.len(),
		args.batch,
		state_path.display()
	);
	let replacing = todo.iter().filter(|(_, replaces)| *replaces).count();
	if replacing > 0 {
		println!(
			"{replacing} rows replace an earlier commitment of this oracle with another reading \
			 (a replacement pays a fee)"
		);
	}

	let bar = progress(todo.len(), "committing");
	let batches: Vec<&[(Row, bool)]> = todo.chunks(usize::from(args.batch)).collect();
	let mut failed = 0usize;
	for (n, batch) in batches.iter().enumerate() {
		let items: Vec<CommitItem> = batch
			.iter()
			.filter_map(|(row, _)| {
				let entry = state.find(&row.code, row.period)?;
				Some(CommitItem {
					code: BoundedVec(row.code.as_bytes().to_vec()),
					period: row.period,
					commitment: entry.commitment,
				})
			})
			.collect();
		let call =
			RuntimeCall::Attestations(AttestationsCall::commit_batch { items: BoundedVec(items) });
		let landed = tx::submit(&chain, call, &args.sign).await?.ok_or("not submitted")?;
		let block = format!("{:?}", landed.block);
		let failures = batch_failures(&landed.events)?;
		for (index, (row, _)) in batch.iter().enumerate() {
			let outcome = match failures.get(&(index as u32)) {
				Some(error) => {
					failed += 1;
					Outcome { result: "failed", detail: error.clone(), block: block.clone() }
				}
				None => {
					Outcome { result: "committed", detail: String::new(), block: block.clone() }
				}
			};
			outcomes.insert(row.number, outcome);
		}
		write_results(&results_path, &rows, &outcomes, &state)?;
		bar.inc(batch.len() as u64);
		bar.suspend(|| {
			println!(
				"batch {}/{}: rows {}-{} in block {block} ({} failed)",
				n + 1,
				batches.len(),
				batch.first().map(|(r, _)| r.number).unwrap_or_default(),
				batch.last().map(|(r, _)| r.number).unwrap_or_default(),
				failures.len()
			)
		});
	}
	bar.finish_and_clear();
	println!(
		"committed {} rows, {skipped} were already on chain, {failed} failed; results: {}; keep \
		 {} to reveal",
		todo.len() - failed,
		results_path.display(),
		state_path.display()
	);
	if failed > 0 {
		return Err(format!("{failed} rows failed on chain: see {}", results_path.display()).into());
	}
	Ok(())
}

/// The `BatchItemFailed` events of a batch: item index → the error, named.
fn batch_failures(
	events: &subxt::extrinsics::ExtrinsicEvents<crate::chain::Config>,
) -> Result<HashMap<u32, String>> {
	let mut failures = HashMap::new();
	for failed in events.find::<pacta::attestations::events::BatchItemFailed>() {
		let failed = failed?;
		failures.insert(failed.index, tx::dispatch_error(&failed.error));
	}
	Ok(failures)
}

/// `pacta attest reveal --state FILE`.
async fn reveal(url: &str, args: RevealArgs) -> Result<()> {
	if !args.sign.multisig.is_empty() || args.sign.unsigned.is_some() {
		return Err("attest reveal signs and submits its batches itself: --multisig and \
		            --unsigned are not available here (use --as through a proxy)"
			.into());
	}
	let state = State::load(&args.state)?
		.ok_or_else(|| format!("no state file {}", args.state.display()))?;
	let oracle = args.sign.acting_account()?;
	if oracle != state.oracle {
		return Err(Refused(vec![format!(
			"{} holds the readings of oracle {}, not {oracle} (use --as {} through its proxy)",
			args.state.display(),
			state.oracle,
			state.oracle
		)])
		.into());
	}
	let chain = Chain::connect(url).await?;
	let view = ChainView::read(&chain).await?;
	let mut todo = Vec::new();
	let mut early = Vec::new();
	for entry in &state.entries {
		let Some(period) = view.periods.get(&entry.period) else { continue };
		let (opens, closes) = (period.info.attestation_deadline, period.info.reveal_deadline);
		match on_chain(&chain, view.at, &oracle, &entry.code, entry.period).await? {
			OnChain::Committed { commitment, revealed: false }
				if commitment == entry.commitment =>
			{
				if view.best < opens {
					early.push(format!(
						"{} {}: the reveal window opens after block {opens} (the chain is at {}, {} blocks to go)",
						entry.code,
						entry.period,
						view.best,
						opens - view.best
					));
				} else if view.best >= closes {
					println!(
						"{} {}: the reveal window closed at block {closes}: withheld",
						entry.code, entry.period
					);
				} else {
					todo.push(entry.clone());
				}
			}
			OnChain::Committed { revealed: true, .. } => {
				println!("{} {}: already revealed", entry.code, entry.period)
			}
			OnChain::Committed { .. } => println!(
				"{} {}: the chain holds another commitment of this oracle (committed elsewhere?): skipped",
				entry.code, entry.period
			),
			OnChain::Nothing => {
				println!("{} {}: not committed: nothing to reveal", entry.code, entry.period)
			}
		}
	}
	if todo.is_empty() && !early.is_empty() {
		return Err(Refused(early).into());
	}
	for line in &early {
		println!("{line}");
	}
	let bar = progress(todo.len(), "revealing");
	let mut failed = 0;
	for batch in todo.chunks(usize::from(args.batch)) {
		let items = batch
			.iter()
			.map(|e| RevealItem {
				code: BoundedVec(e.code.as_bytes().to_vec()),
				period: e.period,
				tonnes: e.tonnes,
				half_width: e.half_width,
				evidence: e.evidence,
				salt: e.salt.0,
			})
			.collect();
		let call =
			RuntimeCall::Attestations(AttestationsCall::reveal_batch { items: BoundedVec(items) });
		let landed = tx::submit(&chain, call, &args.sign).await?.ok_or("not submitted")?;
		let failures = batch_failures(&landed.events)?;
		for (index, entry) in batch.iter().enumerate() {
			match failures.get(&(index as u32)) {
				Some(error) => {
					failed += 1;
					bar.suspend(|| println!("{} {}: failed: {error}", entry.code, entry.period));
				}
				None => bar.suspend(|| println!("{} {}: revealed", entry.code, entry.period)),
			}
		}
		bar.inc(batch.len() as u64);
	}
	bar.finish_and_clear();
	println!("revealed {} readings, {failed} failed", todo.len() - failed);
	if failed > 0 {
		return Err(format!("{failed} reveals failed").into());
	}
	Ok(())
}

/// `pacta attest status --state FILE`: a CSV row per sealed reading.
async fn status(url: &str, args: StatusArgs) -> Result<()> {
	let state = State::load(&args.state)?
		.ok_or_else(|| format!("no state file {}", args.state.display()))?;
	let chain = Chain::connect(url).await?;
	let view = ChainView::read(&chain).await?;
	let mut csv = csvout::writer(std::io::stdout().lock());
	csv.write_record(["code", "period", "state", "blocks_left", "detail"])?;
	for entry in &state.entries {
		let period = view.periods.get(&entry.period);
		let chain_state =
			on_chain(&chain, view.at, &state.oracle, &entry.code, entry.period).await?;
		let (what, left, detail) = match (chain_state, period) {
			(_, None) => ("unknown period", String::new(), String::new()),
			(OnChain::Nothing, Some(p)) if view.best < p.info.attestation_deadline => (
				"not committed",
				(p.info.attestation_deadline - view.best).to_string(),
				format!("commit by block {}", p.info.attestation_deadline),
			),
			(OnChain::Nothing, Some(_)) => {
				("not committed", String::new(), "the commit window closed".into())
			}
			(OnChain::Committed { revealed: true, .. }, Some(_)) => {
				("revealed", String::new(), String::new())
			}
			(OnChain::Committed { commitment, .. }, Some(_)) if commitment != entry.commitment => (
				"other commitment",
				String::new(),
				"the chain holds a commitment this file did not make".into(),
			),
			(OnChain::Committed { .. }, Some(p)) if view.best < p.info.attestation_deadline => (
				"sealed",
				(p.info.attestation_deadline - view.best).to_string(),
				format!("the reveal window opens after block {}", p.info.attestation_deadline),
			),
			(OnChain::Committed { .. }, Some(p)) if view.best < p.info.reveal_deadline => (
				"unrevealed",
				(p.info.reveal_deadline - view.best).to_string(),
				format!("reveal by block {}", p.info.reveal_deadline),
			),
			(OnChain::Committed { .. }, Some(p)) => (
				"withheld",
				String::new(),
				format!("the reveal window closed at block {}", p.info.reveal_deadline),
			),
		};
		csv.write_record([
			entry.code.clone(),
			entry.period.to_string(),
			what.to_string(),
			left,
			detail,
		])?;
	}
	csv.flush()?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn rows_of(text: &str) -> (Vec<Row>, Vec<String>) {
		let dir = std::env::temp_dir().join(format!("pacta-rows-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
		let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
		let path = dir.join(format!("{n}.csv"));
		std::fs::write(&path, text).unwrap();
		let out = read_rows(&path).unwrap();
		std::fs::remove_file(&path).unwrap();
		out
	}

	const EVIDENCE: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";

	#[test]
	fn each_bad_row_is_named_with_its_rule() {
		let text = format!(
			"code,period,tonnes,half_width,evidence\n\
			 DEU,2030,1000,50,{EVIDENCE}\n\
			 deu,2030,1000,50,{EVIDENCE}\n\
			 BRA,2030,1.5e3,50,{EVIDENCE}\n\
			 FRA,2030,1000,50,0x12\n\
			 DEU,2030,900,50,{EVIDENCE}\n\
			 ITA,2030,10,50,{EVIDENCE}\n\
			 ESP,20x0,10,5,{EVIDENCE}\n"
		);
		let (rows, bad) = rows_of(&text);
		assert_eq!(rows.len(), 1);
		assert_eq!(rows[0].code, "DEU");
		assert_eq!(bad.len(), 6, "{bad:#?}");
		assert!(bad[0].starts_with("row 2 (line 3): code \"deu\""), "{}", bad[0]);
		assert!(bad[1].starts_with("row 3 (line 4): tonnes \"1.5e3\""), "{}", bad[1]);
		assert!(bad[2].starts_with("row 4 (line 5): evidence \"0x12\""), "{}", bad[2]);
		assert!(bad[3].contains("row 5 (line 6): DEU 2030 again: row 1"), "{}", bad[3]);
		assert!(bad[4].contains("row 6 (line 7): half_width 50 is above tonnes 10"), "{}", bad[4]);
		assert!(bad[5].contains("row 7 (line 8): period \"20x0\""), "{}", bad[5]);
	}

	#[test]
	fn columns_in_any_order_but_all_of_them() {
		let (rows, bad) =
			rows_of(&format!("evidence,tonnes,half_width,period,code\n{EVIDENCE},7,1,2030,DEU\n"));
		assert!(bad.is_empty());
		assert_eq!((rows[0].tonnes, rows[0].half_width, rows[0].period), (7, 1, 2030));

		let dir = std::env::temp_dir();
		let path = dir.join(format!("pacta-cols-{}.csv", std::process::id()));
		std::fs::write(&path, "code,period,tonnes,evidence\nDEU,2030,1,0x00\n").unwrap();
		let error = read_rows(&path).unwrap_err().to_string();
		assert!(error.contains("no column \"half_width\""), "{error}");
		std::fs::write(&path, "code,period,tonnes,half_width,evidence,note\n").unwrap();
		let error = read_rows(&path).unwrap_err().to_string();
		assert!(error.contains("unknown column \"note\""), "{error}");
		std::fs::remove_file(&path).unwrap();
	}
}
