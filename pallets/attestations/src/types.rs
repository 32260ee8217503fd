//! The values `pallet-attestations` keeps in storage: oracles, attestations, verification
//! records, challenges and the verification schedule.

use crate::pallet::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{PartyCode, PeriodId, Tonnes};
use scale_info::TypeInfo;
use sp_core::H256;

/// Where an oracle stands in the registry.
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
pub enum OracleStatus {
	/// Posted its bond with `apply_as_oracle`; waiting for governance to approve it.
	Applied,
	/// Approved by governance: may attest and challenge.
	Approved,
	/// Removed by governance: may no longer attest or challenge, and its attestations that are
	/// not verified yet are disregarded. Gets its bond back with `retire`.
	Removed,
}

/// An entry of the oracle registry.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct OracleInfo<T: Config> {
	/// Display name (e.g. the organisation's name).
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// The bond currently held with reason `OracleBond` (the posted bond minus slashes).
	pub bond: BalanceOf<T>,
	/// Applied, approved or removed.
	pub status: OracleStatus,
	/// The periods in which the oracle attested and whose verification may still be pending.
	/// Pruned lazily: a period whose verification completed no longer counts.
	pub periods: BoundedVec<PeriodId, T::MaxScheduledPeriods>,
}

/// One oracle's measurement of one party's emissions in one period.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Attestation<T: Config> {
	/// The attesting oracle.
	pub oracle: T::AccountId,
	/// Measured emissions in tonnes CO2e.
	pub tonnes: Tonnes,
	/// Hash of the MRV report the value comes from.
	pub evidence: H256,
	/// The block of the oracle's latest submission (a revision moves it).
	pub at: BlockNumberFor<T>,
}

/// The result of verifying one pledge (what settlement calls the *outcome* of a pledge is
/// [`pacta_primitives::Outcome`]; this is only what the oracles established).
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
pub enum VerificationResult {
	/// The verified emissions: the median of a quorum, or governance's correction.
	Verified(Tonnes),
	/// Fewer than a quorum of (counted) attestations.
	Unverified,
}

/// The verification record of a party in a period, written by the verification hook.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct VerificationRecord<T: Config> {
	/// The current result (a resolved challenge may have corrected it).
	pub result: VerificationResult,
	/// The median the oracles produced, if a quorum attested.
	pub median: Option<Tonnes>,
	/// How many attestations were counted.
	pub attestations: u32,
	/// The block in which verification ran.
	pub verified_at: BlockNumberFor<T>,
	/// Whether governance already resolved a challenge against this record (it is then final).
	pub challenge_resolved: bool,
}

/// An open challenge against a verification record.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Challenge<T: Config> {
	/// Who challenged (the party's controller or an approved oracle).
	pub challenger: T::AccountId,
	/// The deposit held from the challenger with reason `ChallengeDeposit`.
	pub deposit: BalanceOf<T>,
	/// The block in which the challenge was opened.
	pub opened_at: BlockNumberFor<T>,
}

/// A period waiting for (or in the middle of) verification.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ScheduledPeriod<BlockNumber> {
	/// The period.
	pub period: PeriodId,
	/// Verification starts in the first block after this one.
	pub attestation_deadline: BlockNumber,
	/// The last party verified so far (`None`: not started).
	pub cursor: Option<PartyCode>,
	/// How many pledges were verified so far.
	pub done: u32,
}
