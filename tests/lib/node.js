// Starts and stops Pacta nodes for end-to-end tests, and small helpers around @polkadot/api.
//
// Reusable by every end-to-end test:
//   const node = await startNode();          // --dev --tmp on free ports
//   const { api } = node;
//   ...
//   await node.stop();                       // always, also when a test fails (use after())
//
// Every node gets its own RPC and p2p ports (tests/lib/ports.js: claimed across processes, so
// test files can run at once with `node --test --test-concurrency=N`), listens on loopback only,
// and has Prometheus, telemetry and mDNS off. A node that still loses a port race (another
// program took the port between the check and the node's bind) is restarted on new ports.

import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { claimPort, release } from './ports.js';

/** Path of the node binary: $PACTA_NODE_BIN or the default release build. */
export function nodeBinary() {
  const bin =
    process.env.PACTA_NODE_BIN ||
    join(process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/pacta/target'), 'release/pacta-node');
  if (!existsSync(bin)) {
    throw new Error(`pacta-node not found at ${bin}: run scripts/build.sh or set PACTA_NODE_BIN`);
  }
  return bin;
}

/** A free TCP port for a test node, claimed for this process (see tests/lib/ports.js). */
export function freePort() {
  return claimPort();
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a node and connects an ApiPromise to it.
 * @param {object} [opts]
 * @param {string[]} [opts.args] node arguments (default: --dev --tmp)
 * @param {number} [opts.timeoutMs] how long to wait for the RPC server
 */
export async function startNode({ args = ['--dev', '--tmp'], timeoutMs = 90_000 } = {}) {
  await cryptoWaitReady();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNodeOnce(args, timeoutMs);
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt >= 3) throw e;
    }
  }
}

class PortTaken extends Error {}

