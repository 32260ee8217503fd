//! The logic behind [`pacta_primitives::runtime_api::PactaApi`], as plain functions that
//! `apis.rs` calls from `impl_runtime_apis!`. Everything here only reads storage, through the
//! pallets' getters (which take `(code, period)`) and traits. The view types are the primitives'
//! own: settlement's outcome record is returned as it is stored, with no conversion.
//!
//! Every list is paged (`start_after`, `limit` capped at [`MAX_PAGE_LIMIT`], `next`): the API
//! runs off-chain, but a client call should still do bounded work. A report page carries the
//! period's totals, kept on chain by `pallet-pledges` and `pallet-settlement` as pledges change
//! and settle, so no call walks a whole period.

use crate::{AccountId, Balance, BlockNumber, Runtime};
use alloc::vec::Vec;
use frame_support::traits::fungible::Inspect;
use frame_support::traits::SortedMembers;
use pacta_primitives::{
	AttestationView, BackerView, ClaimView, ComplianceReport, ComplianceRow, ConditionView,
	DisputeState, DisputeView, FundView, OracleState, OracleView, Page, PanelMemberView, PartyCode,
	PartyView, PeriodId, PeriodInfo, PeriodTotals, PeriodView, PledgeInspect, PledgeView, Tonnes,
	TransferView, VerifiedEmissions, MAX_PAGE_LIMIT,
};
use sp_runtime::traits::Saturating;

type Pledges = pallet_pledges::Pallet<Runtime>;
type Attestations = pallet_attestations::Pallet<Runtime>;
type Settlement = pallet_settlement::Pallet<Runtime>;
type Disputes = pallet_disputes::Pallet<Runtime>;

/// A registered party.
pub fn party(code: PartyCode) -> Option<PartyView<AccountId>> {
	Pledges::party(&code).map(|p| PartyView {
		code,
		name: p.name.into_inner(),
		controller: p.controller,
	})
}

/// A period's calendar entry.
pub fn period(period: PeriodId) -> Option<PeriodInfo<Balance, BlockNumber>> {
	Pledges::period_info(period)
}

/// A party's pledge with its verification, open transfers and outcome.
pub fn pledge(
	code: PartyCode,
	period: PeriodId,
) -> Option<PledgeView<AccountId, Balance, BlockNumber>> {
	let pledge = Pledges::pledge_of(&code, period)?;
	let record = Attestations::verification_record(&code, period);
	let attestations = pallet_attestations::Attestations::<Runtime>::decode_len(period, code)
		.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
	let claims = Disputes::dispute(&code, period)
		.map_or(0, |d| u32::try_from(d.claims.len()).unwrap_or(u32::MAX));
	let mut open_transfers = 0u32;
	let mut escrowed: Balance = 0;
	for id in pallet_settlement::TransfersByPledge::<Runtime>::get(period, code) {
		if let Some(transfer) = Settlement::transfer(id) {
			open_transfers.saturating_inc();
			escrowed = escrowed.saturating_add(transfer.amount);
		}
	}
	let outcome = Settlement::outcome(&code, period);
	Some(PledgeView {
		code,
		period,
		cap: pledge.cap,
		bond: pledge.bond,
		owner: pledge.owner,
		submitted_at: pledge.submitted_at,
		// Settled exactly when the outcome record exists (settlement's `SettledPledges`).
		settled: outcome.is_some(),
		verification: <Disputes as VerifiedEmissions>::verification(&code, period),
		published: record.and_then(|r| r.estimate()),
		attestations,
		claims,
		open_transfers,
		escrowed,
		outcome,
	})
}

/// The attestations of a party's emissions in a period, in submission order.
pub fn attestations(
	code: PartyCode,
	period: PeriodId,
) -> Vec<AttestationView<AccountId, BlockNumber>> {
	Attestations::attestations_of(&code, period)
		.into_iter()
		.map(|a| AttestationView {
			oracle_name: Attestations::oracle(&a.oracle)
				.map(|o| o.name.into_inner())
				.unwrap_or_default(),
			oracle: a.oracle,
			commitment: a.commitment.0,
			at: a.at,
			// `None` until revealed: the value and its evidence are not shown before.
			reading: a.reading,
		})
		.collect()
}

/// `limit` as a page size: at least one, at most [`MAX_PAGE_LIMIT`].
fn page_size(limit: u32) -> usize {
	usize::try_from(limit.clamp(1, MAX_PAGE_LIMIT)).unwrap_or(1)
}

