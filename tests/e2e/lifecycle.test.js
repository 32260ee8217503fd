// The whole lifecycle of a reporting period on a fresh dev chain, with short deadlines:
//
//   governance   DEU and BRA registered and 2030 opened through sudo (challenge window 2 blocks,
//                resolution window 3); IND registered through a Council motion carried by two
//                thirds (Alice proposes, Alice + Bob vote, close)
//   parties      pledges with bonds; a donor escrows a PerTonneBelowCap transfer for DEU
//   oracles      three apply and are approved. Sealed attestations: after the pledge deadline
//                each commits only a hash of its reading (free of fees; the Committed event,
//                pacta_attestations and the runtime API show no value: `reading: null`); one
//                revises its commitment before the attestation deadline (a replacement pays
//                the fee); after the deadline they reveal value, half-width, evidence and
//                salt, one far off for BRA; IND gets two. A reveal before the window, with a
//                wrong salt, of a replaced commitment, twice, without a commitment and after
//                the reveal deadline fails with its named error
//   the chain    verifies by itself in the block after the reveal deadline and publishes the
//                medians with their intervals (every half-width that matters is 0, so the
//                intervals are [median, median] and the amounts below stay exact); nobody is
//                slashed yet
//   disputes     BRA challenges its published value with a claim, evidence and a 100 PACT bond;
//                DEU's controller challenges DEU's value too. Governance cannot decide (a sudo'd
//                vote is BadOrigin, a council member is not eligible); two of the three
//                review-panel members (the dev genesis' //Dave//stash, //Eve//stash,
//                //Ferdie//stash) uphold BRA's claim: Decided. Nobody votes on DEU's dispute.
//   the chain    settles by itself with no further extrinsic, in the first block after the
//                challenge deadline: BRA breached on the panel's value (exactly overshoot ×
//                penalty_per_tonne forfeited, its challenge bond back), IND unverified (its
//                unverified share forfeited), and the far-off oracle slashed 10% of its bond
//                against BRA's final value; DEU waits (deferred, Disputed)
//   time-out     DEU's dispute passes its resolution deadline (challenge close + resolution
//                window) undecided: the published value stands, and DEU settles in the block
//                after the deadline, compliant (bond back, the transfer pays exactly what was
//                earned and refunds the rest); its controller's challenge bond goes to the fund
//
// Exact balances are checked in each settling block, and pacta_pledge, pacta_dispute,
// pacta_reviewPanel and pacta_complianceReport must show all of it. Unauthorised and malformed
// calls fail with their named errors along the way. runtime/src/tests/lifecycle.rs is the Rust
// twin of the panel-decided part. Commitments are computed here, off chain, by
// tests/lib/commit.js, as an oracle's own tooling would.

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
import { commitment, randomSalt } from '../lib/commit.js';

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

