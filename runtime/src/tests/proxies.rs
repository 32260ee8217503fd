//! Institutional keys: the table of calls × proxy types, proxies that cannot widen their own
//! rights, batches that keep the proxy's filter, and a 2-of-3 multisig as a party controller.

use super::{account, dev_ext, pass_motion, raw};
use crate::{proxy_types::ProxyType, *};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::InstanceFilter};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Hash as _, MultiAddress};

/// One sample call of every pallet a proxy type might reach, and a few single calls whose
/// answer differs from their pallet's.
fn samples() -> Vec<(&'static str, RuntimeCall)> {
	let bob = account(Sr25519Keyring::Bob);
	let remark: RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
	vec![
		("System.remark", remark.clone()),
		(
			"Balances.transfer_keep_alive",
			pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(bob.clone()),
				value: 1,
			}
			.into(),
		),
		(
			"Utility.batch_all",
			pallet_utility::Call::batch_all { calls: vec![remark.clone()] }.into(),
		),
		(
			"Multisig.as_multi_threshold_1",
			pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![bob.clone()],
				call: Box::new(remark.clone()),
			}
			.into(),
		),
		(
			"Proxy.proxy",
			pallet_proxy::Call::proxy {
				real: MultiAddress::Id(bob.clone()),
				force_proxy_type: None,
				call: Box::new(remark.clone()),
			}
			.into(),
		),
		(
			"Proxy.add_proxy",
			pallet_proxy::Call::add_proxy {
				delegate: MultiAddress::Id(bob.clone()),
				proxy_type: ProxyType::Any,
				delay: 0,
			}
			.into(),
		),
		(
			"Proxy.reject_announcement",
			pallet_proxy::Call::reject_announcement {
				delegate: MultiAddress::Id(bob.clone()),
				call_hash: Default::default(),
			}
			.into(),
		),
		("Sudo.sudo", pallet_sudo::Call::sudo { call: Box::new(remark.clone()) }.into()),
		(
			"Council.vote",
			pallet_collective::Call::<Runtime, governance::CouncilCollective>::vote {
				proposal: Default::default(),
				index: 0,
				approve: true,
			}
			.into(),
		),
		(
			"CouncilMembership.change_key",
			pallet_membership::Call::<Runtime, pallet_membership::Instance1>::change_key {
				new: MultiAddress::Id(bob.clone()),
			}
			.into(),
		),
		("Pledges.top_up_bond", pallet_pledges::Call::top_up_bond { period: 1, amount: 1 }.into()),
		(
			"Pledges.set_controller",
			pallet_pledges::Call::set_controller { code: raw("DEU"), new: bob.clone() }.into(),
		),
		("Attestations.retire", pallet_attestations::Call::retire {}.into()),
		(
			"Settlement.cancel_conditional_transfer",
			pallet_settlement::Call::cancel_conditional_transfer { id: 0 }.into(),
		),
		(
			"Disputes.vote",
			pallet_disputes::Call::vote { code: raw("DEU"), period: 1, tonnes: 1 }.into(),
		),
		(
			"Disputes.challenge",
			pallet_disputes::Call::challenge {
				code: raw("DEU"),
				period: 1,
				tonnes: 1,
				evidence: Default::default(),
				bond: 1,
			}
			.into(),
		),
	]
}

const TYPES: [ProxyType; 7] = [
	ProxyType::Any,
	ProxyType::NonTransfer,
	ProxyType::Pledging,
	ProxyType::Attesting,
	ProxyType::Governance,
	ProxyType::CancelProxy,
	ProxyType::Reviewing,
];

#[test]
fn the_table_of_calls_by_proxy_type() {
	// Columns: Any, NonTransfer, Pledging, Attesting, Governance, CancelProxy, Reviewing.
	#[rustfmt::skip]
	let expected: &[(&str, [bool; 7])] = &[
		("System.remark",                          [true, true,  false, false, false, false, false]),
		("Balances.transfer_keep_alive",           [true, false, false, false, false, false, false]),
		("Utility.batch_all",                      [true, true,  true,  true,  true,  true,  true ]),
		("Multisig.as_multi_threshold_1",          [true, false, false, false, false, false, false]),
		("Proxy.proxy",                            [true, false, false, false, false, false, false]),
		("Proxy.add_proxy",                        [true, false, false, false, false, false, false]),
		("Proxy.reject_announcement",              [true, false, false, false, false, true,  false]),
		("Sudo.sudo",                              [true, false, false, false, false, false, false]),
		("Council.vote",                           [true, true,  false, false, true,  false, false]),
		("CouncilMembership.change_key",           [true, true,  false, false, false, false, false]),
		("Pledges.top_up_bond",                    [true, true,  true,  false, false, false, false]),
		("Pledges.set_controller",                 [true, true,  true,  false, false, false, false]),
		("Attestations.retire",                    [true, true,  false, true,  false, false, false]),
		("Settlement.cancel_conditional_transfer", [true, false, false, false, false, false, false]),
		("Disputes.vote",                          [true, false, false, false, false, false, true ]),
		("Disputes.challenge",                     [true, false, false, false, false, false, true ]),
	];
	let samples = samples();
	assert_eq!(samples.len(), expected.len());
	for ((name, call), (row, allowed)) in samples.iter().zip(expected) {
		assert_eq!(name, row);
		for (ty, allowed) in TYPES.iter().zip(allowed) {
			assert_eq!(ty.filter(call), *allowed, "{ty:?} × {name}");
		}
	}
}

