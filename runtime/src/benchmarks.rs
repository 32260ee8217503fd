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
);

/// Sets up periods, parties, pledges and verification results for the benchmarks of
/// `pallet-attestations` and `pallet-settlement`, through the real `pallet-pledges` and
/// `pallet-attestations` storage.
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
		use pallet_attestations::{
			Challenges, VerificationRecord, VerificationResult, Verifications,
		};
		let record = |result| VerificationRecord::<Runtime> {
			result,
			median: None,
			attestations: 0,
			verified_at: System::block_number(),
			challenge_resolved: false,
		};
		match verification {
			V::Pending => {
				Verifications::<Runtime>::remove(period, code);
				Challenges::<Runtime>::remove(period, code);
			}
			V::Verified(t) => Verifications::<Runtime>::insert(
				period,
				code,
				record(VerificationResult::Verified(t)),
			),
			V::Unverified => Verifications::<Runtime>::insert(
				period,
				code,
				record(VerificationResult::Unverified),
			),
			V::Disputed => {
				Verifications::<Runtime>::insert(
					period,
					code,
					record(VerificationResult::Unverified),
				);
				Challenges::<Runtime>::insert(
					period,
					code,
					pallet_attestations::Challenge::<Runtime> {
						challenger: frame_benchmarking::whitelisted_caller(),
						deposit: 0,
						opened_at: System::block_number(),
					},
				);
			}
		}
	}
}
