// Keys as institutions hold them, on a fresh dev chain:
//
//   council     one motion with utility.batchAll registers DEU, FRA and JPN, opens the period
//               and approves an oracle (instead of one motion per call)
//   ministry    DEU's controller is a 2-of-3 multisig: one signatory alone cannot pledge, two
//               of three do (Alice opens the operation, Bob approves and executes it)
//   oracle      Ferdie's bonded oracle account stays cold: a hot key with an `Attesting` proxy
//               commits its sealed attestation for it (the commitment is of Ferdie's account,
//               not the hot key's) and reveals it after the attestation deadline, and cannot
//               move its funds
//
// Run: PACTA_NODE_BIN=... node --test --test-reporter=spec e2e/keys.test.js

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, createKeyMulti, encodeAddress, sortAddresses } from '@polkadot/util-crypto';
import { startNode, devAccounts, sendAll, waitForBlock, rpcCall } from '../lib/node.js';
import { commitment, randomSalt } from '../lib/commit.js';

const UNIT = 1_000_000_000_000n; // 1 PACT
const PERIOD = 2031;

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

/** The first event `pallet.name` of a fulfilled result. */
function eventOf(api, result, pallet, name) {
  assert.equal(result.status, 'fulfilled', result.reason?.message);
  const found = result.value.events.find(({ event }) => api.events[pallet][name].is(event));
  assert.ok(found, `${pallet}.${name} emitted`);
  return found.event;
}

/** The name of a DispatchError (`pallet.Error` or `BadOrigin`). */
function errorName(api, err) {
  if (err.isModule) {
    const meta = api.registry.findMetaError(err.asModule);
    return `${meta.section}.${meta.name}`;
  }
  return err.type;
}

