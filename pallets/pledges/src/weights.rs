//! Weights of `pallet-pledges`.
//!
//! PROVISIONAL: these numbers are conservative estimates written before the benchmarks of
//! `benchmarking.rs` were run on reference hardware. They must be replaced by the output of
//! `pacta-node benchmark pallet --pallet pallet_pledges` (see `scripts/benchmark.sh`).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet-pledges`.
pub trait WeightInfo {
	fn register_party() -> Weight;
	fn set_controller() -> Weight;
	fn open_period() -> Weight;
	fn submit_pledge(h: u32) -> Weight;
	fn strengthen_pledge(h: u32) -> Weight;
	fn top_up_bond() -> Weight;
	fn settle() -> Weight;
}

/// Weights for `pallet-pledges` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_party() -> Weight {
		Weight::from_parts(40_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn set_controller() -> Weight {
		Weight::from_parts(40_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(2, 3))
	}
	fn open_period() -> Weight {
		Weight::from_parts(40_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(4, 3))
	}
	fn submit_pledge(h: u32) -> Weight {
		Weight::from_parts(120_000_000, 6_000)
			.saturating_add(Weight::from_parts(200_000, 16).saturating_mul(h.into()))
			.saturating_add(T::DbWeight::get().reads_writes(6, 4))
	}
	fn strengthen_pledge(h: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(200_000, 16).saturating_mul(h.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 2))
	}
	fn top_up_bond() -> Weight {
		Weight::from_parts(100_000_000, 6_000).saturating_add(T::DbWeight::get().reads_writes(4, 3))
	}
	fn settle() -> Weight {
		Weight::from_parts(150_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
}

// For tests and mocks.
impl WeightInfo for () {
	fn register_party() -> Weight {
		Weight::from_parts(40_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn set_controller() -> Weight {
		Weight::from_parts(40_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 3))
	}
	fn open_period() -> Weight {
		Weight::from_parts(40_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 3))
	}
	fn submit_pledge(h: u32) -> Weight {
		Weight::from_parts(120_000_000, 6_000)
			.saturating_add(Weight::from_parts(200_000, 16).saturating_mul(h.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(6, 4))
	}
	fn strengthen_pledge(h: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(200_000, 16).saturating_mul(h.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
	fn top_up_bond() -> Weight {
		Weight::from_parts(100_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 3))
	}
	fn settle() -> Weight {
		Weight::from_parts(150_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 5))
	}
}
