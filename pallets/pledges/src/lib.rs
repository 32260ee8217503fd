//! # Pledges pallet
//!
//! The registry of **parties** (states, keyed by ISO 3166-1 alpha-3 code), the **reporting
//! calendar** (periods with their deadlines, windows and terms) and the **pledges**: a party's
//! emissions cap for a period, backed by a bond held on the controller's account.
//!
//! ## Overview
//!
//! - Governance (`T::GovernanceOrigin`: Root or two thirds of the council in the Pacta runtime)
//!   admits parties with [`Pallet::register_party`] and opens reporting periods with
//!   [`Pallet::open_period`], fixing the calendar ([`PeriodInfo`]) and the [`PeriodTerms`].
//! - A party's controller (the ministry's key) submits one pledge per period with
//!   [`Pallet::submit_pledge`]: a cap in whole tonnes CO2e and a bond of at least
//!   `T::MinPledgeBond`, held with hold reason [`HoldReason::PledgeBond`]. The bond stays on the
//!   controller's account but cannot be spent or transferred.
//! - **The bond follows the party.** [`Pallet::set_controller`] moves the held bonds of the
//!   party's unsettled pledges, still held (`transfer_on_hold` with `Restriction::OnHold`), to
//!   the new controller, which owns them from then on: it tops them up and gets back what
//!   settlement releases. A rotated-out (possibly compromised) key keeps nothing of the
//!   party's, and the work is bounded by the party's history (`T::MaxPledgesPerParty`).
//! - A pledge can only get stronger: [`Pallet::strengthen_pledge`] lowers the cap (until the
//!   attestation deadline), [`Pallet::top_up_bond`] adds to the bond (until it is settled).
//! - **Ratchet**: a party's caps never rise from one period to the next. A pledge's cap must lie
//!   between its neighbours in the party's history: at most the cap of the nearest earlier
//!   pledged period, at least the cap of the nearest later one
//!   ([`Error::WeakerThanPreviousPledge`], [`Error::LaterPledgeWouldBeWeaker`]), for submissions
//!   and for strengthening alike. With 2030, 2031 and 2032 open, 600 for 2030 and 600 for 2032
//!   leave exactly 600 for 2031; to tighten 2030, tighten 2032 and 2031 first. No order of
//!   calls makes the sequence backslide.
//! - **History pruned.** [`PledgeHistory`] keeps only what the ratchet needs: on each
//!   submission the leading run of settled pledges (those before the party's first unsettled
//!   one) is pruned to its latest, the anchor the next pledge is compared with. Every unsettled
//!   pledge and everything after it stays, so every neighbour an open pledge can have is known;
//!   `T::MaxPledgesPerParty` bounds the unsettled pledges (and later ones), not a party's
//!   lifetime. A pledge for a period earlier than one the party has already settled is refused
//!   ([`Error::PeriodBeforeSettledPledge`]): the ratchet no longer remembers what came before it.
//! - No call withdraws a pledge or releases a bond. Only settlement does, through the
//!   [`PledgeSettle`] trait, exactly once per pledge ([`Event::BondSettled`]).
//! - **A mis-opened period** can be cancelled by governance with [`Pallet::cancel_period`],
//!   only up to its pledge deadline ([`Error::PledgeDeadlinePassed`] after it). The calendar
//!   entry stays, marked in [`CancelledPeriods`]; no pledge, strengthening or top-up is accepted
//!   for it any more ([`Error::PeriodCancelled`]), and the pallets that scheduled it are told
//!   through `T::OnPeriodOpened` (`on_period_cancelled`): verification drops it (no attestation
//!   can exist yet, since attesting starts after the pledge deadline), settlement refunds every
//!   bond and escrow of it from the next block on, within its per-block budget, and records
//!   the outcome `Cancelled`. A cancelled pledge leaves the ratchet's history when it settles.
//!   After the pledge deadline nothing cancels or amends a period: no call changes a calendar
//!   entry, so governance holds no kill switch over pledges that parties, donors and oracles
//!   rely on. A cancelled period's id is not reused (`open_period` refuses it).
//!
//! Other pallets read this pallet through the traits of `pacta-primitives`:
//! [`PeriodCalendar`] (deadlines and terms), [`PledgeInspect`] (controllers, pledges, and the
//! pledges of a period page by page) and [`PledgeSettle`]. When a period opens, the pallets
//! that schedule work for it are told through `T::OnPeriodOpened`.
//!
//! ## Lifecycle of a period
//!
//! ```text
//! open_period ─ pledge_deadline ─ attestation_deadline ─ reveal_deadline ─ challenge_deadline ─ …
//! submit_pledge ──────────────┤
//! cancel_period (governance) ─┤
//! strengthen_pledge ─────────────────────────────────┤
//!                                                           settlement (PledgeSettle), once: ├──
//! top_up_bond: any time until the pledge has settled
//! ```
//!
//! A deadline is the last block at which its action is allowed. [`Pallet::open_period`] takes
//! the four deadlines in time order and two windows (block counts above zero): the
//! `challenge_window` a published value at least stays open to challenge and the
//! `resolution_window` a dispute has to be decided in. This pallet only records the reveal
//! deadline and the windows; the pallets that will use them read them through
//! [`PeriodCalendar`].
//!
//! ## Worked example
//!
//! Governance registers Germany and opens 2030 at block 10 with deadlines 100 / 200 / 250 /
//! 300, a challenge window of 50 blocks, a resolution window of 100 blocks, binding terms and a
//! penalty of 2 PACT per tonne:
//!
//! 1. `register_party("DEU", "Germany", ministry)`.
//! 2. `open_period(2030, 100, 200, 250, 300, 50, 100, { Binding, penalty_per_tonne: 2 PACT,
//!    unverified_forfeit: 50% })`.
//! 3. The ministry calls `submit_pledge(2030, 600_000_000, 1_000 PACT)` at block 50: its free
//!    balance drops by 1,000 PACT, which now shows as held (`PledgeBond`).
//! 4. At block 150 it calls `strengthen_pledge(2030, 550_000_000)`: allowed until block 200.
//! 5. A pledge for 2031 may not have a cap above 550,000,000 t (the ratchet).
//! 6. After block 300 settlement calls `PledgeSettle::settle`: if verified emissions were
//!    560,000,000 t, 10,000,000 t over the cap, `min(1,000, 10,000,000 × 2)` PACT = the whole
//!    bond is forfeited to the climate fund; had Germany stayed under the cap, the whole bond
//!    would have been released.
//!
//! The unit tests in `tests/worked_example.rs` run these steps with these numbers.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_traits;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::{Party, Pledge, PledgeTotals};
pub use weights::WeightInfo;