async function head(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

test('institutional keys: a batched motion, a multisig ministry, an oracle behind a proxy', async (t) => {
  const { api, rpcPort } = node;
  const rpc = (method, params) => rpcCall(rpcPort, method, params);
  const { alice, bob, charlie, dave, eve, ferdie } = devAccounts();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const hot = keyring.addFromUri('//Ferdie//attesting'); // the oracle's hot key

  // DEU's ministry: a 2-of-3 multisig of Alice, Bob and Charlie.
  const signatories = [alice.address, bob.address, charlie.address];
  const ministry = encodeAddress(createKeyMulti(signatories, 2), 42);
  const othersOf = (me) => sortAddresses(signatories.filter((a) => a !== me), 42);

  const now = await head(api);
  const PD = now + 15; // pledge deadline: the motion and the multisig fit before it
  const AD = PD + 4; // attestation deadline: the commit (#PD+2) + 2 spare
  const RD = AD + 3; // reveal deadline: the reveal (#AD+1) + 2 spare
  const CD = RD + 3;
  t.diagnostic(
    `now #${now}, pledge deadline #${PD}, attestation deadline #${AD}, reveal deadline #${RD}; ministry ${ministry}`,
  );

  const batch = api.tx.utility.batchAll([
    api.tx.pledges.registerParty('DEU', 'Germany', ministry),
    api.tx.pledges.registerParty('FRA', 'France', dave.address),
    api.tx.pledges.registerParty('JPN', 'Japan', eve.address),
    api.tx.pledges.openPeriod(PERIOD, PD, AD, RD, CD, 2, 3, {
      mode: 'Binding',
      penaltyPerTonne: UNIT,
      unverifiedForfeit: 500_000_000,
    }),
    api.tx.attestations.approveOracle(ferdie.address),
  ]);

  let motion;
  await t.test('the oracle applies and names its hot key; the council proposes one batch', async () => {
    const results = await sendAll(api, [
      [api.tx.attestations.applyAsOracle('Copernicus'), ferdie],
      [api.tx.proxy.addProxy(hot.address, 'Attesting', 0), ferdie],
      [api.tx.balances.transferKeepAlive(ministry, 5_000n * UNIT), alice],
      [api.tx.balances.transferKeepAlive(hot.address, 100n * UNIT), alice],
      [api.tx.council.propose(2, batch, batch.encodedLength), alice],
    ]);
    allOk(results, ['ferdie applies', 'ferdie adds a proxy', 'fund the ministry', 'fund the hot key', 'propose']);
    const proposed = eventOf(api, results[4], 'council', 'Proposed');
    motion = { index: proposed.data[1].toNumber(), hash: proposed.data[2].toHex() };
    const [proxies] = await api.query.proxy.proxies(ferdie.address);
    assert.deepEqual(
      proxies.map((p) => [p.delegate.toString(), p.proxyType.toString()]),
      [[hot.address, 'Attesting']],
    );
  });

  await t.test('two thirds vote, the motion closes: three parties, a period, an oracle in one motion', async () => {
    allOk(
      await sendAll(api, [
        [api.tx.council.vote(motion.hash, motion.index, true), alice],
        [api.tx.council.vote(motion.hash, motion.index, true), bob],
      ]),
      ['alice votes', 'bob votes'],
    );
    const weight = (await batch.paymentInfo(alice.address)).weight;
    const [closed] = await sendAll(api, [
      [api.tx.council.close(motion.hash, motion.index, weight, batch.encodedLength), charlie],
    ]);
    eventOf(api, closed, 'council', 'Executed');
    eventOf(api, closed, 'utility', 'BatchCompleted');
    const registered = closed.value.events.filter(({ event }) =>
      api.events.pledges.PartyRegistered.is(event),
    );
    assert.equal(registered.length, 3);
    assert.equal((await rpc('pacta_party', ['DEU'])).controller, ministry);
    assert.equal((await rpc('pacta_party', ['FRA'])).controller, dave.address);
    assert.equal((await rpc('pacta_party', ['JPN'])).controller, eve.address);
    eventOf(api, closed, 'attestations', 'OracleApproved');
  });

  await t.test('DEU pledges through its 2-of-3 multisig; one signatory alone cannot', async () => {
    const pledge = api.tx.pledges.submitPledge(PERIOD, 1_000_000, 500n * UNIT);
    const weight = (await pledge.paymentInfo(ministry)).weight;
    const first = await sendAll(api, [
      [api.tx.multisig.asMulti(2, othersOf(alice.address), null, pledge.method, weight), alice],
      [api.tx.pledges.submitPledge(PERIOD, 1_000_000, 500n * UNIT), bob],
    ]);
    eventOf(api, first[0], 'multisig', 'NewMultisig');
    assert.equal(first[1].status, 'rejected');
    assert.equal(first[1].reason.dispatchError, 'pledges.NotAPartyController');
    assert.equal((await rpc('pacta_pledge', ['DEU', PERIOD])), null, 'no pledge after one approval');

    const pending = await api.query.multisig.multisigs(ministry, pledge.method.hash);
    const when = pending.unwrap().when;
    const [second] = await sendAll(api, [
      [api.tx.multisig.asMulti(2, othersOf(bob.address), when, pledge.method, weight), bob],
    ]);
    const executed = eventOf(api, second, 'multisig', 'MultisigExecuted');
    const result = executed.data.result ?? executed.data[4];
    assert.ok(result.isOk, `the pledge dispatched: ${result.isErr ? errorName(api, result.asErr) : ''}`);
    const view = await rpc('pacta_pledge', ['DEU', PERIOD]);
    assert.equal(view.cap, 1_000_000);
    assert.equal(view.owner, ministry);
    const holds = await api.query.balances.holds(ministry);
    const held = holds
      .filter((h) => JSON.stringify(h.id.toHuman()).includes('PledgeBond'))
      .reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
    assert.equal(held, 500n * UNIT, 'the bond is held on the ministry account');
  });

  await t.test('the hot key cannot move the oracle\'s funds', async () => {
    const [r] = await sendAll(api, [
      [api.tx.proxy.proxy(ferdie.address, null, api.tx.balances.transferKeepAlive(hot.address, UNIT)), hot],
    ]);
    const executed = eventOf(api, r, 'proxy', 'ProxyExecuted');
    const result = executed.data.result ?? executed.data[0];
    assert.ok(result.isErr);
    assert.equal(errorName(api, result.asErr), 'system.CallFiltered');
  });

  // Ferdie's sealed attestation: the value, half-width, evidence and salt stay with the oracle
  // (here: the test) until the reveal. The commitment binds Ferdie's account, the real one,
  // since the proxied calls act as Ferdie.
  const reading = {
    period: PERIOD,
    code: 'DEU',
    oracle: ferdie.address,
    tonnes: 900_000,
    halfWidth: 25_000,
    evidence: blake2AsHex('Copernicus DEU 2031'),
    salt: randomSalt(),
  };
  const sealed = commitment(reading);
  /** `call` sent by the hot key as Ferdie through the Attesting proxy; asserts it dispatched. */
  const asFerdie = async (call, what) => {
    const [r] = await sendAll(api, [[api.tx.proxy.proxy(ferdie.address, 'Attesting', call), hot]]);
    const executed = eventOf(api, r, 'proxy', 'ProxyExecuted');
    const result = executed.data.result ?? executed.data[0];
    assert.ok(result.isOk, `${what}: ${result.isErr ? errorName(api, result.asErr) : ''}`);
    return r;
  };
  let nonceBefore;

  await t.test('the oracle commits through its Attesting proxy; its bonded account stays cold', async () => {
    await waitForBlock(api, PD + 1);
    nonceBefore = (await api.rpc.system.accountNextIndex(ferdie.address)).toNumber();
    const r = await asFerdie(api.tx.attestations.commit('DEU', PERIOD, sealed), 'committed');
    const committed = eventOf(api, r, 'attestations', 'Committed');
    assert.equal(committed.data.oracle.toString(), ferdie.address, 'Ferdie\'s commitment, not the hot key\'s');
    assert.equal(committed.data.commitment.toHex(), sealed);
    const attestations = await rpc('pacta_attestations', ['DEU', PERIOD]);
    assert.equal(attestations.length, 1);
    assert.equal(attestations[0].oracle, ferdie.address, 'recorded as Ferdie\'s attestation');
    assert.equal(attestations[0].commitment, sealed);
    assert.equal(attestations[0].reading, null, 'sealed until the reveal');
    const at = (await api.rpc.chain.getHeader(r.value.blockHash)).number.toNumber();
    assert.ok(at > PD && at <= AD, `committed in #${at}, within (#${PD}, #${AD}]`);
    assert.equal((await api.rpc.system.accountNextIndex(ferdie.address)).toNumber(), nonceBefore);
    assert.equal(nonceBefore, 2, 'Ferdie signed only its application and its proxy');
  });

  await t.test('after the attestation deadline the proxy reveals; Ferdie still signs nothing', async () => {
    await waitForBlock(api, AD);
    const r = await asFerdie(
      api.tx.attestations.reveal('DEU', PERIOD, reading.tonnes, reading.halfWidth, reading.evidence, reading.salt),
      'revealed',
    );
    const revealed = eventOf(api, r, 'attestations', 'Revealed');
    assert.equal(revealed.data.oracle.toString(), ferdie.address);
    assert.equal(revealed.data.tonnes.toNumber(), 900_000);
    const at = (await api.rpc.chain.getHeader(r.value.blockHash)).number.toNumber();
    assert.ok(at > AD && at <= RD, `revealed in #${at}, within (#${AD}, #${RD}]`);
    const [attestation] = await rpc('pacta_attestations', ['DEU', PERIOD]);
    assert.deepEqual(attestation.reading, {
      tonnes: 900_000,
      halfWidth: 25_000,
      evidence: reading.evidence,
    });
    assert.equal((await api.rpc.system.accountNextIndex(ferdie.address)).toNumber(), nonceBefore);
  });
});
