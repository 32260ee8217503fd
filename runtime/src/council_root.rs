//! `CouncilRoot`: lets two thirds of the council act as Root, for the few calls FRAME reserves
//! to Root — above all runtime upgrades (`System.authorize_upgrade` / `set_code`). A consortium
//! chain has no sudo key, so without this nobody could upgrade its runtime. It also holds the
//! council's one chain setting, the [`MotionDuration`].
//!
//! Usage: a council motion (threshold 2/3) proposing
//! `CouncilRoot.dispatch_as_root(System.authorize_upgrade(code_hash))`; once it is closed, anyone
//! submits `System.apply_authorized_upgrade(code)`.
//!
//! ## What Root through the council cannot do
//!
//! `dispatch_as_root` refuses, **at dispatch**, every call that [`Config::Forbidden`] contains —
//! in the runtime, [`crate::governance::RootDenyList`]: `Sudo.*` (above all `Sudo.set_key`,
//! which Root may call), `System.set_storage` / `kill_storage` / `kill_prefix` (which could
//! write a sudo key or anything else straight into state), and any call that wraps one of those
//! (`Utility.batch*`, `dispatch_as`, `Proxy.proxy`, `Multisig.as_multi`, a nested
//! `dispatch_as_root`, ...), at any depth. So on a chain without a sudo key, the only path to
//! one is a runtime upgrade that two thirds of the council pass.
//!
//! ## Motion duration
//!
//! How long a council motion stays open is a chain setting, [`MotionDuration`], set in the
//! genesis config (`councilRoot.motionDuration`, in blocks) and changed by governance with
//! [`Pallet::set_motion_duration`] within [`Config::MinMotionDuration`] ..=
//! [`Config::MaxMotionDuration`]. A motion closes as soon as two thirds voted aye, so a long
//! duration never slows the council down; it only gives every member, in every time zone, the
//! time to vote before the motion lapses. Absent members never count as ayes.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{Contains, UnfilteredDispatchable},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// A call of the runtime.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>;
		/// Who may act as Root: two thirds of the council (or Root itself).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The calls `dispatch_as_root` refuses, including those hidden inside other calls.
		type Forbidden: Contains<<Self as Config>::RuntimeCall>;
		/// The motion duration when the genesis config names none.
		#[pallet::constant]
		type DefaultMotionDuration: Get<BlockNumberFor<Self>>;
		/// The shortest motion duration governance may set.
		#[pallet::constant]
		type MinMotionDuration: Get<BlockNumberFor<Self>>;
		/// The longest motion duration governance may set.
		#[pallet::constant]
		type MaxMotionDuration: Get<BlockNumberFor<Self>>;
	}

	/// How many blocks a council motion stays open for votes.
	#[pallet::storage]
	pub type MotionDuration<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultMotionDuration>;

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance dispatched a call as Root; `result` is its outcome.
		DispatchedAsRoot { result: DispatchResult },
		/// The council's motion duration changed (in blocks).
		MotionDurationSet { blocks: BlockNumberFor<T> },
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The call is one Root through the council may not make: `Sudo.*`,
		/// `System.set_storage`/`kill_storage`/`kill_prefix`, or a call that wraps one of them.
		CallForbidden,
		/// The motion duration is outside `MinMotionDuration ..= MaxMotionDuration`.
		MotionDurationOutOfRange,
	}

	/// The genesis config: the motion duration the chain starts with.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks a council motion stays open; `None` (or 0) keeps
		/// [`Config::DefaultMotionDuration`].
		pub motion_duration: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Zero would make every motion lapse at once: it keeps the default instead.
			if let Some(blocks) = self.motion_duration.filter(|b| !b.is_zero()) {
				MotionDuration::<T>::put(blocks);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinMotionDuration::get() <= T::DefaultMotionDuration::get());
			assert!(T::DefaultMotionDuration::get() <= T::MaxMotionDuration::get());
			assert!(!T::MinMotionDuration::get().is_zero());
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` with Root origin (governance only), unless [`Config::Forbidden`]
		/// contains it. The call's own weight is charged on top of a small fixed overhead.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(info.call_weight.saturating_add(Weight::from_parts(10_000_000, 0)), info.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!T::Forbidden::contains(&call), Error::<T>::CallForbidden);
			let result = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			Self::deposit_event(Event::DispatchedAsRoot {
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(Pays::No.into())
		}

		/// Set how many blocks a council motion stays open (governance), within
		/// `MinMotionDuration ..= MaxMotionDuration`. Motions already open keep their end.
		#[pallet::call_index(1)]
		#[pallet::weight(T::DbWeight::get().writes(1).saturating_add(Weight::from_parts(10_000_000, 0)))]
		pub fn set_motion_duration(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(
				blocks >= T::MinMotionDuration::get() && blocks <= T::MaxMotionDuration::get(),
				Error::<T>::MotionDurationOutOfRange
			);
			MotionDuration::<T>::put(blocks);
			Self::deposit_event(Event::MotionDurationSet { blocks });
			Ok(())
		}
	}

	/// The current motion duration: what `pallet-collective` reads for every new motion.
	impl<T: Config> Get<BlockNumberFor<T>> for Pallet<T> {
		fn get() -> BlockNumberFor<T> {
			MotionDuration::<T>::get()
		}
	}
}
