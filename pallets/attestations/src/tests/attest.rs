//! Sealed attestations: committing (who, when, for whom, replacing), revealing (the window, the
//! hash check, once only), what can be read before the reveal, and the batches.

use super::*;
use crate::{
	mock::*, Attestations as AttestationsStorage, CommitItem, Error, Event, Oracles, RevealItem,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
	BoundedVec,
};
use sp_core::H256;

#[test]
fn a_commit_stores_and_announces_only_the_hash() {
	test(|| {
		standard_setup();
		let secret = reading(1, 750, 30);
		assert_ok!(commit_reading(1, "DEU", PERIOD, secret));
		let list = AttestationsStorage::<Test>::get(PERIOD, deu());
		assert_eq!(list.len(), 1);
		assert_eq!(list[0].oracle, 1);
		assert_eq!(list[0].commitment, sealed(1, "DEU", PERIOD, &secret));
		assert_eq!(list[0].reading, None);
		assert_eq!(list[0].at, PLEDGE_DEADLINE + 1);
		assert_eq!(
			events().last(),
			Some(&Event::Committed {
				oracle: 1,
				code: deu(),
				period: PERIOD,
				commitment: sealed(1, "DEU", PERIOD, &secret),
				replaced: false,
			})
		);
		// Nothing stored or announced contains the value, the half-width or the evidence.
		let stored = codec::Encode::encode(&list);
		let needle = codec::Encode::encode(&750u64);
		assert!(!stored.windows(needle.len()).any(|w| w == needle.as_slice()));
		assert!(!stored.windows(32).any(|w| w == secret.evidence));
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 1);
	});
}

#[test]
fn a_first_commit_is_free_and_a_replacement_pays() {
	test(|| {
		standard_setup();
		let first = Attestations::commit(
			RuntimeOrigin::signed(1),
			raw("DEU"),
			PERIOD,
			sealed(1, "DEU", PERIOD, &reading(1, 750, 0)),
		);
		assert_eq!(first.map(|i: PostDispatchInfo| i.pays_fee), Ok(Pays::No));
		let again = Attestations::commit(
			RuntimeOrigin::signed(1),
			raw("DEU"),
			PERIOD,
			sealed(1, "DEU", PERIOD, &reading(1, 740, 0)),
		);
		assert_eq!(again.map(|i| i.pays_fee), Ok(Pays::Yes));
		// A failed commit is no free channel either: its fee is taken before dispatch.
		assert!(Attestations::commit(RuntimeOrigin::signed(10), raw("DEU"), PERIOD, H256::zero())
			.is_err());
	});
}

#[test]
fn committing_again_before_the_deadline_replaces_the_commitment() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		assert_ok!(attest(2, "DEU", 760));
		run_to_block(ATTESTATION_DEADLINE);
		let new = reading(1, 740, 0);
		assert_ok!(commit_reading(1, "DEU", PERIOD, new));
		assert_eq!(
			events().last(),
			Some(&Event::Committed {
				oracle: 1,
				code: deu(),
				period: PERIOD,
				commitment: sealed(1, "DEU", PERIOD, &new),
				replaced: true,
			})
		);
		let list = AttestationsStorage::<Test>::get(PERIOD, deu());
		assert_eq!(list.len(), 2);
		let mine = list.iter().find(|a| a.oracle == 1).unwrap();
		assert_eq!(
			(mine.commitment, mine.at),
			(sealed(1, "DEU", PERIOD, &new), ATTESTATION_DEADLINE)
		);
		// Replacing does not count twice towards retiring.
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 1);
		// Only the latest commitment can be revealed.
		run_to_block(ATTESTATION_DEADLINE + 1);
		assert_noop!(
			reveal(1, "DEU", PERIOD, &reading(1, 750, 0)),
			Error::<Test>::CommitmentMismatch
		);
		assert_ok!(reveal(1, "DEU", PERIOD, &new));
	});
}

