//! Weights of `pallet_disputes`.
//!
//! TODO(bench): not generated yet. Every entry below is an estimate built from measured
//! entries of the other Pacta pallets (a hold or release ≈ 55–80 µs with `System::Account`
//! and `Balances::Holds` r:1 w:1; a storage read of a bounded record ≈ 10 µs) and the reads
//! and writes each call does at its worst, until `scripts/benchmark.sh` runs the benchmarks in
//! `benchmarking.rs` (`challenge_open`, `challenge_displace`, `vote`, `declare_affiliation`,
//! `remove_affiliation`, `close_dispute`) and overwrites this file in the usual format.
//! Sizes assumed: `MaxPanel` 32, `MaxClaims` 4, `MaxBackers` 16, `MaxAffiliations` 16;
//! `Disputes` max size ≈ 4 × 16 × 96 + 32 × 32 + 32 × 40 ≈ 8.5 KB.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call (and of closing a dispute) of `pallet_disputes`.
pub trait WeightInfo {
	fn challenge_open() -> Weight;
	fn challenge_displace() -> Weight;
	fn vote() -> Weight;
	fn declare_affiliation() -> Weight;
	fn remove_affiliation() -> Weight;
	fn close_dispute(b: u32, ) -> Weight;
}

/// Weights for `pallet_disputes`, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// TODO(bench): not generated. Opening a dispute: `Attestations::Published` (r:1),
	/// `Pledges::Periods` (r:1), `Disputes::Disputes` (r:1 w:1), `ReviewPanel::Members` (r:1),
	/// `Pledges::Parties` (r:1), per panel member `Disputes::Affiliations` (r:32) and
	/// `Attestations::Attestations` (r:32), the hold `System::Account`, `Balances::Holds` (r:2 w:2).
	fn challenge_open() -> Weight {
		Weight::from_parts(400_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(71_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// TODO(bench): not generated. A full dispute: the new bond held and the smallest claim's
	/// 16 backers released (`System::Account`, `Balances::Holds` r:17 w:17 each), the 32 voters'
	/// `Disputes::Affiliations` (r:32) read by the decision check, `Disputes::Disputes` (r:1 w:1).
	fn challenge_displace() -> Weight {
		Weight::from_parts(1_400_000_000, 90_000)
			.saturating_add(T::DbWeight::get().reads(70_u64))
			.saturating_add(T::DbWeight::get().writes(35_u64))
	}
	/// TODO(bench): not generated. `Disputes::Disputes` (r:1 w:1) and per eligible member
	/// `Disputes::Affiliations` (r:33) for the voter and the decision check.
	fn vote() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(34_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// TODO(bench): not generated. `ReviewPanel::Members` (r:1), `Disputes::Affiliations`
	/// (r:1 w:1).
	fn declare_affiliation() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// TODO(bench): not generated. `Disputes::Affiliations` (r:1 w:1).
	fn remove_affiliation() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// TODO(bench): not generated. `Disputes::Disputes` (r:1 w:1), the climate fund's
	/// `System::Account` (r:1 w:1), and per backer its hold moved or released and, for winners,
	/// a reward transfer: `System::Account`, `Balances::Holds` (r:2 w:2).
	fn close_dispute(b: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(Weight::from_parts(90_000_000, 2_632).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(b.into())))
	}
}

/// The same estimates priced with RocksDB weights, for tests and mocks.
impl WeightInfo for () {
	fn challenge_open() -> Weight {
		Weight::from_parts(400_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(71_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn challenge_displace() -> Weight {
		Weight::from_parts(1_400_000_000, 90_000)
			.saturating_add(RocksDbWeight::get().reads(70_u64))
			.saturating_add(RocksDbWeight::get().writes(35_u64))
	}
	fn vote() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(34_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn declare_affiliation() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_affiliation() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn close_dispute(b: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(Weight::from_parts(90_000_000, 2_632).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(b.into())))
	}
}
