//! Tests, split by topic. Every test runs inside [`crate::mock::test`] (or checks
//! `do_try_state` itself), so it ends by checking the pallet's invariants.

mod cancel;
mod conditions;
mod conservation;
mod disputes;
mod fund;
mod outcomes;
mod properties;
mod scale;
mod schedule;
mod transfers;
mod worked_example;
