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
use pacta_primitives::{
	runtime_api::{MAX_REPORT_ROWS, REPORT_PAGE_SIZE},
	AttestationView, ComplianceReport, ComplianceRow, FundView, PartyCode, PartyView, PeriodId,
	PeriodInfo, PledgeInspect, PledgeView, VerifiedEmissions,
};
use sp_runtime::traits::Saturating;

type Pledges = pallet_pledges::Pallet<Runtime>;
type Attestations = pallet_attestations::Pallet<Runtime>;
type Settlement = pallet_settlement::Pallet<Runtime>;

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
	let challenger = Attestations::open_challenge(&code, period).map(|c| c.challenger);
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
		verification: <Attestations as VerifiedEmissions>::verification(&code, period),
		median: record.and_then(|r| r.median),
		attestations,
		challenger,
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
			tonnes: a.tonnes,
			evidence: a.evidence.0,
			at: a.at,
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
	let verification = <Attestations as VerifiedEmissions>::verification(&code, period);
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

/// The climate fund's account and balances.
pub fn climate_fund() -> FundView<AccountId, Balance> {
	let account = Settlement::fund_account();
	FundView {
		balance: <pallet_balances::Pallet<Runtime> as Inspect<AccountId>>::total_balance(&account),
		spendable: Settlement::fund_balance(),
		account,
	}
}
