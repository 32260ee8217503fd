//! Governance: the council of party representatives and the [`GovernanceOrigin`] that the
//! Pacta pallets use for admitting parties, opening periods, approving oracles, resolving
//! challenges and spending the climate fund.

use crate::AccountId;
use frame_support::traits::EitherOfDiverse;
use frame_system::EnsureRoot;

/// The council instance of `pallet-collective` (and of `pallet-membership`).
pub type CouncilCollective = pallet_collective::Instance1;

/// Root (sudo on dev chains, or a runtime upgrade), or at least two thirds of the council.
pub type GovernanceOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;
