//! # Attestations pallet
//!
//! Bonded oracles attest what a party (a state) actually emitted in a reporting period, **sealed**:
//! until the attestation deadline an oracle only commits a hash of its reading (tonnes, the
//! half-width of its uncertainty, and the hash of its MRV report, with a secret salt); in the
//! reveal window after it, it reveals the reading, which must match. Nobody, on chain or off, can
//! read a value before the reveal window, so nobody can copy it. Once the reveal deadline has
//! passed the chain verifies every pledge by itself: the median of a quorum of revealed readings,
//! with an interval, becomes the *published* estimate. Anyone may then challenge it in
//! `pallet-disputes`, whose review panel decides (or the published value stands at the
//! resolution deadline). Once the value is *final*, settlement reports it here and the oracles
//! are judged against it: those that strayed too far from the **final** value (not the median)
//! are slashed, and those that committed and never revealed are slashed more.
//!
//! This pallet does not depend on any other Pacta pallet. It reads the reporting calendar
//! through [`PeriodCalendar`], parties and pledges through [`PledgeInspect`], is told about new
//! periods through [`OnPeriodOpened`](pacta_primitives::OnPeriodOpened) and publishes its results
//! through [`PublishedValues`](pacta_primitives::PublishedValues), and is told each final value
//! through [`OnFinalValue`](pacta_primitives::OnFinalValue) (all in `pacta-primitives`); the
//! runtime wires these up.
//!
//! ## Oracles
//!
//! - [`Pallet::apply_as_oracle`]: any signed account applies with a display name; the
//!   [`Config::OracleBond`] is held from it with reason [`HoldReason::OracleBond`].
//! - [`Pallet::approve_oracle`] (governance): the applicant becomes an approved oracle that may
//!   attest. Governance may also re-approve a removed oracle.
//! - [`Pallet::remove_oracle`] (governance): the oracle may no longer attest, and its
//!   attestations that have not been verified yet are not counted in verification. They are
//!   still judged against the final value (removal is no way to escape a slash). Its bond
//!   stays held until it retires.
//! - [`Pallet::retire`] (the oracle, in any status): leaves the registry and gets back what is
//!   left of its bond, but only once every value it attested is final and it was judged
//!   against it ([`Error::AttestationsPending`] otherwise). [`OracleInfo::unfinal`] counts
//!   those values, so the check is O(1): a colluder cannot take its bond and leave while a
//!   dispute about its value is open.
//! - **Bond floor.** Each slash takes a share of the *current* bond, so repeated slashes would
//!   leave an oracle with almost nothing at stake and full rights. Below
//!   [`Config::MinOracleBond`] an oracle is **suspended** ([`Event::OracleSuspended`] when a
//!   slash takes it there): it cannot commit (nor replace a commitment; it may still reveal what it committed)
//!   ([`Error::OracleSuspended`]) until it tops its bond up with
//!   [`Pallet::top_up_oracle_bond`]. Suspension is read from the bond itself, so no record can
//!   fall out of step with it. Its attestations already sent stay as they are: they count in
//!   verification and are judged like any other, as they were made while it was bonded in good
//!   standing (disregarding them would let a slashed oracle escape the slashes of its other
//!   attestations).
//!
//! ## Lifecycle of a period
//!
//! 1. Governance opens the period in `pallet-pledges`, which calls
//!    [`OnPeriodOpened::on_period_opened`](pacta_primitives::OnPeriodOpened::on_period_opened): the period enters this pallet's bounded verification
//!    schedule ([`Schedule`], at most [`Config::MaxScheduledPeriods`] entries;
//!    [`OnPeriodOpened::can_schedule`](pacta_primitives::OnPeriodOpened::can_schedule) refuses a new period when it is full).
//! 2. After the pledge deadline and up to (and including) the attestation deadline, approved
//!    oracles [`commit`](Pallet::commit) to the emissions of parties that pledged: the
//!    [`commitment`](pacta_primitives::commitment) of a [`Reading`](pacta_primitives::Reading)
//!    with a 32-byte salt, computed by the oracle's own tooling (no node computes one: that would
//!    hand it the value). One attestation per oracle, party and period, at most
//!    [`Config::MaxOraclesPerPledge`] per party and period; committing again replaces the
//!    oracle's own commitment ([`Event::Committed`] says `replaced: true`). A first commit pays
//!    no fee when it succeeds; a replacement pays (no free spam channel).
//! 3. After the attestation deadline up to (and including) the reveal deadline, each oracle
//!    [`reveal`](Pallet::reveal)s its reading and salt; a reading that does not hash to the
//!    commitment is refused ([`Error::CommitmentMismatch`]). Organisations covering many parties
//!    use [`commit_batch`](Pallet::commit_batch) and [`reveal_batch`](Pallet::reveal_batch) (at
//!    most [`Config::MaxBatch`] items; each item stands alone: a bad one changes nothing and is
//!    reported with [`Event::BatchItemFailed`]; the batch is free only if every item succeeded as
//!    a first commit or a reveal; a caller that may not commit at all fails the whole batch).
//! 4. From the first block after the reveal deadline, `on_initialize` verifies the period's
//!    pledges (the engine is in `verify.rs`), walking them with [`PledgeInspect::pledges_page`]
//!    and a cursor, as many per block as fit in [`Config::MaxVerificationWeight`] (charging each
//!    pledge's benchmarked [`WeightInfo::verify_pledge`] to a `WeightMeter` before it runs), and
//!    carries on in later blocks until done. For each pledge, with at least [`Quorum`] counted
//!    revealed readings the published estimate is [`median::estimate`]: the median of the values
//!    with the medians of their low and high ends, counting each withheld attestation above every
//!    value (see [`median`]); with fewer, or when the median needs a withheld attestation, the
//!    pledge has no estimate (`Unverified`, or `Withheld` when attestations were withheld: final,
//!    there is no value to challenge). The [`VerificationResult`] is stored in [`Verifications`]:
//!    it is now *published*, and `pallet-disputes` reads it through
//!    [`PublishedValues`](pacta_primitives::PublishedValues). Nobody is slashed at verification.
//! 5. Challenges, the review panel and the final value live in `pallet-disputes`.
//! 6. When a pledge settles, `pallet-settlement` reports its final estimate through
//!    [`OnFinalValue`](pacta_primitives::OnFinalValue) (`judge.rs`): every oracle whose revealed
//!    value lies outside the final interval widened by [`Tolerance`] × final value
//!    ([`median::outliers`]) is slashed [`Config::OracleSlash`] of its bond, every oracle that
//!    committed and did not reveal [`Config::WithholdSlash`] (more), and the slashes go to
//!    [`Config::ClimateFund`] ([`Event::OraclesJudged`] sums it up). Every attesting oracle's
//!    [`OracleInfo::unfinal`] goes down by one.
//!
//! **Withholding never pays.** A withheld attestation does not count toward the quorum, stands
//! above every value in the median (so it can only raise the estimate), costs its oracle
//! `WithholdSlash` > `OracleSlash`, and a pledge left without an estimate by withholding forfeits
//! its whole bond at settlement (`Outcome::Withheld`, binding periods). The unit test
//! `tests::judge::withholding_never_pays_whatever_the_last_revealer_sees` checks it.
//!
//! ## Worked example
//!
//! `Quorum = 3`, `Tolerance = 10%`, `OracleSlash = 10%`, `WithholdSlash = 20%`,
//! `OracleBond = 1_000`. Germany (`DEU`) pledged for 2030. Five oracles commit; four reveal
//! `700 ± 20`, `720 ± 10`, `730 ± 30` and `900 ± 0` tonnes and the fifth withholds. Sorted with the
//! withheld entry on top, the values are `700 720 730 900 W`, the low ends `680 700 710 900 W`
//! and the high ends `720 730 760 900 W`: `DEU`'s 2030 estimate is published as `730` in
//! `[710, 760]` (without the fifth oracle's silence it would have been `725` in `[705, 745]`).
//! Nobody challenges it, so it becomes final; the band is `10% × 730 = 73`, so `[637, 833]` is
//! within tolerance. When settlement reports the final value, the oracle that said `900` is
//! slashed `10% × 1_000 = 100` and the withholder `20% × 1_000 = 200`, both to the climate fund;
//! the others keep theirs. Had only two oracles attested, the pledge would be `Unverified` and
//! nobody would be slashed.
//!
//! The unit test `tests::worked_example::module_docs_worked_example` runs this example with
//! these numbers (the two-oracle case with Brazil, `BRA`).
//!
//! ## Invariants (checked by [`Pallet::do_try_state`])
//!
//! - Each account's balance held with reason `OracleBond` equals its registered bond (zero if it
//!   is no oracle), walking the accounts themselves so that a hold without a record is found.
//! - Each oracle's [`OracleInfo::unfinal`] equals the number of its attestations (committed,
//!   revealed or not) of pledges not judged yet.
//! - The schedule has no duplicate period and no verified one; [`Quorum`] is within
//!   `1..=MaxOraclesPerPledge`; no oracle attests twice for the same party and period.
//!
//! ## Code layout
//!
//! As in `pallet-settlement`: this file holds the configuration, storage, events, errors,
//! genesis, hooks and calls; `seal.rs` committing and revealing; `verify.rs` the verification
//! engine run by `on_initialize`;
//! `judge.rs` the judgment against the final value; `impl_traits.rs` the `pacta-primitives` traits this pallet implements; [`types`] the stored
//! records; [`median`] the arithmetic.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_traits;
mod judge;
pub mod median;
#[cfg(test)]
mod mock;
mod seal;
#[cfg(test)]
mod tests;
pub mod types;
mod verify;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use pacta_primitives::{
	Estimate, InvalidPartyCode, PartyCode, PeriodCalendar, PeriodId, PledgeInspect, RawPartyCode,
	Tonnes,
};

