// Fault tests of a local 4-validator consortium (scripts/consortium.sh up 4), Aura + GRANDPA:
//
//   all four finalize → one stopped, finality goes on → it restarts, catches up, and its
//   finalized blocks are unchanged → two stopped, finality stalls (2 of 4 GRANDPA voters are
//   not a two-thirds supermajority) → one restarts, finality resumes → the last one restarts;
//   every node has the same block at every finalized height.
//
// The tests run in order on one network; it is torn down at the end, also on failure (its logs
// are then kept and their folder printed).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startConsortium, finalized, best, hashAt, waitUntil, sleep } from '../lib/consortium.js';
import { devAccounts, send } from '../lib/node.js';

const SLOT_MS = 6_000; // the runtime's Aura slot (MILLISECS_PER_BLOCK)
let net;
let failed = false;

before(async () => {
  net = await startConsortium({ validators: 4 });
});

after(async () => {
  if (!net) return;
  await net.down({ keep: failed });
  if (failed) console.log(`# consortium logs kept in ${net.dir}`);
});

/** Runs a test body and remembers a failure, so that after() keeps the logs. */
function check(fn) {
  return async (t) => {
    try {
      await fn(t);
    } catch (e) {
      failed = true;
      throw e;
    }
  };
}

/** Finalized heads of the given nodes, as { i: {number, hash} }. */
async function finalizedOf(ids) {
  const out = {};
  for (const i of ids) out[i] = await finalized(await net.api(i));
  return out;
}

/** Waits until every node in `ids` has finalized at least block `n`. */
function waitFinalized(ids, n, timeoutMs) {
  return waitUntil(
    `nodes ${ids.join(',')} to finalize #${n}`,
    async () => {
      const heads = await finalizedOf(ids);
      return Object.values(heads).every((h) => h.number >= n) && heads;
    },
    { timeoutMs, describe: () => finalizedOf(ids) },
  );
}

/** Asserts the nodes agree on the block at every height 1..upTo. */
async function assertSameChain(ids, upTo) {
  const apis = await Promise.all(ids.map((i) => net.api(i)));
  for (let n = 1; n <= upTo; n++) {
    const hashes = await Promise.all(apis.map((api) => hashAt(api, n)));
    for (let k = 1; k < ids.length; k++) {
      assert.equal(
        hashes[k],
        hashes[0],
        `block #${n}: node ${ids[k]} has ${hashes[k]}, node ${ids[0]} has ${hashes[0]}`,
      );
    }
  }
}

test('genesis comes from the consortium file: generated validators, the council, no sudo', { timeout: 60_000 }, check(async () => {
  const api = await net.api(0);
  assert.equal((await api.rpc.system.chain()).toString(), 'Pacta Consortium');
  assert.equal((await api.rpc.system.chainType()).toString(), 'Local');
  const keys = net.keys();
  assert.equal(keys.length, 4);
  const aura = (await api.query.aura.authorities()).map((a) => api.createType('AccountId', a).toString());
  assert.deepEqual(aura, keys.map((k) => k.aura));
  const grandpa = await api.call.grandpaApi.grandpaAuthorities();
  assert.deepEqual(
    grandpa.map(([id, weight]) => [api.createType('AccountId', id).toString(), weight.toNumber()]),
    keys.map((k) => [k.grandpa, 1]),
  );
  if (api.query.sudo) assert.ok((await api.query.sudo.key()).isNone, 'no sudo key');
  const council = (await api.query.councilMembership.members()).map((a) => a.toString());
  assert.equal(council.length, 3, 'the three council members of the example file');
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'PACT');
  // The pallets' genesis, when the runtime has them: founding parties and oracles.
  if (api.query.pledges?.parties) {
    const { dave, eve } = devAccounts();
    const parties = new Map(
      (await api.query.pledges.parties.entries()).map(([key, info]) => [
        Buffer.from(key.args[0].toU8a(true)).toString(),
        info.unwrap(),
      ]),
    );
    assert.deepEqual([...parties.keys()].sort(), ['BRA', 'DEU']);
    assert.equal(parties.get('DEU').controller.toString(), dave.address);
    assert.equal(parties.get('BRA').controller.toString(), eve.address);
  }
  if (api.query.attestations?.oracles) {
    const oracle = await api.query.attestations.oracles(devAccounts().ferdie.address);
    assert.ok(oracle.isSome, 'Ferdie is an approved oracle');
    assert.equal((await api.query.attestations.quorum()).toNumber(), 1);
    assert.equal((await api.query.attestations.tolerance()).toNumber(), 100_000_000);
  }
}));

