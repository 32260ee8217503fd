//! Transactions signed away from the network: the unsigned payload file a `--unsigned` command
//! writes, `pacta tx sign` (no network: it rebuilds what is signed from the payload's fields and
//! the metadata built into this program, shows the decoded call, then signs), `pacta tx submit`
//! and `pacta tx show`.
//!
//! What is signed is rebuilt, never taken from the file: the file's `signerPayload` (for other
//! signers, e.g. a hardware wallet) must equal the rebuilt bytes, so a file edited after it was
//! written (another call, nonce or chain) is refused rather than signed blind.
//!
//! A payload stays valid for its era: a mortal one from its birth block until `validUntilBlock`
//! (at most 2,048 blocks, about 3.4 hours of 6-second blocks); an immortal one until its nonce
//! is used. Either is invalidated by another transaction of the signer with the same nonce, and
//! by a runtime upgrade that changes the spec or transaction version (the signature covers both).

use std::{
	path::{Path, PathBuf},
	sync::Arc,
};

use clap::Subcommand;
use serde::{Deserialize, Serialize};
use subxt::{
	client::OfflineClient,
	config::substrate::{SpecVersionForRange, SubstrateConfig},
	ext::codec::Decode,
	utils::{AccountId32, MultiSignature, H256},
	Metadata,
};
use subxt_signer::sr25519::Keypair;

use crate::{
	api::{RuntimeCall, METADATA},
	chain::Chain,
	keys::KeyArgs,
	tx::{self, describe, Mortality, SignArgs},
	Refused, Result,
};

/// The format of the files below (raised on an incompatible change).
pub const FORMAT: u32 = 1;

/// The chain a payload is for: a signature covers all of these.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ChainId {
	/// The genesis block's hash.
	pub genesis_hash: H256,
	/// The runtime's `spec_name`.
	pub spec_name: String,
	/// The runtime's spec version.
	pub spec_version: u32,
	/// The runtime's transaction version.
	pub transaction_version: u32,
}

/// How long a transaction stays valid.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub enum Era {
	/// Valid until its nonce is used.
	Immortal,
	/// Valid from `birth_block` (whose hash is signed) for `period` blocks.
	#[serde(rename_all = "camelCase")]
	Mortal {
		/// The block the era counts from.
		birth_block: u64,
		/// Its hash.
		birth_hash: H256,
		/// The era's length in blocks (a power of two).
		period: u64,
		/// The last block that may include the transaction.
		valid_until_block: u64,
	},
}

/// An unsigned transaction, written by `--unsigned` (`*.payload.json`).
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct UnsignedPayload {
	/// [`FORMAT`].
	pub pacta_payload: u32,
	/// The chain and runtime.
	pub chain: ChainId,
	/// Who must sign (SS58).
	pub signer: AccountId32,
	/// The signer's nonce.
	pub nonce: u64,
	/// The tip, in plancks (a decimal string).
	pub tip: String,
	/// The era.
	pub era: Era,
	/// `CheckMetadataHash`'s mode: always `disabled` (the chain does not require it).
	pub metadata_hash_mode: String,
	/// The SCALE-encoded call (hex).
	#[serde(with = "hex_bytes")]
	pub call: Vec<u8>,
	/// The call, decoded, for people.
	pub decoded: String,
	/// The bytes a signer signs (hex; already blake2-256 hashed where the encoding is longer than
	/// 256 bytes), for signers other than `pacta tx sign`: sign exactly these, then `pacta tx
	/// attach` the signature.
	#[serde(with = "hex_bytes")]
	pub signer_payload: Vec<u8>,
}

/// A signed transaction, written by `pacta tx sign` (`*.signed.json`).
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct SignedTransaction {
	/// [`FORMAT`].
	pub pacta_signed: u32,
	/// The chain and runtime.
	pub chain: ChainId,
	/// Who signed.
	pub signer: AccountId32,
	/// The era.
	pub era: Era,
	/// The call, decoded.
	pub decoded: String,
	/// The SCALE-encoded call (hex): the end of `transaction`, checked by `tx show` and
	/// `tx submit`.
	#[serde(with = "hex_bytes")]
	pub call: Vec<u8>,
	/// The transaction's hash.
	pub hash: H256,
	/// The encoded transaction (hex), as `author_submitExtrinsic` takes it.
	#[serde(with = "hex_bytes")]
	pub transaction: Vec<u8>,
}

