//! The cross-pallet invariants checked after every block by the lifecycle test and the
//! property harness: each pallet's own `do_try_state`, every hold matched by a record, total
//! issuance moved by nothing (test calls are dispatched without fees), every pledge of a finished
//! period settled, no pledge settled twice and no conditional transfer paying out more than it
//! escrowed.

use crate::*;
use pacta_primitives::{PartyCode, PeriodId};
use std::collections::{BTreeMap, BTreeSet};

/// What the checker remembers between blocks.
pub(crate) struct Ledger {
	/// Total issuance when the run started.
	issuance: Balance,
	/// Pledges seen settling (settlement's `PledgeSettled`).
	settled: BTreeSet<(PeriodId, PartyCode)>,
	/// Bonds seen settling (pledges' `BondSettled`).
	bonds_settled: BTreeSet<(PeriodId, PartyCode)>,
	/// Escrowed amount of every conditional transfer created, until it executes or is cancelled.
	escrows: BTreeMap<u64, Balance>,
	/// Conditional transfers that executed or were cancelled.
	closed_transfers: BTreeSet<u64>,
	/// How many of the current block's events were already read.
	seen: usize,
	/// Blocks checked.
	pub blocks: u32,
}

impl Ledger {
	/// Starts checking from the current state.
	pub(crate) fn new() -> Self {
		Ledger {
			issuance: Balances::total_issuance(),
			settled: Default::default(),
			bonds_settled: Default::default(),
			escrows: Default::default(),
			closed_transfers: Default::default(),
			seen: 0,
			blocks: 0,
		}
	}

	/// Reads this block's events not read yet (call before they are reset), failing on a
	/// double settlement or an escrow paid out beyond what it held.
	pub(crate) fn observe_events(&mut self) -> Result<(), String> {
		let events = System::events();
		let fresh = events.get(self.seen..).unwrap_or_default().to_vec();
		self.seen = events.len();
		for record in fresh {
			match record.event {
				RuntimeEvent::Settlement(pallet_settlement::Event::PledgeSettled {
					code,
					period,
					..
				}) => once(&mut self.settled, (period, code), "settled")?,
				RuntimeEvent::Pledges(pallet_pledges::Event::BondSettled {
					code, period, ..
				}) => once(&mut self.bonds_settled, (period, code), "had its bond settled")?,
				RuntimeEvent::Settlement(
					pallet_settlement::Event::ConditionalTransferCreated { id, amount, .. },
				) => self
					.escrows
					.insert(id, amount)
					.map_or(Ok(()), |_| Err(format!("transfer id {id} created twice")))?,
				RuntimeEvent::Settlement(
					pallet_settlement::Event::ConditionalTransferExecuted {
						id,
						earned,
						refunded,
						..
					},
				) => {
					let escrowed = self.escrow_closed(id)?;
					if earned.saturating_add(refunded) != escrowed {
						return Err(format!(
							"transfer {id} escrowed {escrowed} but paid {earned} + refunded {refunded}"
						));
					}
				}
				RuntimeEvent::Settlement(pallet_settlement::Event::EscrowReleaseFailed {
					id,
					paid,
					remaining,
					..
				}) => {
					// Still open: what was paid is gone, the rest is retried.
					let escrowed = self.escrows.get(&id).copied().unwrap_or_default();
					if paid.saturating_add(remaining) != escrowed {
						return Err(format!(
							"transfer {id} escrowed {escrowed} but paid {paid} + kept {remaining}"
						));
					}
					self.escrows.insert(id, remaining);
				}
				RuntimeEvent::Settlement(
					pallet_settlement::Event::ConditionalTransferCancelled { id, amount, .. },
				)
				| RuntimeEvent::Settlement(
					pallet_settlement::Event::ConditionalTransferDisplaced { id, amount, .. },
				) => {
					let escrowed = self.escrow_closed(id)?;
					if amount != escrowed {
						return Err(format!(
							"transfer {id} escrowed {escrowed}, cancelled {amount}"
						));
					}
				}
				_ => {}
			}
		}
		Ok(())
	}

	fn escrow_closed(&mut self, id: u64) -> Result<Balance, String> {
		if !self.closed_transfers.insert(id) {
			return Err(format!("transfer {id} closed twice"));
		}
		self.escrows.get(&id).copied().ok_or_else(|| format!("transfer {id} was never created"))
	}

	/// Checks the state of the current block.
	pub(crate) fn check_state(&mut self) -> Result<(), String> {
		self.blocks += 1;
		Pledges::do_try_state().map_err(|e| format!("pledges try_state: {e:?}"))?;
		Attestations::do_try_state().map_err(|e| format!("attestations try_state: {e:?}"))?;
		Settlement::do_try_state().map_err(|e| format!("settlement try_state: {e:?}"))?;
		Disputes::do_try_state().map_err(|e| format!("disputes try_state: {e:?}"))?;
		check_holds()?;
		check_finished_periods()?;
		let issuance = Balances::total_issuance();
		if issuance != self.issuance {
			return Err(format!("total issuance moved from {} to {issuance}", self.issuance));
		}
		let accounts: Balance = frame_system::Account::<Runtime>::iter()
			.map(|(_, info)| info.data.free.saturating_add(info.data.reserved))
			.sum();
		if accounts != issuance {
			return Err(format!("accounts hold {accounts}, total issuance is {issuance}"));
		}
		Ok(())
	}