#[test]
fn a_reveal_must_match_the_commitment_in_every_field() {
	test(|| {
		standard_setup();
		let honest = reading(1, 750, 20);
		assert_ok!(commit_reading(1, "DEU", PERIOD, honest));
		run_to_block(ATTESTATION_DEADLINE + 1);
		let item = |r: &Reading, salt: [u8; 32]| {
			Attestations::reveal(
				RuntimeOrigin::signed(1),
				raw("DEU"),
				PERIOD,
				r.tonnes,
				r.half_width,
				H256(r.evidence),
				salt,
			)
			.map(|_| ())
			.map_err(|e| e.error)
		};
		let mismatch = || Error::<Test>::CommitmentMismatch;
		// A wrong salt, a changed value, half-width or evidence: refused.
		assert_noop!(item(&honest, [0; 32]), mismatch());
		assert_noop!(item(&Reading { tonnes: 751, ..honest }, salt(1)), mismatch());
		assert_noop!(item(&Reading { half_width: 0, ..honest }, salt(1)), mismatch());
		assert_noop!(item(&Reading { evidence: [9; 32], ..honest }, salt(1)), mismatch());
		// Another oracle cannot reveal it (the account is inside the hash, and it has no
		// commitment of its own).
		assert_noop!(reveal(2, "DEU", PERIOD, &honest), Error::<Test>::NotCommitted);
		assert_ok!(item(&honest, salt(1)));
		let list = AttestationsStorage::<Test>::get(PERIOD, deu());
		assert_eq!(list[0].reading, Some(honest));
		assert_eq!(
			events().last(),
			Some(&Event::Revealed {
				oracle: 1,
				code: deu(),
				period: PERIOD,
				tonnes: 750,
				half_width: 20,
				evidence: H256(honest.evidence),
			})
		);
		// Once only.
		assert_noop!(item(&honest, salt(1)), Error::<Test>::AlreadyRevealed);
	});
}

#[test]
fn a_reveal_is_accepted_only_in_the_reveal_window() {
	test(|| {
		standard_setup();
		let r = reading(1, 750, 0);
		assert_ok!(commit_reading(1, "DEU", PERIOD, r));
		assert_ok!(commit_reading(2, "DEU", PERIOD, reading(2, 760, 0)));
		run_to_block(ATTESTATION_DEADLINE);
		assert_noop!(reveal(1, "DEU", PERIOD, &r), Error::<Test>::RevealWindowNotOpen);
		run_to_block(REVEAL_DEADLINE);
		assert_ok!(reveal(1, "DEU", PERIOD, &r));
		run_to_block(REVEAL_DEADLINE + 1);
		assert_noop!(
			reveal(2, "DEU", PERIOD, &reading(2, 760, 0)),
			Error::<Test>::RevealDeadlinePassed
		);
		assert_noop!(reveal(3, "DEU", PERIOD, &r), Error::<Test>::RevealDeadlinePassed);
	});
}

#[test]
fn a_removed_or_suspended_oracle_still_reveals_what_it_committed() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 1));
		run_to_block(ATTESTATION_DEADLINE + 1);
		assert_ok!(reveal(1, "DEU", PERIOD, &reading(1, 750, 0)));
	});
}

#[test]
fn an_oracle_cannot_retire_between_commit_and_reveal() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		assert_noop!(
			Attestations::retire(RuntimeOrigin::signed(1)),
			Error::<Test>::AttestationsPending
		);
	});
}

fn commit_item(oracle: u64, party: &str, r: &Reading) -> CommitItem {
	CommitItem { code: raw(party), period: PERIOD, commitment: sealed(oracle, party, PERIOD, r) }
}

fn reveal_item(oracle: u64, party: &str, r: &Reading) -> RevealItem {
	RevealItem {
		code: raw(party),
		period: PERIOD,
		tonnes: r.tonnes,
		half_width: r.half_width,
		evidence: H256(r.evidence),
		salt: salt(oracle),
	}
}

