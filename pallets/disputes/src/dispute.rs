//! The engine: opening a dispute, backing and displacing claims, voting and deciding, and
//! paying out the bonds when the value is final.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		SortedMembers,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pacta_primitives::{
	PartyCode, PeriodCalendar, PeriodId, PeriodInfo, PledgeInspect, Publication, PublishedValues,
	Tonnes,
};
use sp_core::H256;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{CheckedAdd, Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
	Rounding,
};

/// `len` as a `u32`, saturating.
fn count(len: usize) -> u32 {
	u32::try_from(len).unwrap_or(u32::MAX)
}

/// The index of the smallest of `items` by `key`; of equal ones the latest (first come, first
/// kept).
fn smallest<I, B: PartialOrd>(items: &[I], key: impl Fn(&I) -> B) -> Option<usize> {
	let mut found: Option<(usize, B)> = None;
	for (i, item) in items.iter().enumerate() {
		let k = key(item);
		if found.as_ref().is_none_or(|(_, least)| k <= *least) {
			found = Some((i, k));
		}
	}
	found.map(|(i, _)| i)
}

impl<T: Config> Pallet<T> {
	/// The pledge's challenge close: `max(challenge_deadline, published_at + challenge_window)`,
	/// or `None` if the period is unknown.
	pub fn challenge_close(
		period: PeriodId,
		publication: &Publication<BlockNumberFor<T>>,
	) -> Option<BlockNumberFor<T>> {
		let info = T::Calendar::period(period)?;
		Some(Self::close_of(&info, publication))
	}

	/// The challenge close of `publication` in a period with calendar `info`.
	fn close_of(
		info: &PeriodInfo<BalanceOf<T>, BlockNumberFor<T>>,
		publication: &Publication<BlockNumberFor<T>>,
	) -> BlockNumberFor<T> {
		let earliest = publication.published_at.saturating_add(info.challenge_window);
		info.challenge_deadline.max(earliest)
	}

	/// The weight [`OnFinalValue::final_value_weight`](pacta_primitives::OnFinalValue) charges
	/// for a dispute with `backers` backers.
	pub(crate) fn close_weight(backers: Option<u32>) -> Weight {
		match backers {
			Some(b) => T::WeightInfo::close_dispute(b),
			None => T::DbWeight::get().reads(1),
		}
	}

	/// The body of [`Pallet::challenge`].
	pub(crate) fn do_challenge(
		who: T::AccountId,
		code: PartyCode,
		period: PeriodId,
		tonnes: Tonnes,
		evidence: H256,
		bond: BalanceOf<T>,
	) -> DispatchResult {
		let publication =
			T::Published::publication(&code, period).ok_or(Error::<T>::NotPublished)?;
		let published = publication.value.ok_or(Error::<T>::NothingToChallenge)?.tonnes;
		ensure!(tonnes != published, Error::<T>::ClaimIsPublishedValue);
		ensure!(bond >= T::MinChallengeBond::get(), Error::<T>::BondTooSmall);
		let info = T::Calendar::period(period).ok_or(Error::<T>::UnknownPeriod)?;
		let close = Self::close_of(&info, &publication);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= close, Error::<T>::ChallengeWindowClosed);

		let mut dispute = match Disputes::<T>::get(period, code) {
			Some(dispute) => {
				ensure!(dispute.status == DisputeStatus::Open, Error::<T>::DisputeDecided);
				dispute
			}
			None => {
				let deadline = close.saturating_add(info.resolution_window);
				let dispute = Self::new_dispute(&code, period, &who, published, now, deadline);
				Self::deposit_event(Event::DisputeOpened {
					code,
					period,
					published,
					deadline,
					eligible: count(dispute.eligible.len()),
				});
				dispute
			}
		};

		T::Currency::hold(&HoldReason::DisputeBond.into(), &who, bond)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		if let Some(claim) = dispute.claims.iter_mut().find(|claim| claim.tonnes == tonnes) {
			Self::back(&code, period, claim, &who, evidence, bond)?;
		} else {
			Self::add_claim(&code, period, &mut dispute, &who, tonnes, evidence, bond)?;
		}