mod hex_bytes {
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&format!("0x{}", hex::encode(bytes)))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
		let text = String::deserialize(d)?;
		hex::decode(text.strip_prefix("0x").unwrap_or(&text)).map_err(D::Error::custom)
	}
}

/// `pacta tx ...`.
#[derive(Subcommand)]
pub enum TxCommand {
	/// Sign an unsigned payload file with the key, with no network: shows the decoded call
	/// first and refuses a payload whose fields do not give its signer payload.
	Sign {
		/// The payload file (from a command run with `--unsigned`).
		payload: PathBuf,
		/// Where to write the signed transaction.
		#[arg(long, short, value_name = "FILE")]
		out: PathBuf,
		/// Sign without asking (the decoded call is still shown).
		#[arg(long)]
		yes: bool,
		#[command(flatten)]
		key: KeyArgs,
	},
	/// Attach a signature made elsewhere (a hardware wallet, another signer) over the payload's
	/// `signerPayload`: it is checked against the signer's public key, then written as a signed
	/// file for `tx submit`.
	Attach {
		/// The payload file.
		payload: PathBuf,
		/// The sr25519 signature: 0x and 128 hex digits.
		#[arg(long, value_name = "HEX")]
		signature: String,
		/// Where to write the signed transaction.
		#[arg(long, short, value_name = "FILE")]
		out: PathBuf,
	},
	/// Submit a signed transaction file and wait until it is finalized.
	Submit {
		/// The signed file (from `pacta tx sign`).
		signed: PathBuf,
	},
	/// Show a payload or signed file, decoded (no network).
	Show {
		/// The file.
		file: PathBuf,
	},
}

/// Runs a `tx` command.
pub async fn run(url: &str, command: TxCommand) -> Result<()> {
	match command {
		TxCommand::Sign { payload, out, yes, key } => sign(&payload, &out, yes, &key),
		TxCommand::Attach { payload, signature, out } => attach(&payload, &signature, &out),
		TxCommand::Submit { signed } => submit_signed(url, &signed).await,
		TxCommand::Show { file } => show(&file),
	}
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> Result<T> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	serde_json::from_str(&text).map_err(|e| format!("{} is not {what}: {e}", path.display()).into())
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
	let text = serde_json::to_string_pretty(value)?;
	std::fs::write(path, text + "\n")
		.map_err(|e| format!("cannot write {}: {e}", path.display()).into())
}

/// The spec name, spec version and transaction version of the metadata built into this program
/// (its `System.Version` constant).
fn built_in_version(metadata: &Metadata) -> Result<(String, u32, u32)> {
	let constant = metadata
		.pallet_by_name("System")
		.and_then(|p| p.constant_by_name("Version"))
		.ok_or("the built-in metadata has no System.Version")?;
	#[allow(clippy::type_complexity)]
	let (spec_name, _impl, _authoring, spec_version, _impl_version, _apis, transaction_version): (
		String,
		String,
		u32,
		u32,
		u32,
		Vec<([u8; 8], u32)>,
		u32,
	) = Decode::decode(&mut constant.value())?;
	Ok((spec_name, spec_version, transaction_version))
}

/// An offline client for `chain` with the built-in metadata (refused if `chain`'s runtime is not
/// the one this program was built for: the decode shown and the extensions signed would be
/// wrong).
fn offline_client(chain: &ChainId) -> Result<subxt::client::OfflineClientAtBlock<SubstrateConfig>> {
	let metadata = Metadata::decode_from(METADATA)?;
	let (spec_name, spec_version, transaction_version) = built_in_version(&metadata)?;
	if (spec_name.as_str(), spec_version, transaction_version)
		!= (chain.spec_name.as_str(), chain.spec_version, chain.transaction_version)
	{
		return Err(Refused(vec![format!(
			"the payload is for runtime {} spec {} (transaction version {}), this pacta was \
			 built for {spec_name} spec {spec_version} (transaction version \
			 {transaction_version}): sign with a pacta built for that runtime",
			chain.spec_name, chain.spec_version, chain.transaction_version
		)])
		.into());
	}
	let config = SubstrateConfig::builder()
		.set_genesis_hash(chain.genesis_hash)
		.set_metadata_for_spec_versions([(spec_version, Arc::new(metadata))])
		.set_spec_version_for_block_ranges([SpecVersionForRange {
			block_range: 0..u64::MAX,
			spec_version,
			transaction_version,
		}])
		.build();
	Ok(OfflineClient::new_with_config(config).at_block(0u64)?)
}

