//! The pallets whose FRAME benchmarks the runtime exposes to `pacta-node benchmark pallet`.

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::Pallet as SystemBench;

use crate::*;

impl frame_system_benchmarking::Config for Runtime {}
impl frame_benchmarking::baseline::Config for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_pledges, Pledges]
	[pallet_attestations, Attestations]
	[pallet_settlement, Settlement]
	[pallet_disputes, Disputes]
);

/// Sets up periods, parties, pledges, published values, disputes and panel members for the
/// benchmarks of `pallet-attestations`, `pallet-settlement` and `pallet-disputes`, through the
/// real `pallet-pledges`, `pallet-attestations`, `pallet-disputes` and `ReviewPanel` storage.
pub struct PactaBenchmarkHelper;

impl PactaBenchmarkHelper {
	fn ensure_party(code: pacta_primitives::PartyCode, controller: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		if !pallet_pledges::Parties::<Runtime>::contains_key(code) {
			pallet_pledges::Parties::<Runtime>::insert(
				code,
				pallet_pledges::Party { name: Default::default(), controller: controller.clone() },
			);
			pallet_pledges::PartyOfController::<Runtime>::insert(controller, code);
		}
		let _ = Balances::mint_into(controller, 1_000_000 * UNIT);
	}
}

impl pallet_attestations::BenchmarkHelper<AccountId, Balance, BlockNumber>
	for PactaBenchmarkHelper
{
	fn open_period(
		period: pacta_primitives::PeriodId,
		info: pacta_primitives::PeriodInfo<Balance, BlockNumber>,
	) {
		pallet_pledges::Periods::<Runtime>::insert(period, info);
	}

	fn add_pledge(
		code: pacta_primitives::PartyCode,
		period: pacta_primitives::PeriodId,
		controller: AccountId,
	) {
		Self::ensure_party(code, &controller);
		let _ = Pledges::submit_pledge(
			RuntimeOrigin::signed(controller),
			period,
			1_000_000,
			configs::MinPledgeBond::get(),
		);
	}
}

impl pallet_settlement::BenchmarkHelper<AccountId, Balance, BlockNumber> for PactaBenchmarkHelper {
	fn open_period(
		period: pacta_primitives::PeriodId,
		info: pacta_primitives::PeriodInfo<Balance, BlockNumber>,
	) {
		pallet_pledges::Periods::<Runtime>::insert(period, info);
	}

	fn pledge(
		code: pacta_primitives::PartyCode,
		period: pacta_primitives::PeriodId,
		controller: AccountId,
		cap: pacta_primitives::Tonnes,
		bond: Balance,
	) {
		Self::ensure_party(code, &controller);
		let _ = Pledges::submit_pledge(RuntimeOrigin::signed(controller), period, cap, bond);
	}

	fn set_verification(
		code: pacta_primitives::PartyCode,
		period: pacta_primitives::PeriodId,
		verification: pacta_primitives::Verification,
	) {
		use pacta_primitives::Verification as V;
		use pallet_attestations::{VerificationRecord, VerificationResult, Verifications};
		// Published at block 0, so that the challenge window has closed by the time settlement
		// runs (after the challenge deadline); a `Published` value is published now.
		let record = |result, verified_at| VerificationRecord::<Runtime> {
			result,
			attestations: 0,
			withheld: 0,
			verified_at,
			judged: None,
		};
		pallet_disputes::Disputes::<Runtime>::remove(period, code);
		match verification {
			V::Pending => Verifications::<Runtime>::remove(period, code),
			V::Published(t) => Verifications::<Runtime>::insert(
				period,
				code,
				record(VerificationResult::Published(t), System::block_number()),
			),
			V::Verified(t) => Verifications::<Runtime>::insert(
				period,
				code,
				record(VerificationResult::Published(t), 0),
			),
			V::Unverified => Verifications::<Runtime>::insert(
				period,
				code,
				record(VerificationResult::Unverified, 0),
			),
			V::Withheld => Verifications::<Runtime>::insert(
				period,
				code,
				VerificationRecord { withheld: 1, ..record(VerificationResult::Unverified, 0) },
			),
			V::Disputed => {
				Verifications::<Runtime>::insert(
					period,
					code,
					record(VerificationResult::Published(pacta_primitives::Estimate::exact(1)), 0),
				);
				pallet_disputes::Disputes::<Runtime>::insert(
					period,
					code,
					pallet_disputes::Dispute::<Runtime> {
						published: 1,
						opened_at: System::block_number(),
						deadline: BlockNumber::MAX,
						status: pallet_disputes::DisputeStatus::Open,
						eligible: Default::default(),
						claims: Default::default(),
						votes: Default::default(),
					},
				);
			}
		}
	}
}

impl pallet_disputes::BenchmarkHelper<AccountId, Balance, BlockNumber> for PactaBenchmarkHelper {
	fn publish(
		code: pacta_primitives::PartyCode,
		period: pacta_primitives::PeriodId,
		info: pacta_primitives::PeriodInfo<Balance, BlockNumber>,
		value: pacta_primitives::Tonnes,
		published_at: BlockNumber,
	) {
		pallet_pledges::Periods::<Runtime>::insert(period, info);
		pallet_attestations::Verifications::<Runtime>::insert(
			period,
			code,
			pallet_attestations::VerificationRecord::<Runtime> {
				result: pallet_attestations::VerificationResult::Published(
					pacta_primitives::Estimate::exact(value),
				),
				attestations: 0,
				withheld: 0,
				verified_at: published_at,
				judged: None,
			},
		);
	}

	fn add_panel_member(who: &AccountId) {
		// The dev genesis seats its own panel; the benchmarks need every one of the
		// `MaxMembers` seats for their own members (a full roster refuses `add_member`).
		let genesis = genesis_config_presets::dev_panel();
		pallet_membership::Members::<Runtime, pallet_membership::Instance2>::mutate(|members| {
			members.retain(|member| !genesis.contains(member))
		});
		let _ = ReviewPanel::add_member(
			RuntimeOrigin::root(),
			sp_runtime::MultiAddress::Id(who.clone()),
		);
	}
}
