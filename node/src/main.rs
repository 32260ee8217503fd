//! `pacta-node`: the standard node binary of the Pacta consortium chain (Aura + GRANDPA,
//! ParityDB, JSON-RPC including the `pacta_*` methods).

// `sc_cli::Error` and `sc_service::Error` are large, and every subcommand returns them: that is
// the Substrate client API, not something this crate can shrink.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
