//! Transactions: how the CLI turns a call into a submitted, finalized transaction, acting through
//! a proxy (`--as`) or a multisig (`--multisig`/`--threshold`), or into an unsigned payload for an
//! offline signer (`--unsigned`, see [`crate::offline`]); and the pledge commands.
//!
//! Every command builds a [`RuntimeCall`]; [`SignArgs::wrap`] wraps it (proxy innermost, then the
//! multisig: a multisig that is a proxy of `--as`); [`submit`] signs it with the key, waits until
//! it is finalized, checks that the call itself succeeded (a proxied or multisig call fails inside
//! a successful transaction, in `ProxyExecuted`/`MultisigExecuted`) and prints its events.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	ext::{
		codec::{Compact, Decode, Encode},
		scale_value::Composite,
	},
	extrinsics::ExtrinsicEvents,
	tx::DynamicPayload,
	utils::{AccountId32, MultiAddress, H256},
};

use crate::{
	amount::parse_balance,
	api::{
		encode_call,
		pacta::{
			self,
			runtime_types::{
				pallet_multisig::pallet::Call as MultisigCall,
				pallet_pledges::pallet::Call as PledgesCall,
				pallet_proxy::pallet::Call as ProxyCall, sp_weights::weight_v2::Weight,
			},
		},
		RuntimeCall,
	},
	chain::{Chain, Config},
	keys::{parse_account, KeyArgs},
	offline, Result,
};

/// The longest `--mortality` (blocks): the runtime keeps the hashes of the last 2,400 blocks
/// (`BlockHashCount`), and an era's period is a power of two.
pub const MAX_MORTALITY: u64 = 2048;

/// How a transaction is signed and sent.
#[derive(Args, Clone, Debug)]
pub struct SignArgs {
	#[command(flatten)]
	pub key: KeyArgs,
	/// Act for ACCOUNT through a proxy: the key's account (or the multisig) must be its proxy
	/// with a type that allows the call (e.g. `Attesting` for attestations).
	#[arg(long = "as", value_name = "ACCOUNT", value_parser = parse_account)]
	pub real: Option<AccountId32>,
	/// Approve as one signatory of a multisig: all its signatories (SS58, comma-separated,
	/// the key's own included, any order). The call runs once `--threshold` have approved.
	#[arg(long, value_name = "ACCOUNTS", value_delimiter = ',', value_parser = parse_account,
		requires = "threshold")]
	pub multisig: Vec<AccountId32>,
	/// The multisig's threshold (with `--multisig`).
	#[arg(long, requires = "multisig")]
	pub threshold: Option<u16>,
	/// Do not sign: write an unsigned payload to FILE for `pacta tx sign` on an offline machine.
	#[arg(long, value_name = "FILE")]
	pub unsigned: Option<PathBuf>,
	/// With `--unsigned`: the account that will sign (default: the key's account, if one is
	/// given).
	#[arg(long, value_name = "ACCOUNT", value_parser = parse_account)]
	pub from: Option<AccountId32>,
	/// How many blocks the transaction stays valid after the block it is made at (rounded up to
	/// a power of two, at most 2048 = about 3.4 hours of 6-second blocks).
	#[arg(long, default_value_t = 64, value_name = "BLOCKS")]
	pub mortality: u64,
	/// Valid until its nonce is used or the runtime's spec or transaction version changes,
	/// however long that is (for payloads that travel slowly).
	#[arg(long, conflicts_with = "mortality")]
	pub immortal: bool,
	/// A tip for the block author (plancks, or e.g. `0.1PACT`).
	#[arg(long, value_parser = parse_balance, default_value = "0")]
	pub tip: u128,
	/// Use this nonce instead of the account's next one.
	#[arg(long)]
	pub nonce: Option<u64>,
}

impl SignArgs {
	/// The account that signs: the key's, or `--from` for an unsigned payload.
	pub fn signer_account(&self) -> Result<AccountId32> {
		match (&self.from, self.unsigned.is_some()) {
			(Some(from), _) => Ok(*from),
			(None, true) if !self.key.given() => {
				Err("--unsigned needs --from ACCOUNT (the account that will sign) or a key".into())
			}
			_ => Ok(self.key.load()?.public_key().to_account_id()),
		}
	}