/// What the benchmarks need from the runtime to exist outside this pallet: a period in the
/// calendar and pledges (in a runtime, implemented with `pallet-pledges`).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance, BlockNumber> {
	/// Make `period` exist in the calendar with `info`. Called at block 1 with deadlines in the
	/// future; the benchmark moves the block number afterwards. (Calling `OnPeriodOpened` as
	/// opening does is fine: scheduling a period twice changes nothing.)
	fn open_period(period: PeriodId, info: pacta_primitives::PeriodInfo<Balance, BlockNumber>);
	/// Make `code` a registered party controlled by `controller` with a pledge in `period`
	/// (called right after [`BenchmarkHelper::open_period`], before the pledge deadline).
	fn add_pledge(code: PartyCode, period: PeriodId, controller: AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{string::String, vec::Vec};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::Precision,
			BuildGenesisConfig,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{traits::Zero, Perbill};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A verification schedule entry of this runtime.
	pub type ScheduledPeriodOf<T> = ScheduledPeriod<BlockNumberFor<T>>;

	/// The verification schedule of this runtime.
	pub type ScheduleOf<T> = BoundedVec<ScheduledPeriodOf<T>, <T as Config>::MaxScheduledPeriods>;

	/// The attestations of one party in one period.
	pub type AttestationsOf<T> = BoundedVec<Attestation<T>, <T as Config>::MaxOraclesPerPledge>;

	/// The quorum used when neither genesis nor governance set one.
	pub const DEFAULT_QUORUM: u32 = 3;

	/// The tolerance used when neither genesis nor governance set one: 10%.
	pub const DEFAULT_TOLERANCE: Perbill = Perbill::from_percent(10);

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// The pallet.
	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The native currency; oracle bonds are held in it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The reporting calendar (deadlines of each period, `pallet-pledges`).
		type Calendar: PeriodCalendar<BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Parties and pledges (`pallet-pledges`).
		type Pledges: PledgeInspect<Self::AccountId, BalanceOf<Self>>;

		/// The climate-fund account: receives slashes.
		type ClimateFund: Get<Self::AccountId>;

		/// Who may approve and remove oracles and set parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The bond an oracle posts when it applies.
		#[pallet::constant]
		type OracleBond: Get<BalanceOf<Self>>;

		/// The share of its current bond an outlier oracle is slashed.
		#[pallet::constant]
		type OracleSlash: Get<Perbill>;

		/// The share of its current bond an oracle is slashed for each attestation it committed
		/// and did not reveal (withheld). More than `OracleSlash` (`integrity_test` checks), so
		/// that staying silent never costs less than revealing an outlier.
		#[pallet::constant]
		type WithholdSlash: Get<Perbill>;

		/// The most items of a [`Pallet::commit_batch`] or [`Pallet::reveal_batch`].
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The floor of an oracle's bond: below it the oracle is suspended (cannot attest) until it tops its bond up with [`Pallet::top_up_oracle_bond`]. At most
		/// `OracleBond`.
		#[pallet::constant]
		type MinOracleBond: Get<BalanceOf<Self>>;

		/// The most attestations per party and period.
		#[pallet::constant]
		type MaxOraclesPerPledge: Get<u32>;

		/// The longest oracle name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The most periods waiting for verification at once.
		#[pallet::constant]
		type MaxScheduledPeriods: Get<u32>;

		/// The most weight `on_initialize` spends on verification in one block (in the Pacta
		/// runtime: a quarter of the normal class).
		#[pallet::constant]
		type MaxVerificationWeight: Get<Weight>;

		/// Weights of the calls and of the verification step, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up periods and pledges for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<
			Self::AccountId,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An oracle's bond.
		#[codec(index = 0)]
		OracleBond,
	}

	/// The default of [`Quorum`]: [`DEFAULT_QUORUM`], capped by `MaxOraclesPerPledge`.
	#[pallet::type_value]
	pub fn DefaultQuorum<T: Config>() -> u32 {
		DEFAULT_QUORUM.min(T::MaxOraclesPerPledge::get()).max(1)
	}

	/// The default of [`Tolerance`]: [`DEFAULT_TOLERANCE`].
	#[pallet::type_value]
	pub fn DefaultTolerance() -> Perbill {
		DEFAULT_TOLERANCE
	}

	/// The oracle registry.
	#[pallet::storage]
	pub type Oracles<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OracleInfo<T>>;

	/// Attestations per period and party, at most one per oracle.
	#[pallet::storage]
	pub type Attestations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PeriodId,
		Twox64Concat,
		PartyCode,
		AttestationsOf<T>,
		ValueQuery,
	>;

	/// Verification results per period and party, written by the verification hook.
	#[pallet::storage]
	pub type Verifications<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PeriodId, Twox64Concat, PartyCode, VerificationRecord<T>>;

	/// Periods waiting for, or in the middle of, verification.
	#[pallet::storage]
	pub type Schedule<T: Config> = StorageValue<_, ScheduleOf<T>, ValueQuery>;

	/// Which scheduled period (by position in [`Schedule`]) the next block with verification work
	/// serves first; it moves on by one every such block, so that no due period starves.
	#[pallet::storage]
	pub type VerificationTurn<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The block in which verification last had work, and the weight it used in it, so that
	/// [`Pallet::unused_verification_weight`] can tell the hooks that run after it what it left.
	#[pallet::storage]
	pub type VerificationUsed<T: Config> = StorageValue<_, (BlockNumberFor<T>, Weight)>;

	/// Periods whose verification completed, with the block it completed in.
	#[pallet::storage]
	pub type VerifiedPeriods<T: Config> = StorageMap<_, Twox64Concat, PeriodId, BlockNumberFor<T>>;

	/// The least number of attestations for a verified value.
	#[pallet::storage]
	pub type Quorum<T: Config> = StorageValue<_, u32, ValueQuery, DefaultQuorum<T>>;

	/// How far (a share of the median) an attestation may lie from the median unslashed.
	#[pallet::storage]
	pub type Tolerance<T: Config> = StorageValue<_, Perbill, ValueQuery, DefaultTolerance>;

	/// Genesis: approved oracles (their bonds are held at genesis), quorum and tolerance.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// `(account, name)` of each approved oracle; each must be able to hold `OracleBond`.
		pub oracles: Vec<(T::AccountId, String)>,
		/// The initial [`Quorum`], in `1..=MaxOraclesPerPledge`.
		pub quorum: u32,
		/// The initial [`Tolerance`].
		pub tolerance: Perbill,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self {
				oracles: Default::default(),
				quorum: DefaultQuorum::<T>::get(),
				tolerance: DEFAULT_TOLERANCE,
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain must not start from an invalid genesis: refusing it loudly is the point.
			assert!(
				(1..=T::MaxOraclesPerPledge::get()).contains(&self.quorum),
				"attestations genesis: quorum must be in 1..=MaxOraclesPerPledge"
			);
			Quorum::<T>::put(self.quorum);
			Tolerance::<T>::put(self.tolerance);
			for (who, name) in &self.oracles {
				assert!(!name.is_empty(), "attestations genesis: an oracle's name is empty");
				assert!(
					!Oracles::<T>::contains_key(who),
					"attestations genesis: oracle {name} is listed twice"
				);
				let bounded: BoundedVec<u8, T::MaxNameLen> =
					name.as_bytes().to_vec().try_into().unwrap_or_else(|_| {
						panic!("attestations genesis: oracle name {name} is too long")
					});
				let bond = T::OracleBond::get();
				if let Err(e) = T::Currency::hold(&HoldReason::OracleBond.into(), who, bond) {
					panic!("attestations genesis: cannot hold the bond of oracle {name}: {e:?}");
				}
				Oracles::<T>::insert(
					who,
					OracleInfo { name: bounded, bond, status: OracleStatus::Approved, unfinal: 0 },
				);
			}
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` applied as an oracle and `bond` was held.
		OracleApplied {
			/// The applicant.
			who: T::AccountId,
			/// Its display name.
			name: BoundedVec<u8, T::MaxNameLen>,
			/// The bond held.
			bond: BalanceOf<T>,
		},
		/// Governance approved `who` as an oracle.
		OracleApproved {
			/// The oracle.
			who: T::AccountId,
		},
		/// Governance removed `who`: it may no longer attest.
		OracleRemoved {
			/// The oracle.
			who: T::AccountId,
		},
		/// `who` left the registry and got `bond_returned` back.
		OracleRetired {
			/// The former oracle.
			who: T::AccountId,
			/// The bond released.
			bond_returned: BalanceOf<T>,
		},
		/// An oracle committed (sealed) its attestation of a party's emissions in a period. The
		/// value stays hidden until it is revealed.
		Committed {
			/// The oracle.
			oracle: T::AccountId,
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The commitment.
			commitment: H256,
			/// Whether this replaced the oracle's own earlier commitment.
			replaced: bool,
		},
		/// An oracle revealed the reading it had committed.
		Revealed {
			/// The oracle.
			oracle: T::AccountId,
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// Measured emissions.
			tonnes: Tonnes,
			/// Half the width of the uncertainty interval.
			half_width: Tonnes,
			/// Hash of the MRV report.
			evidence: H256,
		},
		/// Item `index` of a batch failed with `error` and changed nothing; the other items
		/// stand on their own.
		BatchItemFailed {
			/// The item's position in the batch, from zero.
			index: u32,
			/// Why it failed.
			error: DispatchError,
		},
		/// `period` entered the verification schedule; verification starts after `after`.
		VerificationScheduled {
			/// The period.
			period: PeriodId,
			/// The reveal deadline.
			after: BlockNumberFor<T>,
		},
		/// `period` was opened but could not be scheduled for verification: the schedule is full.
		/// Its pledges stay `Pending` until governance reacts.
		ScheduleFull {
			/// The period.
			period: PeriodId,
		},
		/// A quorum revealed: the estimate (median `tonnes` in `[low, high]`) is published.
		EmissionsVerified {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The median of the revealed values.
			tonnes: Tonnes,
			/// The low end of the interval.
			low: Tonnes,
			/// The high end of the interval.
			high: Tonnes,
			/// How many revealed readings were counted.
			attestations: u32,
			/// How many attestations were withheld (committed, not revealed).
			withheld: u32,
		},
		/// No estimate: fewer than a quorum revealed, or the median needed a withheld
		/// attestation (`withheld > 0`: the pledge is `Withheld`, otherwise `Unverified`).
		EmissionsUnverified {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// How many revealed readings were counted.
			attestations: u32,
			/// How many attestations were withheld (committed, not revealed).
			withheld: u32,
		},
		/// The oracles of a pledge were judged against its final estimate (`None`: final as
		/// unverified or withheld; only withholders are slashed); `slashed` of them withheld or
		/// lay outside the tolerance.
		OraclesJudged {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The final estimate.
			value: Option<Estimate>,
			/// How many attestations were judged.
			attestations: u32,
			/// How many oracles were slashed.
			slashed: u32,
		},
		/// An oracle was slashed (an outlier, or `withheld`: it committed and did not reveal):
		/// `amount` of its bond went to the climate fund.
		OracleSlashed {
			/// The oracle.
			oracle: T::AccountId,
			/// The party it attested for.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The amount moved to the climate fund.
			amount: BalanceOf<T>,
			/// Whether it was slashed for withholding (otherwise as an outlier).
			withheld: bool,
		},
		/// An oracle should have been slashed but the transfer failed; nothing moved.
		SlashFailed {
			/// The oracle.
			oracle: T::AccountId,
			/// The party it attested for.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// Why the transfer failed.
			error: DispatchError,
		},
		/// A slash took an oracle's bond below `T::MinOracleBond`: it is suspended (cannot
		/// attest) until it tops up.
		OracleSuspended {
			/// The oracle.
			oracle: T::AccountId,
			/// Its bond now.
			bond: BalanceOf<T>,
		},
		/// An oracle added `amount` to its bond; `bond` is the new total. `suspended` says
		/// whether it is still below `T::MinOracleBond`.
		OracleBondToppedUp {
			/// The oracle.
			oracle: T::AccountId,
			/// What it added.
			amount: BalanceOf<T>,
			/// Its bond now.
			bond: BalanceOf<T>,
			/// Whether it is still suspended.
			suspended: bool,
		},
		/// Every pledge of `period` has been verified.
		PeriodVerified {
			/// The period.
			period: PeriodId,
			/// How many pledges were verified.
			pledges: u32,
		},
		/// Governance set the quorum.
		QuorumSet {
			/// The new quorum.
			quorum: u32,
		},
		/// Governance set the tolerance.
		ToleranceSet {
			/// The new tolerance.
			tolerance: Perbill,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The party code is not exactly three uppercase ASCII letters.
		InvalidPartyCode,
		/// An oracle name must not be empty.
		EmptyName,
		/// The account is already in the oracle registry.
		AlreadyOracle,
		/// The account cannot afford the bond or deposit.
		InsufficientBalance,
		/// The account is not in the oracle registry.
		NotOracle,
		/// The oracle is already approved.
		AlreadyApproved,
		/// The oracle was already removed.
		AlreadyRemoved,
		/// The oracle has applied but is not approved yet.
		OracleNotApproved,
		/// The oracle was removed by governance.
		OracleRemoved,
		/// A value the oracle attested is not final yet (or it was not judged against it).
		AttestationsPending,
		/// No such reporting period.
		UnknownPeriod,
		/// The pledge deadline has not passed yet: attestations open after it.
		PledgeDeadlineNotPassed,
		/// The attestation deadline has passed: commits are closed.
		AttestationDeadlinePassed,
		/// The reveal window opens after the attestation deadline.
		RevealWindowNotOpen,
		/// The reveal deadline has passed.
		RevealDeadlinePassed,
		/// The oracle has no commitment for this party and period.
		NotCommitted,
		/// The oracle already revealed this attestation.
		AlreadyRevealed,
		/// The reading and salt do not hash to the oracle's commitment (wrong salt, value,
		/// half-width or evidence).
		CommitmentMismatch,
		/// A batch must have at least one item.
		EmptyBatch,
		/// The party has no pledge in this period (or is no registered party).
		NoPledge,
		/// The period is not in the verification schedule.
		PeriodNotScheduled,
		/// The party already has the most attestations allowed for this period.
		TooManyAttestations,
		/// The quorum must be in `1..=MaxOraclesPerPledge`.
		InvalidQuorum,
		/// The oracle's bond is below `MinOracleBond`: it is suspended until it tops up.
		OracleSuspended,
		/// The amount must be above zero.
		ZeroAmount,
		/// The bond would overflow.
		Overflow,
	}

	impl<T> From<InvalidPartyCode> for Error<T> {
		fn from(_: InvalidPartyCode) -> Self {
			Error::<T>::InvalidPartyCode
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::verify_block(now)
		}

		fn integrity_test() {
			assert!(T::MaxOraclesPerPledge::get() >= 1, "MaxOraclesPerPledge must be at least 1");
			assert!(T::MaxScheduledPeriods::get() >= 1, "MaxScheduledPeriods must be at least 1");
			assert!(T::MaxNameLen::get() >= 1, "MaxNameLen must be at least 1");
			assert!(!T::OracleBond::get().is_zero(), "OracleBond must not be zero");
			assert!(
				T::MinOracleBond::get() <= T::OracleBond::get(),
				"MinOracleBond must not exceed OracleBond"
			);
			assert!(
				T::WithholdSlash::get() > T::OracleSlash::get(),
				"WithholdSlash must exceed OracleSlash: withholding must never cost less than an outlier"
			);
			assert!(T::MaxBatch::get() >= 1, "MaxBatch must be at least 1");
			let budget = T::MaxVerificationWeight::get();
			assert!(
				Self::pledges_per_block(budget) >= 1,
				"MaxVerificationWeight must fit the schedule overhead plus one worst-case pledge"
			);
			assert!(
				T::BlockWeights::get().max_block.all_gte(budget),
				"MaxVerificationWeight exceeds the block's maximum weight"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Check the pallet's invariants (see the module docs). Runs as the `try_state` hook with
		/// the `try-runtime` feature, and is callable from any native test without it.
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};

			let bond_reason: T::RuntimeHoldReason = HoldReason::OracleBond.into();
			for (who, info) in Oracles::<T>::iter() {
				ensure!(
					T::Currency::balance_on_hold(&bond_reason, &who) == info.bond,
					"held OracleBond differs from the registered bond"
				);
			}

			// From the holds' side: walk every account, so that a hold without a record (an
			// `OracleBond` of an account that is no oracle) is found too.
			for who in frame_system::Account::<T>::iter_keys() {
				let bond = Oracles::<T>::get(&who).map_or_else(Zero::zero, |info| info.bond);
				ensure!(
					T::Currency::balance_on_hold(&bond_reason, &who) == bond,
					"held OracleBond differs from the registered bond"
				);
			}

			// Each oracle's count of values not final yet, recounted.
			let mut unfinal: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for (period, code, list) in Attestations::<T>::iter() {
				let judged =
					Verifications::<T>::get(period, code).is_some_and(|r| r.judged.is_some());
				if !judged {
					for a in list {
						let n = unfinal.entry(a.oracle).or_default();
						*n = n.saturating_add(1);
					}
				}
			}
			for (who, info) in Oracles::<T>::iter() {
				ensure!(
					unfinal.remove(&who).unwrap_or(0) == info.unfinal,
					"an oracle's unfinal count differs from its attestations not judged yet"
				);
			}
			// An oracle may retire only at zero, so no unjudged attestation has a retired oracle.
			ensure!(unfinal.is_empty(), "a retired oracle has an attestation not judged yet");

			let schedule = Schedule::<T>::get();
			let periods: BTreeSet<PeriodId> = schedule.iter().map(|entry| entry.period).collect();
			ensure!(periods.len() == schedule.len(), "a period is scheduled twice");
			for period in periods {
				ensure!(
					!VerifiedPeriods::<T>::contains_key(period),
					"a verified period is still scheduled"
				);
			}

			ensure!(
				(1..=T::MaxOraclesPerPledge::get()).contains(&Quorum::<T>::get()),
				"quorum out of range"
			);

			for (_, _, list) in Attestations::<T>::iter() {
				let oracles: BTreeSet<&T::AccountId> = list.iter().map(|a| &a.oracle).collect();
				ensure!(
					oracles.len() == list.len(),
					"an oracle attested twice for the same party and period"
				);
			}
			Ok(())
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Apply to become an oracle: holds [`Config::OracleBond`] from the caller. Governance
		/// then approves (or removes) the applicant.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply_as_oracle())]
		pub fn apply_as_oracle(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			ensure!(!Oracles::<T>::contains_key(&who), Error::<T>::AlreadyOracle);
			let bond = T::OracleBond::get();
			T::Currency::hold(&HoldReason::OracleBond.into(), &who, bond)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			Oracles::<T>::insert(
				&who,
				OracleInfo { name: name.clone(), bond, status: OracleStatus::Applied, unfinal: 0 },
			);
			Self::deposit_event(Event::OracleApplied { who, name, bond });
			Ok(())
		}

		/// Approve an applicant (or re-approve a removed oracle). Governance only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::approve_oracle())]
		pub fn approve_oracle(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Oracles::<T>::try_mutate(&who, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::NotOracle)?;
				ensure!(info.status != OracleStatus::Approved, Error::<T>::AlreadyApproved);
				info.status = OracleStatus::Approved;
				Ok(())
			})?;
			Self::deposit_event(Event::OracleApproved { who });
			Ok(())
		}

		/// Remove an oracle: it may no longer attest and its unverified
		/// attestations are disregarded. Its bond stays held until it calls
		/// [`retire`](Pallet::retire). Governance only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_oracle())]
		pub fn remove_oracle(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Oracles::<T>::try_mutate(&who, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::NotOracle)?;
				ensure!(info.status != OracleStatus::Removed, Error::<T>::AlreadyRemoved);
				info.status = OracleStatus::Removed;
				Ok(())
			})?;
			Self::deposit_event(Event::OracleRemoved { who });
			Ok(())
		}

		/// Leave the registry and get the (remaining) bond back. Refused while a value the caller
		/// attested is not final (see [`OracleInfo::unfinal`]).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Oracles::<T>::get(&who).ok_or(Error::<T>::NotOracle)?;
			ensure!(info.unfinal == 0, Error::<T>::AttestationsPending);
			let bond_returned = T::Currency::release_all(
				&HoldReason::OracleBond.into(),
				&who,
				Precision::BestEffort,
			)?;
			Oracles::<T>::remove(&who);
			Self::deposit_event(Event::OracleRetired { who, bond_returned });
			Ok(())
		}

		/// Commit (seal) an attestation of party `code`'s emissions in `period`: `commitment` is
		/// [`pacta_primitives::commitment`] of the reading with a secret salt, computed by the
		/// oracle's own tooling. Approved oracles only, after the pledge deadline up to (and
		/// including) the attestation deadline. Committing again replaces the caller's own
		/// commitment. A first commit pays no fee when it succeeds; a replacement pays.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::commit())]
		pub fn commit(
			origin: OriginFor<T>,
			code: RawPartyCode,
			period: PeriodId,
			commitment: H256,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let replaced = Self::do_commit(&who, &code, period, commitment)?;
			Ok(if replaced { Pays::Yes } else { Pays::No }.into())
		}

		/// Reveal the reading committed for party `code` in `period`: it must hash, with `salt`,
		/// to the caller's commitment ([`Error::CommitmentMismatch`] otherwise). After the
		/// attestation deadline up to (and including) the reveal deadline; once per attestation.
		/// Pays no fee when it succeeds.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::reveal())]
		pub fn reveal(
			origin: OriginFor<T>,
			code: RawPartyCode,
			period: PeriodId,
			tonnes: Tonnes,
			half_width: Tonnes,
			evidence: H256,
			salt: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let item = RevealItem { code, period, tonnes, half_width, evidence, salt };
			Self::do_reveal(&who, &item)?;
			Ok(Pays::No.into())
		}

		/// Commit up to [`Config::MaxBatch`] attestations in one call (an organisation covering
		/// many parties). The caller must be allowed to commit (the whole call fails otherwise);
		/// then each item is tried on its own, as [`Pallet::commit`] would: a bad item changes
		/// nothing and is reported with [`Event::BatchItemFailed`], the others stand. Pays no fee
		/// only when every item succeeded as a first commit.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::commit_batch(u32::try_from(items.len()).unwrap_or(u32::MAX)))]
		pub fn commit_batch(
			origin: OriginFor<T>,
			items: BoundedVec<CommitItem, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!items.is_empty(), Error::<T>::EmptyBatch);
			let free = Self::do_commit_batch(&who, &items)?;
			Ok(if free { Pays::No } else { Pays::Yes }.into())
		}

		/// Reveal up to [`Config::MaxBatch`] attestations in one call. Each item is tried on its
		/// own, as [`Pallet::reveal`] would: a bad item changes nothing and is reported with
		/// [`Event::BatchItemFailed`], the others stand. Pays no fee only when every item
		/// succeeded.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::reveal_batch(u32::try_from(items.len()).unwrap_or(u32::MAX)))]
		pub fn reveal_batch(
			origin: OriginFor<T>,
			items: BoundedVec<RevealItem, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!items.is_empty(), Error::<T>::EmptyBatch);
			let free = Self::do_reveal_batch(&who, &items);
			Ok(if free { Pays::No } else { Pays::Yes }.into())
		}

		/// Add `amount` to the caller's oracle bond (any registered oracle), held with reason
		/// [`HoldReason::OracleBond`]. Back at or above `T::MinOracleBond`, a suspended oracle
		/// may attest again.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::top_up_oracle_bond())]
		pub fn top_up_oracle_bond(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			use sp_runtime::traits::CheckedAdd;
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut info = Oracles::<T>::get(&who).ok_or(Error::<T>::NotOracle)?;
			info.bond = info.bond.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			T::Currency::hold(&HoldReason::OracleBond.into(), &who, amount)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			let bond = info.bond;
			Oracles::<T>::insert(&who, info);
			Self::deposit_event(Event::OracleBondToppedUp {
				oracle: who,
				amount,
				bond,
				suspended: bond < T::MinOracleBond::get(),
			});
			Ok(())
		}

		/// Set the [`Quorum`], in `1..=MaxOraclesPerPledge`. Governance only. Applies to
		/// pledges verified from now on.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_quorum())]
		pub fn set_quorum(origin: OriginFor<T>, quorum: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(
				(1..=T::MaxOraclesPerPledge::get()).contains(&quorum),
				Error::<T>::InvalidQuorum
			);
			Quorum::<T>::put(quorum);
			Self::deposit_event(Event::QuorumSet { quorum });
			Ok(())
		}

		/// Set the [`Tolerance`]. Governance only. Applies to pledges verified from now on.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_tolerance())]
		pub fn set_tolerance(origin: OriginFor<T>, tolerance: Perbill) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Tolerance::<T>::put(tolerance);
			Self::deposit_event(Event::ToleranceSet { tolerance });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The registry entry of `who`, if it is an oracle (applied, approved or removed).
		pub fn oracle(who: &T::AccountId) -> Option<OracleInfo<T>> {
			Oracles::<T>::get(who)
		}

		/// The attestations of party `code` in `period`, in submission order.
		pub fn attestations_of(code: &PartyCode, period: PeriodId) -> AttestationsOf<T> {
			Attestations::<T>::get(period, code)
		}

		/// The verification record of party `code` in `period`, once verification has run.
		pub fn verification_record(
			code: &PartyCode,
			period: PeriodId,
		) -> Option<VerificationRecord<T>> {
			Verifications::<T>::get(period, code)
		}

		/// What of [`Config::MaxVerificationWeight`] verification left unused in block `now`
		/// (call it after this pallet's `on_initialize`): the whole budget less the schedule read
		/// when it had no work, the budget less what it used when it had. One read. The runtime
		/// lends it to settlement, so that both hooks together never exceed their two budgets.
		pub fn unused_verification_weight(now: BlockNumberFor<T>) -> Weight {
			assert!(
				T::WithholdSlash::get() > T::OracleSlash::get(),
				"WithholdSlash must exceed OracleSlash: withholding must never cost less than an outlier"
			);
			assert!(T::MaxBatch::get() >= 1, "MaxBatch must be at least 1");
			let budget = T::MaxVerificationWeight::get();
			match VerificationUsed::<T>::get() {
				Some((block, used)) if block == now => budget.saturating_sub(used),
				_ => budget.saturating_sub(T::DbWeight::get().reads(1)),
			}
		}

		/// Whether `period` is in `schedule` (i.e. its verification has not completed).
		pub(crate) fn is_scheduled(schedule: &[ScheduledPeriodOf<T>], period: PeriodId) -> bool {
			schedule.iter().any(|s| s.period == period)
		}
	}
}
