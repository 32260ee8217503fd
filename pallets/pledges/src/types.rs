//! The records `pallet-pledges` keeps: [`Party`] and [`Pledge`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use pacta_primitives::Tonnes;
use scale_info::TypeInfo;

/// A state admitted by governance.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxNameLen))]
pub struct Party<AccountId, MaxNameLen: Get<u32>> {
	/// Display name (`"Germany"`).
	pub name: BoundedVec<u8, MaxNameLen>,
	/// The ministry account that acts for the party.
	pub controller: AccountId,
}

/// A party's pledge for one period.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Pledge<AccountId, Balance, BlockNumber> {
	/// Emissions cap in tonnes CO2e. Only ever lowered.
	pub cap: Tonnes,
	/// The bond held on `owner` with hold reason `PledgeBond`. Only ever raised, until settled
	/// (settlement leaves the record as it was, as history).
	pub bond: Balance,
	/// The account that posted the bond (the party's controller at submission). The bond is held
	/// on this account and comes back to it.
	pub owner: AccountId,
	/// The block the pledge was submitted in.
	pub submitted_at: BlockNumber,
}

/// A period's pledge totals, kept as pledges are made, strengthened and topped up, so that a
/// report page shows them in O(1).
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
pub struct PledgeTotals<Balance> {
	/// How many pledges were made.
	pub pledges: u32,
	/// The sum of their current caps (saturating).
	pub caps: Tonnes,
	/// The sum of their current bonds (saturating).
	pub bonds: Balance,
}