/// `MAX_BATCH` parties with pledges: DEU, BRA and two more.
fn batch_parties() -> Vec<&'static str> {
	let parties = vec!["DEU", "BRA", "FRA", "IND"];
	for p in &parties[2..] {
		add_party(code(p), 200);
		add_pledge(code(p), PERIOD);
	}
	assert_eq!(parties.len(), MAX_BATCH as usize);
	parties
}

#[test]
fn a_full_batch_commits_and_reveals_every_item_for_free() {
	test(|| {
		standard_setup();
		let parties = batch_parties();
		let readings: Vec<Reading> =
			(0..MAX_BATCH as u64).map(|i| reading(1, 700 + i, i)).collect();
		let commits: BoundedVec<_, _> = parties
			.iter()
			.zip(&readings)
			.map(|(p, r)| commit_item(1, p, r))
			.collect::<Vec<_>>()
			.try_into()
			.unwrap();
		let info = Attestations::commit_batch(RuntimeOrigin::signed(1), commits).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		let committed = events()
			.iter()
			.filter(|e| matches!(e, Event::Committed { replaced: false, .. }))
			.count();
		assert_eq!(committed, MAX_BATCH as usize);
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, MAX_BATCH);

		run_to_block(ATTESTATION_DEADLINE + 1);
		let reveals: BoundedVec<_, _> = parties
			.iter()
			.zip(&readings)
			.map(|(p, r)| reveal_item(1, p, r))
			.collect::<Vec<_>>()
			.try_into()
			.unwrap();
		let info = Attestations::reveal_batch(RuntimeOrigin::signed(1), reveals).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		for (p, r) in parties.iter().zip(&readings) {
			assert_eq!(AttestationsStorage::<Test>::get(PERIOD, code(p))[0].reading, Some(*r));
		}
		let revealed = events().iter().filter(|e| matches!(e, Event::Revealed { .. })).count();
		assert_eq!(revealed, MAX_BATCH as usize);
	});
}

#[test]
fn a_batch_cannot_exceed_its_bound_or_be_empty() {
	test(|| {
		standard_setup();
		let too_many: Vec<CommitItem> =
			(0..=MAX_BATCH).map(|_| commit_item(1, "DEU", &reading(1, 1, 0))).collect();
		assert!(BoundedVec::<CommitItem, frame_support::traits::ConstU32<MAX_BATCH>>::try_from(
			too_many
		)
		.is_err());
		assert_noop!(
			Attestations::commit_batch(RuntimeOrigin::signed(1), BoundedVec::new()),
			Error::<Test>::EmptyBatch
		);
		assert_noop!(
			Attestations::reveal_batch(RuntimeOrigin::signed(1), BoundedVec::new()),
			Error::<Test>::EmptyBatch
		);
	});
}

#[test]
fn a_bad_batch_item_fails_alone_and_the_batch_pays() {
	test(|| {
		standard_setup();
		let parties = batch_parties();
		let r = reading(1, 700, 0);
		// Item 2 names a party without a pledge.
		let items: Vec<CommitItem> = vec![
			commit_item(1, parties[0], &r),
			commit_item(1, parties[1], &r),
			commit_item(1, "USA", &r),
			commit_item(1, parties[3], &r),
		];
		let info = Attestations::commit_batch(RuntimeOrigin::signed(1), items.try_into().unwrap())
			.unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);
		assert!(events()
			.contains(&Event::BatchItemFailed { index: 2, error: Error::<Test>::NoPledge.into() }));
		for p in [parties[0], parties[1], parties[3]] {
			assert_eq!(AttestationsStorage::<Test>::get(PERIOD, code(p)).len(), 1);
		}
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 3);

		// A batch that replaces a commitment pays as well.
		let again = vec![commit_item(1, parties[0], &reading(1, 701, 0))];
		let info = Attestations::commit_batch(RuntimeOrigin::signed(1), again.try_into().unwrap())
			.unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);

		// Reveals: a wrong one fails alone; the right ones land.
		run_to_block(ATTESTATION_DEADLINE + 1);
		let reveals = vec![
			reveal_item(1, parties[0], &reading(1, 701, 0)),
			reveal_item(1, parties[1], &reading(1, 999, 0)),
			reveal_item(1, parties[3], &r),
		];
		let info =
			Attestations::reveal_batch(RuntimeOrigin::signed(1), reveals.try_into().unwrap())
				.unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);
		assert!(events().contains(&Event::BatchItemFailed {
			index: 1,
			error: Error::<Test>::CommitmentMismatch.into()
		}));
		assert!(AttestationsStorage::<Test>::get(PERIOD, code(parties[0]))[0].is_revealed());
		assert!(!AttestationsStorage::<Test>::get(PERIOD, code(parties[1]))[0].is_revealed());
		assert!(AttestationsStorage::<Test>::get(PERIOD, code(parties[3]))[0].is_revealed());
	});
}

