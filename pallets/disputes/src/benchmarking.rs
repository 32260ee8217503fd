//! Benchmarks (v2) for every call and for closing a dispute (`close_dispute(b)`, what
//! [`OnFinalValue::on_final_value`] costs for a dispute with `b` backers). `challenge` has two
//! worst cases that cannot happen in one call, so it has two benchmarks: `challenge_open`
//! (the first challenge, which reads the whole panel to fix the eligible members) and
//! `challenge_displace` (a full dispute where the new claim displaces a claim with the most
//! backers, with every eligible member's vote counted afterwards); the call is charged the
//! larger. The calendar, the published values and the panel live in other pallets and are
//! set up through `T::BenchmarkHelper`.

use super::*;
use crate::pallet::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use pacta_primitives::{EnforcementMode, OnFinalValue, PeriodInfo, PeriodTerms};
use sp_core::H256;
use sp_runtime::{traits::Saturating, BoundedVec, Perbill};

/// The period the benchmarks dispute.
const PERIOD: PeriodId = 2030;
/// The published value.
const PUBLISHED: Tonnes = 1_000;

/// A bond that is above every minimum.
fn unit<T: Config>() -> BalanceOf<T> {
	T::MinChallengeBond::get().max(T::Currency::minimum_balance())
}

/// An account funded with a million units.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, unit::<T>().saturating_mul(1_000_000u32.into()));
	who
}

/// The disputed party.
fn party() -> PartyCode {
	PartyCode::from_index(0)
}

/// Opens `PERIOD` (challenge deadline 30 blocks from now, windows of 5 and 10 blocks) and
/// publishes `PUBLISHED` for [`party`] now.
fn publish<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	let info = PeriodInfo {
		pledge_deadline: now.saturating_add(1u32.into()),
		attestation_deadline: now.saturating_add(2u32.into()),
		reveal_deadline: now.saturating_add(3u32.into()),
		challenge_deadline: now.saturating_add(30u32.into()),
		challenge_window: 5u32.into(),
		resolution_window: 10u32.into(),
		terms: PeriodTerms {
			mode: EnforcementMode::Binding,
			penalty_per_tonne: unit::<T>(),
			unverified_forfeit: Perbill::from_percent(50),
		},
	};
	T::BenchmarkHelper::publish(party(), PERIOD, info, PUBLISHED, now);
}

/// `n` panel members.
fn panel<T: Config>(n: u32) -> Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let who: T::AccountId = account("member", i, 0);
			T::BenchmarkHelper::add_panel_member(&who);
			who
		})
		.collect()
}

/// `who` claims `tonnes` with `bond`.
fn challenge_with<T: Config>(
	who: T::AccountId,
	tonnes: Tonnes,
	bond: BalanceOf<T>,
) -> Result<(), BenchmarkError> {
	Pallet::<T>::challenge(
		RawOrigin::Signed(who).into(),
		party().to_raw(),
		PERIOD,
		tonnes,
		H256::repeat_byte(1),
		bond,
	)
	.map_err(|_| BenchmarkError::Stop("challenge failed"))
}

