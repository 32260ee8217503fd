//! The traits the pallets implement for each other. The runtime wires them up: pallets never
//! depend on each other directly.

use crate::{Estimate, PartyCode, PeriodId, PeriodInfo, Tonnes, Verification};
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use scale_info::TypeInfo;
use sp_runtime::DispatchError;

/// A reporting period's deadlines and terms (implemented by `pallet-pledges`).
pub trait PeriodCalendar<Balance, BlockNumber> {
	/// The calendar entry of `period`, if governance opened it.
	fn period(period: PeriodId) -> Option<PeriodInfo<Balance, BlockNumber>>;
}

/// What another pallet may read about a pledge.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PledgeInfo<AccountId, Balance> {
	/// The emissions cap in tonnes CO2e.
	pub cap: Tonnes,
	/// The bond currently held.
	pub bond: Balance,
	/// The account that submitted the pledge and holds its bond.
	pub owner: AccountId,
}

/// Read access to parties and pledges (implemented by `pallet-pledges`).
pub trait PledgeInspect<AccountId, Balance> {
	/// The current controller account of a registered party.
	fn controller(code: &PartyCode) -> Option<AccountId>;
	/// The party whose controller is `who`, if any.
	fn party_of(who: &AccountId) -> Option<PartyCode>;
	/// A party's pledge for a period.
	fn pledge(code: &PartyCode, period: PeriodId) -> Option<PledgeInfo<AccountId, Balance>>;
	/// One page of the parties that pledged in `period`, in a stable order: at most `limit`
	/// codes strictly after `after` (from the start when `None`).
	fn pledges_page(period: PeriodId, after: Option<PartyCode>, limit: u32) -> Vec<PartyCode>;
}

/// How a settled bond was split.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct SettledBond<Balance> {
	/// Released back to the pledge's owner.
	pub released: Balance,
	/// Forfeited to the destination.
	pub forfeited: Balance,
}

/// Ending a pledge (implemented by `pallet-pledges`, used by `pallet-settlement`).
pub trait PledgeSettle<AccountId, Balance> {
	/// Forfeit up to `forfeited` of the pledge's bond to `dest` and release the rest to the owner.
	/// Fails, changing nothing, if there is no such pledge or [`SettledPledges`] says it was
	/// already settled: a bond is paid out exactly once. After a successful call the caller
	/// must record the settlement at once: that record is what [`SettledPledges`] reads.
	fn settle(
		code: &PartyCode,
		period: PeriodId,
		forfeited: Balance,
		dest: &AccountId,
	) -> Result<SettledBond<Balance>, DispatchError>;
}

/// Which pledges have settled (implemented by `pallet-settlement`, whose outcome records are
/// the one authority on it; read by `pallet-pledges` to refuse changing a settled bond). One
/// record instead of a flag in each pallet saves a storage write per settled pledge.
pub trait SettledPledges {
	/// Whether `code`'s pledge in `period` has settled.
	fn is_settled(code: &PartyCode, period: PeriodId) -> bool;
}

/// What settlement reads: the state of each party's emissions per period, final or not
/// (implemented by `pallet-disputes`, on top of the values `pallet-attestations` publishes).
pub trait VerifiedEmissions {
	/// The verification state of `code` in `period`.
	fn verification(code: &PartyCode, period: PeriodId) -> Verification;
}

/// What verification published for one pledge.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Publication<BlockNumber> {
	/// The published estimate: the median of a quorum of revealed readings with its interval,
	/// or `None` when there is none (the pledge is then `Unverified` or `Withheld`, which is
	/// final and cannot be challenged).
	pub value: Option<Estimate>,
	/// Whether oracles committed and did not reveal (with no value: `Withheld`).
	pub withheld: bool,
	/// The block in which it was published; its challenge window counts from here.
	pub published_at: BlockNumber,
}

/// The values verification published (implemented by `pallet-attestations`, read by
/// `pallet-disputes`).
pub trait PublishedValues<AccountId, BlockNumber> {
	/// What was published for `code` in `period`, if verification reached it.
	fn publication(code: &PartyCode, period: PeriodId) -> Option<Publication<BlockNumber>>;
	/// Whether `who` attested `code`'s emissions in `period` (an oracle that attested a value
	/// does not judge a dispute about it).
	fn attested(code: &PartyCode, period: PeriodId, who: &AccountId) -> bool;
}

