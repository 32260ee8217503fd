//! The records `pallet-settlement` keeps: [`Condition`] and [`ConditionalTransfer`] (results-based
//! climate finance), and [`ScheduledPeriod`] with its [`WalkCursor`] (how far settlement has got
//! through a period). The audit trail of settlement, [`Outcome`](pacta_primitives::Outcome) and
//! [`OutcomeRecord`](pacta_primitives::OutcomeRecord), is defined once in `pacta-primitives`
//! (the runtime API returns it as it is) and re-exported by this crate.

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
	/// The walk has not started (the challenge deadline has not passed yet, and the period was
	/// not cancelled).
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
pub struct ScheduledPeriod<Balance, BlockNumber> {
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
	/// Governance cancelled the period (before its pledge deadline): the walk starts in the
	/// block after the cancellation, not after the challenge deadline, and refunds every
	/// pledge (outcome `Cancelled`) without waiting for a verification.
	pub cancelled: bool,
	/// How many of the period's pledges wait in its own deferred list ([`crate::Deferred`]),
	/// so that a block reads the list only when something waits in it.
	pub deferred: u32,
}

/// A period's settlement totals, kept as its pledges settle, so that a report page shows them
/// in O(1).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct OutcomeTotals<Balance> {
	/// Pledges settled `Compliant`.
	pub compliant: u32,
	/// Settled `Breached`.
	pub breached: u32,
	/// Settled `Unverified`.
	pub unverified: u32,
	/// Settled `Inconclusive`.
	pub inconclusive: u32,
	/// Settled `Withheld`.
	pub withheld: u32,
	/// Settled `Cancelled`.
	pub cancelled: u32,
	/// The sum of the final values (`tonnes`) of the settled pledges that had one (saturating).
	pub verified_tonnes: Tonnes,
	/// Forfeited to the climate fund.
	pub forfeited: Balance,
	/// Released to bond owners.
	pub released: Balance,
	/// Paid by conditional transfers to parties.
	pub transfers_paid: Balance,
	/// Returned by conditional transfers to donors.
	pub transfers_refunded: Balance,
}

impl<Balance: sp_runtime::Saturating + Copy> OutcomeTotals<Balance> {
	/// Count one settled pledge's record.
	pub fn add<BlockNumber>(
		&mut self,
		record: &pacta_primitives::OutcomeRecord<Balance, BlockNumber>,
	) {
		use pacta_primitives::Outcome;
		let count = match record.outcome {
			Outcome::Compliant => &mut self.compliant,
			Outcome::Breached => &mut self.breached,
			Outcome::Unverified => &mut self.unverified,
			Outcome::Inconclusive => &mut self.inconclusive,
			Outcome::Withheld => &mut self.withheld,
			Outcome::Cancelled => &mut self.cancelled,
		};
		*count = count.saturating_add(1);
		if let Some(estimate) = record.verified {
			self.verified_tonnes = self.verified_tonnes.saturating_add(estimate.tonnes);
		}
		self.forfeited = self.forfeited.saturating_add(record.forfeited);
		self.released = self.released.saturating_add(record.released);
		self.transfers_paid = self.transfers_paid.saturating_add(record.transfers_paid);
		self.transfers_refunded = self.transfers_refunded.saturating_add(record.transfers_refunded);
	}

	/// Add `other`'s counts and sums to these.
	pub fn merge(&mut self, other: &Self) {
		self.compliant = self.compliant.saturating_add(other.compliant);
		self.breached = self.breached.saturating_add(other.breached);
		self.unverified = self.unverified.saturating_add(other.unverified);
		self.inconclusive = self.inconclusive.saturating_add(other.inconclusive);
		self.withheld = self.withheld.saturating_add(other.withheld);
		self.cancelled = self.cancelled.saturating_add(other.cancelled);
		self.verified_tonnes = self.verified_tonnes.saturating_add(other.verified_tonnes);
		self.forfeited = self.forfeited.saturating_add(other.forfeited);
		self.released = self.released.saturating_add(other.released);
		self.transfers_paid = self.transfers_paid.saturating_add(other.transfers_paid);
		self.transfers_refunded = self.transfers_refunded.saturating_add(other.transfers_refunded);
	}
}
