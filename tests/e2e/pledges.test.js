// Pledges on a live dev chain: a party registered through sudo reads back as text, and a
// pledge's bond shows in the controller's balance holds and cannot be transferred.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, devAccounts, send, sudo, waitForBlock } from '../lib/node.js';

const UNIT = 1_000_000_000_000n;
let node;
before(async () => {
  node = await startNode();
});
after(async () => {
  if (node) await node.stop();
});

test('a party registered through sudo reads back as text DEU', async () => {
  const { api } = node;
  const { bob } = devAccounts();
  await sudo(api, api.tx.pledges.registerParty('DEU', 'Germany', bob.address));

  const party = (await api.query.pledges.parties('DEU')).unwrap();
  assert.equal(party.controller.toString(), bob.address);
  assert.equal(party.name.toUtf8(), 'Germany');

  const entries = await api.query.pledges.parties.entries();
  const codes = entries.map(([key]) => key.args[0].toHuman());
  assert.deepEqual(codes, ['DEU']);
  const owner = await api.query.pledges.partyOfController(bob.address);
  assert.equal(owner.unwrap().toHuman(), 'DEU');
});

test('malformed codes and unauthorised calls fail with their named errors', async () => {
  const { api } = node;
  const { bob, charlie } = devAccounts();
  await assert.rejects(
    sudo(api, api.tx.pledges.registerParty('de', 'Nope', charlie.address)),
    (e) => e.dispatchError === 'pledges.InvalidPartyCode',
  );
  await assert.rejects(
    send(api, api.tx.pledges.registerParty('FRA', 'France', charlie.address), bob),
    (e) => e.dispatchError === 'BadOrigin',
  );
});

test("a pledge's bond is held on the controller and cannot be transferred", async () => {
  const { api } = node;
  const { bob, ferdie } = devAccounts();
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  await sudo(
    api,
    // pledge, attestation, reveal and challenge deadlines; challenge and resolution windows
    api.tx.pledges.openPeriod(2030, now + 40, now + 60, now + 70, now + 80, 5, 5, {
      mode: 'Binding',
      penaltyPerTonne: UNIT,
      unverifiedForfeit: 500_000_000,
    }),
  );
  const bond = 900_000n * UNIT;
  await send(api, api.tx.pledges.submitPledge(2030, 600_000_000, bond), bob);

  const pledge = (await api.query.pledges.pledges(2030, 'DEU')).unwrap();
  assert.equal(pledge.cap.toNumber(), 600_000_000);
  assert.equal(pledge.bond.toBigInt(), bond);

  const holds = await api.query.balances.holds(bob.address);
  const held = holds.find((h) => h.id.toJSON().pledges === 'PledgeBond' || JSON.stringify(h.id.toHuman()).includes('PledgeBond'));
  assert.ok(held, `a PledgeBond hold (have ${JSON.stringify(holds.toHuman())})`);
  assert.equal(held.amount.toBigInt(), bond);
  const account = (await api.query.system.account(bob.address)).data;
  assert.equal(account.reserved.toBigInt(), bond);

  // Bob has ~100,000 PACT free: he cannot move 200,000 of the held bond.
  await assert.rejects(
    send(api, api.tx.balances.transferKeepAlive(ferdie.address, 200_000n * UNIT), bob),
    (e) => /FundsUnavailable|InsufficientBalance|Token/.test(e.message),
  );
  const after = (await api.query.balances.holds(bob.address)).find((h) =>
    JSON.stringify(h.id.toHuman()).includes('PledgeBond'),
  );
  assert.equal(after.amount.toBigInt(), bond);
  await waitForBlock(api, now + 2);
});
