//! The records `pallet-settlement` keeps: [`Condition`] and [`ConditionalTransfer`] (results-based
//! climate finance), [`Outcome`] and [`OutcomeRecord`] (the audit trail of settlement), and
//! [`ScheduledPeriod`] with its [`WalkCursor`] (how far settlement has got through a period).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use pacta_primitives::{PartyCode, PeriodId, PeriodTerms, Tonnes};
use scale_info::TypeInfo;

/// Identifies a conditional transfer. Assigned in order of creation, never reused.
pub type TransferId = u64;

/// When a conditional transfer pays out to the party, judged on the party's verified emissions.
///
/// An `Unverified` pledge never earns anything: the whole escrow goes back to the donor.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Condition<Balance> {
	/// The whole amount if verified emissions are at most the pledge's cap.
	PledgeMet,
	/// The whole amount if verified emissions are at most this many tonnes.
	EmissionsAtMost(Tonnes),
	/// `rate` for every verified tonne below the pledge's cap, at most the whole amount.
	PerTonneBelowCap {
		/// Paid per tonne below the cap.
		rate: Balance,
	},
}

/// A donor's escrowed offer to a party for a period, held on the donor's account with hold
/// reason `Escrow` until the party's pledge settles (or the donor cancels it in time).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ConditionalTransfer<AccountId, Balance> {
	/// Who escrowed the funds, and gets back whatever is not earned.
	pub donor: AccountId,
	/// The beneficiary party.
	pub code: PartyCode,
	/// The reporting period whose verified emissions decide.
	pub period: PeriodId,
	/// What the party must achieve.
	pub condition: Condition<Balance>,
	/// The escrowed amount: the most the party can earn.
	pub amount: Balance,
}

/// How a pledge ended.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Outcome {
	/// Verified emissions at most the cap: the bond is released.
	Compliant,
	/// Verified emissions above the cap: in binding mode `min(bond, overshoot ×
	/// penalty_per_tonne)` goes to the climate fund, the rest is released.
	Breached,
	/// Too few attestations: in binding mode `unverified_forfeit × bond` goes to the climate fund,
	/// the rest is released; conditional transfers all go back to their donors.
	Unverified,
}

/// The audit trail of one settled pledge, kept per `(period, code)`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct OutcomeRecord<Balance, BlockNumber> {
	/// How the pledge ended.
	pub outcome: Outcome,
	/// The verified emissions, `None` when unverified.
	pub verified: Option<Tonnes>,
	/// The pledge's cap at settlement.
	pub cap: Tonnes,
	/// The bond at settlement.
	pub bond: Balance,
	/// What went from the bond to the climate fund.
	pub penalty: Balance,
	/// What of the bond was released to its owner.
	pub released: Balance,
	/// How many conditional transfers were executed with the pledge.
	pub transfers: u32,
	/// What the conditional transfers paid to the party's controller, in total.
	pub transfers_paid: Balance,
	/// What the conditional transfers returned to their donors, in total.
	pub transfers_refunded: Balance,
	/// The block the pledge settled in.
	pub settled_at: BlockNumber,
}

/// How far settlement has walked through a period's pledges.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum WalkCursor {
	/// The walk has not started (the challenge deadline has not passed yet).
	NotStarted,
	/// Every pledge up to and including this party's has been settled or deferred.
	After(PartyCode),
	/// Every pledge has been settled or deferred.
	Finished,
}

/// A period in the settlement schedule: put there when governance opens it, removed once every
/// pledge of the period has settled.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ScheduledPeriod<BlockNumber, Balance> {
	/// The period.
	pub period: PeriodId,
	/// Settlement starts in the first block after this one.
	pub challenge_deadline: BlockNumber,
	/// The terms fixed when the period was opened.
	pub terms: PeriodTerms<Balance>,
	/// How far the walk through the period's pledges has got.
	pub cursor: WalkCursor,
	/// How many of the period's pledges have settled so far.
	pub settled: u32,
}