	/// The account the call runs as: `--as`, else the multisig, else the signer.
	pub fn acting_account(&self) -> Result<AccountId32> {
		if let Some(real) = &self.real {
			return Ok(*real);
		}
		match self.threshold {
			Some(threshold) if !self.multisig.is_empty() => {
				multisig_account(&self.multisig, threshold)
			}
			_ => self.signer_account(),
		}
	}

	/// Wraps `call` as these options ask: in `Proxy.proxy` for `--as`, then in
	/// `Multisig.as_multi` for `--multisig` (reading whether this call is already pending
	/// approval, and its weight, from the chain).
	pub async fn wrap(&self, chain: &Chain, call: RuntimeCall) -> Result<RuntimeCall> {
		let call = match &self.real {
			Some(real) => RuntimeCall::Proxy(ProxyCall::proxy {
				real: MultiAddress::Id(*real),
				force_proxy_type: None,
				call: Box::new(call),
			}),
			None => call,
		};
		let Some(threshold) = self.threshold.filter(|_| !self.multisig.is_empty()) else {
			return Ok(call);
		};
		let signer = self.signer_account()?;
		if !self.multisig.contains(&signer) {
			return Err(
				format!("the signer {signer} is not one of the --multisig signatories").into()
			);
		}
		let multisig = multisig_account(&self.multisig, threshold)?;
		let mut others: Vec<AccountId32> =
			self.multisig.iter().filter(|a| **a != signer).cloned().collect();
		others.sort_by_key(|a| a.0);
		others.dedup();
		let call_hash = blake2_256(&encode_call(&call)?);
		let at = chain.api.at_current_block().await?;
		let pending = at
			.storage()
			.try_fetch(pacta::storage().multisig().multisigs(), (multisig, call_hash))
			.await?;
		let timepoint = match pending {
			Some(pending) => Some(pending.decode()?.when),
			None => None,
		};
		let max_weight = call_weight(chain, &call).await?;
		eprintln!(
			"pacta: multisig {multisig}: {} approval of call 0x{}",
			if timepoint.is_some() { "another" } else { "the first" },
			hex::encode(call_hash)
		);
		Ok(RuntimeCall::Multisig(MultisigCall::as_multi {
			threshold,
			other_signatories: others,
			maybe_timepoint: timepoint,
			call: Box::new(call),
			max_weight,
		}))
	}
}

/// The weight the runtime gives `call` (what a multisig's last approval must allow), from
/// `TransactionPaymentCallApi_query_call_info`.
async fn call_weight(chain: &Chain, call: &RuntimeCall) -> Result<Weight> {
	let encoded = encode_call(call)?;
	let len = encoded.len() as u32;
	let mut input = encoded;
	input.extend(len.encode());
	let answer = chain
		.legacy()
		.state_call("TransactionPaymentCallApi_query_call_info", Some(&input), None)
		.await?;
	let (ref_time, proof_size) = <(Compact<u64>, Compact<u64>)>::decode(&mut &answer[..])?;
	Ok(Weight { ref_time: ref_time.0, proof_size: proof_size.0 })
}

/// The account of a multisig: `blake2_256(b"modlpy/utilisuba" ++ SCALE(sorted signatories) ++
/// SCALE(threshold))`, as `pallet-multisig` derives it.
pub fn multisig_account(signatories: &[AccountId32], threshold: u16) -> Result<AccountId32> {
	let mut sorted: Vec<[u8; 32]> = signatories.iter().map(|a| a.0).collect();
	sorted.sort();
	sorted.dedup();
	if sorted.len() < 2 {
		return Err("a multisig needs at least two different signatories".into());
	}
	if threshold < 2 || usize::from(threshold) > sorted.len() {
		return Err(format!(
			"a multisig threshold must be between 2 and the number of signatories ({})",
			sorted.len()
		)
		.into());
	}
	let entropy = (b"modlpy/utilisuba", sorted, threshold).encode();
	Ok(AccountId32(crate::tx::blake2_256(&entropy)))
}

