// polkadot-api (PAPI) against a live dev chain, as a new dapp would use it: descriptors generated
// from the runtime Wasm (`papi add pacta --wasm`, tests/papi/generate.js), a typed client over
// WebSocket, typed storage queries, transactions signed with Alice's dev key (sr25519, PAPI's
// signer), their decoded events (a sudo call's module error included), and `PactaApi`
// runtime-API calls with decoded results — checked against what @polkadot/api reads from the
// same node. The PAPI example of docs/clients.md runs as written (a transfer to Bob).
//
// The node must run the runtime the descriptors came from: the first test compares the chain's
// `:code` with the Wasm's bytes. PAPI reads and signs against the finalized block by default;
// `signAndSubmit` resolves once the transaction is finalized (two or three 6-second blocks).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Binary, createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';
import { WebSocket } from 'ws';
import { startNode, devAccounts, nodeBinary } from '../lib/node.js';
import { generateDescriptors } from '../papi/generate.js';

const UNIT = 1_000_000_000_000n;
const execFileAsync = promisify(execFile);

/** A PAPI signer and SS58 address for a dev account (`//Alice`, ...), derived with hdkd. */
function devSigner(path) {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  const keyPair = derive(path);
  return {
    address: ss58Address(keyPair.publicKey, 42),
    signer: getPolkadotSigner(keyPair.publicKey, 'Sr25519', keyPair.sign),
  };
}

let node;
let client;
let api;
let descriptors;
const alice = devSigner('//Alice');
const bob = devSigner('//Bob');

before(async () => {
  // A no-op when scripts/test.sh already generated them from the same Wasm.
  descriptors = generateDescriptors({ quiet: true });
  const { pacta } = await import(descriptors.entry);
  node = await startNode();
  // Node 20 has no global WebSocket: hand PAPI the `ws` package's class.
  client = createClient(getWsProvider(node.url, { websocketClass: WebSocket }));
  api = client.getTypedApi(pacta);
});
after(async () => {
  client?.destroy();
  if (node) await node.stop();
});

/**
 * Runs the PAPI example of docs/clients.md (its js block after the `tested:` marker) in a child
 * process, with the dev node's URL and the generated descriptors' path put in, and resolves with
 * what it printed.
 */
async function runDocsExample() {
  const doc = readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8');
  const block = doc.match(/<!-- tested: tests\/e2e\/papi\.test\.js[^]*?-->\s*```js\n([^]*?)```/);
  assert.ok(block, 'docs/clients.md has the tested PAPI example');
  let code = block[1];
  for (const [from, to] of [
    ['"ws://127.0.0.1:9944"', JSON.stringify(node.url)],
    ['"@polkadot-api/descriptors"', JSON.stringify(pathToFileURL(descriptors.entry).href)],
  ]) {
    assert.equal(code.split(from).length, 2, `the example has ${from} once`);
    code = code.replace(from, to);
  }
  // Next to the descriptors, so that its imports resolve from tests/node_modules.
  const file = join(dirname(descriptors.entry), '../../clients-example.mjs');
  writeFileSync(file, code);
  const { stdout } = await execFileAsync(process.execPath, [file], { timeout: 120_000 });
  return stdout;
}

test('the node runs the runtime the descriptors were generated from', async () => {
  const code = await client.rawQuery('0x3a636f6465'); // `:code`
  assert.ok(code, 'the chain has a :code');
  const sha = createHash('sha256').update(Buffer.from(code.slice(2), 'hex')).digest('hex');
  assert.equal(
    sha,
    descriptors.wasmSha256,
    `the node (${nodeBinary()}) runs another runtime than ${descriptors.wasm}, the descriptors' ` +
      '(the Wasm rebuilt after the node?): run scripts/build.sh, or set PACTA_RUNTIME_WASM',
  );
  const { spec_name } = await api.constants.System.Version();
  assert.equal(spec_name, 'pacta');
});

test('typed storage: accounts and the attestation quorum, as @polkadot/api reads them', async () => {
  const pjs = node.api;
  // The keys PAPI derived with hdkd are the keyring's dev accounts.
  const keyring = devAccounts();
  assert.equal(alice.address, keyring.alice.address);
  assert.equal(bob.address, keyring.bob.address);

  const finalized = await client.getFinalizedBlock();
  const account = await api.query.System.Account.getValue(alice.address, { at: finalized.hash });
  assert.equal(typeof account.data.free, 'bigint');
  assert.ok(account.data.free > 0n);
  const pjsAccount = await (await pjs.at(finalized.hash)).query.system.account(alice.address);
  assert.equal(account.data.free, pjsAccount.data.free.toBigInt());
  assert.equal(account.nonce, pjsAccount.nonce.toNumber());

  const quorum = await api.query.Attestations.Quorum.getValue();
  assert.equal(typeof quorum, 'number');
  assert.ok(quorum >= 1);
  assert.equal(quorum, (await pjs.query.attestations.quorum()).toNumber());

  // No party yet: an optional entry decodes to undefined.
  assert.equal(await api.query.Pledges.Parties.getValue(Binary.fromText('FRA')), undefined);
});

