//! # Pacta runtime
//!
//! The FRAME runtime of the Pacta consortium chain, compiled to Wasm. It composes the standard
//! pallets of a solo chain (Aura, GRANDPA, Balances, fees, Sudo on dev chains) with the council
//! that governs the chain (`Council`, `CouncilMembership`) and, as they land, Pacta's own
//! pallets (`Pledges`, `Attestations`, `Settlement`).
//!
//! Institutions hold their keys through `Utility` (batches), `Multisig` and `Proxy` with the
//! roles of [`proxy_types::ProxyType`].
//!
//! Modules: [`configs`] holds each pallet's configuration, [`governance`] the
//! [`governance::GovernanceOrigin`], [`proxy_types`] the proxy roles, [`apis`] the runtime APIs and
//! [`genesis_config_presets`] the `development` and `local_testnet` presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands to items without docs.
#![allow(missing_docs)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

// Before `apis`: the benchmark list macros it uses are defined here.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod council_root;
pub mod genesis_config_presets;
pub mod governance;
mod pacta_api;
pub mod proxy_types;
#[cfg(test)]
mod tests;
pub mod token;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;

/// A block number.
pub type BlockNumber = u32;
/// A transaction signature.
pub type Signature = MultiSignature;
/// An account: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance, in plancks (10^-12 PACT).
pub type Balance = u128;
/// A transaction counter.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;

/// Opaque types for the node, which need not know the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: one for Aura, one for GRANDPA.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime version. `spec_name` is "pacta".
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("pacta"),
	impl_name: alloc::borrow::Cow::Borrowed("pacta"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time: 6 seconds, with 2 seconds of compute per block (see
/// `configs::RuntimeBlockWeights`).
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration (equal to the block time).
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One PACT in plancks (10^[`token::TOKEN_DECIMALS`]).
pub const UNIT: Balance = (10 as Balance).pow(token::TOKEN_DECIMALS as u32);
/// One thousandth of a PACT.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// The existential deposit.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The address format.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The transaction extensions, checked on every signed transaction. `CheckMetadataHash` lets a
/// signer that holds no metadata (Ledger's generic app, Polkadot Vault) sign over its hash (mode
/// 1); mode 0 signs without it, as before. `WeightReclaim` returns unused weight, last.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);
/// The extrinsic format.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that is signed.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// Migrations to run on upgrade, besides the pallets' own.
type Migrations = ();
/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// Pallet indices are part of the transaction format and of every storage key clients
	// decode, so they are allocated once, by purpose, and never reused:
	//
	// | range | purpose | in use / reserved |
	// |---|---|---|
	// | 0–9 | the chain's base: system, time, consensus, balances, fees, sudo, council | 0–9 in use |
	// | 10–19 | operations and governance: 10 `Utility`, 11 `Multisig`, 12 `Proxy`, 13 `Session` (governed validator set), 14 `Scheduler`, 15 `Preimage`, 16 `ReviewPanel` (the disputes' expert roster, a second `pallet-membership`) | 10–12 and 16 in use, 13–15 reserved |
	// | 20–23 | Pacta: `Pledges`, `Attestations`, `Settlement`, `Disputes` | in use |
	// | 24–29 | new Pacta pallets: 24 an oracle reward pool | reserved |
	//
	// A pallet that leaves keeps its index retired.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(8)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(9)]
	pub type CouncilRoot = council_root;

	#[runtime::pallet_index(10)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(11)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(12)]
	pub type Proxy = pallet_proxy;
	#[runtime::pallet_index(16)]
	pub type ReviewPanel = pallet_membership<Instance2>;

	#[runtime::pallet_index(20)]
	pub type Pledges = pallet_pledges;
	#[runtime::pallet_index(21)]
	pub type Attestations = pallet_attestations;
	#[runtime::pallet_index(22)]
	pub type Settlement = pallet_settlement;
	#[runtime::pallet_index(23)]
	pub type Disputes = pallet_disputes;
}
