//! `CouncilRoot`: lets two thirds of the council act as Root, for the few calls FRAME reserves
//! to Root — above all runtime upgrades (`System.authorize_upgrade` / `set_code`). A consortium
//! chain has no sudo key, so without this nobody could upgrade its runtime.
//!
//! Usage: a council motion (threshold 2/3) proposing
//! `CouncilRoot.dispatch_as_root(System.authorize_upgrade(code_hash))`; once it is closed, anyone
//! submits `System.apply_authorized_upgrade(code)`.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
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
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance dispatched a call as Root; `result` is its outcome.
		DispatchedAsRoot { result: DispatchResult },
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` with Root origin (governance only). The call's own weight is charged
		/// on top of a small fixed overhead.
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
			let result = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			Self::deposit_event(Event::DispatchedAsRoot {
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(Pays::No.into())
		}
	}
}
