// A local Pacta consortium for tests: drives scripts/consortium.sh (up, stop I, start I, status,
// down) in a private state folder on free loopback ports, and talks to the nodes with
// @polkadot/api.
//
//   const net = await startConsortium({ validators: 4 });
//   const api = await net.api(1);            // validator 1 (0 is the tooling node)
//   await net.stop(4); await net.start(4);
//   await net.down();                          // always, also when a test fails (use after())

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { nodeBinary } from './node.js';
import { claimPortBlocks, release } from './ports.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCRIPT = join(REPO_ROOT, 'scripts/consortium.sh');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs scripts/consortium.sh with `args`; resolves with its output, rejects with it on failure. */
function script(env, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    execFile(
      SCRIPT,
      args,
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          err.message = `consortium.sh ${args.join(' ')} failed (${err.code ?? err.signal}):\n${stdout}\n${stderr}`;
          reject(err);
        } else {
          resolve(stdout + stderr);
        }
      },
    );
  });
}

const live = new Set();
function downAllSync() {
  // Last resort if a test process ends without calling down(): stop the nodes synchronously.
  for (const { env, dir } of live) {
    try {
      execFileSync(SCRIPT, ['down', '--purge'], { env, stdio: 'ignore', timeout: 30_000 });
    } catch {
      /* already down */
    }
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}
process.on('exit', downAllSync);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    downAllSync();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/**
 * Starts a fresh local consortium through `scripts/consortium.sh up`.
 * @param {object} [opts]
 * @param {number} [opts.validators] how many validators (default 4)
 * @param {boolean} [opts.tooling] also the tooling node 0 (default true)
 * @param {(line: string) => void} [opts.log] where script output goes (default: nowhere)
 */
export async function startConsortium({ validators = 4, tooling = true, log = () => {} } = {}) {
  const bin = nodeBinary();
  const dir = mkdtempSync(join(tmpdir(), 'pacta-consortium-test-'));
  const ports = await claimPortBlocks(validators + 1);
  const env = {
    ...process.env,
    PACTA_NODE_BIN: bin,
    PACTA_CONSORTIUM_DIR: join(dir, 'net'),
    PACTA_CONSORTIUM_RPC_PORT: String(ports.rpc),
    PACTA_CONSORTIUM_P2P_PORT: String(ports.p2p),
    PACTA_CONSORTIUM_PROMETHEUS_PORT: String(ports.prometheus),
    PACTA_CONSORTIUM_TOOLING_NODE: tooling ? '1' : '0',
  };
  const apis = new Map();
  const handle = { env, dir };
  live.add(handle);

  const run = async (args, timeoutMs = 120_000) => {
    const out = await script(env, args, timeoutMs);
    log(out);
    return out;
  };

  const net = {
    dir: env.PACTA_CONSORTIUM_DIR,
    validators,
    /** Indices of the validators: 1..N. */
    ids: Array.from({ length: validators }, (_, k) => k + 1),
    url: (i) => `ws://127.0.0.1:${ports.rpc + i}`,
    logFile: (i) => join(env.PACTA_CONSORTIUM_DIR, `node-${i}`, 'node.log'),
    /** The generated validators: [{ name, aura, grandpa }]. */
    keys: () => JSON.parse(readFileSync(join(env.PACTA_CONSORTIUM_DIR, 'validators.json'), 'utf8')),

    /** A connected ApiPromise for node i (cached until the node is stopped). */
    async api(i, timeoutMs = 30_000) {
      if (apis.has(i)) return apis.get(i);
      const provider = new WsProvider(net.url(i), false);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          await provider.connect();
          const until = Date.now() + 5_000;
          while (!provider.isConnected && Date.now() < until) await sleep(50);
          if (!provider.isConnected) throw new Error('not connected');
          const api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
          apis.set(i, api);
          return api;
        } catch (e) {
          await provider.disconnect().catch(() => {});
          if (Date.now() > deadline) throw new Error(`no RPC on ${net.url(i)}: ${e.message}`);
          await sleep(500);
        }
      }
    },

    async disconnect(i) {
      const api = apis.get(i);
      apis.delete(i);
      if (api) await api.disconnect().catch(() => {});
    },

    /** `consortium.sh stop i` (disconnects our API first). */
    async stop(i) {
      await net.disconnect(i);
      return run(['stop', String(i)], 60_000);
    },

    /** `consortium.sh start i`: resolves once its RPC answers. */
    start: (i) => run(['start', String(i)], 120_000),

    /** `consortium.sh status --json`. */
    async status() {
      return JSON.parse(await script(env, ['status', '--json'], 60_000));
    },

    /** Stops every node; deletes the state unless `keep` (then logs stay for a post-mortem). */
    async down({ keep = false } = {}) {
      for (const i of [...apis.keys()]) await net.disconnect(i);
      if (existsSync(join(env.PACTA_CONSORTIUM_DIR, 'network.env'))) {
        await run(keep ? ['down'] : ['down', '--purge'], 60_000);
      }
      live.delete(handle);
      release(...ports.ports);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await run(['up', String(validators)], 240_000);
  } catch (e) {
    await net.down({ keep: true }).catch(() => {});
    throw e;
  }
  return net;
}

/** { number, hash } of node's finalized head. */
export async function finalized(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  return { number: header.number.toNumber(), hash: hash.toHex() };
}

/** { number, hash } of node's best block. */
export async function best(api) {
  const header = await api.rpc.chain.getHeader();
  return { number: header.number.toNumber(), hash: header.hash.toHex() };
}

/** The hash of the block at height n on node's canonical chain (null if it has none). */
export async function hashAt(api, n) {
  const hash = await api.rpc.chain.getBlockHash(n);
  return hash.isEmpty ? null : hash.toHex();
}

/**
 * Polls `probe` every `everyMs` until it returns a truthy value; rejects after `timeoutMs` with
 * `what` and the last value seen.
 */
export async function waitUntil(what, probe, { timeoutMs = 60_000, everyMs = 1_000, describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) {
      const seen = describe ? await Promise.resolve(describe()).catch((e) => e.message) : last;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (seen: ${JSON.stringify(seen)})`);
    }
    await sleep(everyMs);
  }
}

export { sleep };
