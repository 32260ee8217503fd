//! The `pacta` binary against fresh dev nodes (`--dev --tmp`, started by [`DevNode`]), as a
//! ministry or an oracle organisation uses it. Chain set-up (parties, periods, oracles, proxies)
//! goes through subxt with the dev keys; everything under test goes through the binary.
//!
//! - `reads_offline_signing_and_multisig`: an offline-signed pledge lands (payload written with no
//!   key, signed with no network, submitted); a tampered payload and a wrong key are refused; a
//!   pledge through a 2-of-3 multisig controller; `report --csv` and `--json` equal
//!   `pacta_complianceReport` row for row; the other reads.
//! - `attestation_import_resume_proxy_and_reveal`: an import with one bad row is refused with the
//!   row and rule named and nothing submitted; the same file without it lands; an import killed
//!   after its first batch resumes without duplicates (every `Committed` event of the chain is
//!   counted); a proxy attests with `--as`; `attest reveal` and `attest status`.

use std::{
	io::{BufRead, BufReader},
	path::{Path, PathBuf},
	process::{Command, Output, Stdio},
	time::Duration,
};

use pacta_subxt_tests::{
	pacta::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pacta_primitives::period::{EnforcementMode, PeriodTerms},
			pacta_runtime::{proxy_types::ProxyType, RuntimeCall},
			pallet_attestations::pallet::Call as AttestationsCall,
			pallet_balances::pallet::Call as BalancesCall,
			pallet_pledges::pallet::Call as PledgesCall,
			pallet_proxy::pallet::Call as ProxyCall,
			pallet_sudo::pallet::Call as SudoCall,
			sp_arithmetic::per_things::Perbill,
		},
	},
	DevNode, UNIT,
};
use serde_json::Value;
use subxt::{
	rpcs::{rpc_params, RpcClient},
	utils::{AccountId32, MultiAddress},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::dev, sr25519::Keypair, SecretUri};

const PACTA: &str = env!("CARGO_BIN_EXE_pacta");

/// A scratch directory for one test's files.
fn scratch(name: &str) -> PathBuf {
	let dir = std::env::temp_dir().join(format!("pacta-cli-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).unwrap();
	dir
}

/// A key file holding `uri` (mode 0600).
fn key_file(dir: &Path, name: &str, uri: &str) -> String {
	use std::os::unix::fs::PermissionsExt;
	let path = dir.join(format!("{name}.key"));
	std::fs::write(&path, format!("{uri}\n")).unwrap();
	std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
	path.display().to_string()
}

fn keypair(uri: &str) -> Keypair {
	Keypair::from_uri(&uri.parse::<SecretUri>().unwrap()).unwrap()
}

/// Runs `pacta ARGS` against `url`, with no key in the environment.
fn pacta(url: &str, args: &[&str]) -> Output {
	Command::new(PACTA)
		.args(args)
		.env("PACTA_URL", url)
		.env_remove("PACTA_SECRET_URI")
		.stdin(Stdio::null())
		.output()
		.expect("run pacta")
}

fn text(out: &Output) -> String {
	format!(
		"status {:?}\n--- stdout\n{}--- stderr\n{}",
		out.status.code(),
		String::from_utf8_lossy(&out.stdout),
		String::from_utf8_lossy(&out.stderr)
	)
}

/// Runs `pacta ARGS` and expects success.
fn pacta_ok(url: &str, args: &[&str]) -> String {
	let out = pacta(url, args);
	assert!(out.status.success(), "pacta {args:?} failed:\n{}", text(&out));
	String::from_utf8(out.stdout).unwrap()
}

fn code(code: &str) -> BoundedVec<u8> {
	BoundedVec(code.as_bytes().to_vec())
}

fn sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(SudoCall::sudo { call: Box::new(call) })
}

fn account(pair: &Keypair) -> AccountId32 {
	pair.public_key().to_account_id()
}

/// Signs `calls` as one `Utility.batch_all` with `signer` and waits until it is finalized.
async fn batch(api: &OnlineClient<PolkadotConfig>, signer: &Keypair, calls: Vec<RuntimeCall>) {
	let tx = pacta::transactions().utility().batch_all(calls);
	let at = api.at_current_block().await.unwrap();
	let progress = at.tx().sign_and_submit_then_watch_default(&tx, signer).await.unwrap();
	let events = progress.wait_for_finalized_success().await.unwrap();
	assert!(events.has::<pacta::utility::events::BatchCompleted>());
	for sudid in events.find::<pacta::sudo::events::Sudid>() {
		assert!(sudid.unwrap().sudo_result.is_ok(), "a sudo call failed");
	}
}

/// The calendar of a period opened at block `now`: pledges until `now + pd`, commits until
/// `now + ad`, reveals until `now + ad + 12`.
fn open_period(period: u32, now: u32, pd: u32, ad: u32) -> RuntimeCall {
	sudo(RuntimeCall::Pledges(PledgesCall::open_period {
		period,
		pledge_deadline: now + pd,
		attestation_deadline: now + ad,
		reveal_deadline: now + ad + 12,
		challenge_deadline: now + ad + 40,
		challenge_window: 10,
		resolution_window: 10,
		terms: PeriodTerms {
			mode: EnforcementMode::Binding,
			penalty_per_tonne: UNIT,
			unverified_forfeit: Perbill(500_000_000),
		},
	}))
}

fn register(party: &str, name: &str, controller: AccountId32) -> RuntimeCall {
	sudo(RuntimeCall::Pledges(PledgesCall::register_party {
		code: code(party),
		name: BoundedVec(name.as_bytes().to_vec()),
		controller,
	}))
}

fn fund(to: AccountId32, amount: u128) -> RuntimeCall {
	RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: MultiAddress::Id(to),
		value: amount,
	})
}

