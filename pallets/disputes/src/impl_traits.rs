//! The traits this pallet provides: [`VerifiedEmissions`], which settlement and the runtime API
//! read; [`OnFinalValue`], through which settlement reports the final value so that the
//! dispute's bonds are paid out; and [`ChangeMembers`], through which the review panel's roster
//! (`pallet-membership`) tells it about key changes, so that affiliations follow the member.

use crate::{pallet::*, types::DisputeStatus};
use frame_support::{traits::ChangeMembers, weights::Weight};
use pacta_primitives::{
	Estimate, OnFinalValue, PartyCode, PeriodId, PublishedValues, Tonnes, Verification,
	VerifiedEmissions,
};

impl<T: Config> VerifiedEmissions for Pallet<T> {
	/// See the module docs: `Pending` before publication, `Unverified` (or `Withheld`) without a
	/// value, then
	/// `Published`, `Disputed` or `Verified`.
	fn verification(code: &PartyCode, period: PeriodId) -> Verification {
		let Some(publication) = T::Published::publication(code, period) else {
			return Verification::Pending;
		};
		let Some(published) = publication.value else {
			return if publication.withheld {
				Verification::Withheld
			} else {
				Verification::Unverified
			};
		};
		let now = frame_system::Pallet::<T>::block_number();
		// A value the panel decided has no width; the published value standing keeps its
		// interval.
		let final_value =
			|t: Tonnes| if t == published.tonnes { published } else { Estimate::exact(t) };
		match Disputes::<T>::get(period, code).map(|dispute| (dispute.status, dispute.deadline)) {
			Some((DisputeStatus::Decided(t), _))
			| Some((DisputeStatus::Closed { value: t, .. }, _)) => Verification::Verified(final_value(t)),
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
	/// Pays out the pledge's dispute, if it has one that is not closed yet. Reports the bound of
	/// [`OnFinalValue::final_value_weight`] (paying out is charged in full).
	fn on_final_value(code: &PartyCode, period: PeriodId, value: Option<Estimate>) -> Weight {
		let backers = Self::close(code, period, value.map(|e| e.tonnes));
		Self::close_weight(backers)
	}

	/// `close_dispute(b)` for the dispute's `b` backers, or one read when there is none.
	fn final_value_weight(code: &PartyCode, period: PeriodId) -> Weight {
		Self::close_weight(Disputes::<T>::get(period, code).map(|dispute| dispute.backers()))
	}

	/// One read: the pledge has no dispute.
	fn base_final_value_weight() -> Weight {
		Self::close_weight(None)
	}

	/// `close_dispute(MaxClaims × MaxBackers)`.
	fn max_final_value_weight() -> Weight {
		use frame_support::traits::Get;
		Self::close_weight(Some(T::MaxClaims::get().saturating_mul(T::MaxBackers::get())))
	}
}

impl<T: Config> ChangeMembers<T::AccountId> for Pallet<T> {
	/// A one-for-one change of the panel (a member's `change_key`, or governance's
	/// `swap_member`) carries the outgoing account's affiliations over to the incoming one:
	/// otherwise a member could shed an affiliation by changing its key, though only governance
	/// may remove one. Accounts that leave keep their affiliations stored (they apply again if
	/// the account rejoins). Should the incoming account's list be full, it keeps what fits
	/// (the event says how many it has); it can only lose votes by that, never gain them on the
	/// carried parties it already had.
	fn change_members_sorted(
		incoming: &[T::AccountId],
		outgoing: &[T::AccountId],
		_sorted_new: &[T::AccountId],
	) {
		let ([to], [from]) = (incoming, outgoing) else { return };
		let carried = Affiliations::<T>::get(from);
		if carried.is_empty() {
			return;
		}
		let mut list = Affiliations::<T>::get(to);
		for code in carried {
			if !list.contains(&code) && list.try_push(code).is_err() {
				break;
			}
		}
		let affiliations = u32::try_from(list.len()).unwrap_or(u32::MAX);
		Affiliations::<T>::insert(to, list);
		Self::deposit_event(Event::AffiliationsCarriedOver {
			from: from.clone(),
			to: to.clone(),
			affiliations,
		});
	}
}
