// The commitment of a sealed attestation (tests/lib/commit.js) against the test vectors of
// docs/rpc.md ("Sealed attestations: the commitment"), which tests/python/commitment.py and
// the pallet's unit tests check too. No node: the commitment is computed off chain, by the
// oracle, and the chain only recomputes it at the reveal.
//
// Run: node --test --test-reporter=spec e2e/commit.test.js

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { commitment, preimage, randomSalt, PREIMAGE_LENGTH } from '../lib/commit.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

// The evidence the vectors use: blake2_256 of an ASCII text, as docs/rpc.md prints it.
const EVIDENCE = {
  'DEU 2030 inventory': '0x858b6e323b60b06289d17b2d9c7566e8d3deb9ba4265e15e286f512933b453a3',
  'BRA 2031 inventory': '0x9ac4f140ce04729c4429063b4d9f36fbdfc74b27dd9513ed9a50745af4cbda6b',
  'CHN 2035 inventory': '0xaef47a236b8c4904fd11a1139f4cf5bbb4cced2b7c5eee7707905529e4792df4',
};

// The vectors of docs/rpc.md; keep in step with tests/python/commitment.py.
const VECTORS = [
  {
    input: {
      period: 2030, code: 'DEU', oracle: ALICE, tonnes: 900_000, halfWidth: 25_000,
      evidence: EVIDENCE['DEU 2030 inventory'], salt: `0x${'01'.repeat(32)}`,
    },
    commitment: '0x256bc4fca1a2bc4585a7c88529309d7e998db92021ceea8f4f6f58fe3c4ededd',
  },
  {
    input: {
      period: 2030, code: 'DEU', oracle: ALICE, tonnes: 900_000, halfWidth: 0,
      evidence: EVIDENCE['DEU 2030 inventory'], salt: `0x${'01'.repeat(32)}`,
    },
    commitment: '0xbb82bdc1196dc4d743d472babcc7d98ef6def63714a9828879822a6450a491b3',
  },
  {
    input: {
      period: 2031, code: 'BRA', oracle: BOB, tonnes: 2_000_400, halfWidth: 150_000,
      evidence: EVIDENCE['BRA 2031 inventory'],
      salt: u8aToHex(Uint8Array.from({ length: 32 }, (_, i) => i)), // 0x00 01 02 … 1f
    },
    commitment: '0x584f7e044b10f322dbf9958db9c5e4674abc88817ece31302aa8e1ae092217bd',
  },
  {
    // More than 2^32 tonnes: the upper bytes of the u64s.
    input: {
      period: 2035, code: 'CHN', oracle: CHARLIE, tonnes: 14_000_000_000n, halfWidth: 700_000_000n,
      evidence: EVIDENCE['CHN 2035 inventory'], salt: `0x${'ff'.repeat(32)}`,
    },
    commitment: '0xb38d87c68d129ba6d63c761baa756025a9d8402a7269e35610e7c381453d8893',
  },
];

test('the evidence hashes of the vectors', () => {
  for (const [text, hash] of Object.entries(EVIDENCE)) assert.equal(blake2AsHex(text), hash, text);
});

test('the commitment reproduces every vector of docs/rpc.md', () => {
  for (const [i, v] of VECTORS.entries()) {
    assert.equal(commitment(v.input), v.commitment, `vector ${i + 1}`);
  }
});

test('the preimage is the 134-byte layout of docs/rpc.md', () => {
  const v = VECTORS[2].input;
  const bytes = preimage(v);
  assert.equal(bytes.length, PREIMAGE_LENGTH);
  assert.equal(PREIMAGE_LENGTH, 134);
  const hex = (a, b) => u8aToHex(bytes.subarray(a, b));
  assert.equal(Buffer.from(bytes.subarray(0, 15)).toString('ascii'), 'pacta/commit/v1');
  assert.equal(hex(15, 19), '0xef070000', 'period 2031, u32 little-endian');
  assert.equal(Buffer.from(bytes.subarray(19, 22)).toString('ascii'), 'BRA');
  assert.equal(hex(22, 54), u8aToHex(decodeAddress(BOB)), 'the oracle\'s public key');
  assert.equal(hex(54, 62), '0x10861e0000000000', 'tonnes 2,000,400, u64 little-endian');
  assert.equal(hex(62, 70), '0xf049020000000000', 'half-width 150,000, u64 little-endian');
  assert.equal(hex(70, 102), v.evidence);
  assert.equal(hex(102, 134), v.salt);
});

test('the oracle may be an SS58 address, its public key as hex, or its bytes', () => {
  const v = VECTORS[0];
  const key = decodeAddress(ALICE);
  assert.equal(commitment({ ...v.input, oracle: key }), v.commitment);
  assert.equal(commitment({ ...v.input, oracle: u8aToHex(key) }), v.commitment);
  // Evidence and salt as bytes, tonnes as BigInt: the same hash.
  assert.equal(
    commitment({
      ...v.input, tonnes: 900_000n, evidence: hexToU8a(v.input.evidence), salt: hexToU8a(v.input.salt),
    }),
    v.commitment,
  );
});

test('every field and the salt change the commitment', () => {
  const { input, commitment: expected } = VECTORS[0];
  const changes = {
    salt: `0x${'02'.repeat(32)}`,
    tonnes: 900_001,
    halfWidth: 25_001,
    period: 2031,
    code: 'DEV',
    oracle: BOB,
    evidence: `0x${'00'.repeat(32)}`,
  };
  for (const [field, value] of Object.entries(changes)) {
    assert.notEqual(commitment({ ...input, [field]: value }), expected, field);
  }
});

test('malformed input is refused, not hashed', () => {
  const { input } = VECTORS[0];
  for (const bad of [
    { code: 'de' },
    { code: 'DEUT' },
    { period: -1 },
    { period: 2 ** 32 },
    { tonnes: 2 ** 64 }, // not a safe integer
    { tonnes: 2n ** 64n },
    { halfWidth: -1 },
    { evidence: '0x1234' },
    { salt: new Uint8Array(31) },
  ]) {
    assert.throws(() => commitment({ ...input, ...bad }), undefined, JSON.stringify(bad, (_, x) => (typeof x === 'bigint' ? `${x}n` : x)));
  }
});

test('randomSalt gives 32 fresh bytes each time', () => {
  const a = randomSalt();
  const b = randomSalt();
  assert.match(a, /^0x[0-9a-f]{64}$/);
  assert.notEqual(a, b);
});