#[test]
fn attesting_before_the_window_is_refused() {
	test(|| {
		standard_setup();
		System::set_block_number(PLEDGE_DEADLINE);
		assert_noop!(attest(1, "DEU", 750), Error::<Test>::PledgeDeadlineNotPassed);
	});
}

#[test]
fn attesting_after_the_window_is_refused() {
	test(|| {
		standard_setup();
		System::set_block_number(ATTESTATION_DEADLINE);
		assert_ok!(attest(1, "DEU", 750));
		System::set_block_number(ATTESTATION_DEADLINE + 1);
		assert_noop!(attest(2, "DEU", 750), Error::<Test>::AttestationDeadlinePassed);
		// Revisions too.
		assert_noop!(attest(1, "DEU", 700), Error::<Test>::AttestationDeadlinePassed);
	});
}

#[test]
fn attesting_as_a_non_oracle_is_refused() {
	test(|| {
		standard_setup();
		assert_noop!(attest(10, "DEU", 750), Error::<Test>::NotOracle);
		// A party's controller is no oracle either.
		assert_noop!(attest(DEU_CONTROLLER, "DEU", 750), Error::<Test>::NotOracle);
	});
}

#[test]
fn attesting_as_an_applicant_is_refused() {
	test(|| {
		standard_setup();
		assert_ok!(Attestations::apply_as_oracle(RuntimeOrigin::signed(10), name("Applicant")));
		assert_noop!(attest(10, "DEU", 750), Error::<Test>::OracleNotApproved);
	});
}

#[test]
fn attesting_as_a_removed_oracle_is_refused() {
	test(|| {
		standard_setup();
		assert_ok!(attest(1, "DEU", 750));
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 1));
		assert_noop!(attest(1, "DEU", 700), Error::<Test>::OracleRemoved);
		assert_noop!(attest(1, "BRA", 700), Error::<Test>::OracleRemoved);
	});
}

#[test]
fn attesting_for_an_unknown_party_or_pledge_is_refused() {
	test(|| {
		standard_setup();
		assert_noop!(attest(1, "FRA", 750), Error::<Test>::NoPledge);
		add_party(code("FRA"), 102);
		assert_noop!(attest(1, "FRA", 750), Error::<Test>::NoPledge);
		assert_noop!(attest(1, "deu", 750), Error::<Test>::InvalidPartyCode);
		assert_noop!(attest(1, "DEUT", 750), Error::<Test>::InvalidPartyCode);
	});
}

#[test]
fn attesting_for_an_unknown_period_is_refused() {
	test(|| {
		standard_setup();
		assert_noop!(attest_in(1, "DEU", 2031, 750), Error::<Test>::UnknownPeriod);
	});
}

#[test]
fn at_most_max_oracles_attest_per_pledge() {
	test(|| {
		standard_setup();
		for o in 6..=(MAX_ORACLES as u64 + 1) {
			new_oracle(o);
		}
		for o in 1..=(MAX_ORACLES as u64) {
			assert_ok!(attest(o, "DEU", 750));
		}
		assert_noop!(
			attest(MAX_ORACLES as u64 + 1, "DEU", 750),
			Error::<Test>::TooManyAttestations
		);
		// Revisions still work when full.
		assert_ok!(attest(1, "DEU", 760));
		// Other parties are unaffected.
		assert_ok!(attest(MAX_ORACLES as u64 + 1, "BRA", 750));
	});
}

