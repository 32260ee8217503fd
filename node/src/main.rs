//! `pacta-node`: the standard node binary of the Pacta consortium chain (Aura + GRANDPA,
//! ParityDB, JSON-RPC including the `pacta_*` methods).

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
