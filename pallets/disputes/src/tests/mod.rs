//! Tests, split by topic. Every test runs inside [`crate::mock::test`], so it ends by checking
//! the pallet's invariants with `do_try_state`.

mod affiliations;
mod challenge;
mod closing;
mod displacement;
mod verification;
mod voting;
mod worked_example;