/// The nonce, tip and era of a payload as transaction parameters.
fn payload_params(
	payload: &UnsignedPayload,
) -> Result<<<SubstrateConfig as subxt::Config>::TransactionExtensions as subxt::config::TransactionExtensions<SubstrateConfig>>::Params>{
	let tip: u128 = payload.tip.parse().map_err(|_| "the payload's tip is not a number")?;
	let mortality = match payload.era {
		Era::Immortal => Mortality::Immortal,
		Era::Mortal { period, .. } => {
			Mortality::Mortal { blocks: period, birth: birth(&payload.era) }
		}
	};
	Ok(tx::params(payload.nonce, tip, mortality))
}

fn birth(era: &Era) -> Option<(u64, H256)> {
	match era {
		Era::Immortal => None,
		Era::Mortal { birth_block, birth_hash, .. } => Some((*birth_block, *birth_hash)),
	}
}

/// Writes `call` as an unsigned payload for `args.signer_account()`, made at the node's last
/// finalized block.
pub async fn write_unsigned(
	chain: &Chain,
	call: &RuntimeCall,
	args: &SignArgs,
	path: &Path,
) -> Result<()> {
	let signer = args.signer_account()?;
	let at = chain.api.at_current_block().await?;
	let version = chain.legacy().state_get_runtime_version(Some(at.block_hash())).await?;
	let spec_name =
		version.other.get("specName").and_then(|v| v.as_str()).unwrap_or_default().to_string();
	let chain_id = ChainId {
		genesis_hash: at.genesis_hash().ok_or("the node gave no genesis hash")?,
		spec_name,
		spec_version: at.spec_version(),
		transaction_version: at.transaction_version(),
	};
	let nonce = match args.nonce {
		Some(nonce) => nonce,
		None => at.tx().account_nonce(&signer).await?,
	};
	let era = if args.immortal {
		Era::Immortal
	} else {
		let period = args.mortality.clamp(4, tx::MAX_MORTALITY).next_power_of_two();
		Era::Mortal {
			birth_block: at.block_number(),
			birth_hash: at.block_hash(),
			period,
			valid_until_block: at.block_number() + period - 1,
		}
	};
	let mut payload = UnsignedPayload {
		pacta_payload: FORMAT,
		chain: chain_id,
		signer,
		nonce,
		tip: args.tip.to_string(),
		era,
		metadata_hash_mode: "disabled".into(),
		call: crate::api::encode_call(call)?,
		decoded: String::new(),
		signer_payload: Vec::new(),
	};
	let (decoded, signer_payload) = rebuild(&payload)?;
	payload.decoded = decoded;
	payload.signer_payload = signer_payload;
	write_json(path, &payload)?;
	eprintln!("pacta: {}", payload.decoded);
	match &payload.era {
		Era::Mortal { valid_until_block, .. } => eprintln!(
			"pacta: wrote {} for {} (nonce {}); valid until block {valid_until_block}",
			path.display(),
			payload.signer,
			payload.nonce
		),
		Era::Immortal => eprintln!(
			"pacta: wrote {} for {} (nonce {}); immortal: valid until that nonce is used",
			path.display(),
			payload.signer,
			payload.nonce
		),
	}
	Ok(())
}

