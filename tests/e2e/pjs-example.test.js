// The polkadot.js (@polkadot/api) example of docs/clients.md, run as written against a fresh dev
// node: its js block (after the `tested:` marker under the polkadot.js heading) is written to a
// temporary .mjs with only the node's URL put in, run in a child process, and what it prints is
// checked against what this test reads from the same node — typed storage (Alice's account, the
// attestation quorum), the `PactaApi` runtime API (`party`, `climate_fund`), a `pacta_parties`
// page, and the decoded Balances.Transfer event of Alice's transfer to Bob, in the block named.
// It runs twice: on the fresh chain (DEU not registered, no parties) and once sudo registered
// DEU (its name, one party), so both branches of the example are exercised. About 20 s: two
// transfers and a registration, a 6-second block each.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startNode, devAccounts, rpcCall, sudo } from '../lib/node.js';

const UNIT = 1_000_000_000_000n;
const execFileAsync = promisify(execFile);

let node;
let dir;

before(async () => {
  node = await startNode();
  // The example imports @polkadot/api: a temporary directory whose node_modules is tests'.
  dir = mkdtempSync(join(tmpdir(), 'pacta-pjs-example-'));
  symlinkSync(fileURLToPath(new URL('../node_modules', import.meta.url)), join(dir, 'node_modules'));
});
after(async () => {
  if (node) await node.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The example's code: the js block after the `tested:` marker in the polkadot.js section. */
function docsExample() {
  const doc = readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8');
  const section = doc.match(/^## polkadot\.js \(`@polkadot\/api`\)\n([^]*?)(?=^## )/m);
  assert.ok(section, 'docs/clients.md has a polkadot.js section');
  const block = section[1].match(
    /<!-- tested: tests\/e2e\/pjs-example\.test\.js[^]*?-->\s*```js\n([^]*?)```/,
  );
  assert.ok(block, 'the polkadot.js section has the tested example');
  return block[1];
}

/** Runs the example against the test node and resolves with what it printed. */
async function runExample() {
  const from = '"ws://127.0.0.1:9944"';
  const code = docsExample();
  assert.equal(code.split(from).length, 2, `the example has ${from} once`);
  const file = join(dir, 'example.mjs');
  writeFileSync(file, code.replace(from, JSON.stringify(node.url)));
  const { stdout } = await execFileAsync(process.execPath, [file], { timeout: 120_000 });
  return stdout;
}

/** Runs the example and checks each printed line against the node's state. */
async function checkExample(expectedParty) {
  const { api } = node;
  const { alice, bob } = devAccounts();
  // The example reads the best block; nothing else is sent meanwhile, so it reads this state.
  const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();

  const out = await runExample();
  const line = (re) => {
    const m = out.match(re);
    assert.ok(m, `the example printed no line matching ${re}:\n${out}`);
    return m;
  };
  assert.equal(BigInt(line(/^Alice free (\d+)$/m)[1]), aliceBefore);
  assert.equal(Number(line(/^quorum (\d+)$/m)[1]), (await api.query.attestations.quorum()).toNumber());
  line(new RegExp(`^DEU ${expectedParty ?? 'not registered'}$`, 'm'));
  const fund = (await api.call.pactaApi.climateFund()).toJSON();
  const [, fundAccount, fundBalance] = line(/^climate fund (\w+) (\d+)$/m);
  assert.deepEqual([fundAccount, BigInt(fundBalance)], [fund.account, BigInt(fund.balance)]);
  const parties = await rpcCall(node.rpcPort, 'pacta_parties', [null, 100]);
  const [, codes, next] = line(/^parties (\[.*\]) next (\S+)$/m);
  assert.deepEqual(JSON.parse(codes), parties.items.map((p) => p.code));
  assert.deepEqual(JSON.parse(codes), expectedParty ? ['DEU'] : []);
  assert.equal(next, 'null');

  const [, from, to, amount, block] = line(/^Transfer (\w+) (\w+) (\d+) in block (0x[0-9a-f]{64})$/m);
  assert.deepEqual([from, to, BigInt(amount)], [alice.address, bob.address, UNIT]);
  // The block named holds that event, and Bob received the 1 PACT.
  const events = await (await api.at(block)).query.system.events();
  const transfers = events
    .filter(({ event }) => api.events.balances.Transfer.is(event))
    .map(({ event }) => [event.data.from.toString(), event.data.to.toString(), event.data.amount.toBigInt()]);
  assert.deepEqual(transfers, [[alice.address, bob.address, UNIT]]);
  const bobAfter = (await (await api.at(block)).query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(bobAfter - bobBefore, UNIT);
  return out;
}

test('the polkadot.js example of docs/clients.md runs as written on a fresh chain', async () => {
  await checkExample(null);
});

test('the polkadot.js example prints a registered party by its name', async () => {
  const { api } = node;
  const { events } = await sudo(
    api,
    api.tx.pledges.registerParty('DEU', 'Germany', devAccounts().dave.address),
  );
  // What the page says of sudo calls: the outcome is Sudo.Sudid's `sudoResult`.
  const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
  assert.equal(sudid.event.data.sudoResult.isOk, true);
  await checkExample('Germany');
});