test('validators refuse unsafe RPC methods; the tooling node serves them', { timeout: 60_000 }, check(async () => {
  // author_hasKey is an unsafe method (it reads the keystore): denied under --rpc-methods safe.
  const hasKey = async (i) => (await net.api(i)).rpc.author.hasKey(`0x${'00'.repeat(32)}`, 'aura');
  for (const i of net.ids) {
    await assert.rejects(hasKey(i), /unsafe/i, `validator ${i} refuses author_hasKey`);
  }
  assert.equal((await hasKey(0)).toJSON(), false, 'the tooling node answers author_hasKey');
  // Safe methods work everywhere.
  assert.ok((await (await net.api(1)).rpc.system.health()).peers.toNumber() >= 1);
}));

let before4; // validator 4's finalized head before it was stopped

// Timeouts of the tests below that wait for blocks or finality are twice what they were with
// 3 s slots.
test('all four validators finalize, connected to each other', { timeout: 300_000 }, check(async () => {
  const heads = await waitFinalized(net.ids, 3, 240_000);
  assert.ok(Object.values(heads).every((h) => h.number >= 3));
  await assertSameChain([...net.ids, 0], 3);
  const status = await net.status();
  for (const row of status) {
    assert.equal(row.running, true, `node ${row.node} running`);
    assert.ok(row.peers >= 3, `node ${row.node} has ${row.peers} peers`);
  }
}));

test('one validator stopped: finality continues', { timeout: 240_000 }, check(async () => {
  before4 = await finalized(await net.api(4));
  await net.stop(4);
  const from = (await finalized(await net.api(1))).number;
  await waitFinalized([1, 2, 3], from + 3, 180_000);
}));

test('restarted, it catches up and its earlier finalized blocks are unchanged', { timeout: 300_000 }, check(async () => {
  await net.start(4);
  const target = (await finalized(await net.api(1))).number;
  await waitFinalized([4], target, 240_000);
  const api4 = await net.api(4);
  assert.equal(await hashAt(api4, before4.number), before4.hash, `#${before4.number} on node 4 unchanged`);
  assert.equal(await hashAt(await net.api(1), before4.number), before4.hash, `#${before4.number} on node 1`);
  assert.equal(await hashAt(api4, target), await hashAt(await net.api(1), target), `#${target} on 4 and 1`);
}));

let stalledAt; // the finalized head while two validators were down

test('two validators stopped: blocks go on, finality stalls', { timeout: 240_000 }, check(async () => {
  await Promise.all([net.stop(3), net.stop(4)]);
  // Let a round that was already under way settle. GRANDPA rounds take about a second (gossip
  // every 333 ms) and do not wait for slots: 6 s, as with 3 s slots (it was 2 * SLOT_MS).
  await sleep(6_000);
  const start = await finalizedOf([1, 2]);
  const bestStart = (await best(await net.api(1))).number;
  // Watch until 3 more blocks are authored rather than sleeping a fixed 8 slots (48 s with 6 s
  // slots): validators 1 and 2 own 2 of every 4 slots, so that takes 5 to 7 slots. Three new
  // blocks over an unmoved finalized head are what the assertions below need.
  await waitUntil(
    `3 blocks on node 1 after #${bestStart}`,
    async () => (await best(await net.api(1))).number >= bestStart + 3,
    { timeoutMs: 16 * SLOT_MS },
  );
  const end = await finalizedOf([1, 2]);
  const bestEnd = (await best(await net.api(1))).number;
  assert.ok(bestEnd >= bestStart + 2, `blocks still authored (best #${bestStart} → #${bestEnd})`);
  for (const i of [1, 2]) {
    assert.deepEqual(end[i], start[i], `node ${i}: finalized head did not move with 2 of 4 voters`);
  }
  assert.equal(end[1].hash, end[2].hash);
  assert.ok(bestEnd > end[1].number + 2, `unfinalized blocks pile up (best #${bestEnd}, finalized #${end[1].number})`);
  stalledAt = end[1];
}));

