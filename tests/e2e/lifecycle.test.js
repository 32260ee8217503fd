// The whole lifecycle of a reporting period on a fresh dev chain, with short deadlines:
//
//   governance   DEU and BRA registered and 2030 opened through sudo; IND registered through a
//                Council motion carried by two thirds (Alice proposes, Alice + Bob vote, close)
//   parties      pledges with bonds; a donor escrows a PerTonneBelowCap transfer for DEU
//   oracles      three apply, are approved and attest; one is far off for BRA; IND gets two
//   the chain    verifies by itself (the outlier is slashed 10% of its bond into the fund)
//   challenge    BRA challenges its verified value, governance corrects it
//   the chain    settles by itself with no further extrinsic: DEU compliant (bond back, the
//                transfer pays exactly what was earned and refunds the rest), BRA breached
//                (exactly overshoot × penalty_per_tonne forfeited to the climate fund), IND
//                unverified (its unverified share forfeited)
//
// Exact balances are checked, and pacta_complianceReport must show all of it. Unauthorised and
// malformed calls fail with their named errors along the way.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import {
  startNode,
  devAccounts,
  sendAll,
  waitForBlock,
  rpcCall,
  RpcError,
} from '../lib/node.js';

const UNIT = 1_000_000_000_000n; // 1 PACT
const MILLI = 1_000_000_000n; // 0.001 PACT, also the existential deposit
const PERIOD = 2030;

let node;
before(async () => {
  node = await startNode();
});
after(async () => {
  if (node) await node.stop();
});

/** Asserts every result fulfilled, naming the failures. */
function allOk(results, labels) {
  const failed = results
    .map((r, i) => (r.status === 'rejected' ? `${labels[i]}: ${r.reason?.message}` : null))
    .filter(Boolean);
  assert.deepEqual(failed, [], 'every transaction succeeded');
}

/** Asserts a result failed with the named dispatch error. */
function failedWith(result, name) {
  assert.equal(result.status, 'rejected', `expected ${name}, but the call succeeded`);
  assert.equal(result.reason.dispatchError, name, `expected ${name}, got ${result.reason.message}`);
}

async function blockNumberOf(api, hash) {
  return (await api.rpc.chain.getHeader(hash)).number.toNumber();
}