/// A page of `entries` (a storage iterator already positioned after the page's start): up to
/// `limit` of them as views, and the last key as `next` when more follow.
fn page<K: Clone, V, T>(
	mut entries: impl Iterator<Item = (K, V)>,
	limit: u32,
	view: impl Fn(K, V) -> T,
) -> Page<T, K> {
	let size = page_size(limit);
	let mut items = Vec::new();
	let mut last = None;
	for (key, value) in entries.by_ref().take(size) {
		last = Some(key.clone());
		items.push(view(key, value));
	}
	let next = if entries.next().is_some() { last } else { None };
	Page { items, next }
}

/// A page of the registered parties, in storage order.
pub fn parties(
	start_after: Option<PartyCode>,
	limit: u32,
) -> Page<PartyView<AccountId>, PartyCode> {
	use pallet_pledges::Parties;
	let entries = match start_after {
		Some(code) => Parties::<Runtime>::iter_from(Parties::<Runtime>::hashed_key_for(code)),
		None => Parties::<Runtime>::iter(),
	};
	page(entries, limit, |code, p| PartyView {
		code,
		name: p.name.into_inner(),
		controller: p.controller,
	})
}

/// A page of the opened periods, in storage order.
pub fn periods(
	start_after: Option<PeriodId>,
	limit: u32,
) -> Page<PeriodView<Balance, BlockNumber>, PeriodId> {
	use pallet_pledges::Periods;
	let entries = match start_after {
		Some(period) => Periods::<Runtime>::iter_from(Periods::<Runtime>::hashed_key_for(period)),
		None => Periods::<Runtime>::iter(),
	};
	page(entries, limit, |period, info| PeriodView {
		period,
		info,
		cancelled: pallet_pledges::CancelledPeriods::<Runtime>::contains_key(period),
	})
}

/// A page of the oracle registry, in storage order.
pub fn oracles(
	start_after: Option<AccountId>,
	limit: u32,
) -> Page<OracleView<AccountId, Balance>, AccountId> {
	use pallet_attestations::{OracleStatus, Oracles};
	let floor = <Runtime as pallet_attestations::Config>::MinOracleBond::get();
	let entries = match start_after {
		Some(who) => Oracles::<Runtime>::iter_from(Oracles::<Runtime>::hashed_key_for(who)),
		None => Oracles::<Runtime>::iter(),
	};
	page(entries, limit, |account, o| OracleView {
		account,
		name: o.name.into_inner(),
		bond: o.bond,
		state: match o.status {
			OracleStatus::Applied => OracleState::Applied,
			OracleStatus::Approved if o.bond < floor => OracleState::Suspended,
			OracleStatus::Approved => OracleState::Approved,
			OracleStatus::Removed => OracleState::Removed,
		},
		unfinal: o.unfinal,
	})
}

/// The conditional transfers still escrowed for a pledge.
pub fn transfers(code: PartyCode, period: PeriodId) -> Vec<TransferView<AccountId, Balance>> {
	use pallet_settlement::Condition;
	pallet_settlement::TransfersByPledge::<Runtime>::get(period, code)
		.into_iter()
		.filter_map(|id| Settlement::transfer(id).map(|t| (id, t)))
		.map(|(id, t)| TransferView {
			id,
			donor: t.donor,
			condition: match t.condition {
				Condition::PledgeMet => ConditionView::PledgeMet,
				Condition::EmissionsAtMost(tonnes) => ConditionView::EmissionsAtMost { tonnes },
				Condition::PerTonneBelowCap { rate } => ConditionView::PerTonneBelowCap { rate },
			},
			amount: t.amount,
		})
		.collect()
}

/// A period's totals: the pledge side from `pallet-pledges`, the settlement side from
/// `pallet-settlement`. Two reads.
pub fn period_totals(period: PeriodId) -> PeriodTotals<Balance> {
	let pledged = pallet_pledges::PeriodPledgeTotals::<Runtime>::get(period);
	let settled = pallet_settlement::PeriodOutcomeTotals::<Runtime>::get(period);
	PeriodTotals {
		pledges: pledged.pledges,
		caps: pledged.caps,
		bonds: pledged.bonds,
		compliant: settled.compliant,
		breached: settled.breached,
		unverified: settled.unverified,
		inconclusive: settled.inconclusive,
		withheld: settled.withheld,
		cancelled: settled.cancelled,
		verified_tonnes: settled.verified_tonnes,
		forfeited: settled.forfeited,
		released: settled.released,
		transfers_paid: settled.transfers_paid,
		transfers_refunded: settled.transfers_refunded,
	}
}

