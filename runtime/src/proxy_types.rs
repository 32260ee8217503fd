//! Proxy types: what a `pallet-proxy` delegate may do for the account it acts for.
//!
//! Ministries and oracle organisations keep the key that owns a party's controller account or an
//! oracle's bond cold (often a multisig) and give day-to-day work to proxies with a narrow role.
//! Every role is a set of **pallets**, not of call names, so a call a pallet adds later falls
//! under the same role without a runtime change here:
//!
//! | type | may call | for |
//! |---|---|---|
//! | `Any` | everything | a full delegate (the default type) |
//! | `NonTransfer` | everything except `Balances`, `Settlement`, `Disputes`, `Multisig`, `Proxy`, `Sudo` | an operations key: no value leaves the account (a lost challenge forfeits its bond) |
//! | `Pledging` | `Pledges` (+ `Utility` to batch) | a ministry's pledge desk |
//! | `Attesting` | `Attestations` (+ `Utility`) | an oracle's hot key; the bonded account stays cold |
//! | `Governance` | `Council` (+ `Utility`): propose, vote, close | a council seat's delegate |
//! | `CancelProxy` | `Proxy.reject_announcement` (+ `Utility`) | a watchdog for time-delayed proxies |
//! | `Reviewing` | `Disputes` (+ `Utility`): votes, affiliations (and challenges, with the member's funds) | a review-panel member's delegate |
//!
//! No type but `Any` reaches `Multisig`, `Proxy.proxy` or `Sudo`: those dispatch their inner
//! call under a *new* origin (the multisig account, another proxied account, Root), which would
//! shed the restriction (`CancelProxy` reaches only `Proxy.reject_announcement`). `Utility` batches keep it: they dispatch every inner call under the
//! proxy's filtered origin, so a batch may only hold calls the type allows. Whether the account
//! itself may make a call (the controller of a party, an approved oracle) is still checked by the
//! pallet; a proxy type only narrows, it never grants.
//!
//! `pallet-proxy` itself refuses a delegate that adds or removes a proxy of a type that is not a
//! subset of its own ([`ProxyType::is_superset`]), so no delegate can widen its own rights.

use crate::RuntimeCall;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::InstanceFilter;
use scale_info::TypeInfo;

/// The role of a proxy; see the [module docs](self) for what each may call. The encoding (the
/// variant index) is part of the transaction format: variants are only ever appended.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Every call.
	#[default]
	Any = 0,
	/// Every call except those that move value away or shed the filter (`Balances`,
	/// `Settlement`, `Disputes` (a lost claim forfeits its bond), `Multisig`, `Proxy`, `Sudo`).
	NonTransfer = 1,
	/// A party controller's pledge work: `Pledges`.
	Pledging = 2,
	/// An oracle's attestation work: `Attestations`.
	Attesting = 3,
	/// A council member's motions and votes: `Council`.
	Governance = 4,
	/// Only rejecting a time-delayed proxy's announcement.
	CancelProxy = 5,
	/// A review-panel member's work: `Disputes` (votes and affiliations; also `challenge`,
	/// which would risk the member's own funds and take it off that dispute's eligible list).
	Reviewing = 6,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		// Batches keep the proxy's filter on every inner call, so every role may batch.
		if matches!(c, RuntimeCall::Utility(..)) {
			return true;
		}
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !matches!(
				c,
				RuntimeCall::Balances(..)
					| RuntimeCall::Settlement(..)
					| RuntimeCall::Multisig(..)
					| RuntimeCall::Proxy(..)
					| RuntimeCall::Sudo(..)
					| RuntimeCall::Disputes(..)
			),
			ProxyType::Pledging => matches!(c, RuntimeCall::Pledges(..)),
			ProxyType::Attesting => matches!(c, RuntimeCall::Attestations(..)),
			ProxyType::Governance => matches!(c, RuntimeCall::Council(..)),
			ProxyType::Reviewing => matches!(c, RuntimeCall::Disputes(..)),
			ProxyType::CancelProxy => {
				matches!(c, RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. }))
			}
		}
	}

	fn is_superset(&self, o: &Self) -> bool {
		match (self, o) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			// `NonTransfer` covers the pallet roles whose pallets move no value away (not
			// `Reviewing`: `Disputes` holds and may forfeit challenge bonds).
			(
				ProxyType::NonTransfer,
				ProxyType::Pledging | ProxyType::Attesting | ProxyType::Governance,
			) => true,
			_ => false,
		}
	}
}
