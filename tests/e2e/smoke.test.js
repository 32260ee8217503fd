// Smoke test: a fresh dev node produces and finalizes blocks, moves balances, and shows
// polkadot.js the pallets and chain properties of Pacta.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, waitForFinalized, devAccounts, send } from '../lib/node.js';

let node;
before(async () => {
  node = await startNode();
});
after(async () => {
  if (node) await node.stop();
});

test('the dev chain finalizes blocks', async () => {
  const header = await waitForFinalized(node.api, 2);
  assert.ok(header.number.toNumber() >= 2);
});

test('a balance transfer moves exactly the amount and emits Transfer', async () => {
  const { api } = node;
  const { alice, ferdie } = devAccounts();
  const amount = 1_234_567_890_000n;
  const before = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
  const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();

  const { events, blockHash } = await send(
    api,
    api.tx.balances.transferKeepAlive(ferdie.address, amount),
    alice,
  );

  const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
  assert.ok(transfer, 'a Balances.Transfer event');
  assert.equal(transfer.event.data.from.toString(), alice.address);
  assert.equal(transfer.event.data.to.toString(), ferdie.address);
  assert.equal(transfer.event.data.amount.toBigInt(), amount);

  const at = await api.at(blockHash);
  const after = (await at.query.system.account(ferdie.address)).data.free.toBigInt();
  assert.equal(after - before, amount);

  // Alice paid the amount plus a fee.
  const fee = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
  assert.ok(fee, 'a TransactionFeePaid event');
  const aliceAfter = (await at.query.system.account(alice.address)).data.free.toBigInt();
  assert.equal(aliceBefore - aliceAfter, amount + fee.event.data.actualFee.toBigInt());
});

test('the metadata lists the Pacta pallets', async () => {
  const { api } = node;
  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const name of [
    'System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment', 'Sudo',
    'Council', 'CouncilMembership',
  ]) {
    assert.ok(pallets.includes(name), `pallet ${name} in metadata (have: ${pallets.join(', ')})`);
  }
  assert.equal(api.runtimeVersion.specName.toString(), 'pacta');
});

test('the chain properties are PACT, 12 decimals, SS58 42', async () => {
  const { api } = node;
  const props = await api.rpc.system.properties();
  assert.deepEqual(props.tokenSymbol.unwrap().map((s) => s.toString()), ['PACT']);
  assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal((await api.rpc.system.chain()).toString(), 'Pacta Development');
});