/// The party's dispute.
fn the_dispute<T: Config>() -> Result<Dispute<T>, BenchmarkError> {
	Disputes::<T>::get(PERIOD, party()).ok_or(BenchmarkError::Stop("no dispute"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The first challenge: the whole panel (`MaxPanel` members) is read to fix the eligible.
	#[benchmark]
	fn challenge_open() -> Result<(), BenchmarkError> {
		publish::<T>();
		panel::<T>(T::MaxPanel::get());
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&caller, unit::<T>().saturating_mul(1_000_000u32.into()));

		#[extrinsic_call]
		challenge(
			RawOrigin::Signed(caller),
			party().to_raw(),
			PERIOD,
			PUBLISHED.saturating_add(1),
			H256::repeat_byte(1),
			unit::<T>(),
		);

		let dispute = the_dispute::<T>()?;
		assert_eq!(dispute.eligible.len() as u32, T::MaxPanel::get());
		assert_eq!(dispute.claims.len(), 1);
		Ok(())
	}

	/// A full dispute (`MaxClaims` claims of `MaxBackers` backers, every eligible member voted,
	/// no decision): a larger bond displaces a claim and refunds all its backers.
	#[benchmark]
	fn challenge_displace() -> Result<(), BenchmarkError> {
		publish::<T>();
		let members = panel::<T>(T::MaxPanel::get());
		let (claims, backers) = (T::MaxClaims::get(), T::MaxBackers::get());
		for c in 0..claims {
			for b in 0..backers {
				let who = funded::<T>("backer", c.saturating_mul(backers).saturating_add(b));
				challenge_with::<T>(
					who,
					PUBLISHED.saturating_add(u64::from(c)).saturating_add(1),
					unit::<T>(),
				)?;
			}
		}
		// Spread the votes over every candidate: nobody reaches two thirds.
		let candidates = u64::from(claims).saturating_add(1);
		for (i, member) in members.into_iter().enumerate() {
			let tonnes = PUBLISHED.saturating_add(i as u64 % candidates);
			Pallet::<T>::vote(RawOrigin::Signed(member).into(), party().to_raw(), PERIOD, tonnes)
				.map_err(|_| BenchmarkError::Stop("vote failed"))?;
		}
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&caller, unit::<T>().saturating_mul(1_000_000u32.into()));
		let bond = unit::<T>().saturating_mul(backers.saturating_add(1).into());
		let tonnes = PUBLISHED.saturating_add(1_000);

		#[extrinsic_call]
		challenge(
			RawOrigin::Signed(caller),
			party().to_raw(),
			PERIOD,
			tonnes,
			H256::repeat_byte(1),
			bond,
		);

		let dispute = the_dispute::<T>()?;
		assert_eq!(dispute.claims.len() as u32, claims);
		assert!(dispute.claims.iter().any(|claim| claim.tonnes == tonnes));
		assert_eq!(dispute.status, DisputeStatus::Open);
		Ok(())
	}

	/// `MaxPanel` eligible members; this vote is the one that reaches two thirds.
	#[benchmark]
	fn vote() -> Result<(), BenchmarkError> {
		publish::<T>();
		let members = panel::<T>(T::MaxPanel::get());
		let claim = PUBLISHED.saturating_add(1);
		challenge_with::<T>(funded::<T>("backer", 0), claim, unit::<T>())?;
		let eligible = members.len() as u32;
		let needed = eligible.saturating_mul(2).saturating_add(2) / 3;
		let mut voters = members.into_iter().take(needed as usize);
		let last = voters.next_back().ok_or(BenchmarkError::Stop("no voter"))?;
		for member in voters {
			Pallet::<T>::vote(RawOrigin::Signed(member).into(), party().to_raw(), PERIOD, claim)
				.map_err(|_| BenchmarkError::Stop("vote failed"))?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(last), party().to_raw(), PERIOD, claim);

		assert_eq!(the_dispute::<T>()?.status, DisputeStatus::Decided(claim));
		Ok(())
	}

	/// A member with one affiliation short of the most declares one more.
	#[benchmark]
	fn declare_affiliation() -> Result<(), BenchmarkError> {
		let member = panel::<T>(1).pop().ok_or(BenchmarkError::Stop("no member"))?;
		let max = T::MaxAffiliations::get();
		let codes: Vec<PartyCode> = (1..max).map(PartyCode::from_index).collect();
		Affiliations::<T>::insert(&member, BoundedVec::truncate_from(codes));

		#[extrinsic_call]
		_(RawOrigin::Signed(member.clone()), party().to_raw());

		assert_eq!(Affiliations::<T>::get(&member).len() as u32, max);
		Ok(())
	}

	/// Governance removes the last of a member's most affiliations.
	#[benchmark]
	fn remove_affiliation() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let member: T::AccountId = account("member", 0, 0);
		let max = T::MaxAffiliations::get();
		let codes: Vec<PartyCode> = (0..max).map(PartyCode::from_index).collect();
		let last = *codes.last().ok_or(BenchmarkError::Stop("no affiliation"))?;
		Affiliations::<T>::insert(&member, BoundedVec::truncate_from(codes));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, member.clone(), last.to_raw());

		assert!(!Pallet::<T>::is_affiliated(&member, &last));
		Ok(())
	}

	/// Closing a dispute with `b` backers spread over the most claims: the first claim wins
	/// (its backers are refunded and rewarded), every other bond goes to the climate fund.
	#[benchmark]
	fn close_dispute(
		b: Linear<1, { T::MaxClaims::get().saturating_mul(T::MaxBackers::get()) }>,
	) -> Result<(), BenchmarkError> {
		publish::<T>();
		let fund = T::ClimateFund::get();
		T::Currency::set_balance(&fund, T::Currency::minimum_balance());
		let claims = u64::from(T::MaxClaims::get());
		for i in 0..b {
			let tonnes = PUBLISHED.saturating_add(1).saturating_add(u64::from(i) % claims);
			challenge_with::<T>(funded::<T>("backer", i), tonnes, unit::<T>())?;
		}
		let winner = PUBLISHED.saturating_add(1);

		#[block]
		{
			<Pallet<T> as OnFinalValue>::on_final_value(
				&party(),
				PERIOD,
				Some(pacta_primitives::Estimate::exact(winner)),
			);
		}

		let dispute = the_dispute::<T>()?;
		assert_eq!(dispute.status, DisputeStatus::Closed { value: winner, by_panel: false });
		assert_eq!(dispute.backers(), b);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
