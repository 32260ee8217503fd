//! Unit tests of `pallet-pledges`, by topic. Every test runs `try_state` at its end.

mod cancel;
mod parties;
mod periods;
mod pledges;
mod traits;
mod worked_example;