/// Told once, by settlement, when a pledge's value became final and the pledge settled:
/// `pallet-attestations` judges the oracles against the final value, `pallet-disputes` pays
/// out the bonds of the pledge's dispute. `value` is `None` for an unverified or withheld pledge. Tuples
/// call each member in turn.
///
/// Weights: settlement charges [`OnFinalValue::final_value_weight`] (an upper bound for this
/// pledge) before the call, and refunds what the call reports it did not use. The settle
/// benchmarks already run the call for a pledge with no attestation and no dispute, which is
/// [`OnFinalValue::base_final_value_weight`]: settlement charges only what goes beyond it.
pub trait OnFinalValue {
	/// `code`'s value in `period` is final. Must not fail or panic. Returns the weight it used,
	/// at most [`OnFinalValue::final_value_weight`] of the same pledge as it was before the call.
	fn on_final_value(code: &PartyCode, period: PeriodId, value: Option<Estimate>) -> Weight;
	/// An upper bound of what [`OnFinalValue::on_final_value`] costs for this pledge, from the
	/// benchmarks and the pledge's actual sizes (counting the reads that find them), so that
	/// settlement charges it before it runs.
	fn final_value_weight(code: &PartyCode, period: PeriodId) -> Weight;
	/// The most [`OnFinalValue::final_value_weight`] can be, for any pledge.
	fn max_final_value_weight() -> Weight;
	/// What [`OnFinalValue::on_final_value`] costs for a pledge with no attestation and no
	/// dispute: the least it costs, and what the settle benchmarks include.
	fn base_final_value_weight() -> Weight;
}

impl OnFinalValue for () {
	fn on_final_value(_: &PartyCode, _: PeriodId, _: Option<Estimate>) -> Weight {
		Weight::zero()
	}
	fn final_value_weight(_: &PartyCode, _: PeriodId) -> Weight {
		Weight::zero()
	}
	fn max_final_value_weight() -> Weight {
		Weight::zero()
	}
	fn base_final_value_weight() -> Weight {
		Weight::zero()
	}
}

impl<A: OnFinalValue, B: OnFinalValue> OnFinalValue for (A, B) {
	fn on_final_value(code: &PartyCode, period: PeriodId, value: Option<Estimate>) -> Weight {
		A::on_final_value(code, period, value)
			.saturating_add(B::on_final_value(code, period, value))
	}
	fn final_value_weight(code: &PartyCode, period: PeriodId) -> Weight {
		A::final_value_weight(code, period).saturating_add(B::final_value_weight(code, period))
	}
	fn max_final_value_weight() -> Weight {
		A::max_final_value_weight().saturating_add(B::max_final_value_weight())
	}
	fn base_final_value_weight() -> Weight {
		A::base_final_value_weight().saturating_add(B::base_final_value_weight())
	}
}

/// Told when governance opens a reporting period, and when it cancels one before its pledge
/// deadline (implemented by the pallets that schedule work for a period: verification in
/// `pallet-attestations`, settlement in `pallet-settlement`). Tuples call each member in turn.
pub trait OnPeriodOpened<Balance, BlockNumber> {
	/// `period` was opened with the calendar and terms `info`. Must not fail or panic; a pallet
	/// that cannot schedule the period (its schedule is full) must say so in an event and let
	/// governance react, which is why opening checks [`OnPeriodOpened::can_schedule`] first.
	fn on_period_opened(period: PeriodId, info: &PeriodInfo<Balance, BlockNumber>);

	/// Whether one more period can be scheduled now. Opening a period is refused otherwise.
	fn can_schedule() -> bool {
		true
	}

	/// Governance cancelled `period` (a mis-opened period), which can only happen before its
	/// pledge deadline, so no attestation, verification or dispute exists for it yet.
	/// Verification drops it from its schedule; settlement refunds every bond and escrow of it,
	/// within its per-block budget, from the next block on. Must not fail or panic, and must be
	/// bounded: it may not iterate the period's pledges.
	fn on_period_cancelled(period: PeriodId);
}

impl<Balance, BlockNumber> OnPeriodOpened<Balance, BlockNumber> for () {
	fn on_period_opened(_: PeriodId, _: &PeriodInfo<Balance, BlockNumber>) {}
	fn on_period_cancelled(_: PeriodId) {}
}

impl<Balance, BlockNumber, A, B> OnPeriodOpened<Balance, BlockNumber> for (A, B)
where
	A: OnPeriodOpened<Balance, BlockNumber>,
	B: OnPeriodOpened<Balance, BlockNumber>,
{
	fn on_period_opened(period: PeriodId, info: &PeriodInfo<Balance, BlockNumber>) {
		A::on_period_opened(period, info);
		B::on_period_opened(period, info);
	}

	fn can_schedule() -> bool {
		A::can_schedule() && B::can_schedule()
	}

	fn on_period_cancelled(period: PeriodId) {
		A::on_period_cancelled(period);
		B::on_period_cancelled(period);
	}
}
