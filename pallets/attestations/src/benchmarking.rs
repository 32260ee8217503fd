//! Benchmarks of `pallet-attestations` (FRAME benchmarking v2): one per call (the batches by
//! their number of items), plus
//! `verify_pledge(n)`, the per-pledge step of the verification hook, and `judge_pledge(k, s)`,
//! judging a pledge's oracles against its final value (`k` kept, `s` slashed).

use super::*;
use crate::pallet::{Attestations, Oracles, Quorum, Schedule, Tolerance, Verifications};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pacta_primitives::{
	EnforcementMode, Estimate, OnPeriodOpened, PartyCode, PeriodId, PeriodInfo, PeriodTerms,
	Reading,
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

const PERIOD: PeriodId = 2030;
const PLEDGE_DEADLINE: u32 = 10;
const ATTESTATION_DEADLINE: u32 = 20;
const REVEAL_DEADLINE: u32 = 25;
const CHALLENGE_DEADLINE: u32 = 30;
/// The least challenge window and the resolution window of the benchmarked period.
const WINDOW: u32 = 10;

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

/// Open [`PERIOD`] (and schedule it here) and give party 0 a pledge in it. Leaves the chain at
/// block 1.
fn setup_period<T: Config>() -> Result<PartyCode, BenchmarkError> {
	set_block::<T>(1);
	let info = PeriodInfo {
		pledge_deadline: BlockNumberFor::<T>::from(PLEDGE_DEADLINE),
		attestation_deadline: BlockNumberFor::<T>::from(ATTESTATION_DEADLINE),
		reveal_deadline: BlockNumberFor::<T>::from(REVEAL_DEADLINE),
		challenge_deadline: BlockNumberFor::<T>::from(CHALLENGE_DEADLINE),
		challenge_window: BlockNumberFor::<T>::from(WINDOW),
		resolution_window: BlockNumberFor::<T>::from(WINDOW),
		terms: PeriodTerms {
			mode: EnforcementMode::Binding,
			penalty_per_tonne: Zero::zero(),
			unverified_forfeit: Perbill::zero(),
		},
	};
	if !info.is_well_ordered() {
		return Err(BenchmarkError::Stop("the benchmark calendar is not in time order"));
	}
	T::BenchmarkHelper::open_period(PERIOD, info.clone());
	// Idempotent: a runtime's helper may already have scheduled it through pallet-pledges.
	Pallet::<T>::on_period_opened(PERIOD, &info);
	let code = PartyCode::from_index(0);
	let controller: T::AccountId = account("controller", 0, 0);
	fund::<T>(&controller);
	T::BenchmarkHelper::add_pledge(code, PERIOD, controller);
	Ok(code)
}

fn fund<T: Config>(who: &T::AccountId) {
	let amount = T::OracleBond::get()
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

fn fund_climate_fund<T: Config>() {
	let fund_account = T::ClimateFund::get();
	if T::Currency::balance(&fund_account) < T::Currency::minimum_balance() {
		T::Currency::set_balance(&fund_account, T::Currency::minimum_balance());
	}
}

fn name<T: Config>() -> BoundedVec<u8, T::MaxNameLen> {
	BoundedVec::truncate_from(b"Benchmark Monitoring Organisation".to_vec())
}

/// A funded applicant (bond held, not approved).
fn applicant<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who: T::AccountId = account("oracle", index, 0);
	fund::<T>(&who);
	Pallet::<T>::apply_as_oracle(RawOrigin::Signed(who.clone()).into(), name::<T>())?;
	Ok(who)
}

/// A funded, approved oracle.
fn approved_oracle<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = applicant::<T>(index)?;
	Oracles::<T>::mutate(&who, |o| {
		if let Some(o) = o {
			o.status = OracleStatus::Approved;
		}
	});
	Ok(who)
}

/// Fill the schedule with other, far-future periods (keeping [`PERIOD`] if scheduled).
fn fill_schedule<T: Config>() {
	let mut schedule = Schedule::<T>::get();
	let mut id: PeriodId = 10_000;
	while schedule
		.try_push(ScheduledPeriod {
			period: id,
			reveal_deadline: BlockNumberFor::<T>::from(u32::MAX),
			cursor: None,
			done: 0,
		})
		.is_ok()
	{
		id = id.saturating_add(1);
	}
	Schedule::<T>::put(schedule);
}

/// The reading the benchmarks' oracles reveal.
fn reading(tonnes: u64) -> Reading {
	Reading { tonnes, half_width: 10, evidence: [7; 32] }
}

/// The salt the benchmarks' oracles seal with.
const SALT: [u8; 32] = [3; 32];

/// A revealed attestation of `tonnes` by `oracle`.
fn attestation<T: Config>(oracle: T::AccountId, tonnes: u64) -> Attestation<T> {
	Attestation {
		oracle,
		commitment: H256::repeat_byte(9),
		reading: Some(reading(tonnes)),
		at: BlockNumberFor::<T>::from(PLEDGE_DEADLINE.saturating_add(1)),
	}
}

