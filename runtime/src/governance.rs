//! Governance: the council of party representatives and the [`GovernanceOrigin`] that the
//! Pacta pallets use for admitting parties, opening periods, approving oracles, resolving
//! challenges and spending the climate fund.
//!
//! Nobody can capture it:
//! - a motion passes only with the ayes it really got: [`AbsentIsNay`] counts every member who
//!   did not vote as a nay when the motion closes, prime or no prime (`pallet-collective`'s
//!   `PrimeDefaultVote` would count them as the prime's vote, so a prime with absent members
//!   could decide alone);
//! - governance is Root or at least two thirds of the council;
//! - Root through the council (`CouncilRoot`) cannot reach `Sudo` or write raw storage, not even
//!   hidden inside a batch, a proxy or a multisig ([`RootDenyList`]).

use crate::{AccountId, RuntimeCall};
use frame_support::traits::{Contains, EitherOfDiverse};
use frame_system::EnsureRoot;
use pallet_collective::{DefaultVote, MemberCount};

/// The council instance of `pallet-collective` (and of `pallet-membership`).
pub type CouncilCollective = pallet_collective::Instance1;

/// Root (sudo on dev chains, or a runtime upgrade), or at least two thirds of the council.
pub type GovernanceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// The council's default vote: members who did not vote count as nays, whatever the prime
/// voted. `pallet-collective` ships only defaults that may turn abstentions into ayes
/// (`PrimeDefaultVote`, `MoreThanMajorityThenPrimeDefaultVote`).
pub struct AbsentIsNay;

impl DefaultVote for AbsentIsNay {
	fn default_vote(
		_prime_vote: Option<bool>,
		_yes_votes: MemberCount,
		_no_votes: MemberCount,
		_len: MemberCount,
	) -> bool {
		false
	}
}

/// How deep [`RootDenyList`] looks into calls that wrap calls; anything deeper is refused.
pub const MAX_INSPECTED_DEPTH: u32 = 8;

/// The calls `CouncilRoot.dispatch_as_root` refuses: `Sudo.*`, `System.set_storage`,
/// `System.kill_storage`, `System.kill_prefix`, and every call that wraps one of them
/// (`Utility.batch`/`batch_all`/`force_batch`/`as_derivative`/`dispatch_as`/
/// `dispatch_as_fallible`/`with_weight`/`if_else`, `Proxy.proxy`/`proxy_announced`,
/// `Multisig.as_multi`/`as_multi_threshold_1`, `Council.propose`/`execute`,
/// `CouncilRoot.dispatch_as_root`), to [`MAX_INSPECTED_DEPTH`] levels; deeper nesting is
/// refused as a whole.
pub struct RootDenyList;

impl Contains<RuntimeCall> for RootDenyList {
	fn contains(call: &RuntimeCall) -> bool {
		forbidden(call, 0)
	}
}

fn forbidden(call: &RuntimeCall, depth: u32) -> bool {
	use frame_system::Call as SystemCall;
	use pallet_multisig::Call as MultisigCall;
	use pallet_proxy::Call as ProxyCall;
	use pallet_utility::Call as UtilityCall;
	type CouncilCall = pallet_collective::Call<crate::Runtime, CouncilCollective>;

	if depth >= MAX_INSPECTED_DEPTH {
		return true;
	}
	let inner = |c: &RuntimeCall| forbidden(c, depth.saturating_add(1));
	match call {
		RuntimeCall::Sudo(..) => true,
		RuntimeCall::System(
			SystemCall::set_storage { .. }
			| SystemCall::kill_storage { .. }
			| SystemCall::kill_prefix { .. },
		) => true,
		RuntimeCall::Utility(
			UtilityCall::batch { calls }
			| UtilityCall::batch_all { calls }
			| UtilityCall::force_batch { calls },
		) => calls.iter().any(inner),
		RuntimeCall::Utility(
			UtilityCall::as_derivative { call, .. }
			| UtilityCall::dispatch_as { call, .. }
			| UtilityCall::dispatch_as_fallible { call, .. }
			| UtilityCall::with_weight { call, .. },
		) => inner(call),
		RuntimeCall::Utility(UtilityCall::if_else { main, fallback }) => {
			inner(main) || inner(fallback)
		}
		RuntimeCall::Proxy(
			ProxyCall::proxy { call, .. } | ProxyCall::proxy_announced { call, .. },
		) => inner(call),
		RuntimeCall::Multisig(
			MultisigCall::as_multi { call, .. } | MultisigCall::as_multi_threshold_1 { call, .. },
		) => inner(call),
		RuntimeCall::Council(
			CouncilCall::propose { proposal, .. } | CouncilCall::execute { proposal, .. },
		) => inner(proposal),
		RuntimeCall::CouncilRoot(crate::council_root::Call::dispatch_as_root { call }) => {
			inner(call)
		}
		_ => false,
	}
}