		if Self::remove_eligible(&mut dispute, &who) {
			Self::deposit_event(Event::EligibilityLost { code, period, who });
		}
		Self::check_decision(&code, period, &mut dispute);
		Disputes::<T>::insert(period, code, dispute);
		Ok(())
	}

	/// A new dispute: the eligible members are the first `MaxPanel` panel members, without
	/// those affiliated with `code`, the party's controller, the oracles that attested and the
	/// challenger.
	fn new_dispute(
		code: &PartyCode,
		period: PeriodId,
		challenger: &T::AccountId,
		published: Tonnes,
		now: BlockNumberFor<T>,
		deadline: BlockNumberFor<T>,
	) -> Dispute<T> {
		let controller = T::Pledges::controller(code);
		let max = usize::try_from(T::MaxPanel::get()).unwrap_or(usize::MAX);
		let eligible: Vec<T::AccountId> = T::Panel::sorted_members()
			.into_iter()
			.take(max)
			.filter(|member| {
				member != challenger
					&& controller.as_ref() != Some(member)
					&& !Self::is_affiliated(member, code)
					&& !T::Published::attested(code, period, member)
			})
			.collect();
		Dispute {
			published,
			opened_at: now,
			deadline,
			status: DisputeStatus::Open,
			eligible: BoundedVec::truncate_from(eligible),
			claims: BoundedVec::new(),
			votes: BoundedVec::new(),
		}
	}

	/// `who` backs `claim` with `bond` (already held): adds to its bond if it backs it already,
	/// else joins (displacing the smallest backer of a full claim if `bond` is larger).
	fn back(
		code: &PartyCode,
		period: PeriodId,
		claim: &mut Claim<T>,
		who: &T::AccountId,
		evidence: H256,
		bond: BalanceOf<T>,
	) -> DispatchResult {
		claim.bond = claim.bond.checked_add(&bond).ok_or(Error::<T>::Overflow)?;
		if let Some(backer) = claim.backers.iter_mut().find(|backer| backer.who == *who) {
			backer.bond = backer.bond.checked_add(&bond).ok_or(Error::<T>::Overflow)?;
			Self::deposit_event(Event::BondAdded {
				code: *code,
				period,
				who: who.clone(),
				tonnes: claim.tonnes,
				added: bond,
				total: backer.bond,
			});
			return Ok(());
		}
		if claim.backers.is_full() {
			let index =
				smallest(&claim.backers, |backer| backer.bond).ok_or(Error::<T>::TooManyBackers)?;
			let least = claim.backers.get(index).ok_or(Error::<T>::TooManyBackers)?;
			ensure!(bond > least.bond, Error::<T>::TooManyBackers);
			let displaced = claim.backers.remove(index);
			claim.bond = claim.bond.saturating_sub(displaced.bond);
			T::Currency::release(
				&HoldReason::DisputeBond.into(),
				&displaced.who,
				displaced.bond,
				Precision::Exact,
			)?;
			Self::deposit_event(Event::BackerDisplaced {
				code: *code,
				period,
				who: displaced.who,
				tonnes: claim.tonnes,
				refunded: displaced.bond,
			});
		}
		claim
			.backers
			.try_push(Backer { who: who.clone(), bond, evidence })
			.map_err(|_| Error::<T>::TooManyBackers)?;
		Self::deposit_event(Event::Challenged {
			code: *code,
			period,
			who: who.clone(),
			tonnes: claim.tonnes,
			evidence,
			bond,
			co_backer: true,
		});
		Ok(())
	}

	/// A new claim of `tonnes` backed by `who` with `bond` (already held), displacing the
	/// smallest claim of a full dispute if `bond` is larger than its total.
	#[allow(clippy::too_many_arguments)]
	fn add_claim(
		code: &PartyCode,
		period: PeriodId,
		dispute: &mut Dispute<T>,
		who: &T::AccountId,
		tonnes: Tonnes,
		evidence: H256,
		bond: BalanceOf<T>,
	) -> DispatchResult {
		if dispute.claims.is_full() {
			let index =
				smallest(&dispute.claims, |claim| claim.bond).ok_or(Error::<T>::TooManyClaims)?;
			let least = dispute.claims.get(index).ok_or(Error::<T>::TooManyClaims)?;
			ensure!(bond > least.bond, Error::<T>::TooManyClaims);
			let displaced = dispute.claims.remove(index);
			let reason = HoldReason::DisputeBond.into();
			for backer in displaced.backers.iter() {
				T::Currency::release(&reason, &backer.who, backer.bond, Precision::Exact)?;
			}
			dispute.votes.retain(|(_, voted)| *voted != displaced.tonnes);
			Self::deposit_event(Event::ClaimDisplaced {
				code: *code,
				period,
				tonnes: displaced.tonnes,
				refunded: displaced.bond,
			});
		}
		let mut backers = BoundedVec::new();
		backers
			.try_push(Backer { who: who.clone(), bond, evidence })
			.map_err(|_| Error::<T>::TooManyBackers)?;
		dispute
			.claims
			.try_push(Claim { tonnes, backers, bond })
			.map_err(|_| Error::<T>::TooManyClaims)?;
		Self::deposit_event(Event::Challenged {
			code: *code,
			period,
			who: who.clone(),
			tonnes,
			evidence,
			bond,
			co_backer: false,
		});
		Ok(())
	}

	/// Removes `who` from the eligible members (and drops its vote); whether it was eligible.
	fn remove_eligible(dispute: &mut Dispute<T>, who: &T::AccountId) -> bool {
		let before = dispute.eligible.len();
		dispute.eligible.retain(|member| member != who);
		dispute.votes.retain(|(voter, _)| voter != who);
		dispute.eligible.len() < before
	}

	/// The body of [`Pallet::vote`].
	pub(crate) fn do_vote(
		who: T::AccountId,
		code: PartyCode,
		period: PeriodId,
		tonnes: Tonnes,
	) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(period, code).ok_or(Error::<T>::NoDispute)?;
		ensure!(dispute.status == DisputeStatus::Open, Error::<T>::DisputeNotOpen);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= dispute.deadline, Error::<T>::ResolutionDeadlinePassed);
		ensure!(dispute.eligible.contains(&who), Error::<T>::NotEligible);
		ensure!(!Self::is_affiliated(&who, &code), Error::<T>::Affiliated);
		ensure!(
			count(dispute.eligible.len()) >= MinEligible::<T>::get().max(1),
			Error::<T>::TooFewEligible
		);
		ensure!(dispute.is_candidate(tonnes), Error::<T>::NotACandidate);

		if let Some(vote) = dispute.votes.iter_mut().find(|(voter, _)| *voter == who) {
			vote.1 = tonnes;
		} else {
			// One vote per eligible member, and the lists have the same bound.
			dispute.votes.try_push((who.clone(), tonnes)).map_err(|_| Error::<T>::NotEligible)?;
		}
		Self::deposit_event(Event::Voted { code, period, who, tonnes });
		Self::check_decision(&code, period, &mut dispute);
		Disputes::<T>::insert(period, code, dispute);
		Ok(())
	}

	/// Decides an open dispute if two thirds of its eligible members (at least
	/// [`MinEligible`]) voted for one candidate; votes of members affiliated with `code` now
	/// are not counted.
	/// The votes that count in `dispute` (of `code`'s value), per value: those of eligible
	/// members not affiliated with the party (an affiliation declared after voting withdraws
	/// the vote). The one rule for counting, used by the decision and by the runtime API.
	pub fn tally(code: &PartyCode, dispute: &Dispute<T>) -> Vec<(Tonnes, u32)> {
		let mut tally: Vec<(Tonnes, u32)> = Vec::new();
		for (voter, tonnes) in dispute.votes.iter() {
			if !dispute.eligible.contains(voter) || Self::is_affiliated(voter, code) {
				continue;
			}
			match tally.iter_mut().find(|(t, _)| t == tonnes) {
				Some((_, n)) => *n = n.saturating_add(1),
				None => tally.push((*tonnes, 1)),
			}
		}
		tally
	}

	/// The votes one value needs to be decided: two thirds of the `eligible` members, rounded
	/// up.
	pub fn threshold(eligible: u32) -> u32 {
		eligible.saturating_mul(2).div_ceil(3)
	}

	fn check_decision(code: &PartyCode, period: PeriodId, dispute: &mut Dispute<T>) {
		if dispute.status != DisputeStatus::Open {
			return;
		}
		let eligible = count(dispute.eligible.len());
		if eligible < MinEligible::<T>::get().max(1) {
			return;
		}
		let threshold = Self::threshold(eligible);
		if let Some((tonnes, votes)) =
			Self::tally(code, dispute).into_iter().find(|(_, n)| *n >= threshold)
		{
			dispute.status = DisputeStatus::Decided(tonnes);
			Self::deposit_event(Event::DisputeDecided {
				code: *code,
				period,
				tonnes,
				votes,
				eligible,
			});
		}
	}

	/// Pays out the bonds of `code`'s dispute in `period` (if any, and not closed yet) for the
	/// final value `value`: see [`OnFinalValue`](pacta_primitives::OnFinalValue). Returns how
	/// many backers the dispute has (`None`: no dispute), which sizes its weight.
	pub(crate) fn close(code: &PartyCode, period: PeriodId, value: Option<Tonnes>) -> Option<u32> {
		let mut dispute = Disputes::<T>::get(period, code)?;
		let backers = Some(dispute.backers());
		let by_panel = match dispute.status {
			DisputeStatus::Open => false,
			DisputeStatus::Decided(_) => true,
			DisputeStatus::Closed { .. } => return backers,
		};
		// A disputed pledge always has a published value, so `value` is `Some`; should it not
		// be, the published value stands.
		let winner = value.unwrap_or(dispute.published);
		let fund = T::ClimateFund::get();
		let reason = HoldReason::DisputeBond.into();
		let mut returned = BalanceOf::<T>::zero();
		let mut forfeited = BalanceOf::<T>::zero();
		let mut winners: Vec<(T::AccountId, BalanceOf<T>)> = Vec::new();
		let mut winning_total = BalanceOf::<T>::zero();

		for claim in dispute.claims.iter() {
			let wins = claim.tonnes == winner;
			for backer in claim.backers.iter() {
				if wins {
					let released = T::Currency::release(
						&reason,
						&backer.who,
						backer.bond,
						Precision::BestEffort,
					)
					.unwrap_or_default();
					returned = returned.saturating_add(released);
					winning_total = winning_total.saturating_add(backer.bond);
					winners.push((backer.who.clone(), backer.bond));
					continue;
				}
				let moved = match T::Currency::transfer_on_hold(
					&reason,
					&backer.who,
					&fund,
					backer.bond,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				) {
					Ok(moved) => moved,
					Err(error) => {
						Self::deposit_event(Event::ForfeitFailed {
							who: backer.who.clone(),
							amount: backer.bond,
							error,
						});
						Zero::zero()
					}
				};
				forfeited = forfeited.saturating_add(moved);
				let rest = backer.bond.saturating_sub(moved);
				if !rest.is_zero() {
					let released =
						T::Currency::release(&reason, &backer.who, rest, Precision::BestEffort)
							.unwrap_or_default();
					returned = returned.saturating_add(released);
				}
			}
		}

		let share = T::WinnerShare::get().mul_floor(forfeited);
		let mut rewarded = BalanceOf::<T>::zero();
		if !share.is_zero() && !winning_total.is_zero() {
			for (who, bond) in winners {
				let reward = multiply_by_rational_with_rounding(
					share.unique_saturated_into(),
					bond.unique_saturated_into(),
					winning_total.unique_saturated_into(),
					Rounding::Down,
				)
				.map(BalanceOf::<T>::unique_saturated_from)
				.unwrap_or_default();
				if reward.is_zero() {
					continue;
				}
				match T::Currency::transfer(&fund, &who, reward, Preservation::Preserve) {
					Ok(paid) => rewarded = rewarded.saturating_add(paid),
					Err(error) => {
						Self::deposit_event(Event::RewardFailed { who, amount: reward, error })
					}
				}
			}
		}

		dispute.status = DisputeStatus::Closed { value: winner, by_panel };
		dispute.votes = BoundedVec::new();
		Disputes::<T>::insert(period, code, dispute);
		Self::deposit_event(Event::DisputeClosed {
			code: *code,
			period,
			tonnes: winner,
			by_panel,
			returned,
			forfeited,
			rewarded,
		});
		backers
	}

	/// Invariants:
	/// - every account's held `DisputeBond` (walking the accounts, so a hold without a record
	///   is found too) equals the sum of its bonds in disputes that are not `Closed`;
	/// - every claim's `bond` is the sum of its backers' bonds; claims are distinct, never the
	///   published value, and have at least one backer, each account at most once;
	/// - eligible members and voters are unique, voters are eligible and vote for candidates;
	///   a `Closed` dispute has no votes; a `Decided` value is a candidate;
	/// - [`MinEligible`] is at least 1.
	///
	/// Built with `std` too, so that runtime tests can call it without `try-runtime`.
	#[cfg(any(feature = "std", feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
		use frame_support::traits::fungible::InspectHold;

		ensure!(MinEligible::<T>::get() >= 1, "MinEligible below 1");
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_, _, dispute) in Disputes::<T>::iter() {
			let closed = matches!(dispute.status, DisputeStatus::Closed { .. });
			let mut values = BTreeSet::new();
			for claim in dispute.claims.iter() {
				ensure!(claim.tonnes != dispute.published, "a claim equals the published value");
				ensure!(values.insert(claim.tonnes), "two claims of the same value");
				ensure!(!claim.backers.is_empty(), "a claim without backers");
				let mut sum = BalanceOf::<T>::zero();
				let mut backers = BTreeSet::new();
				for backer in claim.backers.iter() {
					ensure!(backers.insert(backer.who.clone()), "an account backs a claim twice");
					sum = sum.checked_add(&backer.bond).ok_or("bond overflow")?;
					if !closed {
						let total = held.entry(backer.who.clone()).or_default();
						*total = total.checked_add(&backer.bond).ok_or("bond overflow")?;
					}
				}
				ensure!(sum == claim.bond, "a claim's bond differs from its backers' bonds");
			}
			let eligible: BTreeSet<_> = dispute.eligible.iter().collect();
			ensure!(eligible.len() == dispute.eligible.len(), "an eligible member twice");
			let mut voters = BTreeSet::new();
			for (voter, tonnes) in dispute.votes.iter() {
				ensure!(voters.insert(voter), "a member voted twice");
				ensure!(eligible.contains(voter), "a vote from a member not eligible");
				ensure!(dispute.is_candidate(*tonnes), "a vote for a value not a candidate");
			}
			match dispute.status {
				DisputeStatus::Closed { .. } => {
					ensure!(dispute.votes.is_empty(), "a closed dispute keeps votes")
				}
				DisputeStatus::Decided(tonnes) => {
					ensure!(dispute.is_candidate(tonnes), "decided a value not a candidate")
				}
				DisputeStatus::Open => {}
			}
		}
		let reason = HoldReason::DisputeBond.into();
		for who in frame_system::Account::<T>::iter_keys() {
			let expected = held.remove(&who).unwrap_or_default();
			ensure!(
				T::Currency::balance_on_hold(&reason, &who) == expected,
				"held DisputeBond differs from the account's bonds in open disputes"
			);
		}
		ensure!(held.is_empty(), "a backer has no account");
		Ok(())
	}
}