	/// How many pledges were seen settling.
	pub(crate) fn settled_count(&self) -> usize {
		self.settled.len()
	}
}

/// Records that `pledge` `did` something, failing if it already had.
fn once(
	seen: &mut BTreeSet<(PeriodId, PartyCode)>,
	pledge: (PeriodId, PartyCode),
	did: &str,
) -> Result<(), String> {
	match seen.insert(pledge) {
		true => Ok(()),
		false => Err(format!("{} {} {did} twice", pledge.1, pledge.0)),
	}
}

/// Every amount held, per hold reason, equals what the pallets' records say is held.
fn check_holds() -> Result<(), String> {
	// Keyed by the reason's name (`RuntimeHoldReason` is not `Ord`).
	let mut held: BTreeMap<String, Balance> = BTreeMap::new();
	for (_, holds) in pallet_balances::Holds::<Runtime>::iter() {
		for hold in holds {
			let sum = held.entry(format!("{:?}", hold.id)).or_default();
			*sum = sum.saturating_add(hold.amount);
		}
	}
	let mut expected: BTreeMap<String, Balance> = BTreeMap::new();
	let mut add = |reason: RuntimeHoldReason, amount: Balance| {
		if amount > 0 {
			let sum = expected.entry(format!("{reason:?}")).or_default();
			*sum = sum.saturating_add(amount);
		}
	};
	for (period, code, pledge) in pallet_pledges::Pledges::<Runtime>::iter() {
		if !pallet_settlement::Outcomes::<Runtime>::contains_key(period, code) {
			add(pallet_pledges::HoldReason::PledgeBond.into(), pledge.bond);
		}
	}
	for (_, transfer) in pallet_settlement::Transfers::<Runtime>::iter() {
		add(pallet_settlement::HoldReason::Escrow.into(), transfer.amount);
	}
	for (_, oracle) in pallet_attestations::Oracles::<Runtime>::iter() {
		add(pallet_attestations::HoldReason::OracleBond.into(), oracle.bond);
	}
	for (_, _, dispute) in pallet_disputes::Disputes::<Runtime>::iter() {
		// A closed dispute's bonds were paid out.
		if !matches!(dispute.status, pallet_disputes::DisputeStatus::Closed { .. }) {
			for backer in dispute.claims.iter().flat_map(|claim| claim.backers.iter()) {
				add(pallet_disputes::HoldReason::DisputeBond.into(), backer.bond);
			}
		}
	}
	held.retain(|_, amount| *amount > 0);
	if held != expected {
		return Err(format!("held per reason {held:?}, records say {expected:?}"));
	}
	Ok(())
}

/// Every pledge of a finished period (past its challenge deadline, or cancelled, and out of
/// the settlement schedule) has an outcome. A pledge settles as `Cancelled` exactly when its
/// period was cancelled, and then forfeits nothing and pays nothing: its whole bond was
/// released and its transfers refunded.
fn check_finished_periods() -> Result<(), String> {
	let now = System::block_number();
	for (period, code, pledge) in pallet_pledges::Pledges::<Runtime>::iter() {
		let Some(info) = pallet_pledges::Periods::<Runtime>::get(period) else { continue };
		let cancelled = pallet_pledges::CancelledPeriods::<Runtime>::contains_key(period);
		let outcome = pallet_settlement::Outcomes::<Runtime>::get(period, code);
		if (now > info.challenge_deadline || cancelled)
			&& !Settlement::is_scheduled(period)
			&& outcome.is_none()
		{
			return Err(format!("{code} {period}: the period finished without an outcome"));
		}
		let Some(record) = outcome else { continue };
		if cancelled != (record.outcome == pallet_settlement::Outcome::Cancelled) {
			return Err(format!("{code} {period}: outcome {:?}", record.outcome));
		}
		if cancelled
			&& (record.forfeited != 0
				|| record.transfers_paid != 0
				|| record.released != pledge.bond
				|| record.verified.is_some())
		{
			return Err(format!("{code} {period}: a cancelled pledge was not refunded whole"));
		}
	}
	Ok(())
}

/// Produces the next block and checks it: the events of the block that ends, then the state
/// after the next block's `on_initialize`.
pub(crate) fn next_block_checked(ledger: &mut Ledger) -> Result<(), String> {
	ledger.observe_events()?;
	super::next_block();
	ledger.seen = 0;
	ledger.observe_events()?;
	ledger.check_state()
}
