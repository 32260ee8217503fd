// Hardware-wallet and air-gapped signing: `CheckMetadataHash`.
//
// A signer that holds no metadata (Ledger's generic app, Polkadot Vault) signs over the
// metadata's digest (RFC-0078) with `mode: 1`: the runtime has the digest of its own metadata
// compiled in and adds it to what it checks the signature against. Here @polkadot/api signs with
// `mode: 1` and the digest computed by @polkadot-api/merkleize-metadata from the chain's metadata
// V15: accepted. A wrong digest: refused as a bad signature. Mode 0 (no hash) still works, as
// every client that does not know the extension (substrate-interface) signs.
//
// Run: PACTA_NODE_BIN=... node --test --test-reporter=spec e2e/signing.test.js

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { startNode, devAccounts, send } from '../lib/node.js';

let node;
before(async () => {
  node = await startNode();
});
after(async () => {
  if (node) await node.stop();
});

/** The RFC-0078 metadata digest, from metadata V15 and the chain's token properties. */
async function metadataDigest(api) {
  const opaque = await api.call.metadata.metadataAtVersion(15);
  assert.ok(opaque.isSome, 'the runtime serves metadata V15');
  const properties = await api.rpc.system.properties();
  const decimals = properties.tokenDecimals.unwrap()[0].toNumber();
  const tokenSymbol = properties.tokenSymbol.unwrap()[0].toString();
  assert.deepEqual([tokenSymbol, decimals], ['PACT', 12]);
  const merkleized = merkleizeMetadata(opaque.unwrap().toU8a(true), { decimals, tokenSymbol });
  return u8aToHex(merkleized.digest());
}

test('CheckMetadataHash: mode 1 with the right digest is accepted, a wrong one refused', async (t) => {
  const { api } = node;
  const { alice, bob, charlie } = devAccounts();
  const exts = api.registry.signedExtensions;
  assert.deepEqual(exts.slice(-2), ['CheckMetadataHash', 'WeightReclaim'], 'last in the extensions');

  const digest = await metadataDigest(api);
  t.diagnostic(`metadata digest ${digest}`);

  await t.test('mode 1 with the digest is accepted', async () => {
    const tx = api.tx.system.remarkWithEvent('signed over the metadata digest');
    await tx.signAsync(alice, { mode: 1, metadataHash: digest });
    assert.equal(tx.mode.toNumber(), 1);
    const hash = tx.hash.toHex();
    t.diagnostic(`mode-1 transaction ${hash}`);
    const { events, blockHash } = await new Promise((resolve, reject) => {
      let unsub;
      tx.send(({ status, events, dispatchError }) => {
        if (status.isInvalid || status.isDropped) reject(new Error(status.type));
        if (!status.isInBlock) return;
        if (unsub) unsub();
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else resolve({ events, blockHash: status.asInBlock });
      }).then((u) => { unsub = u; }, reject);
    });
    assert.ok(events.some(({ event }) => api.events.system.Remarked.is(event)));
    const block = await api.rpc.chain.getBlock(blockHash);
    const included = block.block.extrinsics.find((x) => x.hash.toHex() === hash);
    assert.ok(included, 'the mode-1 transaction is in the block');
    assert.equal(included.mode.toNumber(), 1);
    t.diagnostic(`in block ${blockHash.toHex()}`);
  });

  await t.test('mode 1 with a wrong digest is refused as a bad signature', async () => {
    const wrong = `0x${digest.slice(2, 4) === 'ff' ? '00' : 'ff'}${digest.slice(4)}`;
    const tx = api.tx.system.remark('wrong digest');
    await tx.signAsync(bob, { mode: 1, metadataHash: wrong });
    await assert.rejects(tx.send(), (e) => {
      assert.match(e.message, /bad signature/i);
      return true;
    });
  });

  await t.test('mode 0 (no digest) still works', async () => {
    await send(api, api.tx.system.remark('mode 0'), charlie);
  });
});