/// `oracle`'s sealed attestation of `tonnes` for `code` (with [`SALT`]).
fn sealed<T: Config>(oracle: T::AccountId, code: &PartyCode, tonnes: u64) -> Attestation<T> {
	let commitment = pacta_primitives::commitment(PERIOD, code, &oracle, &reading(tonnes), &SALT);
	Attestation {
		oracle,
		commitment: H256(commitment),
		reading: None,
		at: BlockNumberFor::<T>::from(PLEDGE_DEADLINE.saturating_add(1)),
	}
}

/// `count` parties with pledges in [`PERIOD`] (party 0 included), each with
/// `MaxOraclesPerPledge − 1` revealed attestations of other oracles, so that finding the
/// caller's place is the longest search.
fn crowded_pledges<T: Config>(count: u32) -> Result<Vec<PartyCode>, BenchmarkError> {
	let first = setup_period::<T>()?;
	let mut codes = alloc::vec![first];
	for i in 1..count {
		let code = PartyCode::from_index(i);
		let controller: T::AccountId = account("controller", i, 0);
		fund::<T>(&controller);
		T::BenchmarkHelper::add_pledge(code, PERIOD, controller);
		codes.push(code);
	}
	for code in &codes {
		let others: Vec<Attestation<T>> = (1..T::MaxOraclesPerPledge::get())
			.map(|i| attestation::<T>(account("other", i, 0), 1_000))
			.collect();
		Attestations::<T>::insert(PERIOD, code, BoundedVec::truncate_from(others));
	}
	Ok(codes)
}

