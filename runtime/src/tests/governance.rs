//! The genesis presets build, and governance is Root or two thirds of the council (directly,
//! by a council motion, and for runtime upgrades through `CouncilRoot`).

use super::{ext_from_preset, pass_motion};
use crate::*;
use frame_support::{assert_noop, traits::EnsureOrigin};
use sp_keyring::Sr25519Keyring;

#[test]
fn presets_are_listed_and_build() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 2);
	ext_from_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		assert_eq!(
			pallet_collective::Members::<Runtime, governance::CouncilCollective>::get().len(),
			3
		);
		assert_eq!(
			Balances::free_balance(Sr25519Keyring::Ferdie.to_account_id()),
			genesis_config_presets::DEV_ENDOWMENT
		);
	});
	ext_from_preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
	});
}

#[test]
fn unknown_preset_is_none() {
	assert!(genesis_config_presets::get_preset(&"mainnet".into()).is_none());
}

#[test]
fn governance_is_root_or_two_thirds_of_the_council() {
	use pallet_collective::RawOrigin as CouncilOrigin;
	let alice = Sr25519Keyring::Alice.to_account_id();
	ext_from_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		assert!(governance::GovernanceOrigin::try_origin(RuntimeOrigin::root()).is_ok());
		let two_of_three: RuntimeOrigin =
			CouncilOrigin::<AccountId, governance::CouncilCollective>::Members(2, 3).into();
		assert!(governance::GovernanceOrigin::try_origin(two_of_three).is_ok());
		let one_of_three: RuntimeOrigin =
			CouncilOrigin::<AccountId, governance::CouncilCollective>::Members(1, 3).into();
		assert!(governance::GovernanceOrigin::try_origin(one_of_three).is_err());
		assert!(
			governance::GovernanceOrigin::try_origin(RuntimeOrigin::signed(alice.clone())).is_err()
		);
	});
}

#[test]
fn a_council_motion_with_two_thirds_passes_governance_calls() {
	ext_from_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		// The council adds Dave to itself through CouncilMembership (a GovernanceOrigin call).
		let dave = Sr25519Keyring::Dave.to_account_id();
		pass_motion(
			pallet_membership::Call::<Runtime, pallet_membership::Instance1>::add_member {
				who: sp_runtime::MultiAddress::Id(dave.clone()),
			}
			.into(),
		);
		assert!(pallet_collective::Members::<Runtime, governance::CouncilCollective>::get()
			.contains(&dave));
		// A single member cannot do it alone.
		assert_noop!(
			CouncilMembership::add_member(
				RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
				sp_runtime::MultiAddress::Id(Sr25519Keyring::Eve.to_account_id())
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn two_thirds_of_the_council_can_authorize_a_runtime_upgrade() {
	ext_from_preset(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let code_hash = sp_core::H256::repeat_byte(7);
		let authorize: RuntimeCall = frame_system::Call::<Runtime>::authorize_upgrade { code_hash }.into();
		// Directly from the council it is refused: FRAME wants Root.
		assert_noop!(
			CouncilRoot::dispatch_as_root(
				RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
				Box::new(authorize.clone())
			),
			sp_runtime::DispatchError::BadOrigin
		);
		pass_motion(council_root::Call::<Runtime>::dispatch_as_root { call: Box::new(authorize) }.into());
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash: h, .. }) if *h == code_hash
		)));
	});
}
