//! The values `pallet-attestations` keeps in storage: oracles, attestations, verification
//! records (the published values) and the verification schedule.

use crate::pallet::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{Estimate, PartyCode, PeriodId, RawPartyCode, Reading, Tonnes};
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

/// One oracle's sealed attestation of one party's emissions in one period: its commitment, and
/// the reading once revealed.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Attestation<T: Config> {
	/// The attesting oracle.
	pub oracle: T::AccountId,
	/// The commitment ([`pacta_primitives::commitment`]) the reading must match.
	pub commitment: H256,
	/// The reading, once revealed (`None`: sealed; after the reveal deadline, withheld).
	pub reading: Option<Reading>,
	/// The block of the oracle's latest commit (a replacement moves it).
	pub at: BlockNumberFor<T>,
}

impl<T: Config> Attestation<T> {
	/// Whether the reading was revealed.
	pub fn is_revealed(&self) -> bool {
		self.reading.is_some()
	}
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
	/// The published estimate: the median of a quorum of revealed readings, with its interval.
	/// It becomes final once its challenge window closes or its dispute ends
	/// (`pallet-disputes`); the final value may differ.
	Published(Estimate),
	/// Fewer than a quorum of (counted) revealed readings, or so many withheld attestations
	/// that the median would need one.
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
	/// How many revealed readings were counted.
	pub attestations: u32,
	/// How many counted oracles committed and did not reveal.
	pub withheld: u32,
	/// The block in which verification ran and the value was published.
	pub verified_at: BlockNumberFor<T>,
	/// The final estimate the oracles were judged against, once settlement reported it
	/// (`Some(None)`: final as unverified; only withholders are slashed).
	pub judged: Option<Option<Estimate>>,
}

impl<T: Config> VerificationRecord<T> {
	/// The published estimate, if a quorum revealed.
	pub fn estimate(&self) -> Option<Estimate> {
		match self.result {
			VerificationResult::Published(estimate) => Some(estimate),
			VerificationResult::Unverified => None,
		}
	}
}

/// A period waiting for (or in the middle of) verification.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ScheduledPeriod<BlockNumber> {
	/// The period.
	pub period: PeriodId,
	/// The period's reveal deadline: verification starts in the first block after it.
	pub reveal_deadline: BlockNumber,
	/// The last party verified so far (`None`: not started).
	pub cursor: Option<PartyCode>,
	/// How many pledges were verified so far.
	pub done: u32,
}

/// One item of [`Pallet::commit_batch`](crate::Pallet::commit_batch): the arguments of
/// [`Pallet::commit`](crate::Pallet::commit).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct CommitItem {
	/// The party.
	pub code: RawPartyCode,
	/// The period.
	pub period: PeriodId,
	/// The commitment.
	pub commitment: H256,
}

/// One item of [`Pallet::reveal_batch`](crate::Pallet::reveal_batch): the arguments of
/// [`Pallet::reveal`](crate::Pallet::reveal).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct RevealItem {
	/// The party.
	pub code: RawPartyCode,
	/// The period.
	pub period: PeriodId,
	/// Measured emissions in tonnes CO2e.
	pub tonnes: Tonnes,
	/// Half the width of the uncertainty interval, in tonnes.
	pub half_width: Tonnes,
	/// Hash of the MRV report.
	pub evidence: H256,
	/// The salt the commitment was made with.
	pub salt: [u8; 32],
}