/// The best block's number.
async fn best_number(url: &str) -> u32 {
	let header = rpc(url, "chain_getHeader", rpc_params![]).await;
	u32::from_str_radix(header["number"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

async fn rpc(url: &str, method: &str, params: subxt::rpcs::client::RpcParams) -> Value {
	let client = RpcClient::from_insecure_url(url).await.unwrap();
	client.request(method, params).await.unwrap_or_else(|e| panic!("{method}: {e}"))
}

/// Waits until the best block is past `block`.
async fn wait_past(url: &str, block: u32) {
	loop {
		if best_number(url).await > block {
			return;
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

async fn pledge_of(url: &str, party: &str, period: u32) -> Value {
	rpc(url, "pacta_pledge", rpc_params![party, period]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_offline_signing_and_multisig() {
	let node = DevNode::start().await;
	let url = node.url();
	let api = node.api();
	let dir = scratch("reads");
	let (alice, bob, charlie, eve) = (dev::alice(), dev::bob(), dev::charlie(), dev::eve());
	let signatories = [account(&alice), account(&bob), account(&charlie)];
	let list = signatories.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",");

	// The multisig's account, as the CLI derives it.
	let out = pacta_ok(&url, &["account", "--multisig", &list, "--threshold", "2"]);
	let multisig: AccountId32 = out.lines().next().unwrap().parse().unwrap();

	let now = best_number(&url).await;
	batch(
		&api,
		&alice,
		vec![
			register("DEU", "Deutschland", account(&bob)),
			register("BRA", "Brasil", account(&eve)),
			register("IND", "Bhārat, \"India\"", multisig),
			open_period(2030, now, 40, 60),
			fund(multisig, 1_000 * UNIT),
		],
	)
	.await;

	// An offline-signed pledge: the payload is written with no key (only --from), signed with no
	// network (an unreachable --url), then submitted.
	let payload = dir.join("deu.payload.json");
	let signed = dir.join("deu.signed.json");
	let bob_key = key_file(&dir, "bob", "//Bob");
	pacta_ok(
		&url,
		&[
			"pledge",
			"submit",
			"--period",
			"2030",
			"--cap",
			"1000",
			"--bond",
			"150PACT",
			"--unsigned",
			payload.to_str().unwrap(),
			"--from",
			&account(&bob).to_string(),
		],
	);
	let written: Value = serde_json::from_str(&std::fs::read_to_string(&payload).unwrap()).unwrap();
	assert_eq!(written["signer"], account(&bob).to_string());
	assert!(written["decoded"].as_str().unwrap().contains("submit_pledge"), "{written}");
	assert!(written["era"]["mortal"]["validUntilBlock"].as_u64().unwrap() > u64::from(now));
	let offline = "ws://127.0.0.1:1";

	// A payload changed after it was written (another bond) is refused, as is another key.
	let mut tampered = written.clone();
	let call = written["call"].as_str().unwrap();
	let mut bytes = hex::decode(call.trim_start_matches("0x")).unwrap();
	let last = bytes.len() - 1;
	bytes[last] ^= 1;
	tampered["call"] = Value::String(format!("0x{}", hex::encode(&bytes)));
	let tampered_path = dir.join("tampered.json");
	std::fs::write(&tampered_path, tampered.to_string()).unwrap();
	let out = pacta(
		offline,
		&[
			"tx",
			"sign",
			tampered_path.to_str().unwrap(),
			"-o",
			"/dev/null",
			"--yes",
			"--key-file",
			&bob_key,
		],
	);
	assert_eq!(out.status.code(), Some(2), "{}", text(&out));
	assert!(text(&out).contains("changed after it was written"), "{}", text(&out));
	let eve_key_for_sign = key_file(&dir, "eve-offline", "//Eve");
	let out = pacta(
		offline,
		&[
			"tx",
			"sign",
			payload.to_str().unwrap(),
			"-o",
			"/dev/null",
			"--yes",
			"--key-file",
			&eve_key_for_sign,
		],
	);
	assert_eq!(out.status.code(), Some(2), "{}", text(&out));
	assert!(text(&out).contains("the payload is for"), "{}", text(&out));

	let out = pacta(
		offline,
		&[
			"tx",
			"sign",
			payload.to_str().unwrap(),
			"--out",
			signed.to_str().unwrap(),
			"--yes",
			"--key-file",
			&bob_key,
		],
	);
	assert!(out.status.success(), "{}", text(&out));
	assert!(
		text(&out).contains("Pledges.submit_pledge"),
		"the decoded call is shown: {}",
		text(&out)
	);
	assert!(pledge_of(&url, "DEU", 2030).await.is_null(), "not before it is submitted");
	let out = pacta_ok(&url, &["tx", "submit", signed.to_str().unwrap()]);
	assert!(out.contains("Pledges.PledgeSubmitted"), "{out}");
	let pledge = pledge_of(&url, "DEU", 2030).await;
	assert_eq!(
		(pledge["cap"].as_u64(), pledge["bond"].as_str()),
		(Some(1000), Some("150000000000000"))
	);
	// A signature made elsewhere (here subxt-signer stands in for a hardware wallet) over the
	// payload's signerPayload, attached offline: a wrong one is refused.
	let top_up = dir.join("top-up.payload.json");
	pacta_ok(
		&url,
		&[
			"pledge",
			"top-up",
			"--period",
			"2030",
			"--amount",
			"50PACT",
			"--unsigned",
			top_up.to_str().unwrap(),
			"--from",
			&account(&bob).to_string(),
			"--immortal",
		],
	);
	let written: Value = serde_json::from_str(&std::fs::read_to_string(&top_up).unwrap()).unwrap();
	assert_eq!(written["era"], "immortal");
	let signer_payload =
		hex::decode(written["signerPayload"].as_str().unwrap().trim_start_matches("0x")).unwrap();
	let by_eve = format!("0x{}", hex::encode(eve.sign(&signer_payload).0));
	let by_bob = format!("0x{}", hex::encode(bob.sign(&signer_payload).0));
	let top_up_signed = dir.join("top-up.signed.json");
	let (top_up, top_up_signed) = (top_up.to_str().unwrap(), top_up_signed.to_str().unwrap());
	let out =
		pacta(offline, &["tx", "attach", top_up, "--signature", &by_eve, "-o", top_up_signed]);
	assert_eq!(out.status.code(), Some(2), "{}", text(&out));
	assert!(text(&out).contains("the signature is not"), "{}", text(&out));
	pacta_ok(offline, &["tx", "attach", top_up, "--signature", &by_bob, "-o", top_up_signed]);
	let shown = pacta_ok(offline, &["tx", "show", top_up_signed]);
	assert!(shown.contains("Pledges.top_up_bond"), "{shown}");
	pacta_ok(&url, &["tx", "submit", top_up_signed]);
	let pledge = pledge_of(&url, "DEU", 2030).await;
	assert_eq!(pledge["bond"].as_str(), Some("200000000000000"));

	// The same signed file again: its nonce is used.
	let out = pacta(&url, &["tx", "submit", signed.to_str().unwrap()]);
	assert!(!out.status.success(), "a replay must fail: {}", text(&out));

	// An online pledge with a key from the environment.
	let out = Command::new(PACTA)
		.args([
			"pledge",
			"submit",
			"--period",
			"2030",
			"--cap",
			"2000",
			"--bond",
			"250000000000000",
		])
		.env("PACTA_URL", &url)
		.env("PACTA_SECRET_URI", "//Eve")
		.output()
		.unwrap();
	assert!(out.status.success(), "{}", text(&out));
	let eve_key = key_file(&dir, "eve", "//Eve");
	pacta_ok(
		&url,
		&["pledge", "strengthen", "--period", "2030", "--cap", "1900", "--key-file", &eve_key],
	);
	assert_eq!(pledge_of(&url, "BRA", 2030).await["cap"].as_u64(), Some(1900));
	// A weaker cap is the pallet's error, named.
	let out = pacta(
		&url,
		&["pledge", "strengthen", "--period", "2030", "--cap", "1950", "--key-file", &eve_key],
	);
	assert_eq!(out.status.code(), Some(1), "{}", text(&out));
	assert!(text(&out).contains("Pledges."), "{}", text(&out));

	// A pledge by a 2-of-3 multisig controller: Charlie approves first, nothing happens; Alice's
	// approval executes it.
	let charlie_key = key_file(&dir, "charlie", "//Charlie");
	let alice_key = key_file(&dir, "alice", "//Alice");
	let pledge_as_multisig = |key: &str| {
		pacta_ok(
			&url,
			&[
				"pledge",
				"submit",
				"--period",
				"2030",
				"--cap",
				"3000",
				"--bond",
				"100PACT",
				"--multisig",
				&list,
				"--threshold",
				"2",
				"--key-file",
				key,
			],
		)
	};
	let first = pledge_as_multisig(&charlie_key);
	assert!(first.contains("Multisig.NewMultisig"), "{first}");
	assert!(pledge_of(&url, "IND", 2030).await.is_null());
	let second = pledge_as_multisig(&alice_key);
	assert!(second.contains("Multisig.MultisigExecuted"), "{second}");
	assert_eq!(pledge_of(&url, "IND", 2030).await["cap"].as_u64(), Some(3000));

	// The report as CSV equals pacta_complianceReport row for row, at one block.
	let at = rpc(&url, "chain_getFinalizedHead", rpc_params![]).await;
	let at = at.as_str().unwrap().to_string();
	let report =
		rpc(&url, "pacta_complianceReport", rpc_params![2030, Value::Null, Value::Null, &at]).await;
	let rows = report["rows"].as_array().unwrap();
	assert_eq!(rows.len(), 3);
	let csv_text = pacta_ok(&url, &["report", "2030", "--csv", "--at", &at]);
	let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
	let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
	assert_eq!(
		header,
		[
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
			"transfers_refunded"
		]
	);
	let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
	assert_eq!(records.len(), rows.len());
	let field = |v: &Value| match v {
		Value::Null => String::new(),
		Value::String(s) => s.clone(),
		other => other.to_string(),
	};
	for (record, row) in records.iter().zip(rows) {
		let expected = [
			"2030".to_string(),
			field(&row["code"]),
			field(&row["name"]),
			field(&row["cap"]),
			field(&row["bond"]),
			field(&row["verification"]["status"]),
			field(&row["verification"]["tonnes"]),
			field(&row["verification"]["low"]),
			field(&row["verification"]["high"]),
			field(&row["outcome"]),
			field(&row["forfeited"]),
			field(&row["released"]),
			field(&row["transfersPaid"]),
			field(&row["transfersRefunded"]),
		];
		assert_eq!(record.iter().collect::<Vec<_>>(), expected, "{row}");
	}
	assert!(csv_text.contains("\"Bhārat, \"\"India\"\"\""), "RFC 4180 quoting: {csv_text}");
	assert!(csv_text.contains("\r\n"), "CRLF line ends");
	// Page by page (three calls of one row) gives the same CSV.
	let paged = pacta_ok(&url, &["report", "2030", "--csv", "--at", &at, "--page-size", "1"]);
	assert_eq!(paged, csv_text);
	// --json: the same report, every row, `next` null.
	let json: Value =
		serde_json::from_str(&pacta_ok(&url, &["report", "2030", "--json", "--at", &at])).unwrap();
	assert_eq!(json["rows"], report["rows"]);
	assert_eq!(json["totals"], report["totals"]);
	assert!(json["next"].is_null());

	// The other reads.
	let parties = pacta_ok(&url, &["parties"]);
	assert!(parties.starts_with("code,controller,name\r\n"), "{parties}");
	assert_eq!(parties.lines().count(), 4, "{parties}");
	let periods: Value = serde_json::from_str(&pacta_ok(&url, &["periods", "--json"])).unwrap();
	assert_eq!(periods[0]["period"], 2030);
	assert_eq!(periods[0]["pledgeDeadline"], now + 40);
	let disputes: Value =
		serde_json::from_str(&pacta_ok(&url, &["disputes", "2030", "--json"])).unwrap();
	assert_eq!(disputes, Value::Array(vec![]), "nobody challenged");
	let fund = pacta_ok(&url, &["fund"]);
	assert!(fund.starts_with("account,balance,spendable\r\n"), "{fund}");
	let out = pacta(&url, &["report", "2099"]);
	assert_eq!(out.status.code(), Some(1));
	assert!(text(&out).contains("unknown period 2099"), "{}", text(&out));
	let out = pacta(&url, &["pledge", "submit", "--period", "2030", "--cap", "1", "--bond", "1.5"]);
	assert_eq!(out.status.code(), Some(2), "clap refuses a bad balance: {}", text(&out));
	let out = pacta(&url, &["pledge", "submit", "--period", "2030", "--cap", "1", "--bond", "1"]);
	assert!(
		text(&out).contains("no key: give --key-file FILE or set PACTA_SECRET_URI"),
		"{}",
		text(&out)
	);
	let _ = std::fs::remove_dir_all(&dir);
}

/// Every `Attestations.Committed` event from block 1 to the best block: (oracle, code, period,
/// replaced).
async fn committed_events(
	api: &OnlineClient<PolkadotConfig>,
	url: &str,
) -> Vec<(AccountId32, String, u32, bool)> {
	let best = u64::from(best_number(url).await);
	let mut out = Vec::new();
	for n in 1..=best {
		let at = api.at_block(n).await.unwrap();
		let events = at.events().fetch().await.unwrap();
		for event in events.find::<pacta::attestations::events::Committed>() {
			let event = event.unwrap();
			out.push((
				event.oracle,
				String::from_utf8(event.code).unwrap(),
				event.period,
				event.replaced,
			));
		}
	}
	out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attestation_import_resume_proxy_and_reveal() {
	let node = DevNode::start().await;
	let url = node.url();
	let api = node.api();
	let dir = scratch("attest");
	let alice = dev::alice();
	let controllers = [dev::bob(), dev::eve(), dev::ferdie()];
	let parties = ["DEU", "BRA", "FRA"];
	let oracle = keypair("//Alice//oracle");
	let other = keypair("//Alice//other-oracle");
	let proxy = keypair("//Alice//proxy");

	// Parties, two periods (commits until now + 32), two funded oracles, a proxy's account.
	let now = best_number(&url).await;
	let mut calls: Vec<RuntimeCall> = parties
		.iter()
		.zip(&controllers)
		.map(|(code, controller)| register(code, code, account(controller)))
		.collect();
	calls.push(open_period(2030, now, 10, 32));
	calls.push(open_period(2031, now, 10, 32));
	for who in [&oracle, &other, &proxy] {
		calls.push(fund(account(who), 10_000 * UNIT));
	}
	batch(&api, &alice, calls).await;
	let apply = |name: &str| {
		RuntimeCall::Attestations(AttestationsCall::apply_as_oracle {
			name: BoundedVec(name.as_bytes().to_vec()),
		})
	};
	// Each oracle applies; the other one names the proxy an `Attesting` proxy; every party pledges
	// for both periods.
	let other_calls = vec![
		apply("Other Observatory"),
		RuntimeCall::Proxy(ProxyCall::add_proxy {
			delegate: MultiAddress::Id(account(&proxy)),
			proxy_type: ProxyType::Attesting,
			delay: 0,
		}),
	];
	let pledges = |cap: u64| {
		vec![2030, 2031]
			.into_iter()
			.map(|period| {
				RuntimeCall::Pledges(PledgesCall::submit_pledge {
					period,
					cap_tonnes: cap,
					bond: 200 * UNIT,
				})
			})
			.collect::<Vec<_>>()
	};
	tokio::join!(
		batch(&api, &oracle, vec![apply("Pacta Test Observatory")]),
		batch(&api, &other, other_calls),
		batch(&api, &controllers[0], pledges(1_000)),
		batch(&api, &controllers[1], pledges(2_000)),
		batch(&api, &controllers[2], pledges(3_000)),
	);
	batch(
		&api,
		&alice,
		vec![
			sudo(RuntimeCall::Attestations(AttestationsCall::approve_oracle {
				who: account(&oracle),
			})),
			sudo(RuntimeCall::Attestations(AttestationsCall::approve_oracle {
				who: account(&other),
			})),
		],
	)
	.await;

	// Commits are taken after the pledge deadline.
	wait_past(&url, now + 10).await;
	let evidence = |n: u8| format!("0x{}", hex::encode([n; 32]));
	let good_rows: Vec<String> = [2030u32, 2031]
		.iter()
		.flat_map(|period| parties.iter().map(move |code| (code, *period)))
		.enumerate()
		.map(|(i, (code, period))| {
			format!("{code},{period},{},{},{}", 900 + i, 20 + i, evidence(i as u8))
		})
		.collect();
	let header = "code,period,tonnes,half_width,evidence";
	let oracle_key = key_file(&dir, "oracle", "//Alice//oracle");

	// One bad row (a party that is not registered, row 3): refused, the row named with its rule,
	// nothing sealed, nothing submitted.
	let mut bad = good_rows.clone();
	bad.insert(2, format!("ITA,2030,10,1,{}", evidence(9)));
	let bad_file = dir.join("bad.csv");
	std::fs::write(&bad_file, format!("{header}\n{}\n", bad.join("\n"))).unwrap();
	let out =
		pacta(&url, &["attest", "import", bad_file.to_str().unwrap(), "--key-file", &oracle_key]);
	assert_eq!(out.status.code(), Some(2), "{}", text(&out));
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(stderr.contains("row 3 (line 4): party ITA is not registered"), "{stderr}");
	assert!(stderr.contains("nothing was submitted"), "{stderr}");
	assert_eq!(stderr.matches("row ").count(), 1, "only the bad row is named: {stderr}");
	assert!(!dir.join("bad.csv.pacta-state.json").exists(), "nothing sealed");
	for code in parties {
		let list = rpc(&url, "pacta_attestations", rpc_params![code, 2030]).await;
		assert_eq!(list, Value::Array(vec![]), "nothing submitted");
	}

	// The same file without it: a dry run first, then the import, killed after its first batch
	// of two.
	let file = dir.join("readings.csv");
	std::fs::write(&file, format!("{header}\n{}\n", good_rows.join("\n"))).unwrap();
	let file = file.to_str().unwrap();
	let out = pacta_ok(&url, &["attest", "import", file, "--dry-run", "--key-file", &oracle_key]);
	assert!(out.contains("6 rows, all good"), "{out}");
	assert!(!dir.join("readings.csv.pacta-state.json").exists(), "a dry run seals nothing");

	let mut child = Command::new(PACTA)
		.args(["attest", "import", file, "--batch", "2", "--key-file", &oracle_key])
		.env("PACTA_URL", &url)
		.stdout(Stdio::piped())
		.stderr(Stdio::null())
		.spawn()
		.unwrap();
	let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
	let mut seen = Vec::new();
	loop {
		let line = lines.next().expect("the import ended before its first batch").unwrap();
		seen.push(line.clone());
		if line.starts_with("batch 1/3") {
			break;
		}
	}
	child.kill().unwrap();
	child.wait().unwrap();
	let results = std::fs::read_to_string(dir.join("readings.csv.results.csv")).unwrap();
	assert!(results.lines().nth(1).unwrap().contains(",committed,"), "{results}");

	let out =
		pacta_ok(&url, &["attest", "import", file, "--batch", "2", "--key-file", &oracle_key]);
	let skipped: usize = out
		.split("; ")
		.nth(1)
		.and_then(|s| s.split(' ').next())
		.and_then(|n| n.parse().ok())
		.unwrap_or_else(|| panic!("no 'N already on chain' in:\n{out}"));
	assert!((2..6).contains(&skipped), "the first batch (2 rows) was on chain: {out}");
	assert!(out.contains("0 failed"), "{out}");
	let results = std::fs::read_to_string(dir.join("readings.csv.results.csv")).unwrap();
	assert_eq!(results.matches(",already on chain,").count(), skipped, "{results}");
	assert_eq!(results.matches(",committed,").count(), 6 - skipped, "{results}");

	// No duplicates: one Committed per row, none a replacement, each commitment the state's.
	let events = committed_events(&api, &url).await;
	let mine: Vec<_> = events.iter().filter(|e| e.0 == account(&oracle)).collect();
	assert_eq!(mine.len(), 6, "{mine:?}");
	assert!(mine.iter().all(|e| !e.3), "no replacement: {mine:?}");
	let state: Value = serde_json::from_str(
		&std::fs::read_to_string(dir.join("readings.csv.pacta-state.json")).unwrap(),
	)
	.unwrap();
	for entry in state["entries"].as_array().unwrap() {
		let list =
			rpc(&url, "pacta_attestations", rpc_params![&entry["code"], &entry["period"]]).await;
		let on_chain: Vec<&Value> = list
			.as_array()
			.unwrap()
			.iter()
			.filter(|a| a["oracle"] == account(&oracle).to_string())
			.collect();
		assert_eq!(on_chain.len(), 1);
		assert_eq!(on_chain[0]["commitment"], entry["commitment"]);
		assert!(on_chain[0]["reading"].is_null(), "sealed");
	}
	let oracles = pacta_ok(&url, &["oracles"]);
	assert!(oracles.contains(&account(&oracle).to_string()), "{oracles}");
	assert!(oracles.contains("Pacta Test Observatory"), "{oracles}");

	// A third run: everything is on chain, nothing is sent.
	let out = pacta_ok(&url, &["attest", "import", file, "--key-file", &oracle_key]);
	assert!(out.contains("6 already on chain, 0 to commit"), "{out}");

	// A proxy attests with --as: its own key, the other oracle's attestation.
	let proxy_file = dir.join("proxy.csv");
	std::fs::write(&proxy_file, format!("{header}\nDEU,2030,990,30,{}\n", evidence(42))).unwrap();
	let proxy_key = key_file(&dir, "proxy", "//Alice//proxy");
	let out = pacta_ok(
		&url,
		&[
			"attest",
			"import",
			proxy_file.to_str().unwrap(),
			"--key-file",
			&proxy_key,
			"--as",
			&account(&other).to_string(),
		],
	);
	assert!(out.contains("Proxy.ProxyExecuted"), "{out}");
	let list = rpc(&url, "pacta_attestations", rpc_params!["DEU", 2030]).await;
	let oracles: Vec<&str> =
		list.as_array().unwrap().iter().map(|a| a["oracle"].as_str().unwrap()).collect();
	assert!(oracles.contains(&account(&other).to_string().as_str()), "{list}");
	assert!(!oracles.contains(&account(&proxy).to_string().as_str()), "{list}");
	// Without --as the proxy is no oracle: refused before anything is sent.
	let out =
		pacta(&url, &["attest", "import", proxy_file.to_str().unwrap(), "--key-file", &proxy_key]);
	assert_eq!(out.status.code(), Some(2), "{}", text(&out));
	assert!(text(&out).contains("is not an oracle"), "{}", text(&out));

	// Status while sealed; reveal is refused until the window opens, then reveals everything.
	let state_file = dir.join("readings.csv.pacta-state.json");
	let state_file = state_file.to_str().unwrap();
	let status = pacta_ok(&url, &["attest", "status", "--state", state_file]);
	assert_eq!(status.matches(",sealed,").count(), 6, "{status}");
	let out = pacta(&url, &["attest", "reveal", "--state", state_file, "--key-file", &oracle_key]);
	assert_eq!(out.status.code(), Some(2), "{}", text(&out));
	assert!(text(&out).contains("the reveal window opens after block"), "{}", text(&out));
	wait_past(&url, now + 32).await;
	let out =
		pacta_ok(&url, &["attest", "reveal", "--state", state_file, "--key-file", &oracle_key]);
	assert!(out.contains("revealed 6 readings, 0 failed"), "{out}");
	let status = pacta_ok(&url, &["attest", "status", "--state", state_file]);
	assert_eq!(status.matches(",revealed,").count(), 6, "{status}");
	let list = rpc(&url, "pacta_attestations", rpc_params!["FRA", 2031]).await;
	let mine = list
		.as_array()
		.unwrap()
		.iter()
		.find(|a| a["oracle"] == account(&oracle).to_string())
		.unwrap();
	assert_eq!(mine["reading"]["tonnes"], 905, "{mine}");
	assert_eq!(mine["reading"]["halfWidth"], 25, "{mine}");
	let _ = std::fs::remove_dir_all(&dir);
	drop(node);
}
