// Pacta load script (issue #18): measures, in one run against one node, what a block holds.
//
//   node tests/load/load.mjs                         # starts a fresh dev node (--dev --tmp)
//   node tests/load/load.mjs --url ws://127.0.0.1:9944 --pledges 2500
//   node tests/load/load.mjs --batch 256           # oracles commit and reveal in batches
//
// Against --url the node must run a dev chain (Alice is sudo and endowed), e.g. scripts/dev.sh.
// It prints one JSON line per figure on stdout (progress goes to stderr):
//
//   {"figure":"transfers_per_block","best":...,"blocks":[...],"rounds":N}
//   {"figure":"commits_per_block", ...}        (sealed attestations, first half: the oracle
//                                                call `attestations.commit`, a hash per pledge)
//   {"figure":"reveals_per_block", ...}        (second half, after the attestation deadline:
//                                                `attestations.reveal`, which rehashes the reading)
//   {"figure":"pledges_verified_per_block", ...,"attestations_per_pledge":5}   (with --oracles 0
//                                                every pledge is unverified: the bare figures)
//   {"figure":"pledges_settled_per_block", ...}
//
// Transfers and commits are measured in alternating rounds (transfers, commits, transfers, ...)
// until the attestation deadline, then the reveals in as many rounds until the reveal deadline;
// each kind keeps its best block, since bursts straddle blocks and the machine is shared. Each
// oracle's salt per party is kept in memory between its commit and its reveal. Verification
// (after the reveal deadline) and settlement run by themselves in `on_initialize`: their
// figure is the most `EmissionsVerified` / `PledgeSettled` events one block carried.
// With --batch N each oracle sends its commits and reveals as `commit_batch` / `reveal_batch`
// of up to N items (an organisation covering many parties); the figures still count items (the
// `Committed` / `Revealed` events), and say `"batch": N`.
// This is a measurement, not a test: nothing here asserts a target (see the closing notes).

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import { commitment, randomSalt } from '../lib/commit.js';

const UNIT = 10n ** 12n;
const PERIOD = 2090;

function args() {
  const out = { url: null, pledges: 2500, oracles: 5, senders: 3000, rounds: 2, batch: 0 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out)) throw new Error(`unknown option --${key} (have: ${Object.keys(out).join(', ')})`);
    out[key] = key === 'url' ? argv[++i] : Number(argv[++i]);
  }
  return out;
}

const log = (...m) => console.error('[load]', ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The i-th three-letter party code (AAA, AAB, ...). */
function code(i) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return a[Math.floor(i / 676) % 26] + a[Math.floor(i / 26) % 26] + a[i % 26];
}

/** Counts, per best block from now on, the events `match` accepts. */
function countEvents(api, match) {
  const perBlock = new Map();
  let unsub = null;
  const ready = api.rpc.chain
    .subscribeNewHeads(async (header) => {
      const hash = header.hash;
      const events = await (await api.at(hash)).query.system.events();
      let n = 0;
      for (const { event } of events) if (match(event)) n++;
      perBlock.set(header.number.toNumber(), n);
    })
    .then((u) => {
      unsub = u;
    });
  return {
    ready,
    stop: () => unsub && unsub(),
    blocks: () => [...perBlock.entries()].sort((a, b) => a[0] - b[0]).filter(([, n]) => n > 0),
  };
}

/** Signs `items` ([tx, pair, nonce]) and submits them all without waiting for inclusion. */
async function blast(api, items) {
  const signed = [];
  for (const [tx, pair, nonce] of items) {
    signed.push(await tx.signAsync(pair, { nonce, era: 0 }));
  }
  const results = await Promise.allSettled(signed.map((x) => api.rpc.author.submitExtrinsic(x)));
  const refused = results.filter((r) => r.status === 'rejected');
  if (refused.length) log(`${refused.length} of ${items.length} refused by the pool, e.g. ${refused[0].reason.message}`);
  return items.length - refused.length;
}

/** Waits until `probe()` is true, polling every block. */
async function until(what, probe, timeoutMs = 600_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return;
    await sleep(2_000);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** Sends sudo-wrapped batches of `calls` from Alice, `chunk` per batch, and waits for each. */
async function sudoBatches(api, alice, calls, chunk, what) {
  for (let i = 0; i < calls.length; i += chunk) {
    const batch = api.tx.utility.batchAll(calls.slice(i, i + chunk));
    await includeOne(api, api.tx.sudo.sudo(batch), alice);
    log(`${what}: ${Math.min(i + chunk, calls.length)} / ${calls.length}`);
  }
}

/** Batches of `calls` signed by Alice herself (transfers), waiting for each. */
async function aliceBatches(api, alice, calls, chunk, what) {
  for (let i = 0; i < calls.length; i += chunk) {
    await includeOne(api, api.tx.utility.batchAll(calls.slice(i, i + chunk)), alice);
    log(`${what}: ${Math.min(i + chunk, calls.length)} / ${calls.length}`);
  }
}

/** Sends one transaction and resolves once it is in a block (rejects on a dispatch error). */
function includeOne(api, tx, pair) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(pair, { nonce: -1 }, ({ status, dispatchError, events }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub?.();
        reject(new Error(`transaction ${status.type}`));
      }
      if (!status.isInBlock) return;
      unsub?.();
      if (dispatchError) return reject(new Error(dispatchError.toString()));
      for (const { event } of events) {
        if (api.events.sudo?.Sudid?.is(event) && event.data[0].isErr) {
          return reject(new Error(`sudo: ${event.data[0].asErr.toString()}`));
        }
        if (api.events.utility?.BatchInterrupted?.is(event)) {
          return reject(new Error(`batch interrupted: ${event.data.toString()}`));
        }
      }
      resolve();
    })
      .then((u) => (unsub = u))
      .catch(reject);
  });
}

