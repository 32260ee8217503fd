//! Property tests: random pledges, verifications (some disputed, then resolved), terms and
//! conditional transfers (some cancelled). Whatever happens, settlement conserves value
//! exactly, pays every bond and every escrow exactly once, and pays what the terms and
//! conditions say — checked against a model written independently of `outcome.rs`.

use crate::{
	mock::*, Condition, Deferred, Error, Event, NextTransferId, Outcomes, Schedule, Transfers,
	TransfersByPledge,
};
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::{EnforcementMode, PeriodTerms, Verification};
use proptest::prelude::*;
use sp_runtime::Perbill;
use std::collections::{BTreeMap, BTreeSet};

/// A final verification.
#[derive(Clone, Copy, Debug)]
enum Final {
	Verified(u64),
	Unverified,
}

impl Final {
	fn verification(self) -> Verification {
		match self {
			Final::Verified(tonnes) => Verification::Verified(Estimate::exact(tonnes)),
			Final::Unverified => Verification::Unverified,
		}
	}
}

#[derive(Clone, Debug)]
struct PledgeCase {
	cap: u64,
	bond: Balance,
	result: Final,
	/// Disputed at the challenge deadline, resolved to `result` later.
	disputed: bool,
}

#[derive(Clone, Debug)]
struct TransferCase {
	party: usize,
	donor: usize,
	condition: Condition<Balance>,
	amount: Balance,
	cancel: bool,
}

const DONORS: [AccountId; 3] = [NORWAY, SWEDEN, JAPAN];

fn owner(i: usize) -> AccountId {
	100 + i as AccountId
}

fn controller(i: usize) -> AccountId {
	200 + i as AccountId
}

fn final_strategy() -> impl Strategy<Value = Final> {
	prop_oneof![
		3 => (0u64..3_000).prop_map(Final::Verified),
		1 => Just(Final::Unverified),
	]
}

fn pledge_strategy() -> impl Strategy<Value = PledgeCase> {
	(0u64..2_000, 1u128..5_000, final_strategy(), prop::bool::weighted(0.3))
		.prop_map(|(cap, bond, result, disputed)| PledgeCase { cap, bond, result, disputed })
}

fn condition_strategy() -> impl Strategy<Value = Condition<Balance>> {
	prop_oneof![
		Just(Condition::PledgeMet),
		(0u64..3_000).prop_map(Condition::EmissionsAtMost),
		(1u128..20).prop_map(|rate| Condition::PerTonneBelowCap { rate }),
	]
}

fn transfer_strategy() -> impl Strategy<Value = TransferCase> {
	(
		0usize..8,
		0usize..DONORS.len(),
		condition_strategy(),
		10u128..3_000,
		prop::bool::weighted(0.2),
	)
		.prop_map(|(party, donor, condition, amount, cancel)| TransferCase {
			party,
			donor,
			condition,
			amount,
			cancel,
		})
}

fn terms_strategy() -> impl Strategy<Value = PeriodTerms<Balance>> {
	(any::<bool>(), 0u128..10, 0u32..=100).prop_map(|(binding, penalty_per_tonne, forfeit)| {
		PeriodTerms {
			mode: if binding { EnforcementMode::Binding } else { EnforcementMode::Facilitative },
			penalty_per_tonne,
			unverified_forfeit: Perbill::from_percent(forfeit),
		}
	})
}

/// What the design says a pledge forfeits.
fn model_forfeited(p: &PledgeCase, terms: &PeriodTerms<Balance>) -> Balance {
	if terms.mode == EnforcementMode::Facilitative {
		return 0;
	}
	match p.result {
		Final::Verified(v) if v > p.cap => {
			((v - p.cap) as Balance * terms.penalty_per_tonne).min(p.bond)
		}
		Final::Verified(_) => 0,
		Final::Unverified => {
			p.bond * Balance::from(terms.unverified_forfeit.deconstruct())
				/ Balance::from(Perbill::one().deconstruct())
		}
	}
}

/// What a transfer earns as the design prescribes.
fn model_earned(p: &PledgeCase, t: &TransferCase) -> Balance {
	let Final::Verified(v) = p.result else { return 0 };
	match t.condition {
		Condition::PledgeMet => {
			if v <= p.cap {
				t.amount
			} else {
				0
			}
		}
		Condition::EmissionsAtMost(limit) => {
			if v <= limit {
				t.amount
			} else {
				0
			}
		}
		Condition::PerTonneBelowCap { rate } => {
			(p.cap.saturating_sub(v) as Balance * rate).min(t.amount)
		}
	}
}

/// Every account's free and held balance.
fn accounts() -> BTreeMap<AccountId, (Balance, Balance)> {
	frame_system::Account::<Test>::iter()
		.map(|(who, account)| (who, (account.data.free, account.data.reserved)))
		.collect()
}

