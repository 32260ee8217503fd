//! Governance nobody can capture: absent members never count as ayes (a prime with two absent
//! members cannot pass a Root call), and Root through the council cannot reach `Sudo` or raw
//! storage, not even hidden in a batch, a `dispatch_as`, a proxy or a nested motion. On a chain
//! without a sudo key, the only path to one is a runtime upgrade passed by two thirds.

use super::{account, dev_ext, pass_motion};
use crate::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{Contains, Get},
	weights::Weight,
};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Dave};
use sp_runtime::{traits::Hash as _, DispatchError, MultiAddress};

type CouncilCall = pallet_collective::Call<Runtime, governance::CouncilCollective>;

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(k))
}

fn as_root(call: RuntimeCall) -> RuntimeCall {
	council_root::Call::dispatch_as_root { call: Box::new(call) }.into()
}

fn set_key(to: Sr25519Keyring) -> RuntimeCall {
	pallet_sudo::Call::set_key { new: MultiAddress::Id(account(to)) }.into()
}

fn authorize_upgrade() -> RuntimeCall {
	frame_system::Call::authorize_upgrade { code_hash: sp_core::H256::repeat_byte(7) }.into()
}

fn upgrade_authorized() -> bool {
	System::events().iter().any(|r| {
		matches!(r.event, RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { .. }))
	})
}

/// A live chain: the dev preset with its sudo key removed.
fn live_ext() -> sp_io::TestExternalities {
	let mut ext = dev_ext();
	ext.execute_with(|| {
		assert_ok!(Sudo::remove_key(signed(Alice)));
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
	});
	ext
}

/// The result of the last motion the council executed.
fn last_executed() -> Option<sp_runtime::DispatchResult> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => Some(result),
		_ => None,
	})
}

/// The result of the last `CouncilRoot.dispatch_as_root` that got past its checks.
fn last_dispatched_as_root() -> Option<sp_runtime::DispatchResult> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::CouncilRoot(council_root::Event::DispatchedAsRoot { result }) => Some(result),
		_ => None,
	})
}

#[test]
fn a_prime_with_two_absent_members_cannot_pass_a_root_call() {
	live_ext().execute_with(|| {
		assert_ok!(CouncilMembership::set_prime(
			RuntimeOrigin::root(),
			MultiAddress::Id(account(Alice))
		));
		assert_eq!(
			pallet_collective::Prime::<Runtime, governance::CouncilCollective>::get(),
			Some(account(Alice))
		);
		let call = as_root(authorize_upgrade());
		let len = codec::Encode::encoded_size(&call) as u32;
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);

		// Threshold 2 of 3: the prime votes aye, Bob and Charlie stay away until the motion ends.
		assert_ok!(Council::propose(signed(Alice), 2, Box::new(call.clone()), len));
		assert_ok!(Council::vote(signed(Alice), hash, 0, true));
		// Too early to close: the motion is still open and short of ayes.
		assert_noop!(
			Council::close(
				signed(Dave),
				hash,
				0,
				Weight::from_parts(10_000_000_000, 1_000_000),
				len
			),
			pallet_collective::Error::<Runtime, governance::CouncilCollective>::TooEarly
		);
		let end = System::block_number() + CouncilRoot::get();
		System::set_block_number(end + 1);
		assert_ok!(Council::close(
			signed(Dave),
			hash,
			0,
			Weight::from_parts(10_000_000_000, 1_000_000),
			len
		));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Closed { yes: 1, no: 2, .. })
		)));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Disapproved { .. })
		)));
		assert!(!upgrade_authorized());

		// Threshold 1: it executes at once, with one member's voice, which is not governance.
		System::reset_events();
		assert_ok!(Council::propose(signed(Alice), 1, Box::new(call), len));
		assert_eq!(last_executed(), Some(Err(DispatchError::BadOrigin)));
		assert!(!upgrade_authorized());
	});
}

#[test]
fn absent_members_count_as_nays_whatever_the_prime_or_majority() {
	use pallet_collective::DefaultVote;
	for prime in [None, Some(true), Some(false)] {
		for (yes, no) in [(0, 0), (1, 0), (2, 0), (1, 1), (5, 0)] {
			assert!(!governance::AbsentIsNay::default_vote(prime, yes, no, 7));
		}
	}
}

#[test]
fn a_batch_hiding_sudo_set_key_is_refused() {
	live_ext().execute_with(|| {
		let remark: RuntimeCall = frame_system::Call::remark { remark: vec![1] }.into();
		let hidden = pallet_utility::Call::batch_all { calls: vec![remark, set_key(Dave)] }.into();
		pass_motion(as_root(hidden));
		assert_eq!(
			last_executed(),
			Some(Err(council_root::Error::<Runtime>::CallForbidden.into()))
		);
		assert_eq!(last_dispatched_as_root(), None);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
	});
}

