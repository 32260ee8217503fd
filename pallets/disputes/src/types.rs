//! The records `pallet-disputes` keeps: a [`Dispute`] per challenged pledge, with its
//! [`DisputeStatus`], its [`Claim`]s and each claim's [`Backer`]s.

use crate::pallet::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::Tonnes;
use scale_info::TypeInfo;
use sp_core::H256;

/// Where a dispute stands.
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
pub enum DisputeStatus {
	/// Challenges and votes are accepted (until the challenge close and the resolution deadline).
	Open,
	/// The review panel decided this value by two thirds of its eligible members; final.
	Decided(Tonnes),
	/// Settlement used `value` and the bonds were paid out; `by_panel` says whether the panel
	/// had decided it (otherwise the published value stood at the resolution deadline).
	Closed {
		/// The final value.
		value: Tonnes,
		/// Whether the review panel decided it.
		by_panel: bool,
	},
}

/// One challenger behind a claim, with its bond (held with reason `DisputeBond` until the
/// dispute closes) and the evidence hash it gave first.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Backer<T: Config> {
	/// The challenger.
	pub who: T::AccountId,
	/// Its bond on this claim.
	pub bond: BalanceOf<T>,
	/// The hash of its evidence (e.g. of an MRV report).
	pub evidence: H256,
}

/// One claimed value of a dispute, with the challengers who claimed it.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Claim<T: Config> {
	/// The claimed value; never the published value, and distinct among a dispute's claims.
	pub tonnes: Tonnes,
	/// Its backers, each account at most once.
	pub backers: BoundedVec<Backer<T>, T::MaxBackers>,
	/// The sum of the backers' bonds.
	pub bond: BalanceOf<T>,
}

/// The challenges of one pledge, heard together.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Dispute<T: Config> {
	/// The published value, which is always a candidate.
	pub published: Tonnes,
	/// The block of the first challenge.
	pub opened_at: BlockNumberFor<T>,
	/// The resolution deadline: the pledge's challenge close plus the period's resolution
	/// window, fixed when the dispute opened. After it an undecided dispute lets the published
	/// value stand.
	pub deadline: BlockNumberFor<T>,
	/// Where the dispute stands.
	pub status: DisputeStatus,
	/// The panel members who may vote: fixed when the dispute opened (without members
	/// affiliated with the party, its controller, the oracles that attested, and the
	/// challenger); members who challenge later are removed.
	pub eligible: BoundedVec<T::AccountId, T::MaxPanel>,
	/// The claimed values.
	pub claims: BoundedVec<Claim<T>, T::MaxClaims>,
	/// At most one vote per eligible member (a member may change it): the value it votes for.
	pub votes: BoundedVec<(T::AccountId, Tonnes), T::MaxPanel>,
}

impl<T: Config> Dispute<T> {
	/// Whether `tonnes` can be voted for: the published value or a claim's value.
	pub fn is_candidate(&self, tonnes: Tonnes) -> bool {
		tonnes == self.published || self.claims.iter().any(|claim| claim.tonnes == tonnes)
	}

	/// How many backers the dispute's claims have in total.
	pub fn backers(&self) -> u32 {
		let total =
			self.claims.iter().fold(0usize, |n, claim| n.saturating_add(claim.backers.len()));
		u32::try_from(total).unwrap_or(u32::MAX)
	}
}
