//! The values `pallet-attestations` keeps in storage: oracles, attestations, verification
//! records (the published values) and the verification schedule.

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
	/// Approved by governance: may attest.
	Approved,
	/// Removed by governance: may no longer attest, and its attestations that are not verified
	/// yet are disregarded. Gets its bond back with `retire` once every value it attested is
	/// final.
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
	/// How many pledges it attested whose value is not final yet: raised by its first
	/// attestation of a pledge, lowered when settlement reports the pledge's final value (and
	/// the oracle was judged against it). It may retire only at zero.
	pub unfinal: u32,
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
	/// The published value: the median of a quorum. It becomes final once its challenge window
	/// closes or its dispute ends (`pallet-disputes`); the final value may differ.
	Published(Tonnes),
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
	/// What was published.
	pub result: VerificationResult,
	/// The median the oracles produced, if a quorum attested.
	pub median: Option<Tonnes>,
	/// How many attestations were counted.
	pub attestations: u32,
	/// The block in which verification ran and the value was published.
	pub verified_at: BlockNumberFor<T>,
	/// The final value the oracles were judged against, once settlement reported it
	/// (`Some(None)`: final as unverified, nobody judged).
	pub judged: Option<Option<Tonnes>>,
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