/// A page of a period's compliance report: up to `limit` rows after `start_after`, in the
/// order settlement walks the pledges, with the whole period's totals.
pub fn compliance_report(
	period: PeriodId,
	start_after: Option<PartyCode>,
	limit: u32,
) -> Option<ComplianceReport<Balance, BlockNumber>> {
	let info = Pledges::period_info(period)?;
	let size = page_size(limit);
	// One more than the page, to know whether another page follows.
	let want = u32::try_from(size).unwrap_or(MAX_PAGE_LIMIT).saturating_add(1);
	let mut codes =
		<Pledges as PledgeInspect<AccountId, Balance>>::pledges_page(period, start_after, want);
	let more = codes.len() > size;
	codes.truncate(size);
	let next = if more { codes.last().copied() } else { None };
	let rows = codes.into_iter().filter_map(|code| report_row(code, period)).collect();
	let totals = period_totals(period);
	let settled = !Settlement::is_scheduled(period) && totals.settled() == totals.pledges;
	Some(ComplianceReport { period, info, settled, totals, rows, next })
}

fn report_row(code: PartyCode, period: PeriodId) -> Option<ComplianceRow<Balance>> {
	let pledge = Pledges::pledge_of(&code, period)?;
	let name = Pledges::party(&code).map(|p| p.name.into_inner()).unwrap_or_default();
	let verification = <Disputes as VerifiedEmissions>::verification(&code, period);
	let record = Settlement::outcome(&code, period);
	Some(ComplianceRow {
		code,
		name,
		cap: record.as_ref().map_or(pledge.cap, |r| r.cap),
		bond: record.as_ref().map_or(pledge.bond, |r| r.bond),
		verification,
		outcome: record.as_ref().map(|r| r.outcome),
		forfeited: record.as_ref().map_or(0, |r| r.forfeited),
		released: record.as_ref().map_or(0, |r| r.released),
		transfers_paid: record.as_ref().map_or(0, |r| r.transfers_paid),
		transfers_refunded: record.as_ref().map_or(0, |r| r.transfers_refunded),
	})
}

/// The dispute of a party's value in a period. Votes are counted as the decision counts them:
/// only from members still eligible and not affiliated with the party.
pub fn dispute(
	code: PartyCode,
	period: PeriodId,
) -> Option<DisputeView<AccountId, Balance, BlockNumber>> {
	use pallet_disputes::DisputeStatus;
	let d = Disputes::dispute(&code, period)?;
	let now = frame_system::Pallet::<Runtime>::block_number();
	let tally = Disputes::tally(&code, &d);
	let counted =
		|tonnes: Tonnes| -> u32 { tally.iter().find(|(t, _)| *t == tonnes).map_or(0, |(_, n)| *n) };
	let (state, decided, final_value) = match d.status {
		DisputeStatus::Open if now > d.deadline => (DisputeState::TimedOut, None, None),
		DisputeStatus::Open => (DisputeState::Open, None, None),
		DisputeStatus::Decided(t) => (DisputeState::Decided, Some(t), None),
		DisputeStatus::Closed { value, by_panel } => {
			(DisputeState::Closed, by_panel.then_some(value), Some(value))
		}
	};
	let eligible = u32::try_from(d.eligible.len()).unwrap_or(u32::MAX);
	Some(DisputeView {
		code,
		period,
		state,
		published: d.published,
		published_votes: counted(d.published),
		decided,
		final_value,
		opened_at: d.opened_at,
		deadline: d.deadline,
		threshold: Disputes::threshold(eligible),
		min_eligible: pallet_disputes::MinEligible::<Runtime>::get(),
		claims: d
			.claims
			.iter()
			.map(|c| ClaimView {
				tonnes: c.tonnes,
				bond: c.bond,
				votes: counted(c.tonnes),
				backers: c
					.backers
					.iter()
					.map(|b| BackerView {
						account: b.who.clone(),
						bond: b.bond,
						evidence: b.evidence.0,
					})
					.collect(),
			})
			.collect(),
		votes: d.votes.iter().cloned().collect(),
		eligible: d.eligible.into_inner(),
	})
}

/// The review panel's members with their affiliations.
pub fn review_panel() -> Vec<PanelMemberView<AccountId>> {
	<crate::ReviewPanel as SortedMembers<AccountId>>::sorted_members()
		.into_iter()
		.map(|account| PanelMemberView {
			affiliations: pallet_disputes::Affiliations::<Runtime>::get(&account).into_inner(),
			account,
		})
		.collect()
}

/// The climate fund's account and balances.
pub fn climate_fund() -> FundView<AccountId, Balance> {
	let account = Settlement::fund_account();
	FundView {
		balance: <pallet_balances::Pallet<Runtime> as Inspect<AccountId>>::total_balance(&account),
		spendable: Settlement::fund_balance(),
		account,
	}
}
