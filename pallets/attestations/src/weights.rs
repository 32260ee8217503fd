//! Weights of `pallet-attestations`.
//!
//! # PLACEHOLDERS
//!
//! The numbers below are conservative hand-written **placeholders**, NOT benchmark results.
//! They must be replaced by the output of
//!
//! ```text
//! pacta-node benchmark pallet --pallet pallet_attestations --extrinsic '*' \
//!     --steps 50 --repeat 20 --output pallets/attestations/src/weights.rs \
//!     --template <the project's weight template>
//! ```
//!
//! which generates `SubstrateWeight<T>` (using the runtime's `DbWeight`) and `()` (using
//! `RocksDbWeight`) from the benchmarks in `benchmarking.rs`.

#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight of each call of the pallet, plus the per-pledge step of verification.
pub trait WeightInfo {
	/// `apply_as_oracle`.
	fn apply_as_oracle() -> Weight;
	/// `approve_oracle`.
	fn approve_oracle() -> Weight;
	/// `remove_oracle`.
	fn remove_oracle() -> Weight;
	/// `retire`.
	fn retire() -> Weight;
	/// `attest`.
	fn attest() -> Weight;
	/// `challenge`.
	fn challenge() -> Weight;
	/// `resolve_challenge`.
	fn resolve_challenge() -> Weight;
	/// `set_quorum`.
	fn set_quorum() -> Weight;
	/// `set_tolerance`.
	fn set_tolerance() -> Weight;
	/// Verifying one pledge that has `n` attestations, all but one of them outliers (slashed),
	/// including its share of reading and writing the verification schedule.
	fn verify_pledge(n: u32) -> Weight;
}

/// Placeholder weights using the runtime's database weights. See the module docs.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn apply_as_oracle() -> Weight {
		Weight::from_parts(80_000_000, 6_000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn approve_oracle() -> Weight {
		Weight::from_parts(40_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn remove_oracle() -> Weight {
		Weight::from_parts(40_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn retire() -> Weight {
		Weight::from_parts(90_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(4, 3))
	}
	fn attest() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads_writes(6, 2))
	}
	fn challenge() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(7, 3))
	}
	fn resolve_challenge() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn set_quorum() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(T::DbWeight::get().writes(1))
	}
	fn set_tolerance() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(T::DbWeight::get().writes(1))
	}
	fn verify_pledge(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 12_000)
			.saturating_add(Weight::from_parts(60_000_000, 6_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(5, 3))
			.saturating_add(T::DbWeight::get().reads_writes(2, 4).saturating_mul(n.into()))
	}
}

/// Placeholder weights for tests, using RocksDB database weights. See the module docs.
impl WeightInfo for () {
	fn apply_as_oracle() -> Weight {
		Weight::from_parts(80_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads_writes(3, 3))
	}
	fn approve_oracle() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn remove_oracle() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn retire() -> Weight {
		Weight::from_parts(90_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 3))
	}
	fn attest() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 2))
	}
	fn challenge() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(7, 3))
	}
	fn resolve_challenge() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 5))
	}
	fn set_quorum() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(RocksDbWeight::get().writes(1))
	}
	fn set_tolerance() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(RocksDbWeight::get().writes(1))
	}
	fn verify_pledge(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 12_000)
			.saturating_add(Weight::from_parts(60_000_000, 6_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 4).saturating_mul(n.into()))
	}
}