async function startNodeOnce(args, timeoutMs) {
  const rpcPort = await claimPort();
  const p2pPort = await claimPort();
  const logDir = mkdtempSync(join(tmpdir(), 'pacta-e2e-'));
  const logFile = join(logDir, 'node.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    nodeBinary(),
    [
      ...args,
      '--rpc-port', String(rpcPort),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
      '--no-prometheus',
      '--no-telemetry',
      '--no-mdns',
      '--rpc-cors', 'all',
    ],
    { stdio: ['ignore', out, out] },
  );
  running.add(child);
  let exited = null;
  const gone = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      release(rpcPort, p2pPort);
      resolve();
    });
  });

  const url = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + timeoutMs;
  let api;
  while (!api) {
    if (exited) {
      const log = tail(logFile);
      const Err = /address already in use|os error 98/i.test(log) ? PortTaken : Error;
      throw new Err(`pacta-node exited early (${JSON.stringify(exited)}); log:\n${log}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`pacta-node RPC not up after ${timeoutMs} ms; log:\n${tail(logFile)}`);
    }
    if (readFileSync(logFile, 'utf8').includes('Running JSON-RPC server')) {
      const provider = new WsProvider(url, false);
      try {
        await provider.connect();
        await waitFor(() => provider.isConnected, 5_000);
        api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
      } catch {
        await provider.disconnect().catch(() => {});
        await sleep(500);
      }
    } else {
      await sleep(300);
    }
  }

  async function stop() {
    await api.disconnect().catch(() => {});
    if (exited) return;
    child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(killed);
  }

  return { api, url, rpcPort, p2pPort, logFile, child, stop };
}

async function waitFor(cond, ms) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timeout');
    await sleep(50);
  }
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Resolves with the first header from `subscribe` whose number is at least `n`. */
function waitForHead(subscribe, n, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsub;
    const timer = setTimeout(() => {
      if (unsub) unsub();
      reject(new Error(`${what} ${n} not reached in ${timeoutMs} ms`));
    }, timeoutMs);
    subscribe((header) => {
      if (header.number.toNumber() >= n) {
        clearTimeout(timer);
        if (unsub) unsub();
        resolve(header);
      }
    }).then((u) => {
      unsub = u;
    }, reject);
  });
}

// Default timeouts of the waits below: 40 blocks of 6 s (they were 120 s with 3 s blocks).
const BLOCK_WAIT_MS = 240_000;

/** Resolves once the finalized head reaches `n`. */
export function waitForFinalized(api, n, timeoutMs = BLOCK_WAIT_MS) {
  return waitForHead(api.rpc.chain.subscribeFinalizedHeads, n, 'finalized block', timeoutMs);
}

/** Resolves once the best block reaches `n`. */
export function waitForBlock(api, n, timeoutMs = BLOCK_WAIT_MS) {
  return waitForHead(api.rpc.chain.subscribeNewHeads, n, 'block', timeoutMs);
}

/** The well-known dev accounts (sr25519). */
export function devAccounts() {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
}

/** An error carrying the dispatch error's name, e.g. `pledges.InvalidPartyCode`. */
export class DispatchError extends Error {
  constructor(name, docs) {
    super(`${name}${docs ? `: ${docs}` : ''}`);
    this.dispatchError = name;
  }
}

function decodeError(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return new DispatchError(`${meta.section}.${meta.name}`, meta.docs.join(' '));
  }
  return new DispatchError(dispatchError.toString());
}

/**
 * Signs and sends `tx` (with `nonce`, or the next one when -1), resolves with
 * `{ events, blockHash }` once it is in a block, and rejects with a DispatchError naming the
 * error if it failed — including a failed sudo call or a council motion executed with an error.
 */
export function send(api, tx, signer, nonce = -1) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (unsub) unsub();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      if (!status.isInBlock) return;
      if (unsub) unsub();
      if (dispatchError) {
        reject(decodeError(api, dispatchError));
        return;
      }
      for (const { event } of events) {
        if (api.events.sudo?.Sudid?.is(event) && event.data[0].isErr) {
          reject(decodeError(api, event.data[0].asErr));
          return;
        }
      }
      const failure = councilFailure(api, events);
      if (failure) {
        reject(failure);
        return;
      }
      resolve({ events, blockHash: status.asInBlock });
    })
      .then((u) => {
        unsub = u;
      })
      .catch(reject);
  });
}

/** Sends `call` wrapped in `sudo.sudo` by Alice. */
export function sudo(api, call) {
  return send(api, api.tx.sudo.sudo(call), devAccounts().alice);
}

// ---------------------------------------------------------------------------------------------
// Helpers for the lifecycle tests: parallel submission with explicit nonces, raw JSON-RPC.
// ---------------------------------------------------------------------------------------------

/** Rejects with a DispatchError if a council motion executed with an error. */
function councilFailure(api, events) {
  for (const { event } of events) {
    if (api.events.council?.Executed?.is(event)) {
      const result = event.data.result ?? event.data[1];
      if (result.isErr) return decodeError(api, result.asErr);
    }
  }
  return null;
}

/** Like `send`, with an explicit nonce (and a failed council execution counted as failure). */
export function sendWithNonce(api, tx, signer, nonce) {
  return send(api, tx, signer, nonce);
}

/**
 * Submits independent transactions at once, possibly several per signer (nonces assigned in
 * list order per signer), and waits for all of them. Resolves with `Promise.allSettled`
 * results in list order: `{ status: 'fulfilled', value: { events, blockHash } }` or
 * `{ status: 'rejected', reason }` (a DispatchError for a failed dispatch).
 * @param {Array<[import('@polkadot/api').SubmittableExtrinsic, object]>} items [tx, signer]
 */
export async function sendAll(api, items) {
  const next = new Map();
  for (const [, signer] of items) {
    if (!next.has(signer.address)) {
      next.set(signer.address, (await api.rpc.system.accountNextIndex(signer.address)).toNumber());
    }
  }
  const pending = items.map(([tx, signer]) => {
    const nonce = next.get(signer.address);
    next.set(signer.address, nonce + 1);
    return sendWithNonce(api, tx, signer, nonce);
  });
  return Promise.allSettled(pending);
}

/** An error answered by a JSON-RPC method, with its `code`. */
export class RpcError extends Error {
  constructor(code, message) {
    super(`${message} (JSON-RPC error ${code})`);
    this.code = code;
    this.rpcMessage = message;
  }
}

/** Calls a JSON-RPC method over HTTP (as curl would) and returns its result. */
export async function rpcCall(rpcPort, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${rpcPort}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
  });
  const body = await res.json();
  if (body.error) throw new RpcError(body.error.code, body.error.message);
  return body.result;
}
