// Generates the polkadot-api (PAPI) descriptors of the Pacta runtime from its built Wasm, into
// tests/papi/.papi/ (git-ignored; nothing generated is committed):
//   .papi/polkadot-api.json     the PAPI config (written here: one chain, key `pacta`)
//   .papi/metadata/pacta.scale  the metadata `papi add --wasm` read out of the Wasm
//   .papi/descriptors/dist/     the descriptors: `import { pacta } from '../papi/.papi/descriptors/dist/index.js'`
//
//   node papi/generate.js [WASM]     # from tests/ (or any directory)
//
// The Wasm: the argument, else $PACTA_RUNTIME_WASM, else the one scripts/build.sh built in
// $CARGO_TARGET_DIR (default ~/.cache/pacta/target):
// release/wbuild/pacta-runtime/pacta_runtime.compact.compressed.wasm, the Wasm the node embeds.
//
// It runs the CLI as a developer would (`papi add pacta --wasm WASM`, which also runs
// `papi generate`), with the config's `noDescriptorsPackage` option: the CLI then leaves
// package.json alone and runs no `npm install` (by default it adds `@polkadot-api/descriptors`
// as a `file:` dependency, which `npm ci` of a fresh clone could not install). Does nothing when
// the descriptors were already generated from the same Wasm bytes by the same CLI version (a
// stamp in .papi/); scripts/test.sh runs it before the e2e stage, and tests/e2e/papi.test.js
// again (then a no-op) so that `npm test` alone works too.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tests = resolve(here, '..');
const papiDir = join(here, '.papi');
const stampFile = join(papiDir, 'stamp.json');

/** Where the generated descriptors' entry point is (import it after generateDescriptors()). */
export const descriptorsEntry = join(papiDir, 'descriptors', 'dist', 'index.js');

/** The runtime Wasm: $PACTA_RUNTIME_WASM or the release build's in $CARGO_TARGET_DIR. */
export function runtimeWasm() {
  return (
    process.env.PACTA_RUNTIME_WASM ||
    join(
      process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/pacta/target'),
      'release/wbuild/pacta-runtime/pacta_runtime.compact.compressed.wasm',
    )
  );
}

/** The version of the installed polkadot-api CLI (part of the stamp). */
function cliVersion() {
  const pkg = join(tests, 'node_modules/@polkadot-api/cli/package.json');
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

/**
 * Generates the descriptors from `wasm` unless they are up to date. Resolves with
 * `{ entry, wasm, wasmSha256, generated, ms }`; throws (with the CLI's output) if it fails.
 */
export function generateDescriptors({ wasm = runtimeWasm(), quiet = false } = {}) {
  const started = Date.now();
  wasm = resolve(wasm);
  if (!existsSync(wasm)) {
    throw new Error(`runtime Wasm not found at ${wasm}: run scripts/build.sh or set PACTA_RUNTIME_WASM`);
  }
  const wasmSha256 = createHash('sha256').update(readFileSync(wasm)).digest('hex');
  const stamp = { wasmSha256, cli: cliVersion() };
  const result = (generated) => ({ entry: descriptorsEntry, wasm, wasmSha256, generated, ms: Date.now() - started });

  if (existsSync(descriptorsEntry) && existsSync(stampFile)) {
    const old = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (old.wasmSha256 === stamp.wasmSha256 && old.cli === stamp.cli) return result(false);
  }

  rmSync(papiDir, { recursive: true, force: true });
  mkdirSync(papiDir, { recursive: true });
  writeFileSync(
    join(papiDir, 'polkadot-api.json'),
    JSON.stringify(
      { version: 0, descriptorPath: '.papi/descriptors', entries: {}, options: { noDescriptorsPackage: true } },
      null,
      2,
    ) + '\n',
  );
  // `papi add` resolves .papi/ against the working directory: run it in tests/papi.
  const papi = join(tests, 'node_modules/.bin/papi');
  const run = spawnSync(papi, ['add', 'pacta', '--wasm', wasm], {
    cwd: here,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error || run.status !== 0 || !existsSync(descriptorsEntry)) {
    throw new Error(
      `papi add pacta --wasm ${wasm} failed (${run.error ?? `exit ${run.status}`}):\n${output}`,
    );
  }
  if (!quiet) process.stdout.write(output);
  writeFileSync(stampFile, JSON.stringify(stamp) + '\n');
  return result(true);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = generateDescriptors({ wasm: process.argv[2] || undefined });
    console.log(
      r.generated
        ? `PAPI descriptors generated from ${r.wasm} in ${(r.ms / 1000).toFixed(1)} s: ${r.entry}`
        : `PAPI descriptors up to date (${r.wasm}, sha256 ${r.wasmSha256.slice(0, 12)}…)`,
    );
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