#[test]
fn root_through_the_council_never_reaches_sudo_or_raw_storage() {
	let key = pallet_sudo::Key::<Runtime>::hashed_key().to_vec();
	let alice_key = codec::Encode::encode(&account(Alice));
	let remark: RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
	let wrap_utility = |c: RuntimeCall| -> Vec<RuntimeCall> {
		vec![
			pallet_utility::Call::batch { calls: vec![c.clone()] }.into(),
			pallet_utility::Call::force_batch { calls: vec![remark.clone(), c.clone()] }.into(),
			pallet_utility::Call::dispatch_as {
				as_origin: Box::new(frame_system::RawOrigin::Signed(account(Alice)).into()),
				call: Box::new(c.clone()),
			}
			.into(),
			pallet_utility::Call::dispatch_as_fallible {
				as_origin: Box::new(frame_system::RawOrigin::Root.into()),
				call: Box::new(c.clone()),
			}
			.into(),
			pallet_utility::Call::as_derivative { index: 0, call: Box::new(c.clone()) }.into(),
			pallet_utility::Call::with_weight { call: Box::new(c.clone()), weight: Weight::zero() }
				.into(),
			pallet_utility::Call::if_else {
				main: Box::new(remark.clone()),
				fallback: Box::new(c.clone()),
			}
			.into(),
			pallet_proxy::Call::proxy {
				real: MultiAddress::Id(account(Bob)),
				force_proxy_type: None,
				call: Box::new(c.clone()),
			}
			.into(),
			pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![account(Bob)],
				call: Box::new(c.clone()),
			}
			.into(),
			CouncilCall::execute { proposal: Box::new(c.clone()), length_bound: 1_000 }.into(),
			as_root(c),
		]
	};
	let forbidden: Vec<RuntimeCall> = vec![
		set_key(Dave),
		pallet_sudo::Call::sudo { call: Box::new(remark.clone()) }.into(),
		pallet_sudo::Call::remove_key {}.into(),
		frame_system::Call::set_storage { items: vec![(key.clone(), alice_key)] }.into(),
		frame_system::Call::kill_storage { keys: vec![key.clone()] }.into(),
		frame_system::Call::kill_prefix { prefix: key, subkeys: 1 }.into(),
	];
	for bad in forbidden {
		assert!(governance::RootDenyList::contains(&bad), "{bad:?}");
		for wrapped in wrap_utility(bad.clone()) {
			assert!(governance::RootDenyList::contains(&wrapped), "{wrapped:?}");
			// Two levels deep as well.
			for twice in wrap_utility(wrapped) {
				assert!(governance::RootDenyList::contains(&twice));
			}
		}
	}
	// What the council is for passes the list: upgrades, membership, a batch of remarks.
	for ok in [authorize_upgrade(), remark.clone()] {
		assert!(!governance::RootDenyList::contains(&ok));
		for wrapped in wrap_utility(ok) {
			assert!(!governance::RootDenyList::contains(&wrapped), "{wrapped:?}");
		}
	}
	// Nesting deeper than the list inspects is refused as a whole.
	let mut deep = remark;
	for _ in 0..governance::MAX_INSPECTED_DEPTH {
		deep = pallet_utility::Call::batch { calls: vec![deep] }.into();
	}
	assert!(governance::RootDenyList::contains(&deep));
}

#[test]
fn the_only_path_to_a_sudo_key_is_an_upgrade_passed_by_two_thirds() {
	live_ext().execute_with(|| {
		// Directly, by dispatch_as from the council, or by writing the key's storage: refused.
		let key = pallet_sudo::Key::<Runtime>::hashed_key().to_vec();
		for attempt in [
			set_key(Dave),
			pallet_utility::Call::dispatch_as {
				as_origin: Box::new(frame_system::RawOrigin::Root.into()),
				call: Box::new(set_key(Dave)),
			}
			.into(),
			frame_system::Call::set_storage {
				items: vec![(key, codec::Encode::encode(&account(Dave)))],
			}
			.into(),
		] {
			System::reset_events();
			pass_motion(as_root(attempt));
			assert_eq!(
				last_executed(),
				Some(Err(council_root::Error::<Runtime>::CallForbidden.into()))
			);
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		}
		// Nobody signs for sudo any more.
		assert_noop!(
			Sudo::set_key(signed(Alice), MultiAddress::Id(account(Dave))),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
		// A runtime upgrade, authorised by two thirds, goes through.
		System::reset_events();
		pass_motion(as_root(authorize_upgrade()));
		assert_eq!(last_dispatched_as_root(), Some(Ok(())));
		assert!(upgrade_authorized());
	});
}

#[test]
fn the_motion_duration_is_a_chain_setting() {
	dev_ext().execute_with(|| {
		assert_eq!(CouncilRoot::get(), 7 * DAYS);
		// One member alone cannot change it; two thirds can, within the bounds.
		assert_noop!(
			CouncilRoot::set_motion_duration(signed(Alice), HOURS),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CouncilRoot::set_motion_duration(RuntimeOrigin::root(), HOURS - 1),
			council_root::Error::<Runtime>::MotionDurationOutOfRange
		);
		pass_motion(council_root::Call::set_motion_duration { blocks: 3 * DAYS }.into());
		assert_eq!(CouncilRoot::get(), 3 * DAYS);
		// A new motion lapses after the new duration, not before.
		let call: RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
		let index =
			pallet_collective::ProposalCount::<Runtime, governance::CouncilCollective>::get();
		assert_ok!(Council::propose(signed(Bob), 2, Box::new(call), 100));
		let start = System::block_number();
		let close =
			|| Council::close(signed(Dave), hash, index, Weight::from_parts(1_000_000_000, 0), 100);
		System::set_block_number(start + 3 * DAYS - 1);
		assert_noop!(
			close(),
			pallet_collective::Error::<Runtime, governance::CouncilCollective>::TooEarly
		);
		System::set_block_number(start + 3 * DAYS);
		assert_ok!(close());
	});
	// The genesis config sets it.
	let mut config = RuntimeGenesisConfig::default();
	config.council_root.motion_duration = Some(2 * DAYS);
	let mut ext: sp_io::TestExternalities =
		sp_runtime::BuildStorage::build_storage(&config).unwrap().into();
	ext.execute_with(|| assert_eq!(CouncilRoot::get(), 2 * DAYS));
}