test('restarting one of them resumes finality, with no conflicting finalized blocks', { timeout: 360_000 }, check(async () => {
  await net.start(3);
  const heads = await waitFinalized([1, 2, 3], stalledAt.number + 3, 300_000);
  const upTo = Math.min(...Object.values(heads).map((h) => h.number));
  await assertSameChain([1, 2, 3, 0], upTo);
  assert.equal(await hashAt(await net.api(3), stalledAt.number), stalledAt.hash);
}));

test('the last validator rejoins: all nodes agree on every finalized block', { timeout: 360_000 }, check(async () => {
  await net.start(4);
  const target = (await finalized(await net.api(1))).number;
  const heads = await waitFinalized([1, 2, 3, 4, 0], target, 300_000);
  const upTo = Math.min(...Object.values(heads).map((h) => h.number));
  await assertSameChain([1, 2, 3, 4, 0], upTo);
  // And finality keeps going with all four.
  await waitFinalized([1, 2, 3, 4], upTo + 2, 120_000);
}));

// Runtime upgrades on a chain without sudo: two thirds of the council authorize the new code's
// hash (system.authorizeUpgrade), then anyone applies it (system.applyAuthorizedUpgrade).
// `authorizeUpgrade` needs Root: the motion wraps it in `councilRoot.dispatchAsRoot`, which the
// runtime grants to two thirds of the council.
test(
  'two thirds of the council authorize a runtime upgrade (no sudo)',
  { timeout: 240_000 }, // four transactions one after another, a block (6 s) each
  async () => {
    const api = await net.api(0);
    const { alice, bob, charlie } = devAccounts();
    const members = (await api.query.councilMembership.members()).map((m) => m.toString());
    const threshold = Math.ceil((2 * members.length) / 3);
    const voters = [alice, bob, charlie].filter((p) => members.includes(p.address)).slice(0, threshold);
    assert.equal(voters.length, threshold, 'enough dev accounts on the council of the example file');

    const code = (await api.rpc.state.getStorage(':code')).toHex();
    const codeHash = blake2AsHex(code, 256);
    const call = api.tx.councilRoot.dispatchAsRoot(api.tx.system.authorizeUpgrade(codeHash));
    await send(api, api.tx.council.propose(threshold, call, call.encodedLength), voters[0]);
    const hash = call.method.hash.toHex();
    const { index } = (await api.query.council.voting(hash)).unwrap();
    for (const member of voters) await send(api, api.tx.council.vote(hash, index, true), member);
    const { events } = await send(
      api,
      api.tx.council.close(hash, index, { refTime: 10_000_000_000, proofSize: 1_000_000 }, call.encodedLength),
      voters[0],
    );
    const executed = events.find(({ event }) => api.events.council.Executed.is(event));
    assert.ok(executed, 'the motion was executed');
    assert.deepEqual(executed.event.data.result.toJSON(), { ok: null }, 'the motion succeeded');
    const asRoot = events.find(({ event }) => api.events.councilRoot.DispatchedAsRoot.is(event));
    assert.ok(asRoot, 'dispatched as Root');
    assert.deepEqual(asRoot.event.data.result.toJSON(), { ok: null }, 'the authorization succeeded');
    const authorized = (await api.query.system.authorizedUpgrade()).unwrap();
    assert.equal(authorized.codeHash.toHex(), codeHash);
  },
);