fn run_case(
	pledges: Vec<PledgeCase>,
	transfers: Vec<TransferCase>,
	terms: PeriodTerms<Balance>,
	resolve_after: u64,
) {
	let endowed: Vec<_> = (0..pledges.len()).map(|i| (owner(i), 10_000)).collect();
	new_test_ext_with(&endowed).execute_with(|| {
		open(terms.clone());
		for (i, p) in pledges.iter().enumerate() {
			Pacta::register(nth_code(i as u32), controller(i));
			Pacta::pledge(nth_code(i as u32), PERIOD, owner(i), p.cap, p.bond).unwrap();
		}

		// Create the transfers (a pledge takes a bounded number), then cancel some in time.
		let mut open_transfers: BTreeMap<u64, TransferCase> = BTreeMap::new();
		for t in transfers.iter().filter(|t| t.party < pledges.len()) {
			let id = NextTransferId::<Test>::get();
			let created = Settlement::create_conditional_transfer(
				RuntimeOrigin::signed(DONORS[t.donor]),
				nth_code(t.party as u32).to_raw(),
				PERIOD,
				t.condition,
				t.amount,
			);
			match created {
				Ok(()) => {
					open_transfers.insert(id, t.clone());
					// A full pledge's smallest transfer may have been displaced.
					open_transfers.retain(|id, _| Transfers::<Test>::contains_key(id));
				}
				Err(e) => assert_eq!(e, Error::<Test>::TooManyTransfers.into()),
			}
		}
		let mut cancelled = BTreeSet::new();
		for (id, t) in open_transfers.iter().filter(|(_, t)| t.cancel) {
			assert_ok!(Settlement::cancel_conditional_transfer(
				RuntimeOrigin::signed(DONORS[t.donor]),
				*id
			));
			cancelled.insert(*id);
		}
		open_transfers.retain(|id, _| !cancelled.contains(id));

		for (i, p) in pledges.iter().enumerate() {
			let v = if p.disputed { Verification::Disputed } else { p.result.verification() };
			Pacta::verify(nth_code(i as u32), PERIOD, v);
		}
		let before = money();
		let fund_before = free(fund());
		let free_before = accounts();

		run_to_block(CHALLENGE_DEADLINE + resolve_after);
		assert_eq!(money(), before);
		for (i, p) in pledges.iter().enumerate() {
			if p.disputed {
				assert!(Outcomes::<Test>::get(PERIOD, nth_code(i as u32)).is_none());
				Pacta::verify(nth_code(i as u32), PERIOD, p.result.verification());
			}
		}
		run_to_block(CHALLENGE_DEADLINE + resolve_after + 3);

		// Conservation.
		assert_eq!(money(), before);

		// Each bond paid exactly once, as the terms say.
		let mut total_forfeited = 0;
		for (i, p) in pledges.iter().enumerate() {
			let party = nth_code(i as u32);
			assert_eq!(pacta_mock::SettleCalls::<Test>::get(PERIOD, party), 1);
			assert_eq!(bonded(owner(i)), 0);
			let record = Outcomes::<Test>::get(PERIOD, party).expect("settled");
			let forfeited = model_forfeited(p, &terms);
			assert_eq!(record.forfeited, forfeited, "{p:?} {terms:?}");
			assert_eq!(record.released, p.bond - forfeited);
			total_forfeited += forfeited;
		}
		assert_eq!(free(fund()), fund_before + total_forfeited);

		// Each open escrow executed exactly once, as its condition says; cancelled ones never.
		let mut executed: BTreeMap<u64, (Balance, Balance, Option<AccountId>)> = BTreeMap::new();
		for event in events() {
			if let Event::ConditionalTransferExecuted {
				id, earned, refunded, beneficiary, ..
			} = event
			{
				assert!(
					executed.insert(id, (earned, refunded, beneficiary)).is_none(),
					"{id} twice"
				);
			}
		}
		assert_eq!(
			executed.keys().copied().collect::<BTreeSet<_>>(),
			open_transfers.keys().copied().collect()
		);
		let mut earned_by: BTreeMap<AccountId, Balance> = BTreeMap::new();
		for (id, t) in &open_transfers {
			let (earned, refunded, beneficiary) = executed[id];
			let expected = model_earned(&pledges[t.party], t);
			assert_eq!(earned, expected, "{t:?} {:?}", pledges[t.party]);
			assert_eq!(earned + refunded, t.amount);
			if earned > 0 {
				assert_eq!(beneficiary, Some(controller(t.party)));
			}
			*earned_by.entry(controller(t.party)).or_default() += earned;
		}
		for (i, _) in pledges.iter().enumerate() {
			let had = free_before.get(&controller(i)).map_or(0, |(free, _)| *free);
			let expected = earned_by.get(&controller(i)).copied().unwrap_or(0);
			assert_eq!(free(controller(i)) - had, expected);
		}
		assert_eq!(Transfers::<Test>::iter().count(), 0);
		assert_eq!(TransfersByPledge::<Test>::iter().count(), 0);
		for donor in DONORS {
			assert_eq!(escrowed(donor), 0);
		}
		assert!(Schedule::<Test>::get().is_empty());
		assert!(Deferred::<Test>::iter().next().is_none());

		// Nothing more happens afterwards: nothing is paid twice.
		let settled_events = events().len();
		let after = accounts();
		run_to_block(CHALLENGE_DEADLINE + resolve_after + 10);
		assert_eq!(accounts(), after);
		assert_eq!(events().len(), settled_events);

		Settlement::do_try_state().unwrap();
	});
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn settlement_conserves_value_and_pays_everything_exactly_once(
		pledges in prop::collection::vec(pledge_strategy(), 1..8),
		transfers in prop::collection::vec(transfer_strategy(), 0..20),
		terms in terms_strategy(),
		resolve_after in 1u64..4,
	) {
		run_case(pledges, transfers, terms, resolve_after);
	}
}