#[test]
fn attesting_in_an_unscheduled_period_is_refused() {
	test(|| {
		standard_setup();
		open_period(2031, 10, 20, 30);
		open_period(2032, 10, 20, 30);
		// The schedule (3 periods) is full: 2033 is opened in the calendar but not scheduled.
		open_period(2033, 10, 20, 30);
		assert_eq!(events().last(), Some(&Event::ScheduleFull { period: 2033 }));
		add_pledge(deu(), 2033);
		assert_noop!(attest_in(1, "DEU", 2033, 750), Error::<Test>::PeriodNotScheduled);
	});
}

#[test]
fn a_batch_from_an_oracle_that_may_not_commit_fails_whole() {
	test(|| {
		standard_setup();
		let items = vec![commit_item(10, "DEU", &reading(10, 1, 0))];
		assert_noop!(
			Attestations::commit_batch(
				RuntimeOrigin::signed(10),
				items.clone().try_into().unwrap()
			),
			Error::<Test>::NotOracle
		);
		assert_ok!(Attestations::remove_oracle(RuntimeOrigin::root(), 1));
		assert_noop!(
			Attestations::commit_batch(RuntimeOrigin::signed(1), items.try_into().unwrap()),
			Error::<Test>::OracleRemoved
		);
	});
}

#[test]
fn a_batch_over_two_periods_checks_each_window() {
	test(|| {
		standard_setup();
		// 2031 takes commits only from block 15 on: its item fails, DEU's lands.
		open_period(2031, 15, 40, 50);
		add_pledge(deu(), 2031);
		let items = vec![
			CommitItem { code: raw("DEU"), period: 2031, commitment: H256::repeat_byte(1) },
			commit_item(1, "DEU", &reading(1, 700, 0)),
			CommitItem { code: raw("BRA"), period: 2031, commitment: H256::repeat_byte(2) },
		];
		let info = Attestations::commit_batch(RuntimeOrigin::signed(1), items.try_into().unwrap())
			.unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);
		let failed: Vec<u32> = events()
			.iter()
			.filter_map(|e| match e {
				Event::BatchItemFailed { index, error } => {
					assert_eq!(*error, Error::<Test>::PledgeDeadlineNotPassed.into());
					Some(*index)
				}
				_ => None,
			})
			.collect();
		assert_eq!(failed, vec![0, 2]);
		assert_eq!(AttestationsStorage::<Test>::get(PERIOD, deu()).len(), 1);
		assert_eq!(Oracles::<Test>::get(1).unwrap().unfinal, 1);
	});
}

/// Attack pinned (copying a sealed value): oracle 2 commits oracle 1's commitment unchanged,
/// waits for 1's reveal and replays it. The oracle's account is inside the hash, so the copy
/// never matches: 2 cannot reveal, counts as withheld and is slashed more than an outlier.
#[test]
fn a_copied_commitment_cannot_be_revealed_by_the_copier() {
	test(|| {
		standard_setup();
		let honest = reading(1, 750, 10);
		assert_ok!(commit_reading(1, "DEU", PERIOD, honest));
		let copied = sealed(1, "DEU", PERIOD, &honest);
		assert_ok!(Attestations::commit(RuntimeOrigin::signed(2), raw("DEU"), PERIOD, copied));
		run_to_block(ATTESTATION_DEADLINE + 1);
		assert_ok!(reveal(1, "DEU", PERIOD, &honest));
		// Oracle 2 replays 1's reveal, salt included.
		let replay = Attestations::reveal(
			RuntimeOrigin::signed(2),
			raw("DEU"),
			PERIOD,
			honest.tonnes,
			honest.half_width,
			H256(honest.evidence),
			salt(1),
		)
		.map(|_| ())
		.map_err(|e| e.error);
		assert_noop!(replay, Error::<Test>::CommitmentMismatch);
	});
}
