//! Paged reads and period totals (issue #16): 5,000 pledges read page by page through
//! `PactaApi`, every pledge exactly once, and the totals kept on chain equal to the sums of the
//! rows; the parties, periods and oracles lists paged the same way.

use super::{
	account, approve_oracles,
	invariants::{next_block_checked, Ledger},
	many_pledges, open_binding_period,
};
use crate::*;
use pacta_primitives::{Outcome, PartyCode, MAX_PAGE_LIMIT};
use sp_keyring::Sr25519Keyring::*;
use std::collections::BTreeSet;

const PERIOD: u32 = 2050;
const PLEDGES: u32 = 5_000;

/// Reads every page of `period`'s report with `limit`, checking that each page carries the same
/// totals; returns the rows in order and the totals.
fn all_rows(
	period: u32,
	limit: u32,
) -> (Vec<pacta_primitives::ComplianceRow<Balance>>, pacta_primitives::PeriodTotals<Balance>) {
	let mut rows = Vec::new();
	let mut after = None;
	let mut totals = None;
	loop {
		let page = pacta_api::compliance_report(period, after, limit).expect("the period exists");
		assert!(page.rows.len() <= limit.min(MAX_PAGE_LIMIT) as usize);
		if let Some(t) = &totals {
			assert_eq!(&page.totals, t, "every page carries the whole period's totals");
		}
		totals = Some(page.totals.clone());
		rows.extend(page.rows);
		match page.next {
			Some(next) => after = Some(next),
			None => break,
		}
	}
	(rows, totals.unwrap_or_default())
}

#[test]
fn five_thousand_pledges_page_through_the_report_each_once_with_totals_equal_to_the_rows() {
	super::dev_ext().execute_with(|| {
		// Pledges until 4; nobody attests: every pledge ends unverified (half the bond forfeited).
		open_binding_period(PERIOD, [4, 6, 7, 8, 2, 2]);
		many_pledges(PERIOD, PLEDGES);
		// From here on the invariants are checked after every block (minting is over).
		let mut ledger = Ledger::new();
		// Before settlement: counts, caps and bonds, nothing settled.
		let (rows, totals) = all_rows(PERIOD, MAX_PAGE_LIMIT);
		assert_eq!(rows.len(), PLEDGES as usize);
		assert_eq!(totals.pledges, PLEDGES);
		assert_eq!(totals.caps, 1_200 * u64::from(PLEDGES));
		assert_eq!(totals.bonds, 100 * UNIT * Balance::from(PLEDGES));
		assert_eq!(totals.settled(), 0);

		while pallet_settlement::Outcomes::<Runtime>::iter_prefix(PERIOD).count() < PLEDGES as usize
		{
			assert!(System::block_number() < 30, "settlement must finish");
			next_block_checked(&mut ledger).unwrap();
		}
		for limit in [MAX_PAGE_LIMIT, 333, MAX_PAGE_LIMIT + 1_000] {
			let (rows, totals) = all_rows(PERIOD, limit);
			// Every pledge exactly once.
			let codes: BTreeSet<PartyCode> = rows.iter().map(|r| r.code).collect();
			assert_eq!(rows.len(), PLEDGES as usize, "limit {limit}");
			assert_eq!(codes.len(), PLEDGES as usize, "limit {limit}");
			assert!((0..PLEDGES).all(|i| codes.contains(&PartyCode::from_index(i))));
			// The totals equal the sums of the rows.
			let sum = |f: fn(&pacta_primitives::ComplianceRow<Balance>) -> Balance| {
				rows.iter().map(f).fold(0, |a: Balance, b| a.saturating_add(b))
			};
			assert_eq!(totals.pledges as usize, rows.len());
			assert_eq!(totals.caps, rows.iter().map(|r| r.cap).sum::<u64>());
			assert_eq!(totals.bonds, sum(|r| r.bond));
			assert_eq!(totals.forfeited, sum(|r| r.forfeited));
			assert_eq!(totals.released, sum(|r| r.released));
			assert_eq!(totals.transfers_paid, sum(|r| r.transfers_paid));
			assert_eq!(totals.transfers_refunded, sum(|r| r.transfers_refunded));
			let unverified = rows.iter().filter(|r| r.outcome == Some(Outcome::Unverified)).count();
			assert_eq!(totals.unverified as usize, unverified);
			assert_eq!(totals.settled() as usize, rows.len());
			assert_eq!(totals.forfeited, 50 * UNIT * Balance::from(PLEDGES));
		}
		let report = pacta_api::compliance_report(PERIOD, None, 10).unwrap();
		assert!(report.settled);

		// The parties list pages the same way: every party exactly once.
		let mut seen = BTreeSet::new();
		let mut after = None;
		let mut pages = 0;
		loop {
			let page = pacta_api::parties(after, MAX_PAGE_LIMIT);
			pages += 1;
			for p in &page.items {
				assert!(seen.insert(p.code), "{} listed twice", p.code);
			}
			match page.next {
				Some(next) => after = Some(next),
				None => break,
			}
		}
		// The dev genesis registers no party: exactly the 5,000.
		assert_eq!(seen.len(), PLEDGES as usize);
		assert_eq!(pages, PLEDGES.div_ceil(MAX_PAGE_LIMIT));
	});
}

#[test]
fn periods_and_oracles_page_and_the_last_page_has_no_next() {
	super::dev_ext().execute_with(|| {
		for (i, period) in [2031u32, 2032, 2033].into_iter().enumerate() {
			let at = 10 + 10 * i as u32;
			open_binding_period(period, [at, at + 2, at + 3, at + 5, 2, 2]);
		}
		let first = pacta_api::periods(None, 2);
		assert_eq!(first.items.len(), 2);
		let next = first.next.expect("a second page");
		let second = pacta_api::periods(Some(next), 2);
		assert_eq!(second.next, None);
		let mut all: Vec<u32> = first.items.iter().chain(&second.items).map(|p| p.period).collect();
		all.sort();
		assert_eq!(all, [2031, 2032, 2033]);
		assert!(first.items.iter().all(|p| !p.cancelled));

		// Oracles, two per page: each exactly once, all approved.
		let new = [account(Eve), account(Ferdie), account(AliceStash)];
		approve_oracles(&new);
		let mut seen = BTreeSet::new();
		let mut after = None;
		loop {
			let page = pacta_api::oracles(after, 2);
			assert!(page.items.len() <= 2);
			for o in &page.items {
				assert!(seen.insert(o.account.clone()));
				assert_eq!(o.state, pacta_primitives::OracleState::Approved);
			}
			match page.next {
				Some(next) => after = Some(next),
				None => break,
			}
		}
		assert!(new.iter().all(|o| seen.contains(o)));
		// A limit of zero still reads one item; an exact fit leaves no next.
		assert_eq!(pacta_api::oracles(None, 0).items.len(), 1);
		let exact = pacta_api::periods(None, 3);
		assert_eq!((exact.items.len(), exact.next), (3, None));
	});
}