test('the example of docs/clients.md runs as written: storage, PactaApi, a transfer, its event', async () => {
  const bobBefore = await api.query.System.Account.getValue(bob.address);
  const out = await runDocsExample();
  const line = (re) => {
    const m = out.match(re);
    assert.ok(m, `the example printed no line matching ${re}:\n${out}`);
    return m;
  };
  assert.ok(BigInt(line(/^Alice free (\d+)$/m)[1]) > 0n);
  assert.equal(Number(line(/^quorum (\d+)$/m)[1]), await api.query.Attestations.Quorum.getValue());
  line(/^DEU not registered$/m);
  const fund = await api.apis.PactaApi.climate_fund();
  assert.equal(line(/^climate fund (\w+) (\d+)$/m)[1], fund.account);
  const [, from, to, amount, block] = line(/^Transfer (\w+) (\w+) (\d+) in block (\d+)$/m);
  assert.deepEqual([from, to, BigInt(amount)], [alice.address, bob.address, UNIT]);

  const bobAfter = await api.query.System.Account.getValue(bob.address);
  assert.equal(bobAfter.data.free - bobBefore.data.free, UNIT);
  assert.ok((await client.getFinalizedBlock()).number >= Number(block));
});

test('sudo(register_party): PartyRegistered, a decoded module error, the entry, PactaApi.party', async () => {
  const dave = devAccounts().dave.address;
  const code = Binary.fromText('FRA');
  const register = (code, name) =>
    api.tx.Sudo.sudo({
      call: api.tx.Pledges.register_party({ code, name: Binary.fromText(name), controller: dave })
        .decodedCall,
    });
  // Two of Alice's transactions at once (explicit nonces): a registration, and one with a
  // malformed code that sudo dispatches and the pallet rejects.
  const nonce = await api.apis.AccountNonceApi.account_nonce(alice.address);
  const [result, rejected] = await Promise.all([
    register(code, 'France').signAndSubmit(alice.signer, { nonce }),
    register(Binary.fromText('fr'), 'Nope').signAndSubmit(alice.signer, { nonce: nonce + 1 }),
  ]);
  assert.equal(result.ok, true, JSON.stringify(result.dispatchError));

  const [sudid] = api.event.Sudo.Sudid.filter(result.events).map((e) => e.payload);
  assert.equal(sudid.sudo_result.success, true);
  const [registered] = api.event.Pledges.PartyRegistered.filter(result.events).map((e) => e.payload);
  assert.equal(Binary.toText(registered.code), 'FRA');
  assert.equal(Binary.toText(registered.name), 'France');
  assert.equal(registered.controller, dave);

  // The sudo transaction itself succeeds; the call's error is in Sudid, decoded to its name.
  assert.equal(rejected.ok, true);
  const [failed] = api.event.Sudo.Sudid.filter(rejected.events).map((e) => e.payload);
  assert.equal(failed.sudo_result.success, false);
  assert.deepEqual(failed.sudo_result.value, {
    type: 'Module',
    value: { type: 'Pledges', value: { type: 'InvalidPartyCode', value: undefined } },
  });
  assert.deepEqual(api.event.Pledges.PartyRegistered.filter(rejected.events), []);

  const party = await api.query.Pledges.Parties.getValue(code, { at: result.block.hash });
  assert.equal(Binary.toText(party.name), 'France');
  assert.equal(party.controller, dave);
  const owner = await api.query.Pledges.PartyOfController.getValue(dave, { at: result.block.hash });
  assert.equal(Binary.toText(owner), 'FRA');

  // The runtime API: `party(code: Bytes) -> Option<PartyView>`.
  const view = await api.apis.PactaApi.party(code, { at: result.block.hash });
  assert.deepEqual(
    { code: Binary.toText(view.code), name: Binary.toText(view.name), controller: view.controller },
    { code: 'FRA', name: 'France', controller: dave },
  );
  assert.equal(await api.apis.PactaApi.party(Binary.fromText('XYZ')), undefined);
});

test('PactaApi.climate_fund decoded: the fund account and its balances as bigints', async () => {
  const { hash } = await client.getFinalizedBlock();
  const fund = await api.apis.PactaApi.climate_fund({ at: hash });
  assert.equal(typeof fund.account, 'string');
  assert.equal(typeof fund.balance, 'bigint');
  assert.equal(typeof fund.spendable, 'bigint');
  assert.ok(fund.spendable <= fund.balance);
  const pjsFund = (await (await node.api.at(hash)).call.pactaApi.climateFund()).toJSON();
  assert.equal(fund.account, pjsFund.account);
  assert.equal(fund.balance, BigInt(pjsFund.balance));
  const account = await api.query.System.Account.getValue(fund.account, { at: hash });
  assert.equal(account.data.free + account.data.reserved, fund.balance);
});