function figure(name, counter, extra = {}) {
  const blocks = counter.blocks();
  const best = blocks.reduce((m, [, n]) => Math.max(m, n), 0);
  console.log(JSON.stringify({ figure: name, best, blocks: blocks.map(([b, n]) => ({ block: b, n })), ...extra }));
  return best;
}

async function main() {
  const opts = args();
  await cryptoWaitReady();
  let node = null;
  let api;
  if (opts.url) {
    api = await ApiPromise.create({ provider: new WsProvider(opts.url), noInitWarn: true });
  } else {
    log('starting a fresh dev node');
    node = await startNode();
    api = node.api;
  }
  try {
    await run(api, opts);
  } finally {
    await api.disconnect();
    if (node) await node.stop();
  }
}

async function run(api, opts) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const senders = Array.from({ length: Math.max(opts.senders, opts.pledges) }, (_, i) =>
    keyring.addFromUri(`//pacta-load//${i}`),
  );
  const oracles = Array.from({ length: opts.oracles }, (_, i) => keyring.addFromUri(`//pacta-load-oracle//${i}`));

  // --- Setup: fund every account, register the parties, open a period far enough ahead. ---
  log(`funding ${senders.length} senders and ${oracles.length} oracles`);
  const fund = [
    ...senders.map((s) => api.tx.balances.transferKeepAlive(s.address, 200n * UNIT)),
    ...oracles.map((o) => api.tx.balances.transferKeepAlive(o.address, 5_000n * UNIT)),
  ];
  await aliceBatches(api, alice, fund, 1_000, 'funded');
  const parties = senders.slice(0, opts.pledges);
  await sudoBatches(
    api,
    alice,
    parties.map((p, i) => api.tx.pledges.registerParty(code(i), `Load ${code(i)}`, p.address)),
    500,
    'registered',
  );
  for (const o of oracles) await includeOne(api, api.tx.attestations.applyAsOracle('load oracle'), o);
  await sudoBatches(api, alice, oracles.map((o) => api.tx.attestations.approveOracle(o.address)), 50, 'oracles approved');

  // The calendar: pledges until PD, then the measurement rounds of commits until AD, then as
  // many rounds of reveals until RD (the same budget of blocks; verification runs after RD).
  const now = await bestNumber(api);
  const PD = now + 12;
  const AD = PD + 10 + 10 * opts.rounds;
  const RD = AD + 10 + 10 * opts.rounds;
  const CD = RD + 3;
  await includeOne(
    api,
    api.tx.sudo.sudo(
      api.tx.pledges.openPeriod(PERIOD, PD, AD, RD, CD, 1, 1, {
        mode: 'Binding',
        penaltyPerTonne: UNIT,
        unverifiedForfeit: 500_000_000,
      }),
    ),
    alice,
  );
  log(`period ${PERIOD}: pledges until ${PD}, commits until ${AD}, reveals until ${RD}, challenges until ${CD}`);
  const pledged = await blast(
    api,
    parties.map((p) => [api.tx.pledges.submitPledge(PERIOD, 1_000_000, 100n * UNIT), p, 0]),
  );
  log(`${pledged} pledges submitted`);
  await until('the pledge deadline', async () => (await bestNumber(api)) > PD);

  // --- Alternating rounds: transfers, then commits (each of 1/rounds of the pledges). ---
  const transfers = countEvents(api, (e) => api.events.balances.Transfer.is(e) && e.data[0].toString() !== alice.address);
  const commits = countEvents(api, (e) => api.events.attestations.Committed.is(e));
  await Promise.all([transfers.ready, commits.ready]);
  const nonces = new Map();
  const nextNonce = async (pair) => {
    if (!nonces.has(pair.address)) {
      nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
    }
    const n = nonces.get(pair.address);
    nonces.set(pair.address, n + 1);
    return n;
  };
  const perRound = Math.ceil(parties.length / opts.rounds);
  // Each oracle's reading of party i, and the salt it keeps until the reveal.
  const EVIDENCE = '0x' + '11'.repeat(32);
  const salts = new Map(); // `${oracle}/${i}` → salt
  const reading = (o, i) => ({
    period: PERIOD,
    code: code(i),
    oracle: o.address,
    tonnes: 1_000_000 - (i % 7),
    halfWidth: 0,
    evidence: EVIDENCE,
    salt: salts.get(`${o.address}/${i}`),
  });
  for (let round = 0; round < opts.rounds; round++) {
    const items = [];
    for (const s of senders) {
      items.push([api.tx.balances.transferKeepAlive(alice.address, UNIT), s, await nextNonce(s)]);
    }
    const start = await bestNumber(api);
    log(`round ${round + 1}: ${await blast(api, items)} transfers from block ${start}`);
    await until('the transfers', async () => {
      const sum = transfers.blocks().reduce((t, [, n]) => t + n, 0);
      return sum >= items.length * (round + 1) * 0.99;
    });
    const slice = parties.slice(round * perRound, (round + 1) * perRound);
    const sealed = [];
    let count = 0;
    for (const o of oracles) {
      const indices = slice.map((_, k) => round * perRound + k);
      for (const i of indices) salts.set(`${o.address}/${i}`, randomSalt());
      count += indices.length;
      if (opts.batch > 0) {
        for (let b = 0; b < indices.length; b += opts.batch) {
          const batch = indices
            .slice(b, b + opts.batch)
            .map((i) => ({ code: code(i), period: PERIOD, commitment: commitment(reading(o, i)) }));
          sealed.push([api.tx.attestations.commitBatch(batch), o, await nextNonce(o)]);
        }
      } else {
        for (const i of indices) {
          sealed.push([api.tx.attestations.commit(code(i), PERIOD, commitment(reading(o, i))), o, await nextNonce(o)]);
        }
      }
    }
    log(`round ${round + 1}: ${await blast(api, sealed)} commit calls (${count} commits) from block ${await bestNumber(api)}`);
    await until('the commits', async () => {
      const sum = commits.blocks().reduce((t, [, n]) => t + n, 0);
      return sum >= count + round * oracles.length * perRound - 5;
    });
  }
  transfers.stop();
  commits.stop();
  figure('transfers_per_block', transfers, { rounds: opts.rounds, senders: senders.length });
  figure('commits_per_block', commits, {
    rounds: opts.rounds,
    call: opts.batch > 0 ? 'attestations.commit_batch' : 'attestations.commit',
    batch: opts.batch,
  });

  // --- After AD: the reveals, in the same slices (each of 1/rounds of the pledges). ---
  const reveals = countEvents(api, (e) => api.events.attestations.Revealed.is(e));
  await reveals.ready;
  await until('the attestation deadline', async () => (await bestNumber(api)) > AD);
  for (let round = 0; round < opts.rounds; round++) {
    const slice = parties.slice(round * perRound, (round + 1) * perRound);
    const open = [];
    let count = 0;
    for (const o of oracles) {
      const indices = slice.map((_, k) => round * perRound + k);
      count += indices.length;
      if (opts.batch > 0) {
        for (let b = 0; b < indices.length; b += opts.batch) {
          const batch = indices.slice(b, b + opts.batch).map((i) => {
            const r = reading(o, i);
            return { code: r.code, period: PERIOD, tonnes: r.tonnes, halfWidth: r.halfWidth, evidence: r.evidence, salt: r.salt };
          });
          open.push([api.tx.attestations.revealBatch(batch), o, await nextNonce(o)]);
        }
      } else {
        for (const i of indices) {
          const r = reading(o, i);
          open.push([
            api.tx.attestations.reveal(r.code, PERIOD, r.tonnes, r.halfWidth, r.evidence, r.salt),
            o,
            await nextNonce(o),
          ]);
        }
      }
    }
    log(`round ${round + 1}: ${await blast(api, open)} reveal calls (${count} reveals) from block ${await bestNumber(api)}`);
    await until('the reveals', async () => {
      const sum = reveals.blocks().reduce((t, [, n]) => t + n, 0);
      return sum >= count + round * oracles.length * perRound - 5;
    });
  }
  reveals.stop();
  figure('reveals_per_block', reveals, {
    rounds: opts.rounds,
    call: opts.batch > 0 ? 'attestations.reveal_batch' : 'attestations.reveal',
    batch: opts.batch,
  });

  // --- Verification and settlement run by themselves after RD and CD. ---
  const verified = countEvents(
    api,
    (e) => api.events.attestations.EmissionsVerified.is(e) || api.events.attestations.EmissionsUnverified.is(e),
  );
  const settled = countEvents(api, (e) => api.events.settlement.PledgeSettled.is(e));
  await Promise.all([verified.ready, settled.ready]);
  await until('verification', async () => verified.blocks().reduce((t, [, n]) => t + n, 0) >= parties.length);
  await until('settlement', async () => settled.blocks().reduce((t, [, n]) => t + n, 0) >= parties.length);
  verified.stop();
  settled.stop();
  figure('pledges_verified_per_block', verified, { pledges: parties.length, attestations_per_pledge: oracles.length });
  figure('pledges_settled_per_block', settled, { pledges: parties.length });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