/// Rebuilds `payload`'s transaction offline from its fields and the built-in metadata, and
/// hands `then` the signable transaction and the decoded call.
fn with_signable<R>(
	payload: &UnsignedPayload,
	then: impl FnOnce(
		&mut subxt::tx::SignableTransaction<
			'_,
			SubstrateConfig,
			subxt::client::OfflineClientAtBlockImpl<SubstrateConfig>,
			subxt::tx::DynamicPayload<subxt::ext::scale_value::Composite<()>>,
		>,
		String,
	) -> Result<R>,
) -> Result<R> {
	let client = offline_client(&payload.chain)?;
	let call = client.tx().from_call_data_bytes(&payload.call)?;
	let decoded = describe(&call);
	let mut signable = client.tx().create_signable_offline(&call, payload_params(payload)?)?;
	then(&mut signable, decoded)
}

/// The decoded call and the signer payload of `payload`'s fields, rebuilt offline.
fn rebuild(payload: &UnsignedPayload) -> Result<(String, Vec<u8>)> {
	with_signable(payload, |signable, decoded| Ok((decoded, signable.signer_payload()?)))
}

/// Reads a payload file and checks it: its format, and that its fields give its signer
/// payload. Returns it with its decoded call.
fn checked_payload(path: &Path) -> Result<(UnsignedPayload, String)> {
	let payload: UnsignedPayload = read_json(path, "a pacta payload")?;
	if payload.pacta_payload != FORMAT {
		return Err(Refused(vec![format!(
			"{} has payload format {}, this pacta reads {FORMAT}",
			path.display(),
			payload.pacta_payload
		)])
		.into());
	}
	let (decoded, signer_payload) = rebuild(&payload)?;
	if signer_payload != payload.signer_payload {
		return Err(Refused(vec![format!(
			"{}: its signerPayload is not what its call, nonce, era, tip and chain give: the \
			 file was changed after it was written",
			path.display()
		)])
		.into());
	}
	Ok((payload, decoded))
}

/// Builds the signed transaction of `payload` with the signature `sign` makes over its signer
/// payload, and writes it to `out`.
fn assemble(
	payload: &UnsignedPayload,
	decoded: String,
	out: &Path,
	sign: impl FnOnce(&[u8]) -> Result<[u8; 64]>,
) -> Result<()> {
	let transaction = with_signable(payload, |signable, _| {
		let signature = sign(&signable.signer_payload()?)?;
		Ok(signable.sign_with_account_and_signature(
			&payload.signer,
			&MultiSignature::Sr25519(signature),
		)?)
	})?;
	let signed = SignedTransaction {
		pacta_signed: FORMAT,
		chain: payload.chain.clone(),
		signer: payload.signer,
		era: payload.era.clone(),
		decoded,
		call: payload.call.clone(),
		hash: transaction.hash(),
		transaction: transaction.into_encoded(),
	};
	write_json(out, &signed)?;
	eprintln!("pacta: wrote {} (transaction {:?})", out.display(), signed.hash);
	Ok(())
}

fn sign(path: &Path, out: &Path, yes: bool, key: &KeyArgs) -> Result<()> {
	let keypair: Keypair = key.load()?;
	let (payload, decoded) = checked_payload(path)?;
	let account = keypair.public_key().to_account_id();
	if account != payload.signer {
		return Err(Refused(vec![format!(
			"the payload is for {}, the key is {account}",
			payload.signer
		)])
		.into());
	}
	eprintln!(
		"Signing for {account} on {} (genesis {:?}):",
		payload.chain.spec_name, payload.chain.genesis_hash
	);
	eprintln!("  {decoded}");
	eprintln!("  nonce {}, tip {} plancks, {}", payload.nonce, payload.tip, era_text(&payload.era));
	if !yes && !confirm()? {
		return Err("not signed".into());
	}
	assemble(&payload, decoded, out, |bytes| Ok(keypair.sign(bytes).0))
}