/// Like [`crowded_pledges`], with `who`'s sealed attestation last in each list, in the reveal
/// window.
fn sealed_pledges<T: Config>(
	count: u32,
	who: &T::AccountId,
) -> Result<Vec<PartyCode>, BenchmarkError> {
	let codes = crowded_pledges::<T>(count)?;
	for code in &codes {
		Attestations::<T>::mutate(PERIOD, code, |list| {
			let _ = list.try_push(sealed::<T>(who.clone(), code, 1_000));
		});
	}
	set_block::<T>(ATTESTATION_DEADLINE.saturating_add(1));
	Ok(codes)
}

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply_as_oracle() {
		let who: T::AccountId = account("oracle", 0, 0);
		fund::<T>(&who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), name::<T>());

		assert!(Oracles::<T>::contains_key(&who));
	}

	#[benchmark]
	fn top_up_oracle_bond() -> Result<(), BenchmarkError> {
		let who = applicant::<T>(0)?;
		let amount = T::OracleBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert_eq!(
			Oracles::<T>::get(&who).map(|o| o.bond),
			Some(T::OracleBond::get().saturating_add(amount))
		);
		Ok(())
	}

	#[benchmark]
	fn approve_oracle() -> Result<(), BenchmarkError> {
		let who = applicant::<T>(0)?;
		let origin = governance::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Oracles::<T>::get(&who).map(|o| o.status), Some(OracleStatus::Approved));
		Ok(())
	}

	#[benchmark]
	fn remove_oracle() -> Result<(), BenchmarkError> {
		let who = approved_oracle::<T>(0)?;
		let origin = governance::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Oracles::<T>::get(&who).map(|o| o.status), Some(OracleStatus::Removed));
		Ok(())
	}

	#[benchmark]
	fn retire() -> Result<(), BenchmarkError> {
		let who = approved_oracle::<T>(0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Oracles::<T>::contains_key(&who));
		Ok(())
	}

	/// A first commit (it also counts the value as unfinal for the oracle) into a list with
	/// room for exactly one more, so the search is the longest; the schedule full.
	#[benchmark]
	fn commit() -> Result<(), BenchmarkError> {
		let code = crowded_pledges::<T>(1)?[0];
		fill_schedule::<T>();
		let who = approved_oracle::<T>(0)?;
		set_block::<T>(PLEDGE_DEADLINE.saturating_add(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), code.to_raw(), PERIOD, H256::repeat_byte(1));

		assert!(Attestations::<T>::get(PERIOD, code).iter().any(|a| a.oracle == who));
		Ok(())
	}

	/// A reveal of the last attestation of a full list (hashing the reading).
	#[benchmark]
	fn reveal() -> Result<(), BenchmarkError> {
		let who = approved_oracle::<T>(0)?;
		let code = sealed_pledges::<T>(1, &who)?[0];
		let r = reading(1_000);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			code.to_raw(),
			PERIOD,
			r.tonnes,
			r.half_width,
			H256(r.evidence),
			SALT,
		);

		assert!(Attestations::<T>::get(PERIOD, code).iter().all(|a| a.is_revealed()));
		Ok(())
	}

	/// `n` first commits, each into a list with room for one more.
	#[benchmark]
	fn commit_batch(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let codes = crowded_pledges::<T>(n)?;
		fill_schedule::<T>();
		let who = approved_oracle::<T>(0)?;
		set_block::<T>(PLEDGE_DEADLINE.saturating_add(1));
		let items: Vec<CommitItem> = codes
			.iter()
			.map(|c| CommitItem {
				code: c.to_raw(),
				period: PERIOD,
				commitment: H256::repeat_byte(1),
			})
			.collect();
		let items = BoundedVec::try_from(items).map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), items);

		assert_eq!(Oracles::<T>::get(&who).map(|o| o.unfinal), Some(n));
		Ok(())
	}

	/// `n` reveals, each of the last attestation of a full list.
	#[benchmark]
	fn reveal_batch(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let who = approved_oracle::<T>(0)?;
		let codes = sealed_pledges::<T>(n, &who)?;
		let r = reading(1_000);
		let items: Vec<RevealItem> = codes
			.iter()
			.map(|c| RevealItem {
				code: c.to_raw(),
				period: PERIOD,
				tonnes: r.tonnes,
				half_width: r.half_width,
				evidence: H256(r.evidence),
				salt: SALT,
			})
			.collect();
		let items = BoundedVec::try_from(items).map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), items);

		for c in &codes {
			assert!(Attestations::<T>::get(PERIOD, c).iter().all(|a| a.is_revealed()));
		}
		Ok(())
	}

	#[benchmark]
	fn set_quorum() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let quorum = T::MaxOraclesPerPledge::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, quorum);

		assert_eq!(Quorum::<T>::get(), quorum);
		Ok(())
	}

	#[benchmark]
	fn set_tolerance() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_percent(5));

		assert_eq!(Tolerance::<T>::get(), Perbill::from_percent(5));
		Ok(())
	}

	/// One verification step over one pledge with `n` revealed attestations (quorum 1): reading
	/// them, the median and interval, publishing. The block's fixed work (schedule, turn, the
	/// page of keys, completing the period) is charged apart by the engine.
	#[benchmark]
	fn verify_pledge(
		n: Linear<0, { T::MaxOraclesPerPledge::get() }>,
	) -> Result<(), BenchmarkError> {
		let code = setup_period::<T>()?;
		fund_climate_fund::<T>();
		Quorum::<T>::put(1);
		Tolerance::<T>::put(Perbill::zero());
		let mut list = Vec::new();
		for i in 0..n {
			let oracle = approved_oracle::<T>(i)?;
			list.push(attestation::<T>(
				oracle,
				u64::from(i).saturating_add(1).saturating_mul(1_000),
			));
		}
		Attestations::<T>::insert(PERIOD, code, BoundedVec::truncate_from(list));
		let now = BlockNumberFor::<T>::from(REVEAL_DEADLINE.saturating_add(1));
		set_block::<T>(REVEAL_DEADLINE.saturating_add(1));

		#[block]
		{
			Pallet::<T>::verify_one(PERIOD, &code, now);
		}

		assert!(Verifications::<T>::contains_key(PERIOD, code));
		Ok(())
	}

	/// Judging one pledge's oracles against the final value 2,000 t with zero tolerance: `k`
	/// attested exactly 2,000 t and are kept, `s` attested 1,000 t and are slashed (each slash
	/// moves part of a held bond to the climate fund). `k + s` stays within
	/// `MaxOraclesPerPledge`; the weight is linear in both, so it holds for every split.
	#[benchmark]
	fn judge_pledge(
		k: Linear<0, { T::MaxOraclesPerPledge::get() / 2 }>,
		s: Linear<0, { T::MaxOraclesPerPledge::get() / 2 }>,
	) -> Result<(), BenchmarkError> {
		let code = setup_period::<T>()?;
		fund_climate_fund::<T>();
		Tolerance::<T>::put(Perbill::zero());
		let mut list = Vec::new();
		for i in 0..k.saturating_add(s) {
			let oracle = approved_oracle::<T>(i)?;
			Oracles::<T>::mutate(&oracle, |o| {
				if let Some(o) = o {
					o.unfinal = 1;
				}
			});
			let tonnes = if i < k { 2_000 } else { 1_000 };
			list.push(attestation::<T>(oracle, tonnes));
		}
		Attestations::<T>::insert(PERIOD, code, BoundedVec::truncate_from(list));
		Verifications::<T>::insert(
			PERIOD,
			code,
			VerificationRecord {
				result: VerificationResult::Published(Estimate::exact(1_000)),
				attestations: k.saturating_add(s),
				withheld: 0,
				verified_at: BlockNumberFor::<T>::from(REVEAL_DEADLINE.saturating_add(1)),
				judged: None,
			},
		);
		let slashed;

		#[block]
		{
			slashed = Pallet::<T>::judge(&code, PERIOD, Some(Estimate::exact(2_000)));
		}

		assert_eq!(
			Verifications::<T>::get(PERIOD, code).and_then(|r| r.judged),
			Some(Some(Estimate::exact(2_000)))
		);
		assert_eq!(slashed, Some((k.saturating_add(s), s)));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
