//! Runtime-level tests: the genesis presets build, governance is Root or two thirds of the
//! council, and the pallets are wired to each other.

use crate::*;
use frame_support::{assert_noop, assert_ok, traits::EnsureOrigin};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Hash as _, BuildStorage};

fn ext_from_preset(preset: &str) -> sp_io::TestExternalities {
	let json = genesis_config_presets::get_preset(&preset.into()).expect("preset exists");
	let mut config: serde_json::Value = serde_json::from_slice(&json).unwrap();
	// Presets are patches on the default config.
	let mut full = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut full, std::mem::take(&mut config));
	let config: RuntimeGenesisConfig = serde_json::from_value(full).unwrap();
	let storage = config.build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn json_merge(a: &mut serde_json::Value, b: serde_json::Value) {
	match (a, b) {
		(serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
			for (k, v) in b {
				json_merge(a.entry(k).or_insert(serde_json::Value::Null), v);
			}
		}
		(a, b) => *a = b,
	}
}

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

/// Alice proposes `call` with threshold 2, Alice and Bob vote aye, Charlie closes.
fn pass_motion(call: RuntimeCall) {
	let [alice, bob, charlie] =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.map(|k| k.to_account_id());
	let len = codec::Encode::encoded_size(&call) as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, governance::CouncilCollective>::get();
	assert_ok!(Council::propose(RuntimeOrigin::signed(alice.clone()), 2, Box::new(call), len));
	assert_ok!(Council::vote(RuntimeOrigin::signed(alice), hash, index, true));
	assert_ok!(Council::vote(RuntimeOrigin::signed(bob), hash, index, true));
	assert_ok!(Council::close(
		RuntimeOrigin::signed(charlie),
		hash,
		index,
		frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
		len
	));
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

/// The settlement budget is half of the normal class, and the generated weights settle at least
/// 2,000 pledges without conditional transfers in it (the per-block figure of the closing note).
/// Weight arithmetic on the benchmarked weights, not a timing: it fails when regenerated weights
/// or a smaller block no longer meet the target.
#[test]
fn settlement_settles_2000_pledges_per_block_within_half_the_normal_class() {
	use frame_support::dispatch::DispatchClass;
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal class is limited");
	assert_eq!(
		normal.ref_time(),
		1_500 * frame_support::weights::constants::WEIGHT_REF_TIME_PER_MILLIS
	);
	let half = sp_runtime::Perbill::from_percent(50) * normal;
	assert_eq!(configs::MaxSettlementWeight::get(), half);

	let per_pledge = Settlement::per_pledge_weight();
	let per_block = Settlement::pledges_per_block(half);
	println!(
		"settlement: {} ps per pledge (page read included), {} pledges in {} ps",
		per_pledge.ref_time(),
		per_block,
		half.ref_time()
	);
	assert!(per_block >= 2_000, "only {per_block} pledges per block");
}