#[test]
fn superset_order_never_lets_a_role_widen_itself() {
	for a in TYPES {
		assert!(ProxyType::Any.is_superset(&a));
		assert!(a.is_superset(&a));
		for b in TYPES {
			// A superset allows every sample call its subset allows.
			if a.is_superset(&b) {
				for (name, call) in samples() {
					assert!(
						!b.filter(&call) || a.filter(&call),
						"{a:?} ⊇ {b:?} but not for {name}"
					);
				}
			}
		}
		if a != ProxyType::Any {
			assert!(!a.is_superset(&ProxyType::Any));
		}
	}
	// A pledge desk cannot add an `Any` proxy for the ministry, nor anything at all (no `Proxy`).
	dev_ext().execute_with(|| {
		let [alice, bob, dave] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Dave].map(account);
		assert_ok!(Proxy::add_proxy(
			RuntimeOrigin::signed(alice.clone()),
			MultiAddress::Id(bob.clone()),
			ProxyType::Pledging,
			0
		));
		assert_ok!(Proxy::proxy(
			RuntimeOrigin::signed(bob),
			MultiAddress::Id(alice.clone()),
			None,
			Box::new(
				pallet_proxy::Call::add_proxy {
					delegate: MultiAddress::Id(dave.clone()),
					proxy_type: ProxyType::Any,
					delay: 0
				}
				.into()
			)
		));
		assert_proxy_result(Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		assert_eq!(pallet_proxy::Proxies::<Runtime>::get(&alice).0.len(), 1);
	});
}

/// The result of the last `Proxy.proxy` call.
fn assert_proxy_result(expected: sp_runtime::DispatchResult) {
	let found = System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
		_ => None,
	});
	assert_eq!(found, Some(expected));
}

#[test]
fn a_batch_keeps_the_proxy_filter_on_every_inner_call() {
	dev_ext().execute_with(|| {
		let [alice, bob, dave] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Dave].map(account);
		assert_ok!(Proxy::add_proxy(
			RuntimeOrigin::signed(alice.clone()),
			MultiAddress::Id(bob.clone()),
			ProxyType::Attesting,
			0
		));
		let before = Balances::free_balance(&dave);
		let transfer: RuntimeCall = pallet_balances::Call::transfer_keep_alive {
			dest: MultiAddress::Id(dave.clone()),
			value: UNIT,
		}
		.into();
		// Directly: filtered.
		assert_ok!(Proxy::proxy(
			RuntimeOrigin::signed(bob.clone()),
			MultiAddress::Id(alice.clone()),
			None,
			Box::new(transfer.clone())
		));
		assert_proxy_result(Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		// Hidden in a batch: the inner call is filtered too, and the batch fails as a whole.
		assert_ok!(Proxy::proxy(
			RuntimeOrigin::signed(bob.clone()),
			MultiAddress::Id(alice.clone()),
			None,
			Box::new(pallet_utility::Call::batch_all { calls: vec![transfer] }.into())
		));
		assert_proxy_result(Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		assert_eq!(Balances::free_balance(&dave), before);
		// What the role is for goes through (the pallet then checks the account itself).
		assert_ok!(Proxy::proxy(
			RuntimeOrigin::signed(bob),
			MultiAddress::Id(alice),
			None,
			Box::new(pallet_attestations::Call::retire {}.into())
		));
		assert_proxy_result(Err(pallet_attestations::Error::<Runtime>::NotOracle.into()));
	});
}

#[test]
fn a_two_of_three_multisig_controls_a_party() {
	dev_ext().execute_with(|| {
		let [alice, bob, charlie, dave] = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]
		.map(account);
		let mut signatories = vec![alice.clone(), bob.clone(), charlie.clone()];
		signatories.sort();
		let ministry = Multisig::multi_account_id(&signatories, 2);
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(alice.clone()),
			MultiAddress::Id(ministry.clone()),
			10_000 * UNIT
		));
		pass_motion(
			pallet_pledges::Call::register_party {
				code: raw("DEU"),
				name: b"Germany".to_vec().try_into().unwrap(),
				controller: ministry.clone(),
			}
			.into(),
		);
		assert_eq!(Pledges::party(&super::code("DEU")).unwrap().controller, ministry);
		// One signatory alone cannot act for the ministry (here: rotate its key to Dave's).
		let rotate: RuntimeCall =
			pallet_pledges::Call::set_controller { code: raw("DEU"), new: dave.clone() }.into();
		let others =
			|me: &AccountId| signatories.iter().filter(|a| *a != me).cloned().collect::<Vec<_>>();
		assert_noop!(
			Pledges::set_controller(RuntimeOrigin::signed(alice.clone()), raw("DEU"), dave.clone()),
			pallet_pledges::Error::<Runtime>::NotController
		);
		// Two of three: Alice opens, Bob approves and executes.
		let weight = rotate.get_dispatch_info().call_weight;
		assert_ok!(Multisig::as_multi(
			RuntimeOrigin::signed(alice.clone()),
			2,
			others(&alice),
			None,
			Box::new(rotate.clone()),
			weight
		));
		let when = pallet_multisig::Multisigs::<Runtime>::get(
			&ministry,
			<Runtime as frame_system::Config>::Hashing::hash_of(&rotate).0,
		)
		.unwrap()
		.when;
		assert_ok!(Multisig::as_multi(
			RuntimeOrigin::signed(bob.clone()),
			2,
			others(&bob),
			Some(when),
			Box::new(rotate),
			weight
		));
		assert_eq!(Pledges::party(&super::code("DEU")).unwrap().controller, dave);
	});
}
