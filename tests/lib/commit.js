// The commitment of a sealed attestation, as an oracle computes it before `Attestations.commit`
// and the chain recomputes it at `Attestations.reveal`:
//
//   const salt = randomSalt();                       // keep it: the reveal needs it
//   const c = commitment({ period: 2030, code: 'DEU', oracle: eve.address,
//                          tonnes: 900_000, halfWidth: 25_000, evidence, salt });
//   api.tx.attestations.commit('DEU', 2030, c);      // before the attestation deadline
//   api.tx.attestations.reveal('DEU', 2030, 900_000, 25_000, evidence, salt);   // after it
//
// commitment = blake2_256 (BLAKE2b, 32-byte digest, no key) of the SCALE encoding of the tuple
// (domain tag, period, code, oracle, tonnes, half_width, evidence, salt): 134 bytes, with no
// length prefix anywhere (every part has a fixed size):
//
//   bytes    0..15   the 15 ASCII bytes `pacta/commit/v1`
//           15..19   period, u32 little-endian
//           19..22   party code, 3 ASCII bytes (`DEU`)
//           22..54   oracle, the 32-byte AccountId32 public key (not the SS58 string)
//           54..62   tonnes, u64 little-endian
//           62..70   half_width, u64 little-endian
//           70..102  evidence, 32 bytes
//          102..134  salt, 32 bytes
//
// docs/rpc.md ("Sealed attestations: the commitment") lists test vectors, checked by
// tests/e2e/commit.test.js here and by tests/python/commitment.py. Compute commitments on the
// oracle's own machine: no node, RPC or website should ever see the value before the reveal.

import { randomBytes } from 'node:crypto';
import { hexToU8a, isHex, isU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

/** The domain tag: a commitment for Pacta's sealed attestations, version 1. */
export const DOMAIN = 'pacta/commit/v1';

/** How many bytes go into the hash. */
export const PREIMAGE_LENGTH = 15 + 4 + 3 + 32 + 8 + 8 + 32 + 32; // 134

const U32_MAX = 0xffff_ffffn;
const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** `value` (number, bigint or decimal string) as a BigInt in [0, max], or throws naming `what`. */
function unsigned(value, max, what) {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(`${what} must be a safe integer or a BigInt (got ${value})`);
  }
  const n = BigInt(value);
  if (n < 0n || n > max) throw new RangeError(`${what} out of range: ${n}`);
  return n;
}

/** `value` as `bytes` little-endian bytes (u32: 4, u64: 8). */
function le(value, bytes) {
  const out = new Uint8Array(bytes);
  let n = value;
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** Exactly 32 bytes from a 0x-hex string or a Uint8Array, or throws naming `what`. */
function bytes32(value, what) {
  const u8a = isU8a(value) ? value : isHex(value) ? hexToU8a(value) : null;
  if (!u8a || u8a.length !== 32) {
    throw new TypeError(`${what} must be 32 bytes, as 0x-hex or a Uint8Array (got ${value})`);
  }
  return u8a;
}

/** The 32-byte public key of an SS58 address, or the 32 bytes themselves. */
function accountId(oracle) {
  if (isU8a(oracle) || isHex(oracle)) return bytes32(oracle, 'oracle');
  return decodeAddress(oracle);
}

/** The 134 bytes that are hashed (exported for tests and for tools that show them). */
export function preimage({ period, code, oracle, tonnes, halfWidth, evidence, salt }) {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) {
    throw new TypeError(`code must be three uppercase ASCII letters (got ${code})`);
  }
  const out = u8aConcat(
    stringToU8a(DOMAIN),
    le(unsigned(period, U32_MAX, 'period'), 4),
    stringToU8a(code),
    accountId(oracle),
    le(unsigned(tonnes, U64_MAX, 'tonnes'), 8),
    le(unsigned(halfWidth, U64_MAX, 'halfWidth'), 8),
    bytes32(evidence, 'evidence'),
    bytes32(salt, 'salt'),
  );
  if (out.length !== PREIMAGE_LENGTH) throw new Error(`preimage is ${out.length} bytes`);
  return out;
}

/**
 * The commitment (0x-hex H256) of a sealed attestation.
 * @param {object} a
 * @param {number} a.period the reporting period (u32)
 * @param {string} a.code the party code, three uppercase ASCII letters
 * @param {string|Uint8Array} a.oracle the oracle's account: SS58 address, 0x-hex or 32 bytes
 *   (the bonded oracle account, also when a proxy sends the calls)
 * @param {number|bigint} a.tonnes the value (u64)
 * @param {number|bigint} a.halfWidth the half-width of its uncertainty interval (u64)
 * @param {string|Uint8Array} a.evidence the 32-byte hash of the MRV report
 * @param {string|Uint8Array} a.salt 32 secret random bytes (see randomSalt)
 */
export function commitment(a) {
  return u8aToHex(blake2AsU8a(preimage(a), 256));
}

/** 32 random bytes from the operating system's CSPRNG, as 0x-hex: a fresh salt per commit. */
export function randomSalt() {
  return u8aToHex(randomBytes(32));
}