fn attach(path: &Path, signature: &str, out: &Path) -> Result<()> {
	let (payload, decoded) = checked_payload(path)?;
	let bad = || {
		Refused(vec![format!("{signature:?} is not an sr25519 signature: 0x and 128 hex digits")])
	};
	let bytes = hex::decode(signature.trim().trim_start_matches("0x")).map_err(|_| bad())?;
	let signature: [u8; 64] = bytes.try_into().map_err(|_| bad())?;
	let public = subxt_signer::sr25519::PublicKey(payload.signer.0);
	let valid = subxt_signer::sr25519::verify(
		&subxt_signer::sr25519::Signature(signature),
		&payload.signer_payload,
		&public,
	);
	if !valid {
		return Err(Refused(vec![format!(
			"the signature is not {}'s over this payload's signerPayload",
			payload.signer
		)])
		.into());
	}
	eprintln!("pacta: {decoded}");
	assemble(&payload, decoded, out, |_| Ok(signature))
}

fn era_text(era: &Era) -> String {
	match era {
		Era::Immortal => "immortal".into(),
		Era::Mortal { birth_block, valid_until_block, .. } => {
			format!("valid from block {birth_block} to block {valid_until_block}")
		}
	}
}

fn confirm() -> Result<bool> {
	use std::io::{BufRead, IsTerminal, Write};
	if !std::io::stdin().is_terminal() {
		return Err("no terminal to confirm on: pass --yes to sign without asking".into());
	}
	eprint!("Sign? [y/N] ");
	std::io::stderr().flush()?;
	let mut answer = String::new();
	std::io::stdin().lock().read_line(&mut answer)?;
	Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

async fn submit_signed(url: &str, path: &Path) -> Result<()> {
	let signed: SignedTransaction = read_json(path, "a signed pacta transaction")?;
	let chain = Chain::connect(url).await?;
	let at = chain.api.at_current_block().await?;
	if at.genesis_hash() != Some(signed.chain.genesis_hash) {
		return Err(Refused(vec![format!(
			"{} is for the chain with genesis {:?}, the node at {} is another chain",
			path.display(),
			signed.chain.genesis_hash,
			chain.url()
		)])
		.into());
	}
	if let Era::Mortal { valid_until_block, .. } = signed.era {
		let best = u64::from(chain.best_number().await?);
		if best > valid_until_block {
			return Err(format!(
				"{} expired: valid until block {valid_until_block}, the chain is at {best}; \
				 make and sign a new payload",
				path.display()
			)
			.into());
		}
	}
	check_signed(path, &signed)?;
	let decoded = match offline_client(&signed.chain) {
		Ok(client) => describe(&client.tx().from_call_data_bytes(&signed.call)?),
		// Another runtime than this pacta's: the node checks the signature anyway.
		Err(_) => signed.decoded.clone(),
	};
	eprintln!("pacta: submitting {decoded}");
	let progress = at.tx().from_bytes(signed.transaction).submit_and_watch().await?;
	tx::finalized(progress).await?;
	Ok(())
}

/// A signed file's transaction must end with its call (a signed transaction's encoding ends with
/// the call), so the call shown is the call sent.
fn check_signed(path: &Path, signed: &SignedTransaction) -> Result<()> {
	if signed.pacta_signed != FORMAT || !signed.transaction.ends_with(&signed.call) {
		return Err(Refused(vec![format!(
			"{}: its transaction does not carry its call: the file was changed after it was signed",
			path.display()
		)])
		.into());
	}
	Ok(())
}

fn show(path: &Path) -> Result<()> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	if let Ok(payload) = serde_json::from_str::<UnsignedPayload>(&text) {
		let (decoded, signer_payload) = rebuild(&payload)?;
		println!("unsigned payload for {} (nonce {})", payload.signer, payload.nonce);
		println!("  {decoded}");
		println!("  {}", era_text(&payload.era));
		if signer_payload != payload.signer_payload {
			println!("  WARNING: its signerPayload does not match its fields: do not sign it");
		}
		return Ok(());
	}
	let signed: SignedTransaction = serde_json::from_str(&text)
		.map_err(|_| format!("{} is neither a payload nor a signed transaction", path.display()))?;
	check_signed(path, &signed)?;
	let client = offline_client(&signed.chain)?;
	let decoded = describe(&client.tx().from_call_data_bytes(&signed.call)?);
	println!("signed transaction {:?} by {}", signed.hash, signed.signer);
	println!("  {decoded}");
	println!("  {}", era_text(&signed.era));
	Ok(())
}
