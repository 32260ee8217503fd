//! The `pacta-primitives` traits this pallet provides: [`VerifiedEmissions`], which settlement
//! and the runtime API read, and [`OnFinalValue`], through which settlement reports the final
//! value so that the dispute's bonds are paid out.

use crate::{pallet::*, types::DisputeStatus};
use frame_support::weights::Weight;
use pacta_primitives::{
	OnFinalValue, PartyCode, PeriodId, PublishedValues, Tonnes, Verification, VerifiedEmissions,
};

impl<T: Config> VerifiedEmissions for Pallet<T> {
	/// See the module docs: `Pending` before publication, `Unverified` without a value, then
	/// `Published`, `Disputed` or `Verified`.
	fn verification(code: &PartyCode, period: PeriodId) -> Verification {
		let Some(publication) = T::Published::publication(code, period) else {
			return Verification::Pending;
		};
		let Some(published) = publication.value else { return Verification::Unverified };
		let now = frame_system::Pallet::<T>::block_number();
		match Disputes::<T>::get(period, code).map(|dispute| (dispute.status, dispute.deadline)) {
			Some((DisputeStatus::Decided(t), _))
			| Some((DisputeStatus::Closed { value: t, .. }, _)) => Verification::Verified(t),
			Some((DisputeStatus::Open, deadline)) if now > deadline => {
				Verification::Verified(published)
			}
			Some((DisputeStatus::Open, _)) => Verification::Disputed,
			None => match Self::challenge_close(period, &publication) {
				Some(close) if now > close => Verification::Verified(published),
				// Periods always exist; if this one did not, the value stays open.
				_ => Verification::Published(published),
			},
		}
	}
}

impl<T: Config> OnFinalValue for Pallet<T> {
	/// Pays out the pledge's dispute, if it has one that is not closed yet.
	fn on_final_value(code: &PartyCode, period: PeriodId, value: Option<Tonnes>) {
		Self::close(code, period, value)
	}

	/// `close_dispute(b)` for the dispute's `b` backers, or one read when there is none.
	fn final_value_weight(code: &PartyCode, period: PeriodId) -> Weight {
		Self::close_weight(Disputes::<T>::get(period, code).map(|dispute| dispute.backers()))
	}

	/// `close_dispute(MaxClaims × MaxBackers)`.
	fn max_final_value_weight() -> Weight {
		use frame_support::traits::Get;
		Self::close_weight(Some(T::MaxClaims::get().saturating_mul(T::MaxBackers::get())))
	}
}
