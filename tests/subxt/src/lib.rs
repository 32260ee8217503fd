//! subxt, the Rust client, against a Pacta dev node: what a Rust dapp or service uses.
//!
//! - [`pacta`]: the typed API (calls, storage, events, constants, runtime APIs with `PactaApi`)
//!   that `#[subxt::subxt]` generates at compile time from `tests/subxt/metadata.scale`, the
//!   metadata of the built runtime written by `scripts/subxt-metadata.sh`;
//! - [`DevNode`]: a throwaway `pacta-node --dev --tmp` on free ports, stopped when dropped (as
//!   `tests/lib/node.js` starts them for the JavaScript suites);
//! - [`fetch_metadata`]: the metadata a node serves, the bytes `metadata.scale` must hold.
//!
//! The tests (`tests/`, run by `cargo test`, hence by the cargo tests stage of `scripts/test.sh`
//! after its build stage built the node): `metadata.rs` fails when `metadata.scale` is not the
//! built runtime's; `dev_node.rs` reads typed storage, calls `PactaApi`, sends transactions
//! signed with the dev keys and decodes their events, and runs the subxt example of
//! `docs/clients.md` (`src/bin/subxt-example.rs`) as written.
//!
//! `metadata.scale` is written by `scripts/subxt-metadata.sh`, which needs nothing of this crate
//! (it starts the built node and reads the metadata over JSON-RPC), so it works even when the
//! typed code no longer compiles against a changed runtime.

use std::{
	env,
	error::Error,
	fs::{self, File, OpenOptions},
	hash::{BuildHasher, RandomState},
	io::{ErrorKind, Write},
	net::TcpListener,
	os::unix::process::CommandExt,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::atomic::{AtomicU32, Ordering},
	time::{Duration, Instant},
};

use subxt::{
	config::RpcConfigFor,
	ext::codec::{Decode, Encode},
	rpcs::{LegacyRpcMethods, RpcClient},
	OnlineClient, PolkadotConfig,
};

/// The typed Pacta API, generated from `metadata.scale` (see the crate docs).
#[subxt::subxt(runtime_metadata_path = "metadata.scale")]
pub mod pacta {}

/// The metadata the typed API is generated from (kept in git; `scripts/subxt-metadata.sh`
/// rewrites it from the built runtime).
pub const METADATA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/metadata.scale");

/// The bytes of [`METADATA_FILE`] this build was generated from. `include_bytes!` also makes
/// cargo rebuild the crate when the file changes, which `#[subxt::subxt]` alone does not (the
/// macro reads the file without telling the compiler).
pub const METADATA: &[u8] = include_bytes!("../metadata.scale");

/// One PACT (12 decimals).
pub const UNIT: u128 = 1_000_000_000_000;

type BoxError = Box<dyn Error + Send + Sync>;

/// The metadata a node's runtime serves, as subxt reads it: the newest stable version the
/// runtime offers (`Metadata_metadata_versions` without the unstable `u32::MAX`, then
/// `Metadata_metadata_at_version`), i.e. the SCALE-encoded `RuntimeMetadataPrefixed` that
/// `subxt metadata` (the CLI) would write and `scripts/subxt-metadata.sh` writes. Returns the
/// version and the bytes.
pub async fn fetch_metadata(url: &str) -> Result<(u32, Vec<u8>), BoxError> {
	let rpc = LegacyRpcMethods::<RpcConfigFor<PolkadotConfig>>::new(
		RpcClient::from_insecure_url(url).await?,
	);
	let versions = rpc.state_call("Metadata_metadata_versions", None, None).await?;
	let version = Vec::<u32>::decode(&mut &versions[..])?
		.into_iter()
		.filter(|v| *v != u32::MAX)
		.max()
		.ok_or("the runtime offers no stable metadata version")?;
	let answer =
		rpc.state_call("Metadata_metadata_at_version", Some(&version.encode()), None).await?;
	let bytes = Option::<Vec<u8>>::decode(&mut &answer[..])?
		.ok_or_else(|| format!("the runtime has no metadata V{version}"))?;
	Ok((version, bytes))
}

