//! # Disputes pallet
//!
//! Challenges of published emissions values, heard by the **review panel**, with a deadline
//! that nobody can extend. This pallet turns the values `pallet-attestations` publishes
//! ([`PublishedValues`]) into the [`Verification`](pacta_primitives::Verification) settlement
//! reads ([`VerifiedEmissions`](pacta_primitives::VerifiedEmissions)), and pays out the
//! challenge bonds when settlement reports the final value
//! ([`OnFinalValue`](pacta_primitives::OnFinalValue)).
//!
//! ## Rules, and the attack each one answers
//!
//! - **Anyone may challenge** a published value with [`Pallet::challenge`] until the pledge's
//!   **challenge close** = `max(challenge_deadline, published_at + challenge_window)`, stating
//!   the value it claims, an evidence hash and a bond (at least `T::MinChallengeBond`, held with
//!   reason [`HoldReason::DisputeBond`]). Every challenge of one pledge joins one [`Dispute`];
//!   the same value joins its [`Claim`] as a backer. An `Unverified` pledge, or a claim of the
//!   published value itself, cannot be challenged.
//! - **Self-challenge shielding.** A party that challenges its own value to delay settlement
//!   gains at most the resolution window: the **resolution deadline** is fixed when the dispute
//!   opens at `challenge close + resolution_window`. Until then the verification is `Disputed`;
//!   after it, an undecided dispute lets the published value stand (`Verified(published)`), and
//!   the shielding challenger's bond is forfeited to the climate fund. Every claim, even one
//!   made in the last block of the window, still gets a full resolution window.
//! - **Colluding oracles, captured judges.** The panel's **eligible** members are fixed when
//!   the dispute opens (the first `T::MaxPanel` of `T::Panel`): without members who declared an
//!   affiliation with the party ([`Pallet::declare_affiliation`]), the party's controller, the
//!   oracles that attested the value, and the challenger; a member who challenges later drops
//!   out. A member who declares an affiliation during a dispute loses its vote. A value is
//!   **decided** when two thirds of the eligible members (not of the votes cast: abstention
//!   helps no side) vote for it ([`Pallet::vote`]); with fewer than [`MinEligible`] eligible
//!   members nobody votes and the published value stands at the deadline. Governance cannot
//!   decide, extend a deadline or reopen a dispute: no call lets it. Its only lever is who is
//!   on the panel (the `ReviewPanel` membership pallet) and removing a mistaken affiliation
//!   ([`Pallet::remove_affiliation`]); [`MinEligible`] is set at genesis only.
//! - **Front-running and squatting.** A dispute holds at most `T::MaxClaims` claims of at most
//!   `T::MaxBackers` backers. When full, a larger bond displaces the smallest claim (or backer),
//!   which is refunded at once ([`Event::ClaimDisplaced`], [`Event::BackerDisplaced`]); an equal
//!   or smaller one is refused. Keeping a genuine challenger out costs bonds larger than its
//!   own in every slot, all of which are forfeited when the genuine value wins.
//! - **Payout.** When the pledge settles, settlement calls
//!   [`OnFinalValue::on_final_value`](pacta_primitives::OnFinalValue::on_final_value)
//!   with the final value. Backers of the claim equal to it get their bonds back plus
//!   `T::WinnerShare` of the losing bonds, pro rata to their bonds; every other bond goes to the
//!   climate fund (`T::ClimateFund`), which keeps the rest of it. The dispute stays in storage,
//!   `Closed`, as the record.
//!
//! [`VerifiedEmissions::verification`](pacta_primitives::VerifiedEmissions::verification): no
//! publication → `Pending`; no published value →
//! `Unverified`; `Decided(t)` or `Closed` → `Verified(t)`; `Open` → `Disputed` until the
//! deadline, `Verified(published)` after it; no dispute → `Published(published)` until the
//! challenge close, `Verified(published)` after it.
//!
//! ## Worked example
//!
//! Germany's 2030 value is published as 1,000 t in block 20 (challenge deadline 30, windows
//! 5 and 10 blocks: challenge close 30, resolution deadline 40). Three panel members A, B, C
//! are eligible; D declared an affiliation with `DEU` and is not. In block 21 an NGO challenges
//! with a claim of 1,200 t and a bond of 100; in block 22 Germany's ministry challenges with
//! 900 t and 100 (self-challenge). A and B vote 1,200: 2 × 3 ≥ 3 × 2, so 1,200 t is `Decided`
//! and the verification is `Verified(1200)` at once. When settlement reports 1,200 t, the NGO
//! gets its 100 back plus 50 % (`WinnerShare`) of the ministry's forfeited 100; the climate
//! fund keeps the other 50. `tests/worked_example.rs` runs this with these numbers.
//!
//! ## Invariants ([`Pallet::do_try_state`])
//!
//! Each account's held `DisputeBond` equals the sum of its bonds in disputes not `Closed`;
//! every claim's `bond` is the sum of its backers' bonds; claims are distinct and never the
//! published value; backers, eligible members and voters are unique; votes come from eligible
//! members and are for candidates; a `Closed` dispute has no votes.
//!
//! ## Code layout
//!
//! `lib.rs` (config, storage, events, errors, genesis, hooks, calls), `types.rs` (the
//! records), `dispute.rs` (the engine: opening, backing, displacing, deciding, paying out),
//! `impl_traits.rs` (`VerifiedEmissions`, `OnFinalValue`), `benchmarking.rs`, `weights.rs`
//! (`TODO(bench)`: estimates until `scripts/benchmark.sh` runs), `mock.rs`, `tests/` by topic.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispute;
mod impl_traits;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::{Backer, Claim, Dispute, DisputeStatus};
pub use weights::WeightInfo;