/// How long a transaction stays valid.
#[derive(Clone, Copy, Debug)]
pub enum Mortality {
	/// Until its nonce is used.
	Immortal,
	/// For about this many blocks (rounded up to a power of two, 4 to [`MAX_MORTALITY`]) from
	/// `birth` (a block number and hash), or from the node's current block when `None`.
	Mortal { blocks: u64, birth: Option<(u64, H256)> },
}

impl SignArgs {
	/// The mortality these options ask for, counted from the node's current block.
	pub fn mortality(&self) -> Mortality {
		if self.immortal {
			Mortality::Immortal
		} else {
			Mortality::Mortal { blocks: self.mortality, birth: None }
		}
	}
}

/// The transaction parameters: nonce, tip, mortality.
pub fn params(
	nonce: u64,
	tip: u128,
	mortality: Mortality,
) -> <<Config as subxt::Config>::TransactionExtensions as subxt::config::TransactionExtensions<
	Config,
>>::Params {
	let builder = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).tip(tip);
	let builder = match mortality {
		Mortality::Immortal => builder.immortal(),
		Mortality::Mortal { blocks, birth: Some((number, hash)) } => {
			builder.mortal_from_unchecked(blocks.clamp(4, MAX_MORTALITY), number, hash)
		}
		Mortality::Mortal { blocks, birth: None } => builder.mortal(blocks.clamp(4, MAX_MORTALITY)),
	};
	builder.build()
}

/// A call as text: `Pallet.call { args }`, decoded with the metadata.
pub fn describe(call: &DynamicPayload<Composite<()>>) -> String {
	format!(
		"{}.{} {}",
		call.pallet_name(),
		call.call_name(),
		crate::display::composite(call.call_data())
	)
}

/// A finalized transaction: its block and its events.
pub struct Landed {
	/// The block it is in.
	pub block: H256,
	/// Its events.
	pub events: ExtrinsicEvents<Config>,
}

/// Signs `call` (wrapped as `args` asks) with the key and submits it, or writes it unsigned
/// (`--unsigned`). Returns the finalized transaction (`None` when written unsigned).
pub async fn submit(chain: &Chain, call: RuntimeCall, args: &SignArgs) -> Result<Option<Landed>> {
	if args.mortality > MAX_MORTALITY && !args.immortal {
		return Err(format!(
			"--mortality {} is above {MAX_MORTALITY} blocks, the most this chain keeps block \
			 hashes for: use --immortal for a payload that travels longer",
			args.mortality
		)
		.into());
	}
	let call = args.wrap(chain, call).await?;
	if let Some(path) = &args.unsigned {
		offline::write_unsigned(chain, &call, args, path).await?;
		return Ok(None);
	}
	let keypair = args.key.load()?;
	let at = chain.api.at_current_block().await?;
	let payload = at.tx().from_call_data_bytes(&encode_call(&call)?)?;
	eprintln!("pacta: {}", describe(&payload));
	let signer = keypair.public_key().to_account_id();
	let nonce = match args.nonce {
		Some(nonce) => nonce,
		None => at.tx().account_nonce(&signer).await?,
	};
	let params = params(nonce, args.tip, args.mortality());
	let progress = at.tx().sign_and_submit_then_watch(&payload, &keypair, params).await?;
	Ok(Some(finalized(progress).await?))
}