/// The node binary: `$PACTA_NODE_BIN`, else `release/pacta-node` in `$CARGO_TARGET_DIR`, else
/// in the target dir this program was built in (where `scripts/build.sh` builds the node).
pub fn node_binary() -> PathBuf {
	if let Some(bin) = env::var_os("PACTA_NODE_BIN") {
		return bin.into();
	}
	if let Some(dir) = env::var_os("CARGO_TARGET_DIR") {
		return Path::new(&dir).join("release/pacta-node");
	}
	// Test programs live in <target>/release/deps, binaries in <target>/release.
	let exe = env::current_exe().unwrap_or_default();
	let release = exe.ancestors().find(|d| d.file_name().is_some_and(|n| n == "release"));
	release.unwrap_or(Path::new("target/release")).join("pacta-node")
}

/// The runtime Wasm the node embeds: `$PACTA_RUNTIME_WASM`, else the one the node's build wrote
/// next to it (`release/wbuild/pacta-runtime/pacta_runtime.compact.compressed.wasm`).
pub fn runtime_wasm() -> PathBuf {
	if let Some(wasm) = env::var_os("PACTA_RUNTIME_WASM") {
		return wasm.into();
	}
	node_binary().with_file_name("wbuild/pacta-runtime/pacta_runtime.compact.compressed.wasm")
}

/// A `pacta-node --dev --tmp` on its own RPC and p2p ports (loopback only, Prometheus,
/// telemetry and mDNS off), stopped (SIGTERM, then SIGKILL after 15 s) when dropped; the node
/// also gets SIGTERM if the thread that started it dies first.
pub struct DevNode {
	child: Child,
	api: OnlineClient<PolkadotConfig>,
	rpc_port: u16,
	log_dir: PathBuf,
	_ports: [PortClaim; 2],
}

impl DevNode {
	/// Starts a node and waits (up to 90 s) until its JSON-RPC server answers. Panics, with the
	/// node's log, if the binary is missing, the node exits or does not come up; retries on new
	/// ports if another program took one between the check and the node's bind.
	pub async fn start() -> DevNode {
		let bin = node_binary();
		assert!(
			bin.is_file(),
			"pacta-node not found at {}: run scripts/build.sh (or set PACTA_NODE_BIN)",
			bin.display()
		);
		for attempt in 1.. {
			match Self::start_once(&bin).await {
				Ok(node) => return node,
				Err(Failure::PortTaken(log)) if attempt < 3 => {
					eprintln!("pacta-node lost a port race, restarting on other ports:\n{log}");
				}
				Err(Failure::PortTaken(log) | Failure::Other(log)) => panic!("{log}"),
			}
		}
		unreachable!()
	}

	async fn start_once(bin: &Path) -> Result<DevNode, Failure> {
		static STARTED: AtomicU32 = AtomicU32::new(0);
		let rpc = claim_port();
		let p2p = claim_port();
		let log_dir = env::temp_dir().join(format!(
			"pacta-subxt-{}-{}",
			std::process::id(),
			STARTED.fetch_add(1, Ordering::Relaxed)
		));
		fs::create_dir_all(&log_dir).expect("a directory for the node's log");
		let log_file = log_dir.join("node.log");
		let log = File::create(&log_file).expect("the node's log file");
		let mut command = Command::new(bin);
		command
			.args(["--dev", "--tmp", "--rpc-port", &rpc.0.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", p2p.0)])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-cors", "all"])
			.stdin(Stdio::null())
			.stdout(log.try_clone().expect("the node's log file"))
			.stderr(log);
		// SAFETY: prctl is async-signal-safe and touches no memory of this process.
		unsafe {
			command.pre_exec(|| {
				libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
				Ok(())
			});
		}
		let mut child =
			command.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
		let url = format!("ws://127.0.0.1:{}", rpc.0);
		let deadline = Instant::now() + Duration::from_secs(90);
		let mut last_error = String::new();
		loop {
			if let Ok(Some(status)) = child.try_wait() {
				let log = tail(&log_file);
				let message = format!("pacta-node exited early ({status}); log:\n{log}");
				return Err(
					if log.contains("ddress already in use") || log.contains("os error 98") {
						Failure::PortTaken(message)
					} else {
						Failure::Other(message)
					},
				);
			}
			if Instant::now() > deadline {
				let _ = child.kill();
				let _ = child.wait();
				return Err(Failure::Other(format!(
					"pacta-node RPC not up at {url} after 90 s ({last_error}); log:\n{}",
					tail(&log_file)
				)));
			}
			let ready = fs::read_to_string(&log_file)
				.is_ok_and(|log| log.contains("Running JSON-RPC server"));
			if ready {
				match OnlineClient::<PolkadotConfig>::from_insecure_url(&url).await {
					Ok(api) => {
						return Ok(DevNode {
							child,
							api,
							rpc_port: rpc.0,
							log_dir,
							_ports: [rpc, p2p],
						})
					}
					Err(e) => last_error = e.to_string(),
				}
				tokio::time::sleep(Duration::from_millis(500)).await;
			} else {
				tokio::time::sleep(Duration::from_millis(300)).await;
			}
		}
	}