use pacta_primitives::{
	InvalidPartyCode, PartyCode, PeriodCalendar, PeriodId, PledgeInspect, PublishedValues,
	RawPartyCode, Tonnes,
};

/// What the benchmarks need from the runtime: the calendar, the published values and the
/// panel live in other pallets, which this pallet can only read.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance, BlockNumber> {
	/// Open `period` with `info` (if needed) and publish `value` for `code` at `published_at`.
	fn publish(
		code: PartyCode,
		period: PeriodId,
		info: pacta_primitives::PeriodInfo<Balance, BlockNumber>,
		value: Tonnes,
		published_at: BlockNumber,
	);
	/// Make `who` a member of the review panel.
	fn add_panel_member(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			SortedMembers,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{traits::Zero, Perbill};

	/// The balance type of the currency bonds are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A member's declared affiliations.
	pub type AffiliationsOf<T> = BoundedVec<PartyCode, <T as Config>::MaxAffiliations>;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The currency challenge bonds are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The reporting calendar (`pallet-pledges`).
		type Calendar: PeriodCalendar<BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Parties and their controllers (`pallet-pledges`).
		type Pledges: PledgeInspect<Self::AccountId, BalanceOf<Self>>;

		/// The published values and who attested them (`pallet-attestations`).
		type Published: PublishedValues<Self::AccountId, BlockNumberFor<Self>>;

		/// The review panel (the `ReviewPanel` membership instance).
		type Panel: SortedMembers<Self::AccountId>;

		/// The climate fund's account: receives forfeited bonds and pays the winners' share.
		type ClimateFund: Get<Self::AccountId>;

		/// Governance (Root or two thirds of the council): may only remove affiliations.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The smallest challenge bond.
		#[pallet::constant]
		type MinChallengeBond: Get<BalanceOf<Self>>;

		/// The share of the losing bonds paid to the winning claim's backers, pro rata to their
		/// bonds; the rest goes to the climate fund.
		#[pallet::constant]
		type WinnerShare: Get<Perbill>;

		/// The most distinct claims per dispute.
		#[pallet::constant]
		type MaxClaims: Get<u32>;

		/// The most backers per claim.
		#[pallet::constant]
		type MaxBackers: Get<u32>;

		/// The most panel members (the membership instance's `MaxMembers`).
		#[pallet::constant]
		type MaxPanel: Get<u32>;

		/// The most affiliations one member can declare.
		#[pallet::constant]
		type MaxAffiliations: Get<u32>;

		/// Weights of the calls and of closing a dispute.
		type WeightInfo: WeightInfo;

		/// Sets up the calendar, published values and panel for the benchmarks.
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
		/// A challenger's bond behind a claim.
		#[codec(index = 0)]
		DisputeBond,
	}

	/// The disputes, by period then party; kept after they close, as the record.
	#[pallet::storage]
	pub type Disputes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PeriodId, Twox64Concat, PartyCode, Dispute<T>>;

	/// The parties each panel member declared an affiliation with.
	#[pallet::storage]
	pub type Affiliations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AffiliationsOf<T>, ValueQuery>;

	/// The default of [`MinEligible`].
	#[pallet::type_value]
	pub fn DefaultMinEligible() -> u32 {
		3
	}

	/// The fewest eligible members a dispute needs for the panel to vote. Set at genesis only.
	#[pallet::storage]
	pub type MinEligible<T: Config> = StorageValue<_, u32, ValueQuery, DefaultMinEligible>;

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The first challenge of a pledge opened a dispute.
		DisputeOpened {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The published value.
			published: Tonnes,
			/// The resolution deadline.
			deadline: BlockNumberFor<T>,
			/// How many panel members are eligible.
			eligible: u32,
		},
		/// A challenger backed a claim (a new one, or as a co-backer of an existing one).
		Challenged {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The challenger.
			who: T::AccountId,
			/// The claimed value.
			tonnes: Tonnes,
			/// The evidence hash.
			evidence: H256,
			/// The bond held.
			bond: BalanceOf<T>,
			/// Whether it joined an existing claim.
			co_backer: bool,
		},
		/// A backer added to its bond on a claim.
		BondAdded {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The backer.
			who: T::AccountId,
			/// The claimed value.
			tonnes: Tonnes,
			/// What was added (and held).
			added: BalanceOf<T>,
			/// Its bond on the claim now.
			total: BalanceOf<T>,
		},
		/// A larger bond displaced the smallest backer of a full claim; its bond was released.
		BackerDisplaced {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The displaced backer.
			who: T::AccountId,
			/// The claimed value.
			tonnes: Tonnes,
			/// Its released bond.
			refunded: BalanceOf<T>,
		},
		/// A larger bond displaced the smallest claim of a full dispute; its backers' bonds were
		/// released and the votes for it dropped.
		ClaimDisplaced {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The displaced claim's value.
			tonnes: Tonnes,
			/// The bonds released.
			refunded: BalanceOf<T>,
		},
		/// An eligible member challenged and lost its eligibility (and any vote).
		EligibilityLost {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The member.
			who: T::AccountId,
		},
		/// An eligible member voted (or changed its vote).
		Voted {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The member.
			who: T::AccountId,
			/// The value it voted for.
			tonnes: Tonnes,
		},
		/// Two thirds of the eligible members voted for one value: it is final.
		DisputeDecided {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The decided value.
			tonnes: Tonnes,
			/// The votes counted for it.
			votes: u32,
			/// How many members were eligible.
			eligible: u32,
		},
		/// Settlement used the final value and the dispute's bonds were paid out.
		DisputeClosed {
			/// The party.
			code: PartyCode,
			/// The period.
			period: PeriodId,
			/// The final value.
			tonnes: Tonnes,
			/// Whether the review panel decided it.
			by_panel: bool,
			/// Bonds released to the winning claim's backers.
			returned: BalanceOf<T>,
			/// Losing bonds moved to the climate fund.
			forfeited: BalanceOf<T>,
			/// Paid from the climate fund to the winning backers (their share of `forfeited`).
			rewarded: BalanceOf<T>,
		},
		/// Moving a losing bond to the climate fund failed; the bond was released to its backer.
		ForfeitFailed {
			/// The backer.
			who: T::AccountId,
			/// The bond that was not forfeited.
			amount: BalanceOf<T>,
			/// Why the transfer failed.
			error: DispatchError,
		},
		/// Paying a winning backer's reward from the climate fund failed; it stays in the fund.
		RewardFailed {
			/// The backer.
			who: T::AccountId,
			/// The reward not paid.
			amount: BalanceOf<T>,
			/// Why the transfer failed.
			error: DispatchError,
		},
		/// A panel member declared an affiliation with a party.
		AffiliationDeclared {
			/// The member.
			who: T::AccountId,
			/// The party.
			code: PartyCode,
		},
		/// Governance removed a member's affiliation.
		AffiliationRemoved {
			/// The member.
			who: T::AccountId,
			/// The party.
			code: PartyCode,
		},
		/// A one-for-one change of the panel (a member's new key, or a swap) carried the
		/// outgoing account's affiliations over to the incoming one.
		AffiliationsCarriedOver {
			/// The account that left the panel.
			from: T::AccountId,
			/// The account that joined it.
			to: T::AccountId,
			/// How many affiliations the incoming account has now.
			affiliations: u32,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// A party code must be exactly three uppercase ASCII letters (ISO 3166-1 alpha-3).
		InvalidPartyCode,
		/// No period with this id was opened.
		UnknownPeriod,
		/// Nothing has been published for this pledge yet.
		NotPublished,
		/// The pledge is unverified (fewer than a quorum attested): there is no value to
		/// challenge.
		NothingToChallenge,
		/// A claim must differ from the published value.
		ClaimIsPublishedValue,
		/// The bond is below the minimum challenge bond.
		BondTooSmall,
		/// The pledge's challenge close has passed.
		ChallengeWindowClosed,
		/// The dispute is decided or closed: no more challenges.
		DisputeDecided,
		/// The free balance cannot cover the bond.
		InsufficientBalance,
		/// The claim has the most backers and the bond is not larger than the smallest one's.
		TooManyBackers,
		/// The dispute has the most claims and the bond is not larger than the smallest claim's.
		TooManyClaims,
		/// A bond sum does not fit the balance type.
		Overflow,
		/// This pledge has no dispute.
		NoDispute,
		/// The dispute is not open for votes.
		DisputeNotOpen,
		/// The dispute's resolution deadline has passed.
		ResolutionDeadlinePassed,
		/// The account is not an eligible member of this dispute.
		NotEligible,
		/// The member declared an affiliation with this party.
		Affiliated,
		/// Fewer members are eligible than the panel needs to vote.
		TooFewEligible,
		/// The value is neither the published value nor a claim.
		NotACandidate,
		/// The account is not a member of the review panel.
		NotPanelMember,
		/// The member already declared this affiliation.
		AlreadyAffiliated,
		/// The member has declared the most affiliations.
		TooManyAffiliations,
		/// The member has no such affiliation.
		NotAffiliated,
	}

	impl<T> From<InvalidPartyCode> for Error<T> {
		fn from(_: InvalidPartyCode) -> Self {
			Error::<T>::InvalidPartyCode
		}
	}

	/// Genesis: the fewest eligible members a dispute needs for the panel to vote.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// At least 1 (default 3).
		pub min_eligible: u32,
		/// No other settings.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// `min_eligible` 3.
		fn default() -> Self {
			Self { min_eligible: DefaultMinEligible::get(), _config: Default::default() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain spec with `min_eligible` 0 would let an empty panel decide: refuse it
			// when the genesis is built (never in a block).
			assert!(self.min_eligible >= 1, "min_eligible must be at least 1");
			MinEligible::<T>::put(self.min_eligible);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxClaims::get() > 0, "MaxClaims must allow one");
			assert!(T::MaxBackers::get() > 0, "MaxBackers must allow one");
			assert!(T::MaxPanel::get() > 0, "MaxPanel must allow one");
			assert!(T::MaxAffiliations::get() > 0, "MaxAffiliations must allow one");
			assert!(!T::MinChallengeBond::get().is_zero(), "MinChallengeBond must be above zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Challenge `code`'s published value in `period`: claim `tonnes` instead, with an
		/// `evidence` hash and a `bond` (any signed account, until the pledge's challenge close).
		/// Opens the pledge's dispute if it has none; joins the claim of the same value as a
		/// backer, or adds a claim. See the module docs for the full rules.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::challenge_weight())]
		pub fn challenge(
			origin: OriginFor<T>,
			code: RawPartyCode,
			period: PeriodId,
			tonnes: Tonnes,
			evidence: H256,
			bond: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let code = PartyCode::try_from(&code).map_err(Error::<T>::from)?;
			Self::do_challenge(who, code, period, tonnes, evidence, bond)
		}

		/// Vote for `tonnes` (the published value or a claim) in `code`'s dispute of `period`
		/// (an eligible, unaffiliated member, until the resolution deadline). A second vote
		/// replaces the first.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			code: RawPartyCode,
			period: PeriodId,
			tonnes: Tonnes,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let code = PartyCode::try_from(&code).map_err(Error::<T>::from)?;
			Self::do_vote(who, code, period, tonnes)
		}

		/// Declare an affiliation with party `code` (a panel member): the member will not be
		/// eligible in that party's disputes, and loses its vote in an open one.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::declare_affiliation())]
		pub fn declare_affiliation(origin: OriginFor<T>, code: RawPartyCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let code = PartyCode::try_from(&code).map_err(Error::<T>::from)?;
			ensure!(T::Panel::contains(&who), Error::<T>::NotPanelMember);
			Affiliations::<T>::try_mutate(&who, |codes| -> DispatchResult {
				ensure!(!codes.contains(&code), Error::<T>::AlreadyAffiliated);
				codes.try_push(code).map_err(|_| Error::<T>::TooManyAffiliations)?;
				Ok(())
			})?;
			Self::deposit_event(Event::AffiliationDeclared { who, code });
			Ok(())
		}

		/// Remove `member`'s affiliation with `code` (governance only; for a mistaken
		/// declaration). It cannot make a member eligible in a dispute that is already open
		/// (eligibility is fixed at opening); it only lets the vote of a member that declared the
		/// affiliation after the dispute opened count again.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_affiliation())]
		pub fn remove_affiliation(
			origin: OriginFor<T>,
			member: T::AccountId,
			code: RawPartyCode,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let code = PartyCode::try_from(&code).map_err(Error::<T>::from)?;
			let mut codes = Affiliations::<T>::get(&member);
			let before = codes.len();
			codes.retain(|listed| *listed != code);
			ensure!(codes.len() < before, Error::<T>::NotAffiliated);
			if codes.is_empty() {
				Affiliations::<T>::remove(&member);
			} else {
				Affiliations::<T>::insert(&member, codes);
			}
			Self::deposit_event(Event::AffiliationRemoved { who: member, code });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The dispute of `code`'s pledge in `period`, if it was challenged.
		pub fn dispute(code: &PartyCode, period: PeriodId) -> Option<Dispute<T>> {
			Disputes::<T>::get(period, code)
		}

		/// Whether `who` declared an affiliation with `code`.
		pub fn is_affiliated(who: &T::AccountId, code: &PartyCode) -> bool {
			Affiliations::<T>::get(who).contains(code)
		}

		/// The weight of `challenge` at its worst: opening a dispute with a full panel, or
		/// displacing a full claim, whichever costs more.
		pub fn challenge_weight() -> Weight {
			T::WeightInfo::challenge_open().max(T::WeightInfo::challenge_displace())
		}
	}
}