/// Waits until a submitted transaction is finalized and checks that it and the call it carries
/// succeeded: a failed proxied call (`Proxy.ProxyExecuted` with an error) or multisig call
/// (`Multisig.MultisigExecuted`) is an error too. Prints the transaction's events.
pub async fn finalized<C>(progress: subxt::tx::TransactionProgress<Config, C>) -> Result<Landed>
where
	C: subxt::client::OnlineClientAtBlockT<Config>,
{
	let in_block = progress.wait_for_finalized().await?;
	let block = in_block.block_hash();
	let events = in_block.wait_for_success().await.map_err(|e| match e {
		subxt::error::TransactionEventsError::ExtrinsicFailed(error) => {
			format!("the transaction failed in block {block:?}: {error}")
		}
		other => other.to_string(),
	})?;
	println!("finalized in block {block:?}");
	for event in events.iter() {
		let event = event?;
		let fields = event.decode_fields_unchecked_as::<Composite<()>>()?;
		println!(
			"  {}.{} {}",
			event.pallet_name(),
			event.event_name(),
			crate::display::composite(&fields)
		);
	}
	if let Some(executed) = events.find_first::<pacta::proxy::events::ProxyExecuted>() {
		if let Err(error) = executed?.result {
			return Err(format!("the proxied call failed: {}", dispatch_error(&error)).into());
		}
	}
	if let Some(executed) = events.find_first::<pacta::multisig::events::MultisigExecuted>() {
		if let Err(error) = executed?.result {
			return Err(format!("the multisig call failed: {}", dispatch_error(&error)).into());
		}
	}
	Ok(Landed { block, events })
}

/// A dispatch error as `Pallet.Error` (named from the metadata) where it is a module error.
pub fn dispatch_error(error: &pacta::runtime_types::sp_runtime::DispatchError) -> String {
	use pacta::runtime_types::sp_runtime::DispatchError;
	match error {
		DispatchError::Module(module) => {
			let metadata = subxt::Metadata::decode_from(crate::api::METADATA).ok();
			let name = metadata.as_ref().and_then(|m| {
				let pallet = m.pallet_by_error_index(module.index)?;
				let variant = pallet.error_variant_by_index(module.error[0])?;
				Some(format!("{}.{}", pallet.name(), variant.name))
			});
			name.unwrap_or_else(|| format!("{module:?}"))
		}
		other => format!("{other:?}"),
	}
}

/// `pacta pledge ...`: a party controller's pledge work (the key is the controller's, or its
/// proxy's with `--as CONTROLLER`).
#[derive(Subcommand)]
pub enum PledgeCommand {
	/// Pledge a cap for a period, with a bond held until it settles.
	Submit {
		/// The period.
		#[arg(long)]
		period: u32,
		/// The cap, in whole tonnes CO2e.
		#[arg(long)]
		cap: u64,
		/// The bond (plancks, or e.g. `1000PACT`).
		#[arg(long, value_parser = parse_balance)]
		bond: u128,
		#[command(flatten)]
		sign: SignArgs,
	},
	/// Lower the cap of a pledge (it may only get stronger).
	Strengthen {
		/// The period.
		#[arg(long)]
		period: u32,
		/// The new, lower cap in tonnes CO2e.
		#[arg(long)]
		cap: u64,
		#[command(flatten)]
		sign: SignArgs,
	},
	/// Add to the bond of a pledge.
	TopUp {
		/// The period.
		#[arg(long)]
		period: u32,
		/// What to add (plancks, or e.g. `500PACT`).
		#[arg(long, value_parser = parse_balance)]
		amount: u128,
		#[command(flatten)]
		sign: SignArgs,
	},
}

/// Runs a pledge command.
pub async fn pledge(url: &str, command: PledgeCommand) -> Result<()> {
	let (call, sign) = match command {
		PledgeCommand::Submit { period, cap, bond, sign } => {
			(PledgesCall::submit_pledge { period, cap_tonnes: cap, bond }, sign)
		}
		PledgeCommand::Strengthen { period, cap, sign } => {
			(PledgesCall::strengthen_pledge { period, new_cap: cap }, sign)
		}
		PledgeCommand::TopUp { period, amount, sign } => {
			(PledgesCall::top_up_bond { period, amount }, sign)
		}
	};
	let chain = Chain::connect(url).await?;
	submit(&chain, RuntimeCall::Pledges(call), &sign).await?;
	Ok(())
}

/// BLAKE2b-256, the chain's hash.
pub fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	use sp_runtime::traits::{BlakeTwo256, Hash};
	BlakeTwo256::hash(bytes).0
}
