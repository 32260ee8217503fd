// Free TCP ports for test nodes, safe when several test processes start nodes at once
// (`node --test --test-concurrency=N`, the python suite alongside, a consortium).
//
// A port is handed out only if (1) this machine lets us listen on it right now and (2) no other
// live test process has claimed it: a claim is a file named after the port in
// $TMPDIR/pacta-test-ports, created exclusively (O_EXCL) and holding the claimer's pid. Claims
// are released by `release()` and, at the latest, when the process exits. Ports come from ranges
// below Linux's ephemeral range (32768-60999), so outgoing connections never take them:
//   single ports (e2e nodes):                10000-19999
//   consecutive blocks (a consortium):       rpc 20000-23999, p2p +4000, prometheus +8000

import { createServer } from 'node:net';
import { mkdirSync, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = join(tmpdir(), 'pacta-test-ports');
const held = new Set();

process.on('exit', () => {
  for (const port of held) {
    try {
      unlinkSync(join(DIR, String(port)));
    } catch {
      /* already gone */
    }
  }
});

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Claims `port` for this process; false if a live process (this one included) holds it. */
function claim(port, retry = true) {
  if (held.has(port)) return false;
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, String(port));
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    held.add(port);
    return true;
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
  }
  // A claim left by a process that was killed before it could release it is removed and the
  // port claimed again (once). A claim still being written (no pid yet) counts as live.
  let pid = NaN;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return false;
  }
  if (!retry || !Number.isInteger(pid) || alive(pid)) return false;
  try {
    unlinkSync(file);
  } catch {
    return false;
  }
  return claim(port, false);
}

/** Gives the ports back (after the node using them has stopped). */
export function release(...ports) {
  for (const port of ports) {
    if (!held.delete(port)) continue;
    try {
      unlinkSync(join(DIR, String(port)));
    } catch {
      /* already gone */
    }
  }
}

function canListen(port, host) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', (e) => resolve(e.code === 'EAFNOSUPPORT' || e.code === 'EADDRNOTAVAIL'));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** True if nothing listens on `port` (any IPv4 or IPv6 address). */
export async function portFree(port) {
  return (await canListen(port, '0.0.0.0')) && (await canListen(port, '::'));
}

const random = (from, to) => from + Math.floor(Math.random() * (to - from));

/** Claims one free port in 10000-19999. */
export async function claimPort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = random(10_000, 20_000);
    if (!claim(port)) continue;
    if (await portFree(port)) return port;
    release(port);
  }
  throw new Error('no free port in 10000-19999 for a test node');
}

/**
 * Claims three blocks of `count` consecutive free ports: { rpc, p2p, prometheus } are the first
 * of each (rpc in 20000-23999, p2p = rpc + 4000, prometheus = rpc + 8000), `ports` all of them.
 */
export async function claimPortBlocks(count) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const rpc = 20_000 + random(0, Math.floor(4_000 / count)) * count;
    const bases = { rpc, p2p: rpc + 4_000, prometheus: rpc + 8_000 };
    const ports = Object.values(bases).flatMap((base) => Array.from({ length: count }, (_, i) => base + i));
    const claimed = [];
    let ok = ports.every((port) => {
      if (!claim(port)) return false;
      claimed.push(port);
      return true;
    });
    for (const port of ports) {
      if (!ok) break;
      ok = await portFree(port);
    }
    if (ok) return { ...bases, ports };
    release(...claimed);
  }
  throw new Error(`no ${count} consecutive free ports in 20000-23999 (+4000, +8000)`);
}
