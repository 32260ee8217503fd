// scripts/chainspec.py: consortium file → chain spec. Checks the genesis it makes, the mistakes
// it refuses (with a message naming them), and a real Live build with exact balances.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex, u8aConcat, hexToU8a, u8aToBigInt } from '@polkadot/util';
import { xxhashAsU8a, blake2AsU8a, decodeAddress, encodeAddress, randomAsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { nodeBinary } from '../lib/node.js';
import { REPO_ROOT } from '../lib/consortium.js';

const TOOL = join(REPO_ROOT, 'scripts/chainspec.py');
const EXAMPLE = join(REPO_ROOT, 'deploy/consortium.example.toml');
const dir = mkdtempSync(join(tmpdir(), 'pacta-chainspec-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the tool; resolves { code, stdout, stderr } whatever the exit code. */
function tool(args) {
  return new Promise((resolve) => {
    execFile(
      'python3',
      [TOOL, ...args],
      { env: { ...process.env, PACTA_NODE_BIN: nodeBinary() }, timeout: 120_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

function node(args) {
  return new Promise((resolve, reject) => {
    execFile(nodeBinary(), args, { timeout: 60_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

let n = 0;
function configFile(text) {
  const path = join(dir, `c${++n}.toml`);
  writeFileSync(path, text);
  return path;
}

const example = readFileSync(EXAMPLE, 'utf8');

// The example's review panel (//Dave//stash, //Eve//stash, //Ferdie//stash, //Alice//stash,
// //Bob//stash) and a council member (//Charlie).
const PANEL = [
  '5HKPmK9GYtE1PSLsS1qiYU9xQ9Si1NcEhdeCq9sw5bqu4ns8',
  '5FCfAonRZgTFrTd9HREEyeJjDpT397KMzizE6T3DvebLFE7n',
  '5CRmqmsiNFExV6VbdmPJViVxrWmkaXXvBrSX8oqBT8R9vmWk',
  '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY',
  '5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFc',
];
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
const TWO_WEEKS = 2 * 100_800;
const FOUR_WEEKS = 4 * 100_800;

/** The example with its [review_panel] members replaced by `members` (SS58 strings). */
function withPanel(members) {
  const text = example.replace(
    /\[review_panel\]\nmembers = \[\n[^\]]*\]/,
    `[review_panel]\nmembers = [\n${members.map((m) => `  "${m}",`).join('\n')}\n]`,
  );
  assert.notEqual(text, example, 'the example has a [review_panel] members list');
  return text;
}

/** The storage key of a plain StorageValue. */
const valueKey = (pallet, item) => u8aToHex(u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128)));

test('the example file: its validators, council, parties and oracles, and no sudo key', async () => {
  const { code, stdout, stderr } = await tool(['patch', EXAMPLE]);
  assert.equal(code, 0, stderr);
  const patch = JSON.parse(stdout);
  assert.deepEqual(patch.sudo, { key: null });
  assert.equal(patch.aura.authorities.length, 4);
  assert.deepEqual(patch.grandpa.authorities.map(([, w]) => w), [1, 1, 1, 1]);
  assert.equal(patch.councilMembership.members.length, 3);
  assert.deepEqual(patch.pledges.parties.map(([c]) => c), ['DEU', 'BRA']);
  assert.equal(patch.attestations.tolerance, 100_000_000, '10% as a Perbill');
  assert.equal(Buffer.from(patch.attestations.oracles[0][1]).toString(), 'Copernicus monitoring');
  assert.equal(patch.balances.balances[0][1], 1e18, '1_000_000 PACT in plancks');
  assert.deepEqual(patch.reviewPanel, { members: PANEL });
  assert.deepEqual(patch.disputes, { minEligible: 3 });
  assert.equal(patch.pledges.minChallengeWindow, TWO_WEEKS);
  assert.equal(patch.pledges.minResolutionWindow, FOUR_WEEKS);
  const council = new Set(patch.councilMembership.members);
  assert.ok(!PANEL.some((m) => council.has(m)), 'the panel is separate from the council');
  const endowed = new Set(patch.balances.balances.map(([who]) => who));
  assert.ok(PANEL.every((m) => endowed.has(m)), 'panel members can pay fees');
});

test('defaults: min_eligible 3, one-block windows on a Local chain, an empty panel without [review_panel]', async () => {
  const bare = example
    .replace(/\nmin_eligible = 3\n/, '\n')
    .replace(/\[calendar\]\n.*\n.*\n/, '');
  assert.doesNotMatch(bare, /^(min_eligible|min_challenge_window_blocks|min_resolution_window_blocks) =/m);
  let r = await tool(['patch', configFile(bare)]);
  assert.equal(r.code, 0, r.stderr);
  let patch = JSON.parse(r.stdout);
  assert.deepEqual(patch.disputes, { minEligible: 3 });
  assert.equal(patch.pledges.minChallengeWindow, 1);
  assert.equal(patch.pledges.minResolutionWindow, 1);

  // Without [review_panel]: an empty panel (the council appoints members later), with a note.
  // (The Live defaults of the windows are checked by the Live build below.)
  const noPanel = bare.replace(/\[review_panel\]\nmembers = \[\n[^\]]*\]\n/, '');
  r = await tool(['patch', configFile(noPanel)]);
  assert.equal(r.code, 0, r.stderr);
  patch = JSON.parse(r.stdout);
  assert.deepEqual(patch.reviewPanel, { members: [] });
  assert.deepEqual(patch.disputes, { minEligible: 3 });
  assert.match(r.stderr, /no \[review_panel\]: the panel starts empty/);
});


test('a Live chain refuses the well-known dev keys and secret URIs', async () => {
  const live = configFile(example.replace('chain_type = "Local"', 'chain_type = "Live"'));
  let r = await tool(['patch', live]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /must not use the well-known dev keys.*\/\/Alice/s);

  const uri = configFile(
    example.replace('chain_type = "Local"', 'chain_type = "Live"').replace(
      'aura = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"',
      'aura = "//Alice"',
    ),
  );
  r = await tool(['patch', uri]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /validators #1 \(UNFCCC secretariat\)\.aura: '\/\/Alice' is a secret URI/);

  // The review panel is checked too: the example's panel members are dev stash accounts.
  r = await tool(['patch', live]);
  assert.match(r.stderr, /\/\/Dave\/\/stash \(sr25519\) = 5HKPmK9GYtE1PSLsS1qiYU9xQ9Si1NcEhdeCq9sw5bqu4ns8/);
  const panelUri = configFile(
    example.replace('chain_type = "Local"', 'chain_type = "Live"').replace(`"${PANEL[0]}",`, '"//Dave//stash",'),
  );
  r = await tool(['patch', panelUri]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /review_panel\.members #1: '\/\/Dave\/\/stash' is a secret URI/);
});

test('mistakes in the file are refused with a message naming them', async () => {
  const cases = [
    [example.replace('code = "DEU"', 'code = "deu"'), /parties #1: code 'deu' is not three uppercase ASCII letters/],
    [example.replace('code = "BRA"', 'code = "DEU"'), /parties #2: party DEU listed twice/],
    [
      example.replace(
        'controller = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw"',
        'controller = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMab"',
      ),
      /parties #2\.controller: .* is not a valid SS58 address: bad checksum/,
    ],
    [
      example.replace(
        '"5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",  # //Charlie\n]',
        '"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",\n]',
      ),
      /council\.members: listed twice/,
    ],
    [
      example.replace(/\[\[endowments\]\]\naccount = "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL".*\namount = .*\n/, ''),
      /oracles #1: oracle .* has no endowment/,
    ],
    [example.replace('tolerance = "10%"', 'tolerance = "110%"'), /attestations\.tolerance: '110%' is not a share/],
    [example.replace('amount = "1_000_000 PACT"', 'amount = "0.0000000000001 PACT"'), /finer than one planck/],
    [example.replace('[council]', '[councl]'), /unknown top-level key\(s\): councl/],
    // The review panel.
    [withPanel([...PANEL, PANEL[1]]), /review_panel\.members: listed twice: 5FCfAonRZgTFrTd9HREEyeJjDpT397KMzizE6T3DvebLFE7n/],
    [
      withPanel(Array.from({ length: 33 }, () => encodeAddress(randomAsU8a(32)))),
      /review_panel\.members: 33 members; the runtime's review panel holds at most 32/,
    ],
    [
      withPanel([...PANEL.slice(0, 4), CHARLIE]),
      /review_panel\.members: also on the council: #5 5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y \(the review panel must be separate from the council/,
    ],
    [withPanel([...PANEL.slice(0, 4), '5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFb']), /review_panel\.members #5: .* is not a valid SS58 address/],
    [example.replace('min_eligible = 3', 'min_eligible = 0'), /review_panel\.min_eligible: 0 must be at least 1/],
    [
      example.replace('min_eligible = 3', 'min_eligible = 6'),
      /review_panel\.min_eligible: 6 is more than the 5 panel member\(s\)/,
    ],
    [withPanel([]), /review_panel\.min_eligible: 3 is more than the 0 panel member\(s\)/],
    [example.replace('min_eligible = 3', 'min_eligible = "3"'), /review_panel\.min_eligible: '3' must be a whole number/],
    [example.replace('min_eligible = 3', 'min_eligible = 3\nminimum = 2'), /\[review_panel\]: unknown key\(s\) minimum/],
    // The calendar.
    [
      example.replace(/min_challenge_window_blocks = [0-9_]+/, 'min_challenge_window_blocks = 0'),
      /calendar\.min_challenge_window_blocks: 0 must be at least 1/,
    ],
    [
      example.replace(/min_resolution_window_blocks = [0-9_]+/, 'min_resolution_window_blocks = 0'),
      /calendar\.min_resolution_window_blocks: 0 must be at least 1/,
    ],
    [
      example.replace(/min_resolution_window_blocks = [0-9_]+/, 'min_resolution_window_blocks = 4294967296'),
      /calendar\.min_resolution_window_blocks: 4294967296 must be at most 4294967295/,
    ],
    [
      example.replace(/min_challenge_window_blocks = [0-9_]+/, 'min_challenge_window_blocks = "2 weeks"'),
      /calendar\.min_challenge_window_blocks: '2 weeks' must be a whole number/,
    ],
    [example.replace('[calendar]', '[calendar]\nmin_pledge_window_blocks = 5'), /\[calendar\]: unknown key\(s\) min_pledge_window_blocks/],
  ];
  for (const [text, message] of cases) {
    const r = await tool(['patch', configFile(text)]);
    assert.equal(r.code, 2, `refused: ${message}`);
    assert.match(r.stderr, message);
  }
});

test('build: a Live raw spec from fresh keys, with exact balances above 2^64', { timeout: 180_000 }, async () => {
  await cryptoWaitReady();
  const keys = [];
  for (let i = 0; i < 8; i++) {
    const k = JSON.parse(await node(['key', 'generate', '--scheme', 'sr25519', '--output-type', 'json']));
    const ed = JSON.parse(await node(['key', 'inspect', '--scheme', 'ed25519', '--output-type', 'json', k.secretPhrase]));
    keys.push({ sr: k.ss58Address, ed: ed.ss58Address });
  }
  const big = 123_456_789_012_345_678_901_234_567n; // > 2^64: must not pass through a float
  const boot = '/dns/validator-1.example.org/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
  const text = `
[chain]
name = "Pacta Test Consortium"
id = "pacta_test_consortium"
chain_type = "Live"
boot_nodes = ["${boot}"]

${keys.slice(0, 4).map((k, i) => `[[validators]]\nname = "v${i + 1}"\naura = "${k.sr}"\ngrandpa = "${k.ed}"\n`).join('\n')}
[council]
members = ["${keys[0].sr}", "${keys[1].sr}", "${keys[2].sr}"]

[review_panel]
members = ["${keys[5].sr}", "${keys[6].sr}", "${keys[7].sr}"]

[[endowments]]
account = "${keys[4].sr}"
amount = ${big}

[[endowments]]
account = "${keys[0].sr}"
amount = "2.5 PACT"
`;
  const raw = join(dir, 'raw.json');
  const plain = join(dir, 'plain.json');
  const r = await tool(['build', configFile(text), '--plain', plain, '-o', raw]);
  assert.equal(r.code, 0, r.stderr);

  const spec = JSON.parse(readFileSync(raw, 'utf8'));
  assert.equal(spec.name, 'Pacta Test Consortium');
  assert.equal(spec.id, 'pacta_test_consortium');
  assert.equal(spec.chainType, 'Live');
  assert.equal(spec.protocolId, 'pacta-test-consortium');
  assert.deepEqual(spec.bootNodes, [boot]);
  assert.deepEqual(spec.properties, { tokenSymbol: 'PACT', tokenDecimals: 12, ss58Format: 42 });
  const top = spec.genesis.raw.top;
  assert.ok(top['0x3a636f6465'], 'the runtime code is in the genesis');

  const p = JSON.parse(readFileSync(plain, 'utf8')).genesis.runtimeGenesis.patch;
  assert.deepEqual(p.sudo, { key: null });

  // System.Account of the big endowment, decoded from the raw genesis storage.
  const balanceOf = (address) => {
    const id = decodeAddress(address);
    const key = u8aToHex(
      u8aConcat(xxhashAsU8a('System', 128), xxhashAsU8a('Account', 128), blake2AsU8a(id, 128), id),
    );
    assert.ok(top[key], `System.Account of ${address} in the genesis`);
    // AccountInfo: nonce, consumers, providers, sufficients (u32 each), then free (u128 LE).
    return u8aToBigInt(hexToU8a(top[key]).slice(16, 32), { isLe: true });
  };
  assert.equal(balanceOf(keys[4].sr), big);
  assert.equal(balanceOf(keys[0].sr), 2_500_000_000_000n);

  // The review panel (pallet-membership keeps it sorted), min_eligible and the chain's minimum
  // windows: the Live defaults, since the file sets neither min_eligible nor [calendar].
  const panel = [5, 6, 7].map((i) => keys[i].sr);
  assert.deepEqual(p.reviewPanel, { members: panel });
  assert.deepEqual(p.disputes, { minEligible: 3 });
  assert.equal(p.pledges.minChallengeWindow, TWO_WEEKS);
  assert.equal(p.pledges.minResolutionWindow, FOUR_WEEKS);
  const u32At = (pallet, item) => {
    const value = top[valueKey(pallet, item)];
    assert.ok(value, `${pallet}.${item} in the genesis`);
    return Number(u8aToBigInt(hexToU8a(value), { isLe: true }));
  };
  assert.equal(u32At('Disputes', 'MinEligible'), 3);
  assert.equal(u32At('Pledges', 'MinChallengeWindow'), TWO_WEEKS);
  assert.equal(u32At('Pledges', 'MinResolutionWindow'), FOUR_WEEKS);
  const members = hexToU8a(top[valueKey('ReviewPanel', 'Members')]);
  assert.equal(members[0], 3 << 2, 'three members (compact length)');
  const stored = [0, 1, 2].map((i) => u8aToHex(members.slice(1 + 32 * i, 33 + 32 * i)));
  assert.deepEqual(stored, panel.map((a) => u8aToHex(decodeAddress(a))).sort());
});

test('build: the example file makes a genesis the runtime accepts, with its panel and windows', { timeout: 180_000 }, async () => {
  const raw = join(dir, 'example.raw.json');
  const r = await tool(['build', EXAMPLE, '-o', raw]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /5 review panel members, no sudo/);
  const top = JSON.parse(readFileSync(raw, 'utf8')).genesis.raw.top;
  const u32At = (pallet, item) => Number(u8aToBigInt(hexToU8a(top[valueKey(pallet, item)]), { isLe: true }));
  assert.equal(u32At('Disputes', 'MinEligible'), 3);
  assert.equal(u32At('Pledges', 'MinChallengeWindow'), TWO_WEEKS);
  assert.equal(u32At('Pledges', 'MinResolutionWindow'), FOUR_WEEKS);
  assert.equal(hexToU8a(top[valueKey('ReviewPanel', 'Members')])[0], 5 << 2, 'five members');
});
