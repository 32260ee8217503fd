//! The configuration of every pallet in the runtime.

use crate::{
	governance::{AbsentIsNay, CouncilCollective, GovernanceOrigin, RootDenyList},
	proxy_types::ProxyType,
	AccountId, Attestations, Aura, Balance, Balances, Block, BlockNumber, Council, CouncilRoot,
	Disputes, Hash, Nonce, OriginCaller, PalletInfo, Pledges, ReviewPanel, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Settlement,
	System, DAYS, EXISTENTIAL_DEPOSIT, HOURS, MILLI_UNIT, SLOT_DURATION, UNIT, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, Get, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{BlakeTwo256, One},
	Perbill,
};
use sp_version::RuntimeVersion;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per 6-second block (a third of the slot, the polkadot-sdk
	/// standard: the author builds in it and every other validator must import it before the
	/// next slot starts).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB blocks, 75% of it for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u8 = 42;
	/// The most weight normal-class transactions may fill a block with (75% of it): the
	/// reference the pallets' per-block budgets are shares of.
	pub NormalClassWeight: Weight = RuntimeBlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.unwrap_or(NORMAL_DISPATCH_RATIO * RuntimeBlockWeights::get().max_block);
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A week: ministries in every time zone can vote before a motion lapses, across weekends
	/// and holidays. Motions close as soon as two thirds voted aye, so this never slows the
	/// council. A chain setting: the genesis config (`councilRoot.motionDuration`) and
	/// governance (`CouncilRoot.set_motion_duration`) change it within the bounds below.
	pub const DefaultCouncilMotionDuration: BlockNumber = 7 * DAYS;
	/// The shortest motion duration governance may set.
	pub const MinCouncilMotionDuration: BlockNumber = HOURS;
	/// The longest motion duration governance may set.
	pub const MaxCouncilMotionDuration: BlockNumber = 30 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 100;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	// A chain setting, read from `CouncilRoot` for each new motion.
	type MotionDuration = CouncilRoot;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	// Absent members count as nays: no prime, and no majority, votes for them.
	type DefaultVote = AbsentIsNay;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership is managed by `CouncilMembership`; only Root may reset it directly.
	type SetMembersOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = frame_system::EnsureRoot<AccountId>;
	type KillOrigin = frame_system::EnsureRoot<AccountId>;
	type Consideration = ();
}

/// Two thirds of the council may act as Root (runtime upgrades on chains without sudo), never
/// for `Sudo` or raw storage writes, not even hidden in a batch, proxy or multisig.
impl crate::council_root::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type GovernanceOrigin = GovernanceOrigin;
	type Forbidden = RootDenyList;
	type DefaultMotionDuration = DefaultCouncilMotionDuration;
	type MinMotionDuration = MinCouncilMotionDuration;
	type MaxMotionDuration = MaxCouncilMotionDuration;
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// The most members of the review panel.
	pub const ReviewPanelMaxMembers: u32 = 32;
}

/// The review panel: experts of international organisations who decide disputes, appointed and
/// removed by governance, separate from the council of parties. Eligibility in a dispute is
/// fixed when it opens; `Disputes` is told of key changes so that a member's affiliations
/// follow its new key.
impl pallet_membership::Config<pallet_membership::Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = ();
	type MembershipChanged = Disputes;
	type MaxMembers = ReviewPanelMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

// ---------------------------------------------------------------------------------------------
// Institutional keys: batches, multisigs, proxies
// ---------------------------------------------------------------------------------------------

/// The deposit behind `items` storage items of `bytes` bytes in all: one PACT an item and ten
/// milli-PACT a byte, returned when the item is removed.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance) * UNIT + (bytes as Balance) * 10 * MILLI_UNIT
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A pending multisig operation: its key (account + call hash) and its record.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	/// Each approval on it: one more account id.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
	/// One proxy list.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	/// Each proxy on it: an account id and a proxy type.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// One announcement list of a time-delayed proxy.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	/// Each announcement on it: an account id and a call hash.
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

// ---------------------------------------------------------------------------------------------
// Pacta pallets
// ---------------------------------------------------------------------------------------------