use pacta_primitives::{
	InvalidPartyCode, OnPeriodOpened, PartyCode, PeriodCalendar, PeriodId, PeriodInfo, PeriodTerms,
	PledgeInspect, PledgeSettle, RawPartyCode, SettledPledges, Tonnes,
};

// `open_period` takes the calendar field by field (eight arguments), and the pallet macros
// generate helpers with the same arguments, which an attribute on the call cannot reach.
#[allow(clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::string::String;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{CheckedAdd, One, Saturating, Zero};

	/// The balance type of the currency that bonds are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A party record of this runtime.
	pub type PartyOf<T> = Party<<T as frame_system::Config>::AccountId, <T as Config>::MaxNameLen>;

	/// A pledge record of this runtime.
	pub type PledgeOf<T> =
		Pledge<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// A calendar entry of this runtime.
	pub type PeriodInfoOf<T> = PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>;

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

		/// The currency bonds are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who admits parties and opens periods (Root or two thirds of the council).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Told when a period opens, so that verification and settlement can schedule it.
		type OnPeriodOpened: OnPeriodOpened<BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Which pledges have settled: settlement's outcome records are the one authority on it,
		/// so this pallet keeps no flag of its own (saving a write per settled pledge).
		type Settled: SettledPledges;

		/// The smallest bond a pledge can be submitted with.
		#[pallet::constant]
		type MinPledgeBond: Get<BalanceOf<Self>>;

		/// The longest display name of a party, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// How many pledges (periods) the ratchet remembers per party.
		#[pallet::constant]
		type MaxPledgesPerParty: Get<u32>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The bond behind an emissions pledge.
		#[codec(index = 0)]
		PledgeBond,
	}

	/// The registered parties, by code.
	#[pallet::storage]
	pub type Parties<T: Config> = StorageMap<_, Blake2_128Concat, PartyCode, PartyOf<T>>;

	/// The party each controller account acts for (one party per account).
	#[pallet::storage]
	pub type PartyOfController<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PartyCode>;

	/// The reporting calendar: deadlines and terms of each opened period.
	#[pallet::storage]
	pub type Periods<T: Config> = StorageMap<_, Twox64Concat, PeriodId, PeriodInfoOf<T>>;

	/// The pledges, by period then party.
	#[pallet::storage]
	pub type Pledges<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PeriodId, Blake2_128Concat, PartyCode, PledgeOf<T>>;

	/// Each period's pledge totals (count, caps, bonds), kept as pledges change.
	#[pallet::storage]
	pub type PeriodPledgeTotals<T: Config> =
		StorageMap<_, Twox64Concat, PeriodId, PledgeTotals<BalanceOf<T>>, ValueQuery>;

	/// The periods governance cancelled (before their pledge deadlines), with the block each was
	/// cancelled in. The calendar entry stays in [`Periods`]: a cancelled period is never
	/// reopened or amended, its pledges settle as `Cancelled` (everything refunded).
	#[pallet::storage]
	pub type CancelledPeriods<T: Config> = StorageMap<_, Twox64Concat, PeriodId, BlockNumberFor<T>>;

	/// Each party's pledged periods and current caps, sorted by period: what the ratchet reads.
	/// Pruned at each submission to what the ratchet needs (see the module docs).
	#[pallet::storage]
	pub type PledgeHistory<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		PartyCode,
		BoundedVec<(PeriodId, Tonnes), T::MaxPledgesPerParty>,
		ValueQuery,
	>;

	/// Events of the pallet. Each variant's doc says what its fields mean.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance admitted a party.
		PartyRegistered { code: PartyCode, name: Vec<u8>, controller: T::AccountId },
		/// A party's controller account changed.
		ControllerChanged { code: PartyCode, old: T::AccountId, new: T::AccountId },
		/// A controller rotation moved a pledge's held bond from `from` to `to`, which now owns it.
		BondMoved {
			code: PartyCode,
			period: PeriodId,
			from: T::AccountId,
			to: T::AccountId,
			bond: BalanceOf<T>,
		},
		/// Governance opened a reporting period.
		PeriodOpened { period: PeriodId, info: PeriodInfoOf<T> },
		/// Governance cancelled a period before its pledge deadline: settlement refunds every
		/// bond and escrow of it from the next block on.
		PeriodCancelled { period: PeriodId },
		/// A party pledged a cap for a period and bonded it.
		PledgeSubmitted { code: PartyCode, period: PeriodId, cap: Tonnes, bond: BalanceOf<T> },
		/// A party lowered its cap.
		PledgeStrengthened { code: PartyCode, period: PeriodId, old_cap: Tonnes, new_cap: Tonnes },
		/// A party added to its bond; `bond` is the new total.
		BondToppedUp { code: PartyCode, period: PeriodId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// Settlement ended a pledge's bond: `forfeited` went to `dest` (the climate fund),
		/// `released` back to the owner. (Settlement's own `PledgeSettled` event says how the
		/// pledge ended.)
		BondSettled {
			code: PartyCode,
			period: PeriodId,
			released: BalanceOf<T>,
			forfeited: BalanceOf<T>,
			dest: T::AccountId,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// A party code must be exactly three uppercase ASCII letters (ISO 3166-1 alpha-3).
		InvalidPartyCode,
		/// A party with this code is already registered.
		PartyAlreadyRegistered,
		/// No party is registered with this code.
		UnknownParty,
		/// This account already controls a party.
		ControllerInUse,
		/// The caller is neither the party's controller nor governance.
		NotController,
		/// The caller controls no party.
		NotAPartyController,
		/// A period with this id was already opened.
		PeriodAlreadyOpen,
		/// No period with this id was opened.
		UnknownPeriod,
		/// Deadlines must be strictly increasing: pledge < attestation < reveal < challenge.
		DeadlinesNotIncreasing,
		/// The challenge or resolution window is shorter than the chain's minimum
		/// ([`MinChallengeWindow`], [`MinResolutionWindow`], set at genesis; at least one block).
		WindowTooShort,
		/// The pledge deadline must be in the future.
		DeadlineInPast,
		/// Verification or settlement cannot schedule another period now.
		ScheduleFull,
		/// The pledge deadline of this period has passed.
		PledgeDeadlinePassed,
		/// Governance cancelled this period: no pledge, strengthening or top-up for it, and it
		/// cannot be cancelled again.
		PeriodCancelled,
		/// The attestation deadline of this period has passed: the cap is final.
		AttestationDeadlinePassed,
		/// The party already pledged for this period (a pledge is never replaced; strengthen it).
		AlreadyPledged,
		/// The party has no pledge for this period.
		NoPledge,
		/// The bond is below the minimum pledge bond.
		BondTooLow,
		/// The free balance cannot cover the bond.
		InsufficientBalance,
		/// Ratchet: the cap exceeds the cap of the party's most recent earlier pledge.
		WeakerThanPreviousPledge,
		/// Ratchet: the cap is below the cap of the party's next later pledge, which would then
		/// be weaker than an earlier one (strengthen the later pledge first).
		LaterPledgeWouldBeWeaker,
		/// A strengthened cap must be strictly lower than the current one.
		CapNotLower,
		/// The amount must be above zero.
		ZeroAmount,
		/// The pledge was settled: its bond can no longer change.
		AlreadySettled,
		/// The bond is held on another account than the caller's (cannot happen after a
		/// rotation, which moves the bonds: kept as a guard).
		NotBondOwner,
		/// The party has as many unsettled pledges (and later ones) as the ratchet remembers.
		TooManyPledges,
		/// The period is earlier than one the party's pledge has already settled for: the ratchet
		/// no longer remembers what came before it.
		PeriodBeforeSettledPledge,
		/// The bond would overflow.
		Overflow,
		/// The held bonds could not be moved to the new controller (it must exist on chain and
		/// be able to hold funds).
		CannotMoveBond,
	}

	impl<T> From<InvalidPartyCode> for Error<T> {
		fn from(_: InvalidPartyCode) -> Self {
			Error::<T>::InvalidPartyCode
		}
	}

	/// One block: the least any window can be.
	#[pallet::type_value]
	pub fn OneBlock<T: Config>() -> BlockNumberFor<T> {
		One::one()
	}

	/// The shortest `challenge_window` a period may be opened with, set at genesis. No call
	/// changes it: a shorter window would let values settle before anyone could challenge them.
	#[pallet::storage]
	pub type MinChallengeWindow<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, OneBlock<T>>;

	/// The shortest `resolution_window` a period may be opened with, set at genesis. No call
	/// changes it: a shorter window would leave the review panel no time to decide.
	#[pallet::storage]
	pub type MinResolutionWindow<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, OneBlock<T>>;

	/// Genesis: the parties a consortium chain starts with and the chain's minimum windows.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(code, name, controller)` of each founding party.
		pub parties: Vec<(PartyCode, String, T::AccountId)>,
		/// The chain's [`MinChallengeWindow`] (0 counts as 1): a few blocks on dev chains, weeks
		/// on real ones.
		pub min_challenge_window: BlockNumberFor<T>,
		/// The chain's [`MinResolutionWindow`] (0 counts as 1).
		pub min_resolution_window: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			MinChallengeWindow::<T>::put(self.min_challenge_window.max(One::one()));
			MinResolutionWindow::<T>::put(self.min_resolution_window.max(One::one()));
			for (code, name, controller) in &self.parties {
				// A chain must not start from an invalid genesis: refusing it loudly is the point.
				let name: BoundedVec<u8, T::MaxNameLen> = name
					.as_bytes()
					.to_vec()
					.try_into()
					.unwrap_or_else(|_| panic!("genesis: name of {code} is too long"));
				assert!(!Parties::<T>::contains_key(code), "genesis: party {code} listed twice");
				assert!(
					!PartyOfController::<T>::contains_key(controller),
					"genesis: a controller of {code} controls another party"
				);
				Parties::<T>::insert(code, Party { name, controller: controller.clone() });
				PartyOfController::<T>::insert(controller, code);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxPledgesPerParty::get() > 0, "MaxPledgesPerParty must allow a pledge");
			assert!(!T::MinPledgeBond::get().is_zero(), "MinPledgeBond must be above zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Invariants: every account's held `PledgeBond` (walking the accounts, so a hold without
		/// a pledge is found too) equals the sum of the bonds of its unsettled pledges; controllers and parties point at each other; histories are sorted
		/// and match the pledges; each period's pledge totals equal the sums over its pledges; every
		/// calendar entry is well ordered. Built with `std` too, so
		/// that runtime tests can call it without the `try-runtime` feature.
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut totals: BTreeMap<PeriodId, PledgeTotals<BalanceOf<T>>> = BTreeMap::new();
			for (period, _, pledge) in Pledges::<T>::iter() {
				let t = totals.entry(period).or_default();
				t.pledges = t.pledges.saturating_add(1);
				t.caps = t.caps.saturating_add(pledge.cap);
				t.bonds = t.bonds.saturating_add(pledge.bond);
			}
			for (period, kept) in PeriodPledgeTotals::<T>::iter() {
				ensure!(
					totals.remove(&period).unwrap_or_default() == kept,
					"a period's pledge totals differ from its pledges"
				);
			}
			ensure!(totals.is_empty(), "a period with pledges has no totals");
			for (period, code, pledge) in Pledges::<T>::iter() {
				ensure!(Parties::<T>::contains_key(code), "pledge of an unknown party");
				ensure!(Periods::<T>::contains_key(period), "pledge for an unknown period");
				let history = PledgeHistory::<T>::get(code);
				let listed = history.iter().any(|(p, cap)| *p == period && *cap == pledge.cap);
				let settled = T::Settled::is_settled(&code, period);
				// Settled pledges may have been pruned; unsettled ones are always listed.
				ensure!(listed || settled, "unsettled pledge missing from the party's history");
				if !settled {
					let sum = held.entry(pledge.owner.clone()).or_default();
					*sum = sum.checked_add(&pledge.bond).ok_or("held bonds overflow")?;
				}
			}
			// From the holds' side: walk every account, so that a `PledgeBond` hold without an
			// unsettled pledge behind it is found too.
			let reason = HoldReason::PledgeBond.into();
			for who in frame_system::Account::<T>::iter_keys() {
				let sum = held.remove(&who).unwrap_or_default();
				ensure!(
					T::Currency::balance_on_hold(&reason, &who) == sum,
					"held PledgeBond differs from the sum of the account's unsettled bonds"
				);
			}
			ensure!(held.is_empty(), "a bond owner has no account");
			for (code, party) in Parties::<T>::iter() {
				ensure!(
					PartyOfController::<T>::get(&party.controller) == Some(code),
					"party's controller does not point back at it"
				);
			}
			for (who, code) in PartyOfController::<T>::iter() {
				let party = Parties::<T>::get(code).ok_or("controller of an unknown party")?;
				ensure!(party.controller == who, "stale controller entry");
			}
			for (_, history) in PledgeHistory::<T>::iter() {
				ensure!(history.windows(2).all(|w| w[0].0 < w[1].0), "history not sorted");
			}
			for (_, info) in Periods::<T>::iter() {
				ensure!(info.is_well_ordered(), "calendar entry out of order");
			}
			for (period, at) in CancelledPeriods::<T>::iter() {
				let info = Periods::<T>::get(period).ok_or("cancelled period was never opened")?;
				ensure!(at <= info.pledge_deadline, "period cancelled after its pledge deadline");
			}
			Ok(())
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit a party (governance). `code`: exactly three uppercase ASCII letters; one party
		/// per code and one party per controller account.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_party())]
		pub fn register_party(
			origin: OriginFor<T>,
			code: RawPartyCode,
			name: BoundedVec<u8, T::MaxNameLen>,
			controller: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let code = PartyCode::try_from(&code).map_err(Error::<T>::from)?;
			ensure!(!Parties::<T>::contains_key(code), Error::<T>::PartyAlreadyRegistered);
			ensure!(
				!PartyOfController::<T>::contains_key(&controller),
				Error::<T>::ControllerInUse
			);
			Parties::<T>::insert(
				code,
				Party { name: name.clone(), controller: controller.clone() },
			);
			PartyOfController::<T>::insert(&controller, code);
			Self::deposit_event(Event::PartyRegistered {
				code,
				name: name.into_inner(),
				controller,
			});
			Ok(())
		}

		/// Rotate a party's controller account: by the current controller or governance. The
		/// bond follows the party: the held bonds of the party's unsettled pledges move, still
		/// held, to the new controller, which then owns them (tops them up, gets them back at
		/// settlement). The new controller must already exist on chain (hold at least the
		/// existential deposit) to receive them. Weight: one bond move per unsettled pledge in
		/// the party's history, at most `T::MaxPledgesPerParty`; the unused part is refunded.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_controller(T::MaxPledgesPerParty::get()))]
		pub fn set_controller(
			origin: OriginFor<T>,
			code: RawPartyCode,
			new: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let code = PartyCode::try_from(&code).map_err(Error::<T>::from)?;
			let mut party = Parties::<T>::get(code).ok_or(Error::<T>::UnknownParty)?;
			if T::GovernanceOrigin::try_origin(origin.clone()).is_err() {
				let who = ensure_signed(origin)?;
				ensure!(who == party.controller, Error::<T>::NotController);
			}
			ensure!(!PartyOfController::<T>::contains_key(&new), Error::<T>::ControllerInUse);
			let old = core::mem::replace(&mut party.controller, new.clone());
			let moved = Self::move_bonds(&code, &new)?;
			PartyOfController::<T>::remove(&old);
			PartyOfController::<T>::insert(&new, code);
			Parties::<T>::insert(code, party);
			Self::deposit_event(Event::ControllerChanged { code, old, new });
			Ok(Some(T::WeightInfo::set_controller(moved)).into())
		}

		/// Open a reporting period (governance) with its calendar and terms: the four deadlines
		/// (block numbers) strictly increasing, the first in the future; the challenge and
		/// resolution windows (block counts) at least one block each; and the terms settlement
		/// will apply. See [`PeriodInfo`] for what each deadline and window bounds.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::open_period())]
		pub fn open_period(
			origin: OriginFor<T>,
			period: PeriodId,
			pledge_deadline: BlockNumberFor<T>,
			attestation_deadline: BlockNumberFor<T>,
			reveal_deadline: BlockNumberFor<T>,
			challenge_deadline: BlockNumberFor<T>,
			challenge_window: BlockNumberFor<T>,
			resolution_window: BlockNumberFor<T>,
			terms: PeriodTerms<BalanceOf<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!Periods::<T>::contains_key(period), Error::<T>::PeriodAlreadyOpen);
			let info = PeriodInfo {
				pledge_deadline,
				attestation_deadline,
				reveal_deadline,
				challenge_deadline,
				challenge_window,
				resolution_window,
				terms,
			};
			ensure!(
				challenge_window >= MinChallengeWindow::<T>::get().max(One::one())
					&& resolution_window >= MinResolutionWindow::<T>::get().max(One::one()),
				Error::<T>::WindowTooShort
			);
			// With the windows checked, what is left of a well-ordered calendar is the order.
			ensure!(info.is_well_ordered(), Error::<T>::DeadlinesNotIncreasing);
			ensure!(
				frame_system::Pallet::<T>::block_number() < pledge_deadline,
				Error::<T>::DeadlineInPast
			);
			ensure!(T::OnPeriodOpened::can_schedule(), Error::<T>::ScheduleFull);
			Periods::<T>::insert(period, &info);
			T::OnPeriodOpened::on_period_opened(period, &info);
			Self::deposit_event(Event::PeriodOpened { period, info });
			Ok(())
		}

		/// Pledge a cap for a period and hold `bond` behind it (by a party's controller, up to
		/// the pledge deadline). Ratchet: the cap may not exceed the cap of the party's pledge
		/// for the nearest earlier period, nor be below that of the nearest later one.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::submit_pledge_weight())]
		pub fn submit_pledge(
			origin: OriginFor<T>,
			period: PeriodId,
			cap_tonnes: Tonnes,
			bond: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let code = PartyOfController::<T>::get(&who).ok_or(Error::<T>::NotAPartyController)?;
			let info = Periods::<T>::get(period).ok_or(Error::<T>::UnknownPeriod)?;
			ensure!(!CancelledPeriods::<T>::contains_key(period), Error::<T>::PeriodCancelled);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now <= info.pledge_deadline, Error::<T>::PledgeDeadlinePassed);
			ensure!(!Pledges::<T>::contains_key(period, code), Error::<T>::AlreadyPledged);
			ensure!(bond >= T::MinPledgeBond::get(), Error::<T>::BondTooLow);

			let mut history = PledgeHistory::<T>::get(code);
			let settled_prefix = Self::prune_history(&code, &mut history);
			// A period earlier than a settled pledge (maybe pruned) cannot be checked: refused.
			if settled_prefix > 0 {
				if let Some((first, _)) = history.first() {
					ensure!(period > *first, Error::<T>::PeriodBeforeSettledPledge);
				}
			}
			// Sorted by period, no duplicates: `Err(i)` is where this period goes.
			let index = match history.binary_search_by_key(&period, |(p, _)| *p) {
				Ok(_) => return Err(Error::<T>::AlreadyPledged.into()),
				Err(index) => index,
			};
			if let Some((_, previous_cap)) = index.checked_sub(1).and_then(|i| history.get(i)) {
				ensure!(cap_tonnes <= *previous_cap, Error::<T>::WeakerThanPreviousPledge);
			}
			if let Some((_, later_cap)) = history.get(index) {
				ensure!(cap_tonnes >= *later_cap, Error::<T>::LaterPledgeWouldBeWeaker);
			}
			history
				.try_insert(index, (period, cap_tonnes))
				.map_err(|_| Error::<T>::TooManyPledges)?;

			let reason = HoldReason::PledgeBond.into();
			ensure!(T::Currency::can_hold(&reason, &who, bond), Error::<T>::InsufficientBalance);
			T::Currency::hold(&reason, &who, bond)?;

			PledgeHistory::<T>::insert(code, history);
			Pledges::<T>::insert(
				period,
				code,
				Pledge { cap: cap_tonnes, bond, owner: who, submitted_at: now },
			);
			PeriodPledgeTotals::<T>::mutate(period, |t| {
				t.pledges = t.pledges.saturating_add(1);
				t.caps = t.caps.saturating_add(cap_tonnes);
				t.bonds = t.bonds.saturating_add(bond);
			});
			Self::deposit_event(Event::PledgeSubmitted { code, period, cap: cap_tonnes, bond });
			Ok(())
		}

		/// Lower the cap of the caller's party's pledge (strictly), up to the attestation
		/// deadline, but not below the cap of the party's pledge for the nearest later period.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::strengthen_pledge(T::MaxPledgesPerParty::get()))]
		pub fn strengthen_pledge(
			origin: OriginFor<T>,
			period: PeriodId,
			new_cap: Tonnes,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let code = PartyOfController::<T>::get(&who).ok_or(Error::<T>::NotAPartyController)?;
			let info = Periods::<T>::get(period).ok_or(Error::<T>::UnknownPeriod)?;
			ensure!(!CancelledPeriods::<T>::contains_key(period), Error::<T>::PeriodCancelled);
			ensure!(
				frame_system::Pallet::<T>::block_number() <= info.attestation_deadline,
				Error::<T>::AttestationDeadlinePassed
			);
			let mut pledge = Pledges::<T>::get(period, code).ok_or(Error::<T>::NoPledge)?;
			ensure!(!T::Settled::is_settled(&code, period), Error::<T>::AlreadySettled);
			ensure!(new_cap < pledge.cap, Error::<T>::CapNotLower);
			let old_cap = core::mem::replace(&mut pledge.cap, new_cap);

			let mut history = PledgeHistory::<T>::get(code);
			if let Ok(i) = history.binary_search_by_key(&period, |(p, _)| *p) {
				// Ratchet against the later neighbour: it may not end up weaker than this one.
				if let Some((_, later_cap)) = i.checked_add(1).and_then(|j| history.get(j)) {
					ensure!(new_cap >= *later_cap, Error::<T>::LaterPledgeWouldBeWeaker);
				}
				if let Some(entry) = history.get_mut(i) {
					entry.1 = new_cap;
				}
			}
			PledgeHistory::<T>::insert(code, history);
			Pledges::<T>::insert(period, code, pledge);
			PeriodPledgeTotals::<T>::mutate(period, |t| {
				t.caps = t.caps.saturating_sub(old_cap.saturating_sub(new_cap));
			});
			Self::deposit_event(Event::PledgeStrengthened { code, period, old_cap, new_cap });
			Ok(())
		}

		/// Add to the bond of the caller's party's pledge, until it is settled. The bond is held
		/// on the controller's account (a rotation moves it), so the current controller adds to
		/// it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::top_up_bond())]
		pub fn top_up_bond(
			origin: OriginFor<T>,
			period: PeriodId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let code = PartyOfController::<T>::get(&who).ok_or(Error::<T>::NotAPartyController)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			ensure!(!CancelledPeriods::<T>::contains_key(period), Error::<T>::PeriodCancelled);
			let mut pledge = Pledges::<T>::get(period, code).ok_or(Error::<T>::NoPledge)?;
			ensure!(!T::Settled::is_settled(&code, period), Error::<T>::AlreadySettled);
			ensure!(pledge.owner == who, Error::<T>::NotBondOwner);
			pledge.bond = pledge.bond.checked_add(&amount).ok_or(Error::<T>::Overflow)?;

			let reason = HoldReason::PledgeBond.into();
			ensure!(T::Currency::can_hold(&reason, &who, amount), Error::<T>::InsufficientBalance);
			T::Currency::hold(&reason, &who, amount)?;

			let bond = pledge.bond;
			Pledges::<T>::insert(period, code, pledge);
			PeriodPledgeTotals::<T>::mutate(period, |t| t.bonds = t.bonds.saturating_add(amount));
			Self::deposit_event(Event::BondToppedUp { code, period, amount, bond });
			Ok(())
		}

		/// Cancel a mis-opened period (governance), only up to its pledge deadline: after that
		/// parties, donors and oracles rely on it and nothing cancels or amends a period
		/// (otherwise governance would hold a kill switch over every pledge). The calendar
		/// entry stays, marked cancelled in [`CancelledPeriods`]; from then on no pledge,
		/// strengthening, top-up, conditional transfer or attestation is accepted for it. The
		/// pallets that scheduled it are told through `T::OnPeriodOpened`: verification drops
		/// it, and settlement refunds every bond and escrow of it, page by page within its
		/// per-block budget, from the next block on (outcome `Cancelled`). This call does a
		/// constant amount of work, whatever the number of pledges.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_period())]
		pub fn cancel_period(origin: OriginFor<T>, period: PeriodId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let info = Periods::<T>::get(period).ok_or(Error::<T>::UnknownPeriod)?;
			ensure!(!CancelledPeriods::<T>::contains_key(period), Error::<T>::PeriodCancelled);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now <= info.pledge_deadline, Error::<T>::PledgeDeadlinePassed);
			CancelledPeriods::<T>::insert(period, now);
			T::OnPeriodOpened::on_period_cancelled(period);
			Self::deposit_event(Event::PeriodCancelled { period });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// A registered party.
		pub fn party(code: &PartyCode) -> Option<PartyOf<T>> {
			Parties::<T>::get(code)
		}

		/// The weight of `submit_pledge` with a full history, each entry's outcome read for the
		/// pruning. TODO(bench): not generated: the measured `submit_pledge(h)` plus one read per
		/// history entry, until `scripts/benchmark.sh` measures the pruning benchmark.
		pub fn submit_pledge_weight() -> Weight {
			let h = T::MaxPledgesPerParty::get();
			T::WeightInfo::submit_pledge(h).saturating_add(T::DbWeight::get().reads(h.into()))
		}

		/// Prune a party's history to what the ratchet needs: of the leading run of settled
		/// pledges (those before the first unsettled one), keep only the latest, the anchor the
		/// next pledges are compared with. Every unsettled pledge, every entry after one, and
		/// so every neighbour an open pledge can have, stays. Returns the length of the leading
		/// settled run before pruning (zero: nothing settled at the front).
		pub(crate) fn prune_history(
			code: &PartyCode,
			history: &mut BoundedVec<(PeriodId, Tonnes), T::MaxPledgesPerParty>,
		) -> usize {
			let prefix = history
				.iter()
				.take_while(|(period, _)| T::Settled::is_settled(code, *period))
				.count();
			let drop = prefix.saturating_sub(1);
			let mut index = 0usize;
			history.retain(|_| {
				let keep = index >= drop;
				index = index.saturating_add(1);
				keep
			});
			prefix
		}

		/// A party's pledge for a period.
		pub fn pledge_of(code: &PartyCode, period: PeriodId) -> Option<PledgeOf<T>> {
			Pledges::<T>::get(period, code)
		}

		/// A period's calendar entry.
		pub fn period_info(period: PeriodId) -> Option<PeriodInfoOf<T>> {
			Periods::<T>::get(period)
		}

		/// Whether governance cancelled `period`.
		pub fn is_cancelled(period: PeriodId) -> bool {
			CancelledPeriods::<T>::contains_key(period)
		}

		/// Move the held bonds of `code`'s unsettled pledges to `new`, still held, and make `new`
		/// their owner (one [`Event::BondMoved`] each). Walks the party's history, so at most
		/// `T::MaxPledgesPerParty` pledges. Returns how many history entries it visited.
		fn move_bonds(code: &PartyCode, new: &T::AccountId) -> Result<u32, DispatchError> {
			use frame_support::traits::tokens::{Fortitude, Restriction};
			let reason = HoldReason::PledgeBond.into();
			let history = PledgeHistory::<T>::get(code);
			for (period, _) in history.iter() {
				let Some(mut pledge) = Pledges::<T>::get(period, code) else { continue };
				if pledge.owner == *new || T::Settled::is_settled(code, *period) {
					continue;
				}
				if !pledge.bond.is_zero() {
					T::Currency::transfer_on_hold(
						&reason,
						&pledge.owner,
						new,
						pledge.bond,
						Precision::Exact,
						Restriction::OnHold,
						Fortitude::Force,
					)
					.map_err(|_| Error::<T>::CannotMoveBond)?;
				}
				let from = core::mem::replace(&mut pledge.owner, new.clone());
				let bond = pledge.bond;
				Pledges::<T>::insert(period, code, pledge);
				Self::deposit_event(Event::BondMoved {
					code: *code,
					period: *period,
					from,
					to: new.clone(),
					bond,
				});
			}
			Ok(u32::try_from(history.len()).unwrap_or(u32::MAX))
		}

		/// End a pledge's bond: forfeit up to `forfeited` to `dest` and release the rest.
		/// Atomic: on error nothing changed. The pledge itself is not written: the caller
		/// (settlement) records the outcome, which `T::Settled` reads.
		pub(crate) fn do_settle(
			code: &PartyCode,
			period: PeriodId,
			forfeited: BalanceOf<T>,
			dest: &T::AccountId,
		) -> Result<pacta_primitives::SettledBond<BalanceOf<T>>, DispatchError> {
			use frame_support::traits::tokens::{Fortitude, Restriction};
			frame_support::storage::with_storage_layer(|| {
				let pledge = Pledges::<T>::get(period, code).ok_or(Error::<T>::NoPledge)?;
				ensure!(!T::Settled::is_settled(code, period), Error::<T>::AlreadySettled);
				let reason = HoldReason::PledgeBond.into();
				let to_forfeit = forfeited.min(pledge.bond);
				let forfeited = if to_forfeit.is_zero() {
					Zero::zero()
				} else {
					T::Currency::transfer_on_hold(
						&reason,
						&pledge.owner,
						dest,
						to_forfeit,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Force,
					)?
				};
				let to_release = pledge.bond.saturating_sub(forfeited);
				let released = if to_release.is_zero() {
					Zero::zero()
				} else {
					T::Currency::release(&reason, &pledge.owner, to_release, Precision::Exact)?
				};
				// A cancelled period's pledge constrains no other: it leaves the ratchet's
				// history (at most `T::MaxPledgesPerParty` entries, one read and one write).
				if CancelledPeriods::<T>::contains_key(period) {
					PledgeHistory::<T>::mutate(code, |history| {
						history.retain(|(p, _)| *p != period)
					});
				}
				Self::deposit_event(Event::BondSettled {
					code: *code,
					period,
					released,
					forfeited,
					dest: dest.clone(),
				});
				Ok(pacta_primitives::SettledBond { released, forfeited })
			})
		}
	}
}
