//! The logic behind [`pacta_primitives::runtime_api::PactaApi`], as plain functions that
//! `apis.rs` calls from `impl_runtime_apis!`. Everything here only reads storage, through the
//! pallets' getters (which take `(code, period)`) and traits. The view types are the primitives'
//! own: settlement's outcome record is returned as it is stored, with no conversion.
//!
//! The compliance report walks a period's pledges page by page
//! ([`PledgeInspect::pledges_page`]) and stops after
//! [`MAX_REPORT_ROWS`](pacta_primitives::runtime_api::MAX_REPORT_ROWS) rows: the API runs
//! off-chain, but a client call should still do bounded work.

use crate::{AccountId, Balance, BlockNumber, Runtime};
use alloc::vec::Vec;
use frame_support::traits::fungible::Inspect;
use frame_support::traits::SortedMembers;
use pacta_primitives::{
	runtime_api::{MAX_REPORT_ROWS, REPORT_PAGE_SIZE},
	AttestationView, BackerView, ClaimView, ComplianceReport, ComplianceRow, DisputeState,
	DisputeView, FundView, PanelMemberView, PartyCode, PartyView, PeriodId, PeriodInfo,
	PledgeInspect, PledgeView, Tonnes, VerifiedEmissions,
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

/// A period's compliance report, at most `MAX_REPORT_ROWS` rows.
pub fn compliance_report(period: PeriodId) -> Option<ComplianceReport<Balance, BlockNumber>> {
	let info = Pledges::period_info(period)?;
	let mut rows = Vec::new();
	let mut after: Option<PartyCode> = None;
	let mut truncated = false;
	loop {
		let page = <Pledges as PledgeInspect<AccountId, Balance>>::pledges_page(
			period,
			after,
			REPORT_PAGE_SIZE,
		);
		let full_page = u32::try_from(page.len()).unwrap_or(u32::MAX) >= REPORT_PAGE_SIZE;
		for code in page {
			after = Some(code);
			if u32::try_from(rows.len()).unwrap_or(u32::MAX) >= MAX_REPORT_ROWS {
				truncated = true;
				break;
			}
			if let Some(row) = report_row(code, period) {
				rows.push(row);
			}
		}
		if truncated || !full_page {
			break;
		}
	}
	let settled = !Settlement::is_scheduled(period) && rows.iter().all(|r| r.outcome.is_some());
	let total_forfeited = rows.iter().fold(0, |acc: Balance, r| acc.saturating_add(r.forfeited));
	let total_transfers_paid =
		rows.iter().fold(0, |acc: Balance, r| acc.saturating_add(r.transfers_paid));
	Some(ComplianceReport {
		period,
		info,
		settled,
		rows,
		truncated,
		total_forfeited,
		total_transfers_paid,
	})
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