	/// The node's WebSocket JSON-RPC endpoint, `ws://127.0.0.1:<port>`.
	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// A subxt client connected to the node.
	pub fn api(&self) -> OnlineClient<PolkadotConfig> {
		self.api.clone()
	}

	/// The end of the node's log (for failure messages).
	pub fn log_tail(&self) -> String {
		tail(&self.log_dir.join("node.log"))
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		if let Ok(None) = self.child.try_wait() {
			// SIGTERM: the node removes its --tmp base path when it shuts down cleanly.
			unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
			let until = Instant::now() + Duration::from_secs(15);
			while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < until {
				std::thread::sleep(Duration::from_millis(100));
			}
			let _ = self.child.kill();
			let _ = self.child.wait();
		}
		// A failing test keeps the log (its path is in the panic message's log tail).
		if std::thread::panicking() {
			eprintln!("pacta-node's log: {}", self.log_dir.join("node.log").display());
		} else {
			let _ = fs::remove_dir_all(&self.log_dir);
		}
	}
}

enum Failure {
	PortTaken(String),
	Other(String),
}

fn tail(file: &Path) -> String {
	let text = fs::read_to_string(file).unwrap_or_else(|_| "(no log)".into());
	let lines: Vec<&str> = text.lines().collect();
	lines[lines.len().saturating_sub(40)..].join("\n")
}

/// A TCP port claimed for this process the way `tests/lib/ports.js` claims them (so that Rust
/// and JavaScript test nodes never pick the same port): a file named after the port in
/// `$TMPDIR/pacta-test-ports`, created exclusively and holding our pid, removed when dropped.
/// Ports come from 10000-19999, below Linux's ephemeral range.
struct PortClaim(u16);

impl Drop for PortClaim {
	fn drop(&mut self) {
		let _ = fs::remove_file(claims_dir().join(self.0.to_string()));
	}
}

fn claims_dir() -> PathBuf {
	env::temp_dir().join("pacta-test-ports")
}

fn claim_port() -> PortClaim {
	for _ in 0..200 {
		let port = 10_000 + (RandomState::new().hash_one(Instant::now()) % 10_000) as u16;
		if let Some(claim) = claim(port, true) {
			if port_free(port) {
				return claim;
			}
		}
	}
	panic!("no free port in 10000-19999 for a test node");
}

fn claim(port: u16, retry: bool) -> Option<PortClaim> {
	let dir = claims_dir();
	fs::create_dir_all(&dir).expect("the port claims directory");
	let file = dir.join(port.to_string());
	match OpenOptions::new().write(true).create_new(true).open(&file) {
		Ok(mut f) => {
			let _ = write!(f, "{}", std::process::id());
			return Some(PortClaim(port));
		}
		Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
		Err(e) => panic!("cannot claim port {port} in {}: {e}", dir.display()),
	}
	// A claim left by a process that died without releasing it is taken over (once); one still
	// being written (no pid yet) counts as live.
	let pid: libc::pid_t = fs::read_to_string(&file).ok()?.trim().parse().ok()?;
	// SAFETY: signal 0 only checks that the process exists.
	let alive = unsafe { libc::kill(pid, 0) } == 0
		|| std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
	if !retry || alive || fs::remove_file(&file).is_err() {
		return None;
	}
	claim(port, false)
}

/// True if nothing listens on `port` (IPv4 or IPv6, any address).
fn port_free(port: u16) -> bool {
	let free = |host: &str| match TcpListener::bind((host, port)) {
		Ok(_) => true,
		Err(e) => e.kind() == ErrorKind::AddrNotAvailable,
	};
	free("0.0.0.0") && free("::")
}
