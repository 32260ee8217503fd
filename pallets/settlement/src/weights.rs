//! Weights of `pallet-settlement`.
//!
//! PLACEHOLDERS: the numbers below are conservative estimates written before the benchmarks of
//! `benchmarking.rs` were run on reference hardware. They must be replaced by the output of
//! `pacta-node benchmark pallet --pallet pallet_settlement --extrinsic '*'` (see
//! `scripts/benchmark.sh`), which generates this file with the same trait and functions.
//!
//! What each function measures:
//! - `create_conditional_transfer`, `cancel_conditional_transfer`, `spend_fund`: the calls.
//! - `settle_pledge(t)`: one step of the settlement walk that settles a pledge carrying `t`
//!   conditional transfers (verification read, bond forfeited and released, `t` escrows paid
//!   and refunded, outcome recorded).
//! - `defer_pledge()`: one step of the walk that finds a pledge still disputed and defers it.
//! - `settlement_base(d)`: the fixed part of a settlement block with `d` pledges in the
//!   deferred queue (schedule and queue read and written, each deferred verification re-read).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet-settlement`.
pub trait WeightInfo {
	fn create_conditional_transfer() -> Weight;
	fn cancel_conditional_transfer() -> Weight;
	fn spend_fund() -> Weight;
	fn settle_pledge(t: u32) -> Weight;
	fn defer_pledge() -> Weight;
	fn settlement_base(d: u32) -> Weight;
}

/// Weights for `pallet-settlement` using the runtime's database weights. PLACEHOLDERS, see the
/// module docs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_conditional_transfer() -> Weight {
		Weight::from_parts(90_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(7, 4))
	}
	fn cancel_conditional_transfer() -> Weight {
		Weight::from_parts(70_000_000, 6_000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn spend_fund() -> Weight {
		Weight::from_parts(60_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn settle_pledge(t: u32) -> Weight {
		Weight::from_parts(70_000_000, 9_000)
			.saturating_add(Weight::from_parts(45_000_000, 4_000).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads_writes(9, 6))
			.saturating_add(T::DbWeight::get().reads_writes(3, 4).saturating_mul(t.into()))
	}
	fn defer_pledge() -> Weight {
		Weight::from_parts(15_000_000, 3_000).saturating_add(T::DbWeight::get().reads(2))
	}
	fn settlement_base(d: u32) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(6_000_000, 600).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 2))
			.saturating_add(T::DbWeight::get().reads(1).saturating_mul(d.into()))
	}
}

// For tests and mocks. PLACEHOLDERS, see the module docs.
impl WeightInfo for () {
	fn create_conditional_transfer() -> Weight {
		Weight::from_parts(90_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(7, 4))
	}
	fn cancel_conditional_transfer() -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn spend_fund() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn settle_pledge(t: u32) -> Weight {
		Weight::from_parts(70_000_000, 9_000)
			.saturating_add(Weight::from_parts(45_000_000, 4_000).saturating_mul(t.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(9, 6))
			.saturating_add(RocksDbWeight::get().reads_writes(3, 4).saturating_mul(t.into()))
	}
	fn defer_pledge() -> Weight {
		Weight::from_parts(15_000_000, 3_000).saturating_add(RocksDbWeight::get().reads(2))
	}
	fn settlement_base(d: u32) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(6_000_000, 600).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(3, 2))
			.saturating_add(RocksDbWeight::get().reads(1).saturating_mul(d.into()))
	}
}