/** The fee a fulfilled transaction paid (`transactionPayment.TransactionFeePaid`'s actualFee). */
function feeOf(api, results, index) {
  return eventOf(api, results, index, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
}

/** The events of block `n` of the best chain. */
async function eventsAt(api, n) {
  const hash = await api.rpc.chain.getBlockHash(n);
  return (await (await api.at(hash)).query.system.events()).map(({ event }) => event);
}

/** The party code of an event field, e.g. 'DEU'. */
function codeOf(field) {
  return field.toUtf8();
}

/** The events `pallet.name` among `events` whose `code` field is `code` (all when omitted). */
function eventsNamed(api, events, pallet, name, code) {
  return events.filter(
    (event) => api.events[pallet][name].is(event) && (code === undefined || codeOf(event.data.code) === code),
  );
}

// A verification as pacta_* show it: every state has `status`, `tonnes`, `low` and `high`.
// Every half-width that matters here is 0, so each interval is [tonnes, tonnes].
/** An estimate without width: `{ tonnes, low, high }` all `t`. */
const estimate = (t) => ({ tonnes: t, low: t, high: t });
/** A verification with a value (`Published`, `Verified`). */
const value = (status, t) => ({ status, ...estimate(t) });
/** A verification without one (`Pending`, `Disputed`, `Unverified`). */
const none = (status) => ({ status, tonnes: null, low: null, high: null });

/** `list` sorted, for comparing sets of addresses or [address, tonnes] pairs. */
function sorted(list) {
  return [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

test('a reporting period from registration to automatic settlement', async (t) => {
  const { api, rpcPort } = node;
  const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const farOff = keyring.addFromUri('//Alice//stash'); // the third oracle, far off for BRA
  const donor = keyring.addFromUri('//Bob//stash');
  const intruder = keyring.addFromUri('//Charlie//stash');
  // The dev genesis' review panel; none of them is a party's controller or an oracle.
  const panel = ['//Dave//stash', '//Eve//stash', '//Ferdie//stash'].map((uri) => keyring.addFromUri(uri));
  const [reviewer1, reviewer2] = panel;
  const rpc = (method, params) => rpcCall(rpcPort, method, params);
  const evidence = (text) => blake2AsHex(text);

  // The sealed attestations of the test. Each oracle keeps its value, half-width, evidence and
  // salt to itself until the reveal; only the commitment goes on chain before it. Half-widths
  // are 0 (the published intervals are [median, median], so every amount below stays exact),
  // but for the far-off oracle's BRA value: its interval [2,500,000, 3,500,000] is the highest
  // of the three at both ends, so BRA's interval is still [2,000,400, 2,000,400].
  const sealed = (oracle, code, tonnes, halfWidth, text) => ({
    oracle, code, tonnes, halfWidth, evidence: evidence(text), salt: randomSalt(),
  });
  const att = {
    eveDEU: sealed(eve, 'DEU', 900_000, 0, 'DEU by eve'),
    eveBRA: sealed(eve, 'BRA', 2_000_300, 0, 'BRA by eve'),
    eveIND: sealed(eve, 'IND', 2_500_000, 0, 'IND by eve'),
    ferdieDraft: sealed(ferdie, 'DEU', 915_000, 0, 'DEU by ferdie, draft'), // replaced before AD
    ferdieDEU: sealed(ferdie, 'DEU', 910_000, 0, 'DEU by ferdie'),
    ferdieBRA: sealed(ferdie, 'BRA', 2_000_400, 0, 'BRA by ferdie'),
    ferdieIND: sealed(ferdie, 'IND', 2_500_000, 0, 'IND by ferdie'),
    farOffDEU: sealed(farOff, 'DEU', 905_000, 0, 'DEU by far-off'),
    farOffBRA: sealed(farOff, 'BRA', 3_000_000, 500_000, 'BRA by far-off'),
  };
  for (const [label, a] of Object.entries(att)) a.label = label;
  /** The commitment of a sealed attestation, computed here as the oracle's own tooling would. */
  const commitmentOf = (a) =>
    commitment({
      period: PERIOD, code: a.code, oracle: a.oracle.address,
      tonnes: a.tonnes, halfWidth: a.halfWidth, evidence: a.evidence, salt: a.salt,
    });
  const commitTx = (a) => api.tx.attestations.commit(a.code, PERIOD, commitmentOf(a));
  const revealTx = (a, salt = a.salt) =>
    api.tx.attestations.reveal(a.code, PERIOD, a.tonnes, a.halfWidth, a.evidence, salt);

  // The calendar, relative to now, in blocks (6 s each). Each wave of transactions below is
  // sent as soon as the previous one is in a block, so it lands in the next block; the offsets
  // are the waves each window must hold plus spare blocks for a wave that slips by one (the
  // test waits for every deadline, so each spare block costs 6 s of the run).
  const now = await head(api);
  const PD = now + 6; // pledge deadline: 4 waves (#now+1..#now+4) + 2 spare
  const AD = PD + 3; // attestation deadline: 2 commit waves (#PD+1, #PD+2) + 1 spare
  const RD = AD + 2; // reveal deadline: 1 reveal wave (#AD+1) + 1 spare; verification in RD + 1
  const CD = RD + 4; // challenge deadline: 2 waves (challenges #RD+2, votes #RD+3) + 1 spare
  const CHALLENGE_WINDOW = 2; // a published value stays challengeable at least this long
  const RESOLUTION_WINDOW = 3; // a dispute is decided by its challenge close + this, or times out
  const PUBLISHED = RD + 1; // verification publishes the values in the block after RD
  const CLOSE = Math.max(CD, PUBLISHED + CHALLENGE_WINDOW); // the challenge close of every pledge
  const DEADLINE = CLOSE + RESOLUTION_WINDOW; // the resolution deadline of both disputes
  // BRA (decided) and IND (unverified) settle in CD + 1; DEU (timed out) in DEADLINE + 1.
  t.diagnostic(
    `now #${now}, pledge deadline #${PD}, attestation #${AD}, reveal #${RD}, challenge #${CD}, ` +
      `challenge close #${CLOSE}, resolution deadline #${DEADLINE}`,
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
      'eve applies', 'eve commits unapproved', 'ferdie applies', 'far-off applies',
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
      [commitTx(sealed(eve, 'DEU', 1, 0, 'early')), eve],
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
      [commitTx(sealed(eve, 'DEU', 900_000, 0, 'too early')), eve],
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
    assert.deepEqual(pledge.verification, none('Pending'));
  });

  await t.test('three oracles commit after the pledge deadline: a hash, no value, no fee', async () => {
    await waitForBlock(api, PD);
    const start = await head(api);
    const first = [
      att.eveDEU, att.eveBRA, att.eveIND,
      att.ferdieDraft, att.ferdieBRA, att.ferdieIND,
      att.farOffDEU, att.farOffBRA,
    ];
    const n = first.length;
    const results = await sendAll(api, [
      ...first.map((a) => [commitTx(a), a.oracle]),
      [api.tx.attestations.commit('de', PERIOD, commitmentOf(att.eveDEU)), eve],
      [commitTx(sealed(intruder, 'DEU', 1, 0, 'intruder')), intruder],
    ]);
    allOk(results.slice(0, n), first.map((a) => `commit ${a.label}`));
    failedWith(results[n], 'attestations.InvalidPartyCode');
    failedWith(results[n + 1], 'attestations.NotOracle');
    for (const [i, a] of first.entries()) {
      const b = await blockNumberOf(api, results[i].value.blockHash);
      assert.ok(b > PD && b <= AD, `${a.label} committed in #${b}, within (#${PD}, #${AD}]`);
      const committed = eventOf(api, results, i, 'attestations', 'Committed');
      // The event carries the commitment and nothing of the reading: no value, no evidence.
      assert.deepEqual(committed.data.names, ['oracle', 'code', 'period', 'commitment', 'replaced']);
      assert.equal(committed.data.oracle.toString(), a.oracle.address);
      assert.equal(codeOf(committed.data.code), a.code);
      assert.equal(committed.data.period.toNumber(), PERIOD);
      assert.equal(committed.data.commitment.toHex(), commitmentOf(a), `${a.label}: the hash computed here`);
      assert.ok(committed.data.replaced.isFalse, `${a.label}: a first commit`);
      assert.equal(feeOf(api, results, i), 0n, `${a.label}: a first commit pays no fee`);
    }
    // The far-off oracle sent only its two first commits: its balance did not move at all.
    const farOffAt = Math.max(
      await blockNumberOf(api, results[6].value.blockHash),
      await blockNumberOf(api, results[7].value.blockHash),
    );
    assert.deepEqual(
      await balance(api, farOff.address, await api.rpc.chain.getBlockHash(farOffAt)),
      await balance(api, farOff.address, await api.rpc.chain.getBlockHash(start)),
      'the far-off oracle paid nothing for its first commits',
    );
  });

  await t.test('an oracle revises its commitment and pays for it; before the reveal nobody sees a value', async () => {
    const results = await sendAll(api, [
      [commitTx(att.ferdieDEU), ferdie],
      [revealTx(att.eveDEU), eve],
    ]);
    allOk([results[0]], ['ferdie revises DEU']);
    failedWith(results[1], 'attestations.RevealWindowNotOpen');
    const revisedAt = await blockNumberOf(api, results[0].value.blockHash);
    assert.ok(revisedAt <= AD, `revised in #${revisedAt}, by the attestation deadline #${AD}`);
    const committed = eventOf(api, results, 0, 'attestations', 'Committed');
    assert.equal(committed.data.commitment.toHex(), commitmentOf(att.ferdieDEU));
    assert.ok(committed.data.replaced.isTrue, 'it replaced the draft');
    assert.ok(feeOf(api, results, 0) > 0n, 'a replacement pays the normal fee');

    // pacta_attestations shows each oracle's commitment and the block of its latest commit,
    // and `reading: null`: no value, half-width or evidence before the reveal.
    const deu = await rpc('pacta_attestations', ['DEU', PERIOD]);
    const rows = Object.fromEntries(deu.map((a) => [a.oracleName, a]));
    assert.deepEqual(Object.keys(rows).sort(), ['Copernicus', 'Far Off Monitor', 'UNEP']);
    assert.deepEqual(rows.UNEP, {
      oracle: ferdie.address,
      oracleName: 'UNEP',
      commitment: commitmentOf(att.ferdieDEU),
      at: revisedAt,
      reading: null,
    });
    assert.equal(rows.Copernicus.commitment, commitmentOf(att.eveDEU));
    assert.equal(rows['Far Off Monitor'].commitment, commitmentOf(att.farOffDEU));
    for (const code of ['DEU', 'BRA', 'IND']) {
      const list = await rpc('pacta_attestations', [code, PERIOD]);
      assert.ok(list.every((a) => a.reading === null), `${code}: every reading sealed`);
      const json = JSON.stringify(list) + JSON.stringify((await api.call.pactaApi.attestations(code, PERIOD)).toJSON());
      for (const a of Object.values(att).filter((x) => x.code === code)) {
        assert.ok(!json.includes(a.evidence.slice(2)), `${a.label}'s evidence is not shown before the reveal`);
      }
    }
  });

  await t.test('after the attestation deadline the oracles reveal; a wrong salt or a replaced commitment does not match', async () => {
    await waitForBlock(api, AD);
    const reveals = [
      att.eveDEU, att.eveBRA, att.eveIND,
      att.ferdieDEU, att.ferdieBRA, att.ferdieIND,
      att.farOffDEU, att.farOffBRA,
    ];
    const n = reveals.length;
    // One signer's transactions run in nonce order (list order here): each failing reveal
    // below runs before or after the same oracle's good one, as its comment says.
    const results = await sendAll(api, [
      // Before eve's good BRA reveal: the right reading with another salt.
      [revealTx(att.eveBRA, randomSalt()), eve],
      // Before ferdie's good DEU reveal: its draft, which the revision replaced.
      [revealTx(att.ferdieDraft), ferdie],
      ...reveals.map((a) => [revealTx(a), a.oracle]),
      // After eve's good DEU reveal: the same reveal again.
      [revealTx(att.eveDEU), eve],
      // The far-off oracle never committed for IND.
      [revealTx(sealed(farOff, 'IND', 2_500_000, 0, 'IND by far-off')), farOff],
    ]);
    failedWith(results[0], 'attestations.CommitmentMismatch');
    failedWith(results[1], 'attestations.CommitmentMismatch');
    const good = results.slice(2, 2 + n);
    allOk(good, reveals.map((a) => `reveal ${a.label}`));
    failedWith(results[2 + n], 'attestations.AlreadyRevealed');
    failedWith(results[3 + n], 'attestations.NotCommitted');
    for (const [i, a] of reveals.entries()) {
      const b = await blockNumberOf(api, good[i].value.blockHash);
      assert.ok(b > AD && b <= RD, `${a.label} revealed in #${b}, within (#${AD}, #${RD}]`);
      const revealed = eventOf(api, good, i, 'attestations', 'Revealed');
      assert.equal(revealed.data.oracle.toString(), a.oracle.address);
      assert.equal(codeOf(revealed.data.code), a.code);
      assert.equal(revealed.data.tonnes.toNumber(), a.tonnes);
      assert.equal(revealed.data.halfWidth.toNumber(), a.halfWidth);
      assert.equal(revealed.data.evidence.toHex(), a.evidence);
      assert.equal(feeOf(api, good, i), 0n, `${a.label}: a reveal pays no fee`);
    }

    const list = await rpc('pacta_attestations', ['BRA', PERIOD]);
    assert.deepEqual(
      list.map((a) => [a.oracleName, a.reading.tonnes, a.reading.halfWidth]).sort(),
      [['Copernicus', 2_000_300, 0], ['Far Off Monitor', 3_000_000, 500_000], ['UNEP', 2_000_400, 0]],
    );
    const unep = list.find((a) => a.oracleName === 'UNEP');
    assert.equal(unep.reading.evidence, evidence('BRA by ferdie'));
    assert.equal(unep.commitment, commitmentOf(att.ferdieBRA), 'the commitment stays on record');
    const deu = await rpc('pacta_attestations', ['DEU', PERIOD]);
    assert.deepEqual(
      deu.find((a) => a.oracleName === 'UNEP').reading,
      { tonnes: 910_000, halfWidth: 0, evidence: evidence('DEU by ferdie') },
      'the revised reading, not the draft',
    );
  });

  await t.test('verification publishes the values by itself after the reveal deadline; nobody is slashed yet', async () => {
    await waitForBlock(api, PUBLISHED);
    const fundAccount = (await rpc('pacta_climateFund', [])).account;
    const atRD = (await api.rpc.chain.getBlockHash(RD)).toHex();
    const atPublished = (await api.rpc.chain.getBlockHash(PUBLISHED)).toHex();
    const before = await balance(api, fundAccount, atRD);
    const after = await balance(api, fundAccount, atPublished);
    assert.equal(after.free, before.free, 'nobody is slashed at verification');
    assert.equal(await held(api, farOff.address, 'OracleBond'), 1_000n * UNIT);
    // Still pending through the reveal window: verification waits for the reveal deadline.
    assert.deepEqual((await rpc('pacta_pledge', ['DEU', PERIOD, atRD])).verification, none('Pending'));

    // The events of the verifying block: each median with its interval, and the counts.
    const events = await eventsAt(api, PUBLISHED);
    const verified = Object.fromEntries(
      eventsNamed(api, events, 'attestations', 'EmissionsVerified').map((e) => [
        codeOf(e.data.code),
        [e.data.tonnes, e.data.low, e.data.high, e.data.attestations, e.data.withheld].map((x) => x.toNumber()),
      ]),
    );
    assert.deepEqual(verified, {
      DEU: [905_000, 905_000, 905_000, 3, 0],
      BRA: [2_000_400, 2_000_400, 2_000_400, 3, 0],
    });
    const unverified = eventsNamed(api, events, 'attestations', 'EmissionsUnverified');
    assert.deepEqual(
      unverified.map((e) => [codeOf(e.data.code), e.data.attestations.toNumber(), e.data.withheld.toNumber()]),
      [['IND', 2, 0]],
    );

    const deu = await rpc('pacta_pledge', ['DEU', PERIOD, atPublished]);
    assert.deepEqual(deu.verification, value('Published', 905_000));
    assert.equal(deu.claims, 0);
    const bra = await rpc('pacta_pledge', ['BRA', PERIOD, atPublished]);
    assert.deepEqual(bra.verification, value('Published', 2_000_400));
    assert.deepEqual(bra.published, estimate(2_000_400));
    assert.equal(bra.attestations, 3);
    const ind = await rpc('pacta_pledge', ['IND', PERIOD, atPublished]);
    assert.deepEqual(ind.verification, none('Unverified'));
    assert.equal(ind.attestations, 2);
    assert.equal(await rpc('pacta_dispute', ['BRA', PERIOD]), null, 'nobody challenged yet');

    const reviewPanel = await rpc('pacta_reviewPanel', []);
    assert.deepEqual(
      sorted(reviewPanel),
      sorted(panel.map((m) => ({ account: m.address, affiliations: [] }))),
    );
  });

  let braOpenedAt;
  let deuOpenedAt;
  await t.test('anyone may challenge a published value with a claim and a bond', async () => {
    const labels = ['BRA challenges', 'DEU challenges'];
    const results = await sendAll(api, [
      [api.tx.disputes.challenge('BRA', PERIOD, 2_000_250, evidence('BRA inventory'), 100n * UNIT), charlie],
      [api.tx.disputes.challenge('DEU', PERIOD, 880_000, evidence('DEU inventory'), 100n * UNIT), bob],
      [api.tx.disputes.challenge('IND', PERIOD, 1, evidence('x'), 100n * UNIT), intruder],
      [api.tx.disputes.challenge('BRA', PERIOD, 2_000_000, evidence('cheap'), 10n * UNIT), intruder],
      [api.tx.disputes.challenge('DEU', PERIOD, 905_000, evidence('same'), 100n * UNIT), intruder],
      [api.tx.attestations.retire(), farOff],
      // The reveal window has closed (the window is checked before anything else).
      [revealTx(att.eveBRA), eve],
    ]);
    allOk(results.slice(0, 2), labels);
    failedWith(results[2], 'disputes.NothingToChallenge');
    failedWith(results[3], 'disputes.BondTooSmall');
    failedWith(results[4], 'disputes.ClaimIsPublishedValue');
    failedWith(results[5], 'attestations.AttestationsPending');
    failedWith(results[6], 'attestations.RevealDeadlinePassed');
    braOpenedAt = await blockNumberOf(api, results[0].value.blockHash);
    deuOpenedAt = await blockNumberOf(api, results[1].value.blockHash);
    for (const n of [braOpenedAt, deuOpenedAt]) {
      assert.ok(n <= CLOSE, `challenged in #${n}, by the challenge close #${CLOSE}`);
    }
    for (const i of [0, 1]) {
      const opened = eventOf(api, results, i, 'disputes', 'DisputeOpened');
      assert.equal(opened.data.deadline.toNumber(), DEADLINE);
      assert.equal(opened.data.eligible.toNumber(), 3);
    }

    for (const [code, who] of [['BRA', charlie], ['DEU', bob]]) {
      const pledge = await rpc('pacta_pledge', [code, PERIOD]);
      assert.deepEqual(pledge.verification, none('Disputed'), code);
      assert.equal(pledge.claims, 1, code);
      assert.equal(await held(api, who.address, 'DisputeBond'), 100n * UNIT, code);
    }
    const dispute = await rpc('pacta_dispute', ['BRA', PERIOD]);
    assert.deepEqual(sorted(dispute.eligible), sorted(panel.map((m) => m.address)));
    assert.deepEqual({ ...dispute, eligible: null }, {
      code: 'BRA',
      period: PERIOD,
      state: 'Open',
      published: 2_000_400,
      publishedVotes: 0,
      decided: null,
      final: null,
      openedAt: braOpenedAt,
      deadline: DEADLINE,
      eligible: null,
      minEligible: 2,
      threshold: 2,
      claims: [
        {
          tonnes: 2_000_250,
          bond: (100n * UNIT).toString(),
          backers: [{ account: charlie.address, bond: (100n * UNIT).toString(), evidence: evidence('BRA inventory') }],
          votes: 0,
        },
      ],
      votes: [],
    });
  });

  await t.test('governance cannot decide; two of the three panel members uphold BRA\'s claim', async () => {
    const labels = ['reviewer 1 votes', 'reviewer 2 votes'];
    const results = await sendAll(api, [
      [api.tx.disputes.vote('BRA', PERIOD, 2_000_250), reviewer1],
      [api.tx.disputes.vote('BRA', PERIOD, 2_000_250), reviewer2],
      [api.tx.sudo.sudo(api.tx.disputes.vote('BRA', PERIOD, 2_000_400)), alice],
      // Alice holds sudo and sits on the council; DEU's dispute stays open throughout.
      [api.tx.disputes.vote('DEU', PERIOD, 905_000), alice],
    ]);
    allOk(results.slice(0, 2), labels);
    failedWith(results[2], 'BadOrigin');
    failedWith(results[3], 'disputes.NotEligible');
    const n = await blockNumberOf(api, results[1].value.blockHash);
    assert.ok(n <= CD, `voted in #${n}, by the challenge deadline #${CD}`);
    const decided = [0, 1]
      .flatMap((i) => results[i].value.events.map(({ event }) => event))
      .filter((event) => api.events.disputes.DisputeDecided.is(event));
    assert.equal(decided.length, 1, 'decided once');
    assert.equal(decided[0].data.tonnes.toNumber(), 2_000_250);

    const dispute = await rpc('pacta_dispute', ['BRA', PERIOD]);
    assert.equal(dispute.state, 'Decided');
    assert.equal(dispute.decided, 2_000_250);
    assert.equal(dispute.final, null);
    assert.equal(dispute.publishedVotes, 0);
    assert.equal(dispute.claims[0].votes, 2);
    assert.deepEqual(
      sorted(dispute.votes),
      sorted([[reviewer1.address, 2_000_250], [reviewer2.address, 2_000_250]]),
    );
    assert.deepEqual(
      (await rpc('pacta_pledge', ['BRA', PERIOD])).verification,
      value('Verified', 2_000_250),
      'the panel\'s value, without width',
    );
    const deu = await rpc('pacta_dispute', ['DEU', PERIOD]);
    assert.equal(deu.state, 'Open');
    assert.deepEqual(deu.votes, []);
    assert.equal(deu.eligible.length, 3);
    assert.equal(await held(api, farOff.address, 'OracleBond'), 1_000n * UNIT, 'not slashed before settlement');
  });

  const fundAccount = (await rpc('pacta_climateFund', [])).account;
  const who = { bob, charlie, dave, donor, fund: { address: fundAccount } };
  /** free and reserved of each watched account at block `n`. */
  const balancesAt = async (n) => {
    const hash = await api.rpc.chain.getBlockHash(n);
    const out = {};
    for (const [name, acc] of Object.entries(who)) out[name] = await balance(api, acc.address, hash);
    return out;
  };
  /** The change of free balance from block `a` to block `b`, and the reserved balance at `b`. */
  const deltas = async (a, b) => {
    const [before, after] = [await balancesAt(a), await balancesAt(b)];
    return Object.fromEntries(
      Object.keys(who).map((name) => [
        name,
        { free: after[name].free - before[name].free, reserved: after[name].reserved },
      ]),
    );
  };
  const onlyTimestamp = async (n) => {
    const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
    assert.equal(block.block.extrinsics.length, 1, `#${n}: only the timestamp inherent, no extrinsic`);
  };

  await t.test('settlement runs by itself after the challenge deadline: BRA on the panel\'s value, IND; DEU waits', async () => {
    await waitForBlock(api, CD);
    const atCD = (await api.rpc.chain.getBlockHash(CD)).toHex();
    const early = await rpc('pacta_complianceReport', [PERIOD, null, null, atCD]);
    assert.equal(early.settled, false);
    assert.ok(early.rows.every((r) => r.outcome === null));

    await waitForBlock(api, CD + 1);
    await onlyTimestamp(CD + 1);
    const events = await eventsAt(api, CD + 1);
    assert.deepEqual(
      eventsNamed(api, events, 'settlement', 'PledgeSettled').map((e) => codeOf(e.data.code)).sort(),
      ['BRA', 'IND'],
    );
    const deferred = eventsNamed(api, events, 'settlement', 'PledgeDeferred');
    assert.deepEqual(deferred.map((e) => codeOf(e.data.code)), ['DEU']);
    assert.ok(deferred[0].data.verification.isDisputed);
    assert.deepEqual(eventsNamed(api, events, 'settlement', 'PeriodSettled'), []);
    // The far-off oracle is judged against BRA's final value: 3,000,000 t (± 500,000) is far
    // outside 10% of 2,000,250 t. Nobody else is slashed (DEU's value is not final yet).
    const slashed = eventsNamed(api, events, 'attestations', 'OracleSlashed');
    assert.deepEqual(
      slashed.map((e) => [e.data.oracle.toString(), codeOf(e.data.code), e.data.amount.toBigInt()]),
      [[farOff.address, 'BRA', 100n * UNIT]],
    );
    const [closed] = eventsNamed(api, events, 'disputes', 'DisputeClosed', 'BRA');
    assert.ok(closed, 'BRA\'s dispute closed');
    assert.equal(closed.data.tonnes.toNumber(), 2_000_250);
    assert.ok(closed.data.byPanel.isTrue);
    assert.equal(closed.data.returned.toBigInt(), 100n * UNIT);
    assert.equal(closed.data.forfeited.toBigInt(), 0n);

    const delta = await deltas(CD, CD + 1);
    // BRA: 250 t over the cap at 1 PACT per tonne: exactly 250 PACT to the fund, 750 back, and
    // its upheld claim's 100 PACT bond back.
    assert.deepEqual(delta.charlie, { free: 750n * UNIT + 100n * UNIT, reserved: 0n });
    // IND: unverified, 50% of its 100 PACT bond forfeited.
    assert.deepEqual(delta.dave, { free: 50n * UNIT, reserved: 0n });
    // DEU waits: its bond and its controller's challenge bond stay held, the escrow too.
    assert.deepEqual(delta.bob, { free: 0n, reserved: 500n * UNIT + 100n * UNIT });
    assert.equal(delta.donor.free, 0n);
    assert.equal(await held(api, donor.address, 'Escrow'), 200n * UNIT);
    // The fund: 250 + 50 forfeited and the far-off oracle's 100 PACT slash.
    assert.equal(delta.fund.free, 250n * UNIT + 50n * UNIT + 100n * UNIT);
    assert.equal(await held(api, farOff.address, 'OracleBond'), 900n * UNIT);
    assert.equal((await api.query.attestations.oracles(farOff.address)).unwrap().bond.toBigInt(), 900n * UNIT);
    assert.equal(await held(api, eve.address, 'OracleBond'), 1_000n * UNIT);
    assert.equal(await held(api, ferdie.address, 'OracleBond'), 1_000n * UNIT);

    const report = await rpc('pacta_complianceReport', [PERIOD]);
    assert.equal(report.settled, false, 'DEU has not settled');
    const rows = Object.fromEntries(report.rows.map((r) => [r.code, r]));
    assert.equal(rows.BRA.outcome, 'Breached');
    assert.equal(rows.IND.outcome, 'Unverified');
    assert.equal(rows.DEU.outcome, null);
    assert.deepEqual(rows.DEU.verification, none('Disputed'));
    const bra = await rpc('pacta_dispute', ['BRA', PERIOD]);
    assert.equal(bra.state, 'Closed');
    assert.equal(bra.decided, 2_000_250);
    assert.equal(bra.final, 2_000_250);
  });

  await t.test('DEU\'s dispute times out: the published value stands, DEU settles in the block after the deadline', async () => {
    // The far-off oracle still cannot leave: its value for DEU is not final.
    const [retire] = await sendAll(api, [[api.tx.attestations.retire(), farOff]]);
    failedWith(retire, 'attestations.AttestationsPending');

    await waitForBlock(api, DEADLINE);
    const atDeadline = (await api.rpc.chain.getBlockHash(DEADLINE)).toHex();
    const pending = await rpc('pacta_pledge', ['DEU', PERIOD, atDeadline]);
    assert.deepEqual(pending.verification, none('Disputed'), 'disputed up to the deadline');
    assert.equal(pending.settled, false);
    const open = await rpc('pacta_dispute', ['DEU', PERIOD, atDeadline]);
    assert.equal(open.state, 'Open');
    assert.equal(open.deadline, DEADLINE);
    assert.deepEqual(open.votes, []);
    for (let n = CD + 2; n <= DEADLINE; n++) {
      assert.deepEqual(
        eventsNamed(api, await eventsAt(api, n), 'settlement', 'PledgeSettled'),
        [],
        `nothing settles in #${n}`,
      );
    }

    await waitForBlock(api, DEADLINE + 1);
    await onlyTimestamp(DEADLINE + 1);
    const events = await eventsAt(api, DEADLINE + 1);
    assert.deepEqual(
      eventsNamed(api, events, 'settlement', 'PledgeSettled').map((e) => codeOf(e.data.code)),
      ['DEU'],
    );
    const periodSettled = eventsNamed(api, events, 'settlement', 'PeriodSettled');
    assert.equal(periodSettled.length, 1, 'the period settled with DEU');
    assert.equal(periodSettled[0].data.pledges.toNumber(), 3);
    assert.deepEqual(eventsNamed(api, events, 'attestations', 'OracleSlashed'), [], 'nobody is far from 905,000 t');
    const [closed] = eventsNamed(api, events, 'disputes', 'DisputeClosed', 'DEU');
    assert.ok(closed, 'DEU\'s dispute closed');
    assert.equal(closed.data.tonnes.toNumber(), 905_000);
    assert.ok(closed.data.byPanel.isFalse);
    assert.equal(closed.data.returned.toBigInt(), 0n);
    assert.equal(closed.data.forfeited.toBigInt(), 100n * UNIT);

    const delta = await deltas(DEADLINE, DEADLINE + 1);
    // DEU: compliant on the published 905,000 t under a cap of 1,000,000 t: the 500 PACT bond
    // back, and the transfer earned 95,000 t × 0.001 PACT = 95 PACT; the donor gets 105 PACT
    // back. Its controller's unanswered challenge bond (100 PACT) is not returned.
    assert.deepEqual(delta.bob, { free: 500n * UNIT + 95n * UNIT, reserved: 0n });
    assert.deepEqual(delta.donor, { free: 105n * UNIT, reserved: 0n });
    assert.equal(delta.fund.free, 100n * UNIT, 'DEU\'s challenge bond goes to the climate fund');
    assert.deepEqual(delta.charlie, { free: 0n, reserved: 0n });
    assert.deepEqual(delta.dave, { free: 0n, reserved: 0n });
    assert.equal(await held(api, bob.address, 'DisputeBond'), 0n);
    assert.equal(await held(api, farOff.address, 'OracleBond'), 900n * UNIT);

    const dispute = await rpc('pacta_dispute', ['DEU', PERIOD]);
    assert.deepEqual(sorted(dispute.eligible), sorted(panel.map((m) => m.address)));
    assert.deepEqual({ ...dispute, eligible: null }, {
      code: 'DEU',
      period: PERIOD,
      state: 'Closed',
      published: 905_000,
      publishedVotes: 0,
      decided: null,
      final: 905_000,
      openedAt: deuOpenedAt,
      deadline: DEADLINE,
      eligible: null,
      minEligible: 2,
      threshold: 2,
      claims: [
        {
          tonnes: 880_000,
          bond: (100n * UNIT).toString(),
          backers: [{ account: bob.address, bond: (100n * UNIT).toString(), evidence: evidence('DEU inventory') }],
          votes: 0,
        },
      ],
      votes: [],
    });
  });

  await t.test('the compliance report shows all of it', async () => {
    const report = await rpc('pacta_complianceReport', [PERIOD]);
    assert.equal(report.settled, true);
    assert.equal(report.next, null);
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
      verification: value('Verified', 905_000),
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
      verification: value('Verified', 2_000_250),
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
      verification: none('Unverified'),
      outcome: 'Unverified',
      forfeited: (50n * UNIT).toString(),
      released: (50n * UNIT).toString(),
      transfersPaid: '0',
      transfersRefunded: '0',
    });
    // The period's totals, kept on chain: the sums of the rows.
    assert.deepEqual(report.totals, {
      pledges: 3,
      caps: 6_000_000,
      bonds: (1_600n * UNIT).toString(),
      compliant: 1,
      breached: 1,
      unverified: 1,
      inconclusive: 0,
      withheld: 0,
      cancelled: 0,
      verifiedTonnes: 905_000 + 2_000_250,
      forfeited: (300n * UNIT).toString(),
      released: (1_300n * UNIT).toString(),
      transfersPaid: (95n * UNIT).toString(),
      transfersRefunded: (105n * UNIT).toString(),
    });
    // Page by page (one row each), by name: the same rows, and the same totals on every page.
    const paged = [];
    let startAfter = null;
    for (;;) {
      const page = await rpc('pacta_complianceReport', { period: PERIOD, startAfter, limit: 1 });
      assert.deepEqual(page.totals, report.totals);
      paged.push(...page.rows);
      if (page.next === null) break;
      startAfter = page.next;
    }
    assert.deepEqual(paged, report.rows);
    // The lists: parties, periods, oracles, and a page limit out of range refused.
    const parties = await rpc('pacta_parties', [null, 2]);
    assert.equal(parties.items.length, 2);
    const rest = await rpc('pacta_parties', [parties.next]);
    assert.deepEqual(
      [...parties.items, ...rest.items].map((p) => p.code).sort(),
      ['BRA', 'DEU', 'IND'],
    );
    assert.equal(rest.next, null);
    const periods = await rpc('pacta_periods', []);
    assert.ok(periods.items.some((p) => p.period === PERIOD && p.cancelled === false && p.pledgeDeadline === PD));
    const oracles = await rpc('pacta_oracles', []);
    assert.ok(oracles.items.length >= 3 && oracles.items.every((o) => o.state && o.bond));
    await assert.rejects(rpc('pacta_parties', [null, 0]), (e) => e instanceof RpcError && e.code === 1006);
    await assert.rejects(rpc('pacta_parties', [null, 501]), (e) => e instanceof RpcError && e.code === 1006);
    assert.deepEqual(await rpc('pacta_transfers', ['DEU', PERIOD]), []);

    // The runtime API behind the RPC, as polkadot.js apps' Developer → Runtime calls sees it.
    const viaApi = (await api.call.pactaApi.complianceReport(PERIOD, null, 100)).unwrap();
    assert.equal(viaApi.settled.isTrue, true);
    const braRow = viaApi.rows.find((r) => r.code.toUtf8() === 'BRA');
    assert.equal(braRow.outcome.unwrap().isBreached, true);
    assert.equal(braRow.forfeited.toBigInt(), 250n * UNIT);
    assert.equal((await api.call.pactaApi.party('IND')).unwrap().name.toUtf8(), 'India');

    const fundAfter = await rpc('pacta_climateFund', []);
    assert.equal(
      fundAfter.balance,
      (500n * UNIT + MILLI).toString(),
      'ED + slash 100 + BRA forfeited 250 + IND forfeited 50 + DEU\'s challenge bond 100',
    );
    assert.equal(fundAfter.spendable, (500n * UNIT).toString());

    const deu = await rpc('pacta_pledge', ['DEU', PERIOD]);
    assert.equal(deu.settled, true);
    assert.equal(deu.openTransfers, 0);
    assert.equal(deu.claims, 1);
    assert.deepEqual(deu.outcome, {
      outcome: 'Compliant',
      verified: estimate(905_000),
      cap: 1_000_000,
      bond: (500n * UNIT).toString(),
      forfeited: '0',
      released: (500n * UNIT).toString(),
      transfers: 1,
      transfersPaid: (95n * UNIT).toString(),
      transfersRefunded: (105n * UNIT).toString(),
      settledAt: DEADLINE + 1,
    });
    const bra = await rpc('pacta_pledge', ['BRA', PERIOD]);
    assert.equal(bra.outcome.outcome, 'Breached');
    assert.deepEqual(bra.outcome.verified, estimate(2_000_250), 'the panel\'s value has no width');
    assert.equal(bra.outcome.forfeited, (250n * UNIT).toString());
    assert.equal(bra.outcome.settledAt, CD + 1);
    assert.equal((await rpc('pacta_pledge', ['IND', PERIOD])).claims, 0);
    for (const acc of [bob, charlie, dave, donor]) {
      assert.equal((await balance(api, acc.address)).reserved, 0n, 'nothing stays held');
    }
  });

  await t.test('bad input to pacta_* answers with a JSON-RPC error', async () => {
    const cases = [
      [['pacta_party', ['de']], 1001, /party code must be exactly three uppercase ASCII letters/],
      [['pacta_pledge', ['DEUT', PERIOD]], 1001, /three uppercase ASCII letters/],
      [['pacta_party', ['XYZ']], 1002, /unknown party XYZ/],
      [['pacta_attestations', ['XYZ', PERIOD]], 1002, /unknown party XYZ/],
      [['pacta_pledge', ['DEU', 1999]], 1003, /unknown period 1999/],
      [['pacta_complianceReport', [1999]], 1003, /unknown period 1999/],
      [['pacta_dispute', ['br', PERIOD]], 1001, /three uppercase ASCII letters/],
      [['pacta_dispute', ['XYZ', PERIOD]], 1002, /unknown party XYZ/],
      [['pacta_dispute', ['BRA', 1999]], 1003, /unknown period 1999/],
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