parameter_types! {
	/// The smallest bond behind a pledge.
	pub const MinPledgeBond: Balance = 100 * UNIT;
	/// The bond an oracle posts when it applies.
	pub const OracleBond: Balance = 1_000 * UNIT;
	/// The smallest bond behind a challenge (a claim, or backing one).
	pub const MinChallengeBond: Balance = 100 * UNIT;
	/// The share of the losing challenge bonds paid to the winning claim's backers (pro rata to
	/// their bonds); the rest goes to the climate fund.
	pub const WinnerShare: Perbill = Perbill::from_percent(50);
	/// The share of its bond an outlier oracle loses.
	pub const OracleSlash: Perbill = Perbill::from_percent(10);
	/// What an oracle loses for each attestation it committed and did not reveal: twice the
	/// outlier slash, so that silence never costs less than a wrong value.
	pub const WithholdSlash: Perbill = Perbill::from_percent(20);
	/// Below half the oracle bond an oracle is suspended until it tops up.
	pub const MinOracleBond: Balance = OracleBond::get() / 2;
	/// The climate fund's pallet id (its keyless account receives penalties and slashes).
	pub const ClimateFundPalletId: PalletId = PalletId(*b"pacta/cf");
	/// The smallest conditional transfer.
	pub const MinTransferAmount: Balance = UNIT;
	/// The most weight verification may use in one block: a quarter of the normal class.
	pub MaxVerificationWeight: Weight = Perbill::from_percent(25) * NormalClassWeight::get();
	/// The most weight settlement may use in one block: half of the normal class, plus what
	/// verification left of its quarter in the same block ([`UnusedVerificationWeight`]).
	pub MaxSettlementWeight: Weight = Perbill::from_percent(50) * NormalClassWeight::get();
}

/// What verification (whose hook runs before settlement's) left unused of its budget in this
/// block, lent to settlement: the two hooks together never use more than three quarters of the
/// normal class, and settlement gets all of it in the usual settlement block, when no period
/// is being verified.
pub struct UnusedVerificationWeight;
impl Get<Weight> for UnusedVerificationWeight {
	fn get() -> Weight {
		Attestations::unused_verification_weight(System::block_number())
	}
}

/// The climate fund account, as the destination of oracle slashes.
pub struct ClimateFundAccount;
impl Get<AccountId> for ClimateFundAccount {
	fn get() -> AccountId {
		pallet_settlement::Pallet::<Runtime>::fund_account()
	}
}

impl pallet_pledges::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = GovernanceOrigin;
	type OnPeriodOpened = (Attestations, Settlement);
	type Settled = Settlement;
	type MinPledgeBond = MinPledgeBond;
	type MaxNameLen = ConstU32<64>;
	type MaxPledgesPerParty = ConstU32<100>;
	type WeightInfo = pallet_pledges::weights::SubstrateWeight<Runtime>;
}

impl pallet_attestations::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Calendar = Pledges;
	type Pledges = Pledges;
	type ClimateFund = ClimateFundAccount;
	type GovernanceOrigin = GovernanceOrigin;
	type OracleBond = OracleBond;
	type OracleSlash = OracleSlash;
	type WithholdSlash = WithholdSlash;
	/// An organisation covering ~200 parties commits or reveals them all in one call.
	type MaxBatch = ConstU32<256>;
	type MinOracleBond = MinOracleBond;
	type MaxOraclesPerPledge = ConstU32<16>;
	type MaxNameLen = ConstU32<64>;
	type MaxScheduledPeriods = ConstU32<16>;
	type MaxVerificationWeight = MaxVerificationWeight;
	type WeightInfo = pallet_attestations::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::PactaBenchmarkHelper;
}

impl pallet_settlement::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Calendar = Pledges;
	type Pledges = Pledges;
	type Emissions = Disputes;
	type OnFinal = (Attestations, Disputes);
	type PalletId = ClimateFundPalletId;
	type GovernanceOrigin = GovernanceOrigin;
	type MaxTransfersPerPledge = ConstU32<16>;
	type MinTransferAmount = MinTransferAmount;
	type MaxScheduledPeriods = ConstU32<16>;
	type MaxDeferred = ConstU32<256>;
	type MaxSettlementWeight = MaxSettlementWeight;
	type SpareWeight = UnusedVerificationWeight;
	type WeightInfo = pallet_settlement::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::PactaBenchmarkHelper;
}

impl pallet_disputes::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Calendar = Pledges;
	type Pledges = Pledges;
	type Published = Attestations;
	type Panel = ReviewPanel;
	type ClimateFund = ClimateFundAccount;
	type GovernanceOrigin = GovernanceOrigin;
	type MinChallengeBond = MinChallengeBond;
	type WinnerShare = WinnerShare;
	type MaxClaims = ConstU32<4>;
	type MaxBackers = ConstU32<16>;
	type MaxPanel = ReviewPanelMaxMembers;
	type MaxAffiliations = ConstU32<16>;
	type WeightInfo = pallet_disputes::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::PactaBenchmarkHelper;
}
