//! What the generated weights allow per block: the settlement figure of issue #5.

use crate::*;

/// The settlement budget is half of the normal class, and the generated weights settle at least
/// 2,000 pledges without conditional transfers in it (the per-block figure of the closing note).
/// Weight arithmetic on the benchmarked weights, not a timing: it fails when regenerated weights
/// or a smaller block no longer meet the target.
#[test]
fn settlement_settles_2000_pledges_per_block_within_half_the_normal_class() {
	use frame_support::dispatch::DispatchClass;
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal class is limited");
	assert_eq!(
		normal.ref_time(),
		1_500 * frame_support::weights::constants::WEIGHT_REF_TIME_PER_MILLIS
	);
	let half = sp_runtime::Perbill::from_percent(50) * normal;
	assert_eq!(configs::MaxSettlementWeight::get(), half);

	let per_pledge = Settlement::per_pledge_weight();
	let per_block = Settlement::pledges_per_block(half);
	println!(
		"settlement: {} ps per pledge (page read included), {} pledges in {} ps",
		per_pledge.ref_time(),
		per_block,
		half.ref_time()
	);
	assert!(per_block >= 2_000, "only {per_block} pledges per block");

	// A realistic pledge: three attestations judged against the final value (all charged as
	// slashed, the bound the weights use) and no dispute. Every party of the world (about 200
	// states) fits in one block.
	use pacta_primitives::OnFinalValue;
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	let judged = Settlement::per_pledge_weight()
		.saturating_add(db.reads(1))
		.saturating_add(<pallet_attestations::weights::SubstrateWeight<Runtime> as
			pallet_attestations::WeightInfo>::judge_pledge(3))
		.saturating_add(db.reads(1));
	let typical = half.ref_time() / judged.ref_time();
	println!(
		"settlement with judgment: {} ps per pledge of 3 attestations, {typical} pledges per block \
		 (the most a dispute adds: {} ps)",
		judged.ref_time(),
		<Disputes as OnFinalValue>::max_final_value_weight().ref_time()
	);
	assert!(typical >= 200, "only {typical} realistic pledges per block");
}
