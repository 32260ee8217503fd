//! Where signing keys come from, and accounts on the command line.
//!
//! A key is a secret URI (a BIP-39 phrase, optionally with `//hard/soft` derivations and
//! `///password`, or a `0x` seed; `//Alice` on dev chains), sr25519. It is read from the file
//! given with `--key-file`, else from the environment variable `PACTA_SECRET_URI`, and never from
//! the command line, where other users of the machine and the shell history would see it.

use std::{path::PathBuf, str::FromStr};

use clap::Args;
use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};

use crate::Result;

/// The environment variable a key may come from.
pub const SECRET_ENV: &str = "PACTA_SECRET_URI";

/// Where the signing key comes from.
#[derive(Args, Clone, Debug, Default)]
pub struct KeyArgs {
	/// A file holding the signer's secret URI (a phrase or `0x` seed); else the environment
	/// variable PACTA_SECRET_URI. Never the key itself on the command line.
	#[arg(long, value_name = "FILE")]
	pub key_file: Option<PathBuf>,
}

impl KeyArgs {
	/// The signer's key pair.
	pub fn load(&self) -> Result<Keypair> {
		let (secret, source) = match &self.key_file {
			Some(path) => {
				let secret = std::fs::read_to_string(path)
					.map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
				warn_if_readable_by_others(path);
				(secret, format!("the key file {}", path.display()))
			}
			None => match std::env::var(SECRET_ENV) {
				Ok(secret) => (secret, format!("${SECRET_ENV}")),
				Err(_) => {
					return Err(format!(
						"no key: give --key-file FILE or set {SECRET_ENV} (keys are never taken \
						 from the command line)"
					)
					.into())
				}
			},
		};
		let uri = SecretUri::from_str(secret.trim())
			.map_err(|e| format!("{source} does not hold a secret URI: {e}"))?;
		Keypair::from_uri(&uri).map_err(|e| format!("{source}: not an sr25519 key: {e}").into())
	}

	/// Whether a key was given at all (a file or the environment).
	pub fn given(&self) -> bool {
		self.key_file.is_some() || std::env::var_os(SECRET_ENV).is_some()
	}
}

fn warn_if_readable_by_others(path: &std::path::Path) {
	use std::os::unix::fs::PermissionsExt;
	if let Ok(meta) = std::fs::metadata(path) {
		if meta.permissions().mode() & 0o077 != 0 {
			eprintln!(
				"pacta: warning: the key file {} can be read by other users (chmod 600 it)",
				path.display()
			);
		}
	}
}

/// Parses an SS58 account (any network prefix) or a `0x` public key of 32 bytes.
pub fn parse_account(text: &str) -> Result<AccountId32, String> {
	let text = text.trim();
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex).map_err(|_| format!("{text:?} is not an account: bad hex"))?;
		let bytes: [u8; 32] = bytes
			.try_into()
			.map_err(|_| format!("{text:?} is not an account: a public key has 32 bytes"))?;
		return Ok(AccountId32(bytes));
	}
	AccountId32::from_str(text).map_err(|e| format!("{text:?} is not an SS58 account: {e}"))
}

/// `pacta account`: which account a key (or a multisig) is.
#[derive(Args)]
pub struct AccountArgs {
	#[command(flatten)]
	key: KeyArgs,
	/// Instead of a key's account: the account of a multisig of these signatories
	/// (comma-separated, in any order) with `--threshold`.
	#[arg(long, value_delimiter = ',', value_parser = parse_account, requires = "threshold")]
	multisig: Vec<AccountId32>,
	/// The multisig's threshold.
	#[arg(long)]
	threshold: Option<u16>,
}

/// Prints the account (SS58, generic prefix 42) and its public key.
pub fn account(args: AccountArgs) -> Result<()> {
	let account = if args.multisig.is_empty() {
		args.key.load()?.public_key().to_account_id()
	} else {
		let threshold = args.threshold.ok_or("--threshold is needed with --multisig")?;
		crate::tx::multisig_account(&args.multisig, threshold)?
	};
	println!("{account}");
	println!("0x{}", hex::encode(account.0));
	Ok(())
}