async function head(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** free and reserved of `who`, at block `hash` (best block when omitted). */
async function balance(api, who, hash) {
  const at = hash ? await api.at(hash) : api;
  const { data } = await at.query.system.account(who);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
}

/** The amount held from `who` with hold reason `reason` (e.g. 'PledgeBond'). */
async function held(api, who, reason) {
  const holds = await api.query.balances.holds(who);
  return holds
    .filter((h) => JSON.stringify(h.id.toHuman()).includes(reason))
    .reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
}

function eventOf(api, results, index, pallet, name) {
  const { events } = results[index].value;
  const found = events.find(({ event }) => api.events[pallet][name].is(event));
  assert.ok(found, `${pallet}.${name} emitted`);
  return found.event;
}

test('a reporting period from registration to automatic settlement', async (t) => {
  const { api, rpcPort } = node;
  const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const farOff = keyring.addFromUri('//Alice//stash'); // the third oracle, far off for BRA
  const donor = keyring.addFromUri('//Bob//stash');
  const intruder = keyring.addFromUri('//Charlie//stash');
  const rpc = (method, params) => rpcCall(rpcPort, method, params);
  const evidence = (text) => blake2AsHex(text);

  // The calendar, relative to now, in blocks (6 s each). Each wave of transactions below is
  // sent as soon as the previous one is in a block, so it lands in the next block; the offsets
  // are the waves each window must hold plus spare blocks for a wave that slips by one (the
  // test waits for every deadline, so each spare block costs 6 s of the run).
  const now = await head(api);
  const PD = now + 6; // pledge deadline: 4 waves (#now+1..#now+4) + 2 spare
  const AD = PD + 2; // attestation deadline: 1 wave (#PD+1) + 1 spare; verification in AD + 1
  const RD = AD + 1; // reveal deadline: recorded only until sealed attestations land
  const CD = AD + 4; // challenge deadline: 2 waves (#AD+2, #AD+3) + 1 spare; settlement in CD + 1
  const CHALLENGE_WINDOW = 2; // recorded only until the disputes pallet lands
  const RESOLUTION_WINDOW = 3; // likewise
  t.diagnostic(
    `now #${now}, pledge deadline #${PD}, attestation #${AD}, reveal #${RD}, challenge #${CD}`,
  );

  const fund = await rpc('pacta_climateFund', []);
  assert.deepEqual(fund.balance, MILLI.toString(), 'the fund starts with the existential deposit');
  assert.equal(fund.spendable, '0');
  for (const who of [farOff, donor, intruder]) {
    assert.ok((await balance(api, who.address)).free >= 10_000n * UNIT, 'stash accounts are endowed');
  }

  let motion;
  await t.test('governance: parties and a period through sudo, a motion proposed', async () => {
    const india = api.tx.pledges.registerParty('IND', 'India', dave.address);
    const labels = [
      'register DEU', 'register BRA', 'open 2030', 'propose IND', 'register "de"',
      'eve applies', 'eve attests unapproved', 'ferdie applies', 'far-off applies',
      'intruder pledges', 'bob approves an oracle',
    ];
    const results = await sendAll(api, [
      [api.tx.sudo.sudo(api.tx.pledges.registerParty('DEU', 'Germany', bob.address)), alice],
      [api.tx.sudo.sudo(api.tx.pledges.registerParty('BRA', 'Brazil', charlie.address)), alice],
      [
        api.tx.sudo.sudo(
          api.tx.pledges.openPeriod(PERIOD, PD, AD, RD, CD, CHALLENGE_WINDOW, RESOLUTION_WINDOW, {
            mode: 'Binding',
            penaltyPerTonne: UNIT,
            unverifiedForfeit: 500_000_000, // 50%
          }),
        ),
        alice,
      ],
      [api.tx.council.propose(2, india, india.encodedLength), alice],
      [api.tx.sudo.sudo(api.tx.pledges.registerParty('de', 'Nowhere', intruder.address)), alice],
      [api.tx.attestations.applyAsOracle('Copernicus'), eve],
      [api.tx.attestations.attest('DEU', PERIOD, 1, evidence('early')), eve],
      [api.tx.attestations.applyAsOracle('UNEP'), ferdie],
      [api.tx.attestations.applyAsOracle('Far Off Monitor'), farOff],
      [api.tx.pledges.submitPledge(PERIOD, 1_000, 100n * UNIT), intruder],
      [api.tx.attestations.approveOracle(eve.address), bob],
    ]);
    allOk([0, 1, 2, 3, 5, 7, 8].map((i) => results[i]), [0, 1, 2, 3, 5, 7, 8].map((i) => labels[i]));
    failedWith(results[4], 'pledges.InvalidPartyCode');
    failedWith(results[6], 'attestations.OracleNotApproved');
    failedWith(results[9], 'pledges.NotAPartyController');
    failedWith(results[10], 'BadOrigin');

    const proposed = eventOf(api, results, 3, 'council', 'Proposed');
    motion = {
      index: proposed.data[1].toNumber(),
      hash: proposed.data[2].toHex(),
      call: india,
    };
    assert.equal((await rpc('pacta_party', ['DEU'])).controller, bob.address);
    assert.deepEqual(await rpc('pacta_party', ['BRA']), {
      code: 'BRA',
      name: 'Brazil',
      controller: charlie.address,
    });
    await assert.rejects(rpc('pacta_party', ['IND']), (e) => e instanceof RpcError && e.code === 1002);
    assert.equal(await held(api, eve.address, 'OracleBond'), 1_000n * UNIT);
  });

  await t.test('votes of two thirds; oracles approved; pledges with bonds', async () => {
    const labels = ['alice votes', 'bob votes', 'approve eve', 'approve ferdie', 'approve far-off',
      'DEU pledges', 'BRA pledges below the minimum bond'];
    const results = await sendAll(api, [
      [api.tx.council.vote(motion.hash, motion.index, true), alice],
      [api.tx.council.vote(motion.hash, motion.index, true), bob],
      [api.tx.sudo.sudo(api.tx.attestations.approveOracle(eve.address)), alice],
      [api.tx.sudo.sudo(api.tx.attestations.approveOracle(ferdie.address)), alice],
      [api.tx.sudo.sudo(api.tx.attestations.approveOracle(farOff.address)), alice],
      [api.tx.pledges.submitPledge(PERIOD, 1_000_000, 500n * UNIT), bob],
      [api.tx.pledges.submitPledge(PERIOD, 2_000_000, 10n * UNIT), charlie],
    ]);
    allOk(results.slice(0, 6), labels);
    failedWith(results[6], 'pledges.BondTooLow');
    assert.equal(await held(api, bob.address, 'PledgeBond'), 500n * UNIT);
  });

  await t.test('the motion closes and registers IND; BRA pledges; a donor escrows a transfer for DEU', async () => {
    const weight = (await motion.call.paymentInfo(alice.address)).weight;
    const results = await sendAll(api, [
      [api.tx.council.close(motion.hash, motion.index, weight, motion.call.encodedLength), alice],
      [
        api.tx.settlement.createConditionalTransfer(
          'DEU', PERIOD, { PerTonneBelowCap: { rate: MILLI } }, 200n * UNIT,
        ),
        donor,
      ],
      [
        api.tx.settlement.createConditionalTransfer('xx', PERIOD, 'PledgeMet', 200n * UNIT),
        donor,
      ],
      [api.tx.attestations.attest('DEU', PERIOD, 900_000, evidence('too early')), eve],
      [api.tx.pledges.submitPledge(PERIOD, 2_000_000, 1_000n * UNIT), charlie],
    ]);
    allOk([results[0], results[1], results[4]], ['close the motion', 'escrow for DEU', 'BRA pledges']);
    failedWith(results[2], 'settlement.InvalidPartyCode');
    failedWith(results[3], 'attestations.PledgeDeadlineNotPassed');
    assert.equal(await held(api, charlie.address, 'PledgeBond'), 1_000n * UNIT);
    eventOf(api, results, 0, 'council', 'Approved');
    eventOf(api, results, 0, 'council', 'Executed');
    assert.deepEqual(await rpc('pacta_party', ['IND']), {
      code: 'IND',
      name: 'India',
      controller: dave.address,
    });
    assert.equal(await held(api, donor.address, 'Escrow'), 200n * UNIT);
  });

  await t.test('IND pledges before the deadline', async () => {
    const results = await sendAll(api, [
      [api.tx.pledges.submitPledge(PERIOD, 3_000_000, 100n * UNIT), dave],
    ]);
    allOk(results, ['IND pledges']);
    const included = await blockNumberOf(api, results[0].value.blockHash);
    assert.ok(included <= PD, `pledged in #${included}, by the deadline #${PD}`);
    const pledge = await rpc('pacta_pledge', ['DEU', PERIOD]);
    assert.equal(pledge.cap, 1_000_000);
    assert.equal(pledge.bond, (500n * UNIT).toString());
    assert.equal(pledge.owner, bob.address);
    assert.equal(pledge.openTransfers, 1);
    assert.equal(pledge.escrowed, (200n * UNIT).toString());
    assert.deepEqual(pledge.verification, { status: 'Pending', tonnes: null });
  });

  await t.test('three oracles attest after the pledge deadline, one far off', async () => {
    await waitForBlock(api, PD);
    const results = await sendAll(api, [
      [api.tx.attestations.attest('DEU', PERIOD, 900_000, evidence('DEU by eve')), eve],
      [api.tx.attestations.attest('BRA', PERIOD, 2_000_300, evidence('BRA by eve')), eve],
      [api.tx.attestations.attest('IND', PERIOD, 2_500_000, evidence('IND by eve')), eve],
      [api.tx.attestations.attest('DEU', PERIOD, 910_000, evidence('DEU by ferdie')), ferdie],
      [api.tx.attestations.attest('BRA', PERIOD, 2_000_400, evidence('BRA by ferdie')), ferdie],
      [api.tx.attestations.attest('IND', PERIOD, 2_500_000, evidence('IND by ferdie')), ferdie],
      [api.tx.attestations.attest('DEU', PERIOD, 905_000, evidence('DEU by far-off')), farOff],
      [api.tx.attestations.attest('BRA', PERIOD, 3_000_000, evidence('BRA by far-off')), farOff],
      [api.tx.attestations.attest('de', PERIOD, 1, evidence('bad')), eve],
      [api.tx.attestations.attest('DEU', PERIOD, 1, evidence('intruder')), intruder],
    ]);
    allOk(results.slice(0, 8), results.slice(0, 8).map((_, i) => `attestation ${i}`));
    failedWith(results[8], 'attestations.InvalidPartyCode');
    failedWith(results[9], 'attestations.NotOracle');
    for (const r of results.slice(0, 8)) {
      const n = await blockNumberOf(api, r.value.blockHash);
      assert.ok(n > PD && n <= AD, `attested in #${n}, within (#${PD}, #${AD}]`);
    }
    const list = await rpc('pacta_attestations', ['BRA', PERIOD]);
    assert.deepEqual(
      list.map((a) => [a.oracleName, a.tonnes]).sort(),
      [['Copernicus', 2_000_300], ['Far Off Monitor', 3_000_000], ['UNEP', 2_000_400]],
    );
    assert.equal(list.find((a) => a.oracleName === 'UNEP').evidence, evidence('BRA by ferdie'));
  });

  await t.test('verification runs by itself; the far-off oracle is slashed', async () => {
    await waitForBlock(api, AD + 1);
    const before = await balance(api, (await rpc('pacta_climateFund', [])).account,
      await api.rpc.chain.getBlockHash(AD));
    const fundNow = await rpc('pacta_climateFund', [(await api.rpc.chain.getBlockHash(AD + 1)).toHex()]);
    assert.equal(BigInt(fundNow.balance) - before.free, 100n * UNIT, '10% of 1,000 PACT slashed into the fund');
    assert.equal(await held(api, farOff.address, 'OracleBond'), 900n * UNIT);
    assert.equal((await api.query.attestations.oracles(farOff.address)).unwrap().bond.toBigInt(), 900n * UNIT);
    assert.equal(await held(api, eve.address, 'OracleBond'), 1_000n * UNIT);

    const deu = await rpc('pacta_pledge', ['DEU', PERIOD]);
    assert.deepEqual(deu.verification, { status: 'Verified', tonnes: 905_000 });
    const bra = await rpc('pacta_pledge', ['BRA', PERIOD]);
    assert.deepEqual(bra.verification, { status: 'Verified', tonnes: 2_000_400 });
    assert.equal(bra.median, 2_000_400);
    assert.equal(bra.attestations, 3);
    const ind = await rpc('pacta_pledge', ['IND', PERIOD]);
    assert.deepEqual(ind.verification, { status: 'Unverified', tonnes: null });
    assert.equal(ind.attestations, 2);
  });

  await t.test('BRA challenges; governance corrects the value', async () => {
    const challenged = await sendAll(api, [
      [api.tx.attestations.challenge('BRA', PERIOD), charlie],
      [api.tx.attestations.challenge('DEU', PERIOD), intruder],
    ]);
    allOk(challenged.slice(0, 1), ['BRA challenges']);
    failedWith(challenged[1], 'attestations.NotEntitledToChallenge');
    const bra = await rpc('pacta_pledge', ['BRA', PERIOD]);
    assert.deepEqual(bra.verification, { status: 'Disputed', tonnes: null });
    assert.equal(bra.challenger, charlie.address);
    assert.equal(await held(api, charlie.address, 'ChallengeDeposit'), 100n * UNIT);

    const resolved = await sendAll(api, [
      [api.tx.sudo.sudo(api.tx.attestations.resolveChallenge('BRA', PERIOD, 2_000_250)), alice],
      [api.tx.attestations.resolveChallenge('BRA', PERIOD, 1), bob],
    ]);
    allOk(resolved.slice(0, 1), ['resolve']);
    failedWith(resolved[1], 'BadOrigin');
    const n = await blockNumberOf(api, resolved[0].value.blockHash);
    assert.ok(n <= CD, `resolved in #${n}, by the challenge deadline #${CD}`);
    assert.deepEqual((await rpc('pacta_pledge', ['BRA', PERIOD])).verification, {
      status: 'Verified',
      tonnes: 2_000_250,
    });
    assert.equal(await held(api, charlie.address, 'ChallengeDeposit'), 0n);
  });

  await t.test('settlement runs by itself with exact consequences', async () => {
    await waitForBlock(api, CD);
    const atCD = await api.rpc.chain.getBlockHash(CD);
    const fundAccount = (await rpc('pacta_climateFund', [])).account;
    const who = { bob, charlie, dave, donor, fund: { address: fundAccount } };
    const beforeSettlement = {};
    for (const [name, acc] of Object.entries(who)) beforeSettlement[name] = await balance(api, acc.address, atCD);

    // The report before settlement, read at the challenge deadline's block.
    const early = await rpc('pacta_complianceReport', [PERIOD, atCD.toHex()]);
    assert.equal(early.settled, false);
    assert.ok(early.rows.every((r) => r.outcome === null));

    // Find the block that settled the period: it carries no extrinsic besides the timestamp.
    let settledIn = null;
    for (let n = CD + 1; n <= CD + 5 && settledIn === null; n++) {
      await waitForBlock(api, n);
      const hash = await api.rpc.chain.getBlockHash(n);
      const events = await (await api.at(hash)).query.system.events();
      if (events.some(({ event }) => api.events.settlement.PeriodSettled.is(event))) {
        settledIn = n;
        const block = await api.rpc.chain.getBlock(hash);
        assert.equal(block.block.extrinsics.length, 1, 'only the timestamp inherent: no extrinsic settled it');
      }
    }
    assert.equal(settledIn, CD + 1, 'the period settled in the first block after the challenge deadline');
    const atSettled = await api.rpc.chain.getBlockHash(settledIn);
    const delta = {};
    for (const [name, acc] of Object.entries(who)) {
      const after = await balance(api, acc.address, atSettled);
      delta[name] = { free: after.free - beforeSettlement[name].free, reserved: after.reserved };
    }
    // DEU: compliant, 905,000 t under a cap of 1,000,000 t: the 500 PACT bond back, and the
    // transfer earned 95,000 t × 0.001 PACT = 95 PACT; the donor gets 105 PACT back.
    assert.deepEqual(delta.bob, { free: 500n * UNIT + 95n * UNIT, reserved: 0n });
    assert.deepEqual(delta.donor, { free: 105n * UNIT, reserved: 0n });
    // BRA: 250 t over the cap at 1 PACT per tonne: exactly 250 PACT to the fund, 750 back.
    assert.deepEqual(delta.charlie, { free: 750n * UNIT, reserved: 0n });
    // IND: unverified, 50% of its 100 PACT bond forfeited.
    assert.deepEqual(delta.dave, { free: 50n * UNIT, reserved: 0n });
    assert.equal(delta.fund.free, 250n * UNIT + 50n * UNIT);

    const report = await rpc('pacta_complianceReport', [PERIOD]);
    assert.equal(report.settled, true);
    assert.equal(report.truncated, false);
    assert.equal(report.mode, 'Binding');
    assert.equal(report.penaltyPerTonne, UNIT.toString());
    assert.deepEqual(
      [
        report.pledgeDeadline, report.attestationDeadline, report.revealDeadline,
        report.challengeDeadline, report.challengeWindow, report.resolutionWindow,
      ],
      [PD, AD, RD, CD, CHALLENGE_WINDOW, RESOLUTION_WINDOW],
    );
    assert.equal(report.unverifiedForfeitPerbill, 500_000_000);
    const rows = Object.fromEntries(report.rows.map((r) => [r.code, r]));
    assert.deepEqual(Object.keys(rows).sort(), ['BRA', 'DEU', 'IND']);
    assert.deepEqual(rows.DEU, {
      code: 'DEU',
      name: 'Germany',
      cap: 1_000_000,
      bond: (500n * UNIT).toString(),
      verification: { status: 'Verified', tonnes: 905_000 },
      outcome: 'Compliant',
      forfeited: '0',
      released: (500n * UNIT).toString(),
      transfersPaid: (95n * UNIT).toString(),
      transfersRefunded: (105n * UNIT).toString(),
    });
    assert.deepEqual(rows.BRA, {
      code: 'BRA',
      name: 'Brazil',
      cap: 2_000_000,
      bond: (1_000n * UNIT).toString(),
      verification: { status: 'Verified', tonnes: 2_000_250 },
      outcome: 'Breached',
      forfeited: (250n * UNIT).toString(),
      released: (750n * UNIT).toString(),
      transfersPaid: '0',
      transfersRefunded: '0',
    });
    assert.deepEqual(rows.IND, {
      code: 'IND',
      name: 'India',
      cap: 3_000_000,
      bond: (100n * UNIT).toString(),
      verification: { status: 'Unverified', tonnes: null },
      outcome: 'Unverified',
      forfeited: (50n * UNIT).toString(),
      released: (50n * UNIT).toString(),
      transfersPaid: '0',
      transfersRefunded: '0',
    });
    assert.equal(report.totalForfeited, (300n * UNIT).toString());
    assert.equal(report.totalTransfersPaid, (95n * UNIT).toString());

    // The runtime API behind the RPC, as polkadot.js apps' Developer → Runtime calls sees it.
    const viaApi = (await api.call.pactaApi.complianceReport(PERIOD)).unwrap();
    assert.equal(viaApi.settled.isTrue, true);
    const braRow = viaApi.rows.find((r) => r.code.toUtf8() === 'BRA');
    assert.equal(braRow.outcome.unwrap().isBreached, true);
    assert.equal(braRow.forfeited.toBigInt(), 250n * UNIT);
    assert.equal((await api.call.pactaApi.party('IND')).unwrap().name.toUtf8(), 'India');

    const fundAfter = await rpc('pacta_climateFund', []);
    assert.equal(fundAfter.balance, (400n * UNIT + MILLI).toString(), 'ED + slash 100 + BRA forfeited 250 + IND forfeited 50');
    assert.equal(fundAfter.spendable, (400n * UNIT).toString());

    const deu = await rpc('pacta_pledge', ['DEU', PERIOD]);
    assert.equal(deu.settled, true);
    assert.equal(deu.openTransfers, 0);
    assert.deepEqual(deu.outcome, {
      outcome: 'Compliant',
      verified: 905_000,
      cap: 1_000_000,
      bond: (500n * UNIT).toString(),
      forfeited: '0',
      released: (500n * UNIT).toString(),
      transfers: 1,
      transfersPaid: (95n * UNIT).toString(),
      transfersRefunded: (105n * UNIT).toString(),
      settledAt: CD + 1,
    });
    const bra = await rpc('pacta_pledge', ['BRA', PERIOD]);
    assert.equal(bra.outcome.outcome, 'Breached');
    assert.equal(bra.outcome.verified, 2_000_250);
    assert.equal(bra.outcome.forfeited, (250n * UNIT).toString());
    assert.equal(await held(api, bob.address, 'PledgeBond'), 0n);
    assert.equal(await held(api, donor.address, 'Escrow'), 0n);
  });

  await t.test('bad input to pacta_* answers with a JSON-RPC error', async () => {
    const cases = [
      [['pacta_party', ['de']], 1001, /party code must be exactly three uppercase ASCII letters/],
      [['pacta_pledge', ['DEUT', PERIOD]], 1001, /three uppercase ASCII letters/],
      [['pacta_party', ['XYZ']], 1002, /unknown party XYZ/],
      [['pacta_attestations', ['XYZ', PERIOD]], 1002, /unknown party XYZ/],
      [['pacta_pledge', ['DEU', 1999]], 1003, /unknown period 1999/],
      [['pacta_complianceReport', [1999]], 1003, /unknown period 1999/],
      [['pacta_climateFund', [`0x${'11'.repeat(32)}`]], 1004, /unknown block/],
    ];
    for (const [[method, params], code, message] of cases) {
      await assert.rejects(rpc(method, params), (e) => {
        assert.ok(e instanceof RpcError, `${method}: ${e}`);
        assert.equal(e.code, code, `${method}(${JSON.stringify(params)})`);
        assert.match(e.rpcMessage, message);
        return true;
      });
    }
  });
});
