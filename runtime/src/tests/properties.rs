//! A property harness over random call sequences on the real runtime.
//!
//! Each case starts from the development genesis with three periods open (2030, 2031 and 2032,
//! with overlapping calendars; the last two are due in the same blocks), two parties and two approved oracles, then runs a random sequence
//! of at least [`MIN_CALLS`] calls interleaved with blocks, and finally runs past every
//! deadline until every pledge has settled, with nobody's help: disputes the review panel left
//! undecided time out. Every pledge must settle by
//! `max(challenge deadline, published_at + challenge window) + resolution window` plus the
//! blocks its period's queue needs ([`QUEUE_BLOCKS`]). After every block it checks the invariants of
//! [`super::invariants`]: each pallet's `do_try_state`, holds per reason equal to the records,
//! total issuance unchanged (calls are dispatched without fees), no pledge settled twice and
//! no escrow paying out more than it held. At the end every pledge must have exactly one
//! outcome. Rotations (`set_controller`, which moves the party's bonds), bond top-ups by the
//! current controller, oracle-bond top-ups, conditional-transfer cancellations, challenges by
//! anyone (parties of their own values, oracles, donors, panel members) with claimed values and
//! bonds, and review-panel votes (by the dev panel, sometimes for a value that is no candidate)
//! are among the calls, and so are governance's cancellations of a mis-opened period (issue #14
//! item 5): of 2031 in its last pledge blocks, in about a third of the sequences (2030 always
//! runs to the end), plus refused ones (after the pledge deadline: the kill switch; a period
//! already cancelled; not by governance). A cancelled period's
//! pledges must all be refunded (outcome `Cancelled`, nothing forfeited) by the block after the
//! cancellation plus [`QUEUE_BLOCKS`], and its other calls drop out of the choices.
//!
//! The generator favours valid calls: each step picks a call kind that can make sense at the
//! current block and state (a pledge before the pledge deadline, an attestation in the
//! attestation window, ...) most of the time, and any kind otherwise, with arguments drawn
//! from the current state. The test prints attempts and successes per call kind and requires
//! each kind to succeed in at least a quarter of the attempts where it was drawn as plausible
//! (the "plausible" column), so a change that makes a kind fail everywhere cannot hide behind
//! the invariants.
//!
//! `PROPTEST_CASES` sets the number of sequences (default 200); the seed is printed, and
//! `PACTA_PROPTEST_SEED=<64 hex digits>` replays one.

