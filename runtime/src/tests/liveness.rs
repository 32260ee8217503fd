//! Liveness under load on the real runtime (issue #18): a value published after its period's
//! challenge deadline, because verification of a large period took longer than the calendar
//! allowed for, still gets its whole challenge window, counted from its publication, and
//! settlement waits for it.

use super::{
	account, approve_oracles, commit, exact,
	invariants::{next_block_checked, Ledger},
	many_pledges, open_binding_period, reveal,
};
use crate::*;
use frame_support::assert_ok;
use pacta_primitives::Estimate;
use pacta_primitives::{PledgeInspect, Verification, VerifiedEmissions};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::*;

const PERIOD: u32 = 2040;
/// More pledges than verification handles in the blocks from the reveal deadline to one after
/// the challenge deadline (about 4,100 a block without attestations).
const PLEDGES: u32 = 9_000;
const PD: BlockNumber = 4;
const AD: BlockNumber = 6;
const RD: BlockNumber = 7;
const CD: BlockNumber = 8;
const CW: BlockNumber = 3;
const RW: BlockNumber = 4;

fn run_to(n: BlockNumber, ledger: &mut Ledger) {
	while System::block_number() < n {
		next_block_checked(ledger).unwrap();
	}
}

/// 9,000 parties pledge; only the pledge verification reaches last is attested (by three
/// oracles, 1,500 t), the others are unverified. Verification of the period runs from block 7
/// and needs four blocks, so that pledge's value is published after the challenge deadline
/// (block 8). Its challenge window still counts from its publication: in the window's last
/// block Bob's challenge is accepted; the pledge settles only once that dispute times out, on
/// the published value, while every other pledge settled right after the challenge deadline.
#[test]
fn a_value_published_after_the_challenge_deadline_still_gets_its_whole_window() {
	super::dev_ext().execute_with(|| {
		open_binding_period(PERIOD, [PD, AD, RD, CD, CW, RW]);
		many_pledges(PERIOD, PLEDGES);
		let last = *Pledges::pledges_page(PERIOD, None, u32::MAX).last().unwrap();
		let oracles = [account(Eve), account(Ferdie), account(AliceStash)];
		approve_oracles(&oracles);
		// From here on the invariants are checked after every block (minting is over).
		let mut ledger = Ledger::new();
		run_to(PD + 1, &mut ledger);
		for who in &oracles {
			assert_ok!(commit(who, last.as_str(), PERIOD, exact(1_500, H256::repeat_byte(1))));
		}
		run_to(AD + 1, &mut ledger);
		for who in &oracles {
			assert_ok!(reveal(who, last.as_str(), PERIOD, exact(1_500, H256::repeat_byte(1))));
		}

		// Verification of the 9,000 pledges takes (nearly) its whole quarter in its first
		// block: it lends settlement almost nothing then.
		run_to(RD + 1, &mut ledger);
		let quarter = configs::MaxVerificationWeight::get();
		let lent = <configs::UnusedVerificationWeight as frame_support::traits::Get<_>>::get();
		assert!(lent.ref_time() < quarter.ref_time() / 10, "lent {lent} of {quarter}");

		run_to(CD + 1, &mut ledger);
		// Verification is still going: the last pledge has no value yet, and others settled.
		assert!(pallet_attestations::Verifications::<Runtime>::get(PERIOD, last).is_none());
		assert!(pallet_settlement::Outcomes::<Runtime>::iter_prefix(PERIOD).next().is_some());
		while pallet_attestations::Verifications::<Runtime>::get(PERIOD, last).is_none() {
			assert!(System::block_number() < CD + 10, "verification does not finish");
			next_block_checked(&mut ledger).unwrap();
		}
		let published_at =
			pallet_attestations::Verifications::<Runtime>::get(PERIOD, last).unwrap().verified_at;
		assert!(published_at > CD, "published in block {published_at}");

		// The last block of its window, counted from publication, not from the deadline.
		let close = published_at + CW;
		run_to(close, &mut ledger);
		assert_eq!(
			Disputes::verification(&last, PERIOD),
			Verification::Published(Estimate::exact(1_500))
		);
		assert!(pallet_settlement::Outcomes::<Runtime>::get(PERIOD, last).is_none());
		assert_ok!(Disputes::challenge(
			RuntimeOrigin::signed(account(Bob)),
			last.to_raw(),
			PERIOD,
			1_000,
			H256::repeat_byte(9),
			100 * UNIT
		));
		let deadline = close + RW;
		assert_eq!(Disputes::dispute(&last, PERIOD).unwrap().deadline, deadline);

		run_to(deadline, &mut ledger);
		assert!(pallet_settlement::Outcomes::<Runtime>::get(PERIOD, last).is_none());
		// Verification is idle now: it lends settlement its whole quarter but the schedule read.
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		assert_eq!(
			<configs::UnusedVerificationWeight as frame_support::traits::Get<_>>::get(),
			quarter.saturating_sub(db.reads(1))
		);
		run_to(deadline + 1, &mut ledger);
		let outcome = pallet_settlement::Outcomes::<Runtime>::get(PERIOD, last).unwrap();
		assert_eq!(
			(outcome.verified, outcome.settled_at),
			(Some(Estimate::exact(1_500)), deadline + 1)
		);
		assert_eq!(
			pallet_settlement::Outcomes::<Runtime>::iter_prefix(PERIOD).count() as u32,
			PLEDGES
		);
	});
}