use super::{
	code,
	invariants::{next_block_checked, Ledger},
	raw,
};
use crate::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use pacta_primitives::{EnforcementMode, Outcome, PartyCode, PeriodInfo, PeriodTerms};
use proptest::{
	prelude::*,
	test_runner::{Config as RunnerConfig, RngAlgorithm, TestCaseError, TestRng, TestRunner},
};
use sp_core::H256;
use sp_runtime::{DispatchResult, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

thread_local! {
	/// What each oracle of the running sequence committed, by (oracle, period, party), so that
	/// a reveal can be drawn; cleared at the start of every sequence. What is never revealed
	/// is withheld.
	static SEALED: RefCell<BTreeMap<(AccountId, u32, PartyCode), pacta_primitives::Reading>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The committed, unrevealed attestations of periods in their reveal window now.
fn revealable(now: BlockNumber) -> Vec<(AccountId, u32, PartyCode, pacta_primitives::Reading)> {
	let live: BTreeMap<u32, PeriodInfo<Balance, BlockNumber>> = periods().into_iter().collect();
	SEALED.with(|s| {
		s.borrow()
			.iter()
			.filter(|((_, period, _), _)| {
				live.get(period)
					.is_some_and(|i| now > i.attestation_deadline && now <= i.reveal_deadline)
			})
			.map(|((who, period, c), r)| (who.clone(), *period, *c, *r))
			.collect()
	})
}

/// The least number of calls in a sequence.
const MIN_CALLS: usize = 40;
/// The most calls in a sequence.
const MAX_CALLS: usize = 60;
/// Sequences run when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 200;
/// The blocks a period's settlement queue may need beyond a pledge's final block in this harness
/// (a handful of pledges: the block after the value became final).
const QUEUE_BLOCKS: BlockNumber = 1;
/// The party codes a sequence can register (the first two are registered at the start).
const CODES: [&str; 6] = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"];

/// The call kinds the harness exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
	RegisterParty,
	SetController,
	SubmitPledge,
	StrengthenPledge,
	TopUpBond,
	ApplyAsOracle,
	ApproveOracle,
	TopUpOracleBond,
	Commit,
	Reveal,
	Challenge,
	Vote,
	CreateTransfer,
	CancelTransfer,
	CancelPeriod,
}

const ALL_KINDS: [Kind; 15] = [
	Kind::RegisterParty,
	Kind::SetController,
	Kind::SubmitPledge,
	Kind::StrengthenPledge,
	Kind::TopUpBond,
	Kind::ApplyAsOracle,
	Kind::ApproveOracle,
	Kind::TopUpOracleBond,
	Kind::Commit,
	Kind::Reveal,
	Kind::Challenge,
	Kind::Vote,
	Kind::CreateTransfer,
	Kind::CancelTransfer,
	Kind::CancelPeriod,
];

/// One step of a sequence: raw randomness the executor turns into a call fitting the state.
#[derive(Clone, Debug)]
struct Step {
	/// Below 248 (of 256): a kind that can make sense now; otherwise any kind.
	favour: u8,
	/// Picks the kind.
	kind: u8,
	/// Picks the actors and targets.
	pick: u16,
	/// Picks amounts and values.
	value: u32,
	/// Jitter, in blocks, on the step's place in the calendar (0 to 2).
	advance: u8,
}

fn step() -> impl Strategy<Value = Step> {
	(
		any::<u8>(),
		any::<u8>(),
		any::<u16>(),
		any::<u32>(),
		prop_oneof![3 => Just(0u8), 4 => Just(1u8), 1 => Just(2u8)],
	)
		.prop_map(|(favour, kind, pick, value, advance)| Step {
			favour,
			kind,
			pick,
			value,
			advance,
		})
}

/// Attempts and successes per call kind, over all sequences.
#[derive(Default)]
struct Stats {
	/// Attempts and successes of each kind.
	calls: BTreeMap<Kind, (u32, u32)>,
	/// The same, of the attempts where the kind was drawn among the plausible ones (not the
	/// deliberately unfitting draws of any kind): what the coverage check reads.
	plausible: BTreeMap<Kind, (u32, u32)>,
	/// How often each kind failed with each error.
	errors: BTreeMap<(Kind, String), u32>,
	sequences: u32,
	blocks: u32,
	settled: u32,
}

impl Stats {
	fn record(&mut self, kind: Kind, plausible: bool, result: &DispatchResult) {
		let mut tables = vec![&mut self.calls];
		if plausible {
			tables.push(&mut self.plausible);
		}
		for table in tables {
			let entry = table.entry(kind).or_default();
			entry.0 += 1;
			entry.1 += u32::from(result.is_ok());
		}
		if let Err(e) = result {
			*self.errors.entry((kind, error_name(e))).or_default() += 1;
		}
	}
}

/// A dispatch error's name: `Pallet.Error` for module errors.
fn error_name(e: &sp_runtime::DispatchError) -> String {
	match e {
		sp_runtime::DispatchError::Module(m) => format!("{}.{}", m.index, m.message.unwrap_or("?")),
		other => format!("{other:?}"),
	}
}

fn acc(n: u8) -> AccountId {
	AccountId::from([n; 32])
}

/// Controllers (fresh ones for rotations), oracles and donors: disjoint account ranges.
fn controllers() -> impl Iterator<Item = AccountId> {
	(1..=16).map(acc)
}
fn oracles() -> impl Iterator<Item = AccountId> {
	(40..=45).map(acc)
}
fn donors() -> impl Iterator<Item = AccountId> {
	(60..=63).map(acc)
}

fn name<S: Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn calendar(pledge: BlockNumber) -> PeriodInfo<Balance, BlockNumber> {
	PeriodInfo {
		pledge_deadline: pledge,
		attestation_deadline: pledge + 6,
		reveal_deadline: pledge + 7,
		challenge_deadline: pledge + 12,
		challenge_window: 2,
		resolution_window: 3,
		terms: PeriodTerms {
			mode: EnforcementMode::Binding,
			penalty_per_tonne: UNIT / 10,
			unverified_forfeit: Perbill::from_percent(30),
		},
	}
}

/// The three periods of every sequence, with overlapping calendars; 2031 and 2032 fall due in
/// the same block, so settlement and verification serve several due periods at once (issue
/// #18).
fn periods() -> [(u32, PeriodInfo<Balance, BlockNumber>); 3] {
	[(2030, calendar(11)), (2031, calendar(14)), (2032, calendar(14))]
}

fn open(period: u32, info: PeriodInfo<Balance, BlockNumber>) -> DispatchResult {
	Pledges::open_period(
		RuntimeOrigin::root(),
		period,
		info.pledge_deadline,
		info.attestation_deadline,
		info.reveal_deadline,
		info.challenge_deadline,
		info.challenge_window,
		info.resolution_window,
		info.terms,
	)
}

/// Genesis plus two periods, parties AAA and BBB, oracles 40 and 41 approved, a quorum of
/// two, and every pool account endowed.
fn setup() -> Result<(), String> {
	for who in controllers().chain(oracles()).chain(donors()) {
		Balances::mint_into(&who, 100_000 * UNIT).map_err(|e| format!("{e:?}"))?;
	}
	for (period, info) in periods() {
		open(period, info).map_err(|e| format!("open {period}: {e:?}"))?;
	}
	for (i, c) in CODES.iter().take(2).enumerate() {
		Pledges::register_party(RuntimeOrigin::root(), raw(c), name(c), acc(i as u8 + 1))
			.map_err(|e| format!("register {c}: {e:?}"))?;
	}
	// A quorum of two, so that most pledges are verified (and can be challenged).
	Attestations::set_quorum(RuntimeOrigin::root(), 2).map_err(|e| format!("{e:?}"))?;
	for who in oracles().take(2) {
		Attestations::apply_as_oracle(RuntimeOrigin::signed(who.clone()), name("oracle"))
			.map_err(|e| format!("{e:?}"))?;
		Attestations::approve_oracle(RuntimeOrigin::root(), who).map_err(|e| format!("{e:?}"))?;
	}
	Ok(())
}

/// The last block `c`'s published value in `period` may be challenged, once it is published.
fn challenge_close(period: u32, c: &PartyCode) -> Option<BlockNumber> {
	let record = pallet_attestations::Verifications::<Runtime>::get(period, c)?;
	let info = Pledges::period_info(period)?;
	Some(info.challenge_deadline.max(record.verified_at + info.challenge_window))
}

fn pick<T: Clone>(items: &[T], n: u16) -> Option<T> {
	if items.is_empty() {
		None
	} else {
		items.get(usize::from(n) % items.len()).cloned()
	}
}

/// The state the executor reads to choose targets.
struct View {
	now: BlockNumber,
	/// The periods governance cancelled.
	cancelled: Vec<u32>,
	parties: Vec<(PartyCode, AccountId)>,
	/// (period, code, cap, controller of the party)
	pledges: Vec<(u32, PartyCode, u64, AccountId)>,
	applied: Vec<AccountId>,
	approved: Vec<AccountId>,
	new_oracles: Vec<AccountId>,
	free_controllers: Vec<AccountId>,
	free_codes: Vec<&'static str>,
	transfers: Vec<(u64, AccountId, u32)>,
	/// (period, code, published value) still open to challenge
	challengeable: Vec<(u32, PartyCode, u64)>,
	/// (period, code, candidates) of disputes the panel can still vote on
	challenged: Vec<(u32, PartyCode, Vec<u64>)>,
}

fn view() -> View {
	let now = System::block_number();
	let parties: Vec<(PartyCode, AccountId)> =
		pallet_pledges::Parties::<Runtime>::iter().map(|(c, p)| (c, p.controller)).collect();
	let controller_of =
		|c: &PartyCode| parties.iter().find(|(p, _)| p == c).map(|(_, a)| a.clone());
	let cancelled: Vec<u32> = pallet_pledges::CancelledPeriods::<Runtime>::iter_keys().collect();
	let mut pledges = Vec::new();
	for (period, c, pledge) in pallet_pledges::Pledges::<Runtime>::iter() {
		// Nothing is done with a cancelled period's pledges any more: they are refunded.
		if cancelled.contains(&period) {
			continue;
		}
		if let Some(controller) = controller_of(&c) {
			pledges.push((period, c, pledge.cap, controller));
		}
	}
	pledges.sort_by_key(|(p, c, ..)| (*p, *c));
	let mut applied = Vec::new();
	let mut approved = Vec::new();
	for (who, info) in pallet_attestations::Oracles::<Runtime>::iter() {
		if info.status == pallet_attestations::OracleStatus::Approved {
			approved.push(who);
		} else if info.status == pallet_attestations::OracleStatus::Applied {
			applied.push(who);
		}
	}
	applied.sort();
	approved.sort();
	let new_oracles =
		oracles().filter(|o| !pallet_attestations::Oracles::<Runtime>::contains_key(o)).collect();
	let free_controllers = controllers()
		.filter(|a| !pallet_pledges::PartyOfController::<Runtime>::contains_key(a))
		.collect();
	let free_codes = CODES
		.iter()
		.copied()
		.filter(|c| !pallet_pledges::Parties::<Runtime>::contains_key(code(c)))
		.collect();
	let mut transfers: Vec<(u64, AccountId, u32)> = pallet_settlement::Transfers::<Runtime>::iter()
		.map(|(id, t)| (id, t.donor, t.period))
		.collect();
	transfers.sort_by_key(|t| t.0);
	let mut challengeable = Vec::new();
	let mut challenged = Vec::new();
	for (period, c, ..) in &pledges {
		let Some(close) = challenge_close(*period, c) else { continue };
		let dispute = Disputes::dispute(c, *period);
		let open = dispute
			.as_ref()
			.is_none_or(|d| matches!(d.status, pallet_disputes::DisputeStatus::Open));
		let published = pallet_attestations::Verifications::<Runtime>::get(period, c)
			.and_then(|r| r.estimate())
			.map(|e| e.tonnes);
		if let (Some(value), true) = (published, open && now <= close) {
			challengeable.push((*period, *c, value));
		}
		if let Some(d) = dispute.filter(|d| {
			matches!(d.status, pallet_disputes::DisputeStatus::Open) && now <= d.deadline
		}) {
			let mut candidates = vec![d.published];
			candidates.extend(d.claims.iter().map(|claim| claim.tonnes));
			challenged.push((*period, *c, candidates));
		}
	}
	View {
		now,
		cancelled,
		parties,
		pledges,
		applied,
		approved,
		new_oracles,
		free_controllers,
		free_codes,
		transfers,
		challengeable,
		challenged,
	}
}

/// The kinds that can make sense at this block and state, weighted: the kinds bound to a
/// window of the calendar are listed several times, so that the kinds open at any time do not
/// crowd them out.
fn plausible(v: &View) -> Vec<Kind> {
	let mut kinds = Vec::new();
	for kind in sensible(v) {
		let repeat = match kind {
			Kind::RegisterParty
			| Kind::SetController
			| Kind::ApplyAsOracle
			| Kind::ApproveOracle
			| Kind::TopUpOracleBond
			| Kind::CancelPeriod => 1,
			// A value's challenge window is short and rarely open.
			Kind::Challenge => 8,
			// Open disputes are rare and short: vote more often while one is open.
			Kind::Vote => 16,
			_ => 3,
		};
		kinds.extend(std::iter::repeat_n(kind, repeat));
	}
	kinds
}

/// The kinds that can make sense at this block and state.
fn sensible(v: &View) -> Vec<Kind> {
	let live = live_periods(v);
	let before_pledge = live.iter().any(|(_, i)| v.now <= i.pledge_deadline);
	let attesting =
		live.iter().any(|(_, i)| v.now > i.pledge_deadline && v.now <= i.attestation_deadline);
	let before_attestation = live.iter().any(|(_, i)| v.now <= i.attestation_deadline);
	let mut kinds = Vec::new();
	if !v.free_codes.is_empty() && !v.free_controllers.is_empty() {
		kinds.push(Kind::RegisterParty);
	}
	if !v.free_controllers.is_empty() && !v.parties.is_empty() {
		kinds.push(Kind::SetController);
	}
	if before_pledge && !v.parties.is_empty() {
		kinds.push(Kind::SubmitPledge);
	}
	if before_pledge && !v.pledges.is_empty() {
		kinds.push(Kind::StrengthenPledge);
	}
	if before_attestation && !v.pledges.is_empty() {
		kinds.push(Kind::TopUpBond);
		kinds.push(Kind::CreateTransfer);
	}
	if !v.new_oracles.is_empty() {
		kinds.push(Kind::ApplyAsOracle);
	}
	if !v.applied.is_empty() {
		kinds.push(Kind::ApproveOracle);
	}
	if !v.approved.is_empty() {
		kinds.push(Kind::TopUpOracleBond);
	}
	if attesting && !v.approved.is_empty() && !v.pledges.is_empty() {
		kinds.push(Kind::Commit);
	}
	if !revealable(v.now).is_empty() {
		kinds.push(Kind::Reveal);
	}
	if !v.challengeable.is_empty() {
		kinds.push(Kind::Challenge);
	}
	if !v.challenged.is_empty() {
		kinds.push(Kind::Vote);
	}
	if before_pledge && !v.transfers.is_empty() {
		kinds.push(Kind::CancelTransfer);
	}
	// Governance notices late that 2031 was mis-opened: in its last pledge blocks, after 2030's
	// pledge deadline. Only 2031, so that 2030 runs to the end in every sequence and about a
	// third of the sequences cancel.
	if CANCELLABLE.iter().any(|(first, last)| (*first..=*last).contains(&v.now))
		&& v.cancelled.is_empty()
	{
		kinds.push(Kind::CancelPeriod);
	}
	kinds
}

/// The blocks in which the harness favours cancelling 2031: after 2030's pledge deadline, up
/// to 2031's.
const CANCELLABLE: [(BlockNumber, BlockNumber); 1] = [(12, 14)];

/// The periods of [`periods`] governance has not cancelled.
fn live_periods(v: &View) -> Vec<(u32, PeriodInfo<Balance, BlockNumber>)> {
	periods().into_iter().filter(|(p, _)| !v.cancelled.contains(p)).collect()
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// The pledges of `pledges` whose period's calendar satisfies `open`.
fn within(
	pledges: &[(u32, PartyCode, u64, AccountId)],
	open: impl Fn(&PeriodInfo<Balance, BlockNumber>) -> bool,
) -> Vec<(u32, PartyCode, u64, AccountId)> {
	pledges
		.iter()
		.filter(|(p, ..)| periods().iter().any(|(q, i)| q == p && open(i)))
		.cloned()
		.collect()
}

/// Runs one call of `kind`, with targets and values drawn from `s` and the state.
fn execute(kind: Kind, s: &Step, v: &View) -> DispatchResult {
	let any_account = acc((s.pick % 70) as u8 + 1);
	let sloppy = s.value.is_multiple_of(10); // about one call in ten gets a questionable argument
	match kind {
		Kind::RegisterParty => {
			let c = pick(&v.free_codes, s.pick).unwrap_or("AAA");
			let controller = pick(&v.free_controllers, s.pick >> 4).unwrap_or(any_account);
			let origin = if sloppy { signed(&controller) } else { RuntimeOrigin::root() };
			Pledges::register_party(origin, raw(c), name(c), controller)
		}
		Kind::SetController => {
			let (c, controller) =
				pick(&v.parties, s.pick).unwrap_or((code("AAA"), any_account.clone()));
			let new = pick(&v.free_controllers, s.pick >> 4).unwrap_or(any_account.clone());
			let origin = if sloppy { signed(&any_account) } else { signed(&controller) };
			Pledges::set_controller(origin, c.to_raw(), new).map(|_| ()).map_err(|e| e.error)
		}
		Kind::SubmitPledge => {
			// A party and a period it has not pledged for yet, whose pledge window is open.
			let open: Vec<(AccountId, u32)> = v
				.parties
				.iter()
				.flat_map(|(c, controller)| {
					live_periods(v)
						.into_iter()
						.filter(|(p, i)| {
							v.now <= i.pledge_deadline
								&& !v.pledges.iter().any(|(q, d, ..)| q == p && d == c)
						})
						.map(|(p, _)| (controller.clone(), p))
						.collect::<Vec<_>>()
				})
				.collect();
			let (controller, period) = pick(&open, s.pick).unwrap_or((any_account, 2030));
			// The ratchet: at most the party's pledge for the other period, mostly.
			let party = pallet_pledges::PartyOfController::<Runtime>::get(&controller);
			let neighbour = v
				.pledges
				.iter()
				.filter(|(p, c, ..)| Some(*c) == party && *p != period)
				.map(|(_, _, cap, _)| *cap)
				.min();
			let cap = match neighbour {
				Some(e) if !sloppy && period > 2030 => e.saturating_sub(u64::from(s.value % 50)),
				Some(e) if !sloppy => e.saturating_add(u64::from(s.value % 50)),
				_ => 1_000 + u64::from(s.value % 1_000),
			};
			let bond = if sloppy { UNIT } else { 100 * UNIT + Balance::from(s.value % 100) * UNIT };
			Pledges::submit_pledge(signed(&controller), period, cap, bond)
		}
		Kind::StrengthenPledge => {
			let open = within(&v.pledges, |i| v.now <= i.pledge_deadline);
			let (period, _, cap, controller) =
				pick(&open, s.pick).unwrap_or((2030, code("AAA"), 0, any_account));
			let new_cap =
				if sloppy { cap + 1 } else { cap.saturating_sub(1 + u64::from(s.value % 20)) };
			Pledges::strengthen_pledge(signed(&controller), period, new_cap)
		}
		Kind::TopUpBond => {
			let open = within(&v.pledges, |i| v.now <= i.attestation_deadline);
			let (period, _, _, controller) =
				pick(&open, s.pick).unwrap_or((2030, code("AAA"), 0, any_account));
			let amount = if sloppy { 0 } else { Balance::from(1 + s.value % 20) * UNIT };
			Pledges::top_up_bond(signed(&controller), period, amount)
		}
		Kind::ApplyAsOracle => {
			let who = pick(&v.new_oracles, s.pick).unwrap_or(any_account);
			Attestations::apply_as_oracle(signed(&who), name(if sloppy { "" } else { "oracle" }))
		}
		Kind::ApproveOracle => {
			let who = pick(&v.applied, s.pick).unwrap_or(any_account.clone());
			let origin = if sloppy { signed(&any_account) } else { RuntimeOrigin::root() };
			Attestations::approve_oracle(origin, who)
		}
		Kind::TopUpOracleBond => {
			let who = pick(&v.approved, s.pick).unwrap_or(any_account);
			let amount = if sloppy { 0 } else { Balance::from(1 + s.value % 20) * UNIT };
			Attestations::top_up_oracle_bond(signed(&who), amount)
		}
		Kind::Commit => {
			let who = pick(&v.approved, s.pick).unwrap_or(any_account);
			let fitting = within(&v.pledges, |i| {
				v.now > i.pledge_deadline && v.now <= i.attestation_deadline
			});
			let (period, c, cap, _) = pick(&fitting, s.pick >> 4)
				.or_else(|| pick(&v.pledges, s.pick >> 4))
				.unwrap_or((2030, code("AAA"), 1_000, acc(1)));
			// Around the cap, sometimes far off (an outlier to slash).
			let spread = u64::from(s.value % 200);
			let tonnes =
				if s.value.is_multiple_of(7) { cap * 3 } else { cap.saturating_sub(100) + spread };
			// Sometimes an interval, so that some estimates straddle the cap.
			let reading = pacta_primitives::Reading {
				tonnes,
				half_width: u64::from(s.value % 3) * 60,
				evidence: [s.value as u8; 32],
			};
			// The same oracle committing again for the same pledge replaces its commitment.
			let result =
				super::commit(&who, c.as_str(), period, reading).map(|_| ()).map_err(|e| e.error);
			if result.is_ok() {
				SEALED.with(|m| m.borrow_mut().insert((who, period, c), reading));
			}
			result
		}
		Kind::Reveal => {
			let open = revealable(v.now);
			let (who, period, c, reading) = pick(&open, s.pick).unwrap_or((
				any_account,
				2030,
				code("AAA"),
				super::exact(1, H256::zero()),
			));
			// A sloppy reveal changes the value: refused as a mismatch.
			let shown =
				if sloppy { pacta_primitives::Reading { tonnes: 7, ..reading } } else { reading };
			let result =
				super::reveal(&who, c.as_str(), period, shown).map(|_| ()).map_err(|e| e.error);
			if result.is_ok() {
				SEALED.with(|m| m.borrow_mut().remove(&(who, period, c)));
			}
			result
		}
		Kind::Challenge => {
			let (period, c, published) =
				pick(&v.challengeable, s.pick).unwrap_or((2030, code("AAA"), 1_000));
			// Anyone: the party itself (shielding its own value), an oracle, a donor, a panel
			// member (who then loses its vote).
			let challenger = match s.value % 4 {
				0 => v.parties.iter().find(|(p, _)| *p == c).map(|(_, a)| a.clone()),
				1 => pick(&v.approved, s.pick >> 4),
				2 => pick(&donors().collect::<Vec<_>>(), s.pick >> 4),
				_ => pick(&genesis_config_presets::dev_panel(), s.pick >> 4),
			}
			.unwrap_or(any_account);
			// A few distinct claims, so that claims are joined, backed and displaced.
			let tonnes = published.saturating_add(1 + u64::from(s.value % 5) * 50);
			let bond = if sloppy {
				UNIT
			} else {
				configs::MinChallengeBond::get() + Balance::from(s.value % 7) * UNIT
			};
			Disputes::challenge(
				signed(&challenger),
				c.to_raw(),
				period,
				tonnes,
				H256::repeat_byte(s.value as u8),
				bond,
			)
		}
		Kind::Vote => {
			let (period, c, candidates) =
				pick(&v.challenged, s.pick).unwrap_or((2030, code("AAA"), vec![1_000]));
			// A panel member still eligible to vote on this dispute (any panel member when sloppy:
			// affiliated members, challengers and oracles of the value are refused).
			let eligible: Vec<AccountId> = Disputes::dispute(&c, period)
				.map(|d| {
					d.eligible
						.into_iter()
						.filter(|m| !d.votes.iter().any(|(w, _)| w == m))
						.collect()
				})
				.unwrap_or_default();
			let voter = if sloppy { None } else { pick(&eligible, s.pick >> 4) }
				.or_else(|| pick(&genesis_config_presets::dev_panel(), s.pick >> 4))
				.unwrap_or(any_account);
			let tonnes = if sloppy { 7 } else { pick(&candidates, s.pick >> 8).unwrap_or(7) };
			Disputes::vote(signed(&voter), c.to_raw(), period, tonnes)
		}
		Kind::CreateTransfer => {
			let donor = pick(&donors().collect::<Vec<_>>(), s.pick).unwrap_or(any_account);
			let fitting = within(&v.pledges, |i| v.now <= i.attestation_deadline);
			let (period, c, cap, _) = pick(&fitting, s.pick >> 4)
				.or_else(|| pick(&v.pledges, s.pick >> 4))
				.unwrap_or((2030, code("AAA"), 1_000, acc(1)));
			let condition = match s.value % 3 {
				0 => pallet_settlement::Condition::PledgeMet,
				1 => pallet_settlement::Condition::EmissionsAtMost(cap.saturating_sub(50)),
				_ => pallet_settlement::Condition::PerTonneBelowCap { rate: UNIT / 100 },
			};
			let amount = if sloppy { UNIT / 2 } else { Balance::from(1 + s.value % 50) * UNIT };
			Settlement::create_conditional_transfer(
				signed(&donor),
				c.to_raw(),
				period,
				condition,
				amount,
			)
		}
		Kind::CancelTransfer => {
			let (id, donor, _) =
				pick(&v.transfers, s.pick).unwrap_or((0, any_account.clone(), 2030));
			let who = if sloppy { any_account } else { donor };
			Settlement::cancel_conditional_transfer(signed(&who), id)
		}
		Kind::CancelPeriod => {
			// Governance cancels 2031; sloppy: either period (2030 past its pledge deadline:
			// the kill switch, refused) or a party's controller instead of governance.
			let period = if sloppy { pick(&[2030, 2031], s.pick).unwrap_or(2030) } else { 2031 };
			let origin = if sloppy && s.value.is_multiple_of(20) {
				signed(&acc(1))
			} else {
				RuntimeOrigin::root()
			};
			Pledges::cancel_period(origin, period)
		}
	}
}

/// Runs one sequence from a fresh genesis, checking after every block.
fn run_sequence(steps: &[Step], stats: &RefCell<Stats>) -> Result<(), String> {
	SEALED.with(|m| m.borrow_mut().clear());
	super::dev_ext().execute_with(|| {
		setup()?;
		let mut ledger = Ledger::new();
		// The steps are spread over the whole calendar, up to the last challenge deadline, so
		// every window sees calls; `advance` adds jitter.
		let last = periods().iter().map(|(_, i)| i.challenge_deadline).max().unwrap_or_default();
		let count = steps.len().max(1) as BlockNumber;
		for (i, s) in steps.iter().enumerate() {
			let target = 1 + (i as BlockNumber * last) / count + BlockNumber::from(s.advance);
			while System::block_number() < target.min(last) {
				next_block_checked(&mut ledger)?;
			}
			let v = view();
			let candidates = plausible(&v);
			let fitting = s.favour < 248 && !candidates.is_empty();
			let kind = if fitting {
				candidates[usize::from(s.kind) % candidates.len()]
			} else {
				ALL_KINDS[usize::from(s.kind) % ALL_KINDS.len()]
			};
			let result = frame_support::storage::with_storage_layer(|| execute(kind, s, &v));
			stats.borrow_mut().record(kind, fitting, &result);
		}
		// Past every deadline nobody acts: verification, time-outs and settlement run by
		// themselves, until the latest a pledge may settle.
		let latest = periods()
			.iter()
			.map(|(_, i)| i.challenge_deadline.max(i.reveal_deadline + i.challenge_window))
			.max()
			.unwrap_or_default()
			+ periods().iter().map(|(_, i)| i.resolution_window).max().unwrap_or_default()
			+ QUEUE_BLOCKS
			+ 1;
		while System::block_number() <= latest {
			next_block_checked(&mut ledger)?;
		}
		// Every pledge settled exactly once (the ledger refuses a second settlement), and by
		// its bound.
		let pledges = pallet_pledges::Pledges::<Runtime>::iter().count();
		for (period, c, _) in pallet_pledges::Pledges::<Runtime>::iter() {
			let Some(outcome) = pallet_settlement::Outcomes::<Runtime>::get(period, c) else {
				return Err(format!("{c} {period} never settled"));
			};
			let info = periods()
				.into_iter()
				.find(|(p, _)| *p == period)
				.map(|(_, i)| i)
				.ok_or("unknown period")?;
			let published_at = pallet_attestations::Verifications::<Runtime>::get(period, c)
				.map_or(info.reveal_deadline, |r| r.verified_at);
			let cancelled_at = pallet_pledges::CancelledPeriods::<Runtime>::get(period);
			if cancelled_at.is_some() != (outcome.outcome == Outcome::Cancelled) {
				return Err(format!("{c} {period}: outcome {:?}", outcome.outcome));
			}
			let bound = match cancelled_at {
				// Refunded from the block after the cancellation.
				Some(at) => at + 1 + QUEUE_BLOCKS,
				None => {
					info.challenge_deadline.max(published_at + info.challenge_window)
						+ info.resolution_window
						+ QUEUE_BLOCKS
				}
			};
			if outcome.settled_at > bound {
				return Err(format!(
					"{c} {period} settled at #{} after its bound #{bound}",
					outcome.settled_at
				));
			}
		}
		if ledger.settled_count() != pledges {
			return Err(format!("{} settlements for {pledges} pledges", ledger.settled_count()));
		}
		let mut stats = stats.borrow_mut();
		stats.sequences += 1;
		stats.blocks += ledger.blocks;
		stats.settled += pledges as u32;
		Ok(())
	})
}

fn seed() -> [u8; 32] {
	let mut seed = [0u8; 32];
	match std::env::var("PACTA_PROPTEST_SEED") {
		Ok(hex) => {
			for (i, byte) in seed.iter_mut().enumerate() {
				*byte =
					u8::from_str_radix(hex.get(2 * i..2 * i + 2).unwrap_or("00"), 16).unwrap_or(0);
			}
		}
		Err(_) => {
			let nanos = std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.map(|d| d.as_nanos())
				.unwrap_or_default();
			seed[..16].copy_from_slice(&nanos.to_le_bytes());
		}
	}
	seed
}

#[test]
fn random_call_sequences_keep_every_invariant() {
	let cases =
		std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(DEFAULT_CASES);
	let seed = seed();
	let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
	println!("property harness: {cases} sequences, seed PACTA_PROPTEST_SEED={hex}");
	let config = RunnerConfig { cases, failure_persistence: None, ..RunnerConfig::default() };
	let mut runner =
		TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
	let stats = RefCell::new(Stats::default());
	let started = std::time::Instant::now();
	let result = runner.run(&proptest::collection::vec(step(), MIN_CALLS..=MAX_CALLS), |steps| {
		run_sequence(&steps, &stats).map_err(TestCaseError::fail)
	});
	if let Err(e) = result {
		panic!("seed PACTA_PROPTEST_SEED={hex}: {e}");
	}
	let stats = stats.into_inner();
	let total: u32 = stats.calls.values().map(|(a, _)| a).sum();
	println!(
		"{} sequences, {} calls, {} blocks, {} pledges settled, in {:.1?}",
		stats.sequences,
		total,
		stats.blocks,
		stats.settled,
		started.elapsed()
	);
	println!(
		"{:<18} {:>8} {:>8} {:>6} {:>11}  most frequent errors",
		"call kind", "attempts", "ok", "ok %", "plausible"
	);
	for kind in ALL_KINDS {
		let (attempts, ok) = stats.calls.get(&kind).copied().unwrap_or_default();
		let (fitting, fitting_ok) = stats.plausible.get(&kind).copied().unwrap_or_default();
		let share = if attempts == 0 { 0.0 } else { 100.0 * f64::from(ok) / f64::from(attempts) };
		let mut errors: Vec<_> = stats
			.errors
			.iter()
			.filter(|((k, _), _)| *k == kind)
			.map(|((_, e), n)| (*n, e))
			.collect();
		errors.sort_by(|a, b| b.cmp(a));
		let top: Vec<String> = errors.iter().take(3).map(|(n, e)| format!("{e} ×{n}")).collect();
		println!(
			"{:<18} {:>8} {:>8} {:>5.1}% {:>11}  {}",
			format!("{kind:?}"),
			attempts,
			ok,
			share,
			format!("{fitting_ok}/{fitting}"),
			top.join(", ")
		);
	}
	assert!(stats.sequences >= cases, "{} of {cases} sequences ran", stats.sequences);
	assert!(total as usize >= MIN_CALLS * cases as usize, "too few calls: {total}");
	// Coverage: every kind was drawn as a plausible call, and at least a quarter of those
	// succeeded. The deliberately unfitting draws (1 in 32, about 20 a kind) are left out: for
	// the kinds that are rarely plausible (challenges, votes) they were a large, random share of
	// the attempts and made the check flaky (seeds d5ce11c9…: Vote 6 of 42; c548937d…: Challenge
	// 9 of 37, 22 of the failures NotPublished).
	for kind in ALL_KINDS {
		let (attempts, ok) = stats.plausible.get(&kind).copied().unwrap_or_default();
		assert!(attempts > 0, "{kind:?} was never drawn as a plausible call");
		assert!(ok * 4 >= attempts, "{kind:?} succeeded in {ok} of {attempts} plausible attempts");
	}
}
