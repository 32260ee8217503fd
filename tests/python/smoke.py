#!/usr/bin/env python3
"""A client smoke test: Pacta driven with substrate-interface (PyPI), the Python library
ministries' tooling uses. The whole lifecycle of a period is tested in Rust on the runtime
(runtime/src/tests/lifecycle.rs) and end to end in JavaScript (tests/e2e/lifecycle.test.js);
this only shows that the Python client works with Pacta's types and JSON-RPC:

  commitment  the Python commitment of a sealed attestation (commitment.py) reproduces the
              test vectors of docs/rpc.md (no node needed)
  connect     the node answers; the metadata has Pacta's pallets; PACT, 12 decimals, SS58 42
  types       a party code encodes as Bytes ("DEU" is 0x0c444555) and decodes back as text
  clients.md  the substrate-interface example of docs/clients.md runs as written (its URL set
              to the node's): what it prints matches the chain (Alice's account, the quorum,
              DEU, the climate fund, a pacta_parties page, its transfer to Bob and the block
              holding it); runtime_call still does not know PactaApi, as the page says
  extrinsic   one signed extrinsic: Sudo.sudo(Pledges.open_period(...)) with the full calendar;
              its PeriodOpened event and the Pledges.Periods entry decode to that calendar
  pacta_*     pacta_complianceReport returns the same calendar as JSON; a malformed party code
              is JSON-RPC error 1001
  sealed      commit–reveal with one oracle: Eve applies, Sudo registers DEU and approves her,
              Bob pledges; after the pledge deadline Eve commits a hash computed here (no fee;
              the Committed event carries no value; pacta_attestations shows `reading: None`),
              a reveal before the attestation deadline fails (RevealWindowNotOpen); after it
              she reveals (no fee) and the reading appears; verification runs in the block
              after the reveal deadline (one oracle of a quorum of three: Unverified)

Runs against a fresh dev node (``--dev``: Alice is sudo). The sealed check waits for its
deadlines, about 20 blocks (2 minutes) from the start, each wait bounded.
Usage: smoke.py ws://127.0.0.1:9944    Prints `python: N passed, N failed` last; exit code 0
when every check passed, 1 otherwise.
"""

import ast
import contextlib
import io
import re
import sys
import time
import traceback
from pathlib import Path

from scalecodec.base import ScaleBytes
from substrateinterface import Keypair, SubstrateInterface
from substrateinterface.exceptions import SubstrateRequestException

import commitment

UNIT = 10**12  # 1 PACT
PERIOD = 2030
BLOCK_SECONDS = 6


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Failed(AssertionError):
    pass


def equal(actual, expected, message):
    if actual != expected:
        raise Failed(f"{message}: expected {expected!r}, got {actual!r}")
    log(f"  ok: {message} = {actual!r}")


def check(condition, message):
    if not condition:
        raise Failed(message)
    log(f"  ok: {message}")


class Smoke:
    def __init__(self, url):
        self.url = url
        self.s = None
        self.calendar = None

    def commitment_vectors(self):
        n = commitment.check_vectors()
        check(n >= 3, f'the {n} commitment vectors of docs/rpc.md reproduce')

    def connect(self):
        self.s = SubstrateInterface(url=self.url)
        self.s.init_runtime()
        pallets = {p.name for p in self.s.metadata.pallets}
        for name in ('Pledges', 'Attestations', 'Settlement', 'Council', 'Sudo'):
            check(name in pallets, f'pallet {name} in the metadata')
        equal((self.s.token_symbol, self.s.token_decimals, self.s.ss58_format), ('PACT', 12, 42),
              'token symbol, decimals, SS58 format')

    def types(self):
        alice = Keypair.create_from_uri('//Alice')
        call = self.s.compose_call(call_module='Pledges', call_function='register_party',
                                   call_params={'code': 'DEU', 'name': 'Germany',
                                                'controller': alice.ss58_address})
        data = call.data.data.hex()
        # pallet index, call index, then the code as Bytes: compact length 3 and "DEU".
        equal(data[4:12], '0c444555', 'the party code "DEU" encoded as Bytes')
        decoded = self.s.create_scale_object('Call', data=ScaleBytes(call.data.data))
        decoded.decode()
        args = {a['name']: a['value'] for a in decoded.value['call_args']}
        equal((args['code'], args['name'], args['controller']),
              ('DEU', 'Germany', alice.ss58_address), 'the call decoded back (code, name, controller)')

    def clients_example(self):
        """Runs the ```python block of docs/clients.md's substrate-interface section (after its
        `tested:` marker) as written, with only its URL set to the node's, and checks each line
        it prints against what this test reads from the chain. It sends one transfer (a block,
        about 6 s)."""
        doc = (Path(__file__).resolve().parents[2] / 'docs' / 'clients.md').read_text()
        section = re.search(r'^## substrate-interface \(Python\)\n(.*?)(?=^## |\Z)', doc,
                            re.M | re.S)
        check(section is not None, 'docs/clients.md has a substrate-interface section')
        block = re.search(r'<!-- tested: tests/python/smoke\.py.*?-->\s*```python\n(.*?)```',
                          section.group(1), re.S)
        check(block is not None, 'the section has the tested example')
        url = 'URL = "ws://127.0.0.1:9944"\n'
        equal(block.group(1).count(url), 1, 'lines setting the example\'s URL')
        code = block.group(1).replace(url, f'URL = {self.url!r}\n')

        # The example reads the best block; nothing else is sent meanwhile.
        alice, bob = (Keypair.create_from_uri(uri) for uri in ('//Alice', '//Bob'))

        def free(who, at=None):
            return self.s.query('System', 'Account', [who.ss58_address],
                                block_hash=at).value['data']['free']

        alice_before, bob_before = free(alice), free(bob)
        party = self.s.query('Pledges', 'Parties', ['DEU']).value
        namespace = {'__name__': '__clients_example__'}
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, 'docs/clients.md (substrate-interface)', 'exec'), namespace)
        printed = printed.getvalue()
        for text in printed.splitlines():
            log(f'  | {text}')

        def line(pattern):
            m = re.search(pattern, printed, re.M)
            check(m is not None, f'the example printed a line /{pattern}/')
            return m.groups()

        equal(int(line(r'^Alice free (\d+)$')[0]), alice_before, "Alice's free balance")
        equal(int(line(r'^quorum (\d+)$')[0]), self.s.query('Attestations', 'Quorum').value,
              'the quorum')
        equal(line(r'^DEU (.+)$')[0], party['name'] if party else 'not registered', 'DEU')
        fund = self.s.rpc_request('pacta_climateFund', [])['result']
        equal(line(r'^climate fund (\w+) (\d+)$'), (fund['account'], fund['balance']),
              'the climate fund')
        parties = self.s.rpc_request('pacta_parties', [None, 100])['result']
        codes, after = line(r'^parties (\[.*\]) next (\S+)$')
        equal((ast.literal_eval(codes), after),
              ([p['code'] for p in parties['items']], str(parties['next'])), 'the parties page')
        sender, dest, amount, at = line(r'^Transfer (\w+) (\w+) (\d+) in block (0x[0-9a-f]{64})$')
        equal((sender, dest, int(amount)), (alice.ss58_address, bob.ss58_address, UNIT),
              'the transfer printed')
        equal(at, namespace['receipt'].block_hash, "the block is the receipt's")
        transfers = [e.value['attributes'] for e in self.s.get_events(block_hash=at)
                     if (e.value['module_id'], e.value['event_id']) == ('Balances', 'Transfer')]
        equal(transfers, [{'from': alice.ss58_address, 'to': bob.ss58_address, 'amount': UNIT}],
              'Balances.Transfer events in that block')
        equal(free(bob, at) - bob_before, UNIT, "Bob's gain in that block")

        # The page says substrate-interface's runtime_call does not know PactaApi.
        try:
            self.s.runtime_call('PactaApi', 'climate_fund', {})
        except ValueError as e:
            check('not found in registry' in str(e), f'runtime_call refuses PactaApi ({e})')
        else:
            raise Failed('runtime_call now knows PactaApi: update docs/clients.md')

    def extrinsic(self):
        alice = Keypair.create_from_uri('//Alice')
        now = self.head()
        # Short enough for the sealed check to run through it: the pledge before pd (three
        # transactions, a block each), the commit and an early reveal in (pd, ad], the reveal
        # in (ad, rd], verification in rd + 1.
        pd = now + 12
        self.calendar = {
            'pledge_deadline': pd,
            'attestation_deadline': pd + 4,
            'reveal_deadline': pd + 7,
            'challenge_deadline': pd + 11,
            'challenge_window': 4,
            'resolution_window': 6,
        }
        terms = {'mode': 'Binding', 'penalty_per_tonne': UNIT, 'unverified_forfeit': 500_000_000}
        open_period = self.s.compose_call(call_module='Pledges', call_function='open_period',
                                          call_params={'period': PERIOD, **self.calendar,
                                                       'terms': terms})
        sudo = self.s.compose_call(call_module='Sudo', call_function='sudo',
                                   call_params={'call': open_period})
        xt = self.s.create_signed_extrinsic(call=sudo, keypair=alice)
        receipt = self.s.submit_extrinsic(xt, wait_for_inclusion=True)
        check(receipt.is_success, f'the extrinsic is in block {receipt.block_hash}')
        events = {(e.value['module_id'], e.value['event_id']): e.value['attributes']
                  for e in receipt.triggered_events}
        sudid = events.get(('Sudo', 'Sudid'))
        check(sudid is not None and 'Ok' in sudid['sudo_result'],
              f"sudo ran open_period successfully ({sudid})")
        expected = {**self.calendar, 'terms': terms}
        opened = events.get(('Pledges', 'PeriodOpened'))
        check(opened is not None, 'a Pledges.PeriodOpened event')
        equal((opened['period'], opened['info']), (PERIOD, expected), 'the PeriodOpened event')
        stored = self.s.query('Pledges', 'Periods', [PERIOD], block_hash=receipt.block_hash).value
        equal(stored, expected, 'Pledges.Periods(2030)')

    def pacta_rpc(self):
        check(self.calendar is not None, 'the period was opened')
        report = self.s.rpc_request('pacta_complianceReport', [PERIOD])['result']
        c = self.calendar
        equal(report, {
            'period': PERIOD,
            'pledgeDeadline': c['pledge_deadline'],
            'attestationDeadline': c['attestation_deadline'],
            'revealDeadline': c['reveal_deadline'],
            'challengeDeadline': c['challenge_deadline'],
            'challengeWindow': c['challenge_window'],
            'resolutionWindow': c['resolution_window'],
            'mode': 'Binding',
            'penaltyPerTonne': str(UNIT),
            'unverifiedForfeitPerbill': 500_000_000,
            'settled': False,
            'totals': {
                'pledges': 0, 'caps': 0, 'bonds': '0', 'compliant': 0, 'breached': 0,
                'unverified': 0, 'inconclusive': 0, 'withheld': 0, 'cancelled': 0,
                'verifiedTonnes': 0, 'forfeited': '0', 'released': '0', 'transfersPaid': '0',
                'transfersRefunded': '0',
            },
            'rows': [],
            'next': None,
        }, 'pacta_complianceReport(2030)')
        try:
            response = self.s.rpc_request('pacta_party', ['de'])
        except SubstrateRequestException as e:
            error = e.args[0] if e.args and isinstance(e.args[0], dict) else {'message': str(e)}
        else:
            error = response.get('error')
        check(error is not None, 'pacta_party("de") is refused')
        equal(error.get('code'), 1001, f"its JSON-RPC error code ({error.get('message')})")

    # -- sealed attestations ------------------------------------------------------------------

    def head(self):
        return self.s.get_block_number(self.s.get_chain_head())

    def wait_for_block(self, n):
        """Waits until the best block is at least ``n``: at most 3 block times per block to go
        (and 60 s), then fails."""
        start = self.head()
        limit = time.time() + max(60, 3 * BLOCK_SECONDS * (n - start))
        while True:
            now = self.head()
            if now >= n:
                return now
            if time.time() > limit:
                raise Failed(f'block {n} not reached (at {now}, started at {start})')
            time.sleep(1)

    def submit(self, keypair, module, function, params):
        """Signs and submits a call, returns its receipt once in a block."""
        call = self.s.compose_call(call_module=module, call_function=function,
                                   call_params=params)
        xt = self.s.create_signed_extrinsic(call=call, keypair=keypair)
        return self.s.submit_extrinsic(xt, wait_for_inclusion=True)

    def block_of(self, receipt):
        return self.s.get_block_number(receipt.block_hash)

    @staticmethod
    def event(receipt, module, name):
        """The attributes of the first ``module.name`` event of the extrinsic, or None."""
        for e in receipt.triggered_events:
            if (e.value['module_id'], e.value['event_id']) == (module, name):
                return e.value['attributes']
        return None

    def attestations(self, code):
        return self.s.rpc_request('pacta_attestations', [code, PERIOD])['result']

    def sealed(self):
        check(self.calendar is not None, 'the period was opened')
        c = self.calendar
        pd, ad, rd = c['pledge_deadline'], c['attestation_deadline'], c['reveal_deadline']
        alice, bob, eve = (Keypair.create_from_uri(uri) for uri in ('//Alice', '//Bob', '//Eve'))

        # An oracle, a party and a pledge before the pledge deadline.
        receipt = self.submit(eve, 'Attestations', 'apply_as_oracle', {'name': 'Copernicus'})
        check(receipt.is_success, f'Eve applies as an oracle ({receipt.error_message})')
        register = self.s.compose_call(call_module='Pledges', call_function='register_party',
                                       call_params={'code': 'DEU', 'name': 'Germany',
                                                    'controller': bob.ss58_address})
        approve = self.s.compose_call(call_module='Attestations', call_function='approve_oracle',
                                      call_params={'who': eve.ss58_address})
        batch = self.s.compose_call(call_module='Utility', call_function='batch_all',
                                    call_params={'calls': [register, approve]})
        receipt = self.submit(alice, 'Sudo', 'sudo', {'call': batch})
        sudid = self.event(receipt, 'Sudo', 'Sudid')
        check(receipt.is_success and sudid is not None and 'Ok' in sudid['sudo_result'],
              f'sudo registers DEU and approves Eve ({sudid})')
        receipt = self.submit(bob, 'Pledges', 'submit_pledge',
                              {'period': PERIOD, 'cap_tonnes': 1_000_000, 'bond': 100 * UNIT})
        check(receipt.is_success, f'Bob pledges for DEU ({receipt.error_message})')
        block = self.block_of(receipt)
        check(block <= pd, f'pledged in #{block}, by the pledge deadline #{pd}')

        # The reading stays here, with its salt, until the reveal; only the hash goes out.
        reading = {
            'period': PERIOD, 'code': 'DEU', 'oracle': eve.ss58_address,
            'tonnes': 900_000, 'half_width': 25_000,
            'evidence': commitment.blake2_256('Copernicus DEU 2030 inventory'),
            'salt': commitment.random_salt(),
        }
        sealed = commitment.commitment(**reading)

        self.wait_for_block(pd)
        receipt = self.submit(eve, 'Attestations', 'commit',
                              {'code': 'DEU', 'period': PERIOD, 'commitment': sealed})
        check(receipt.is_success, f'Eve commits ({receipt.error_message})')
        committed_at = self.block_of(receipt)
        check(pd < committed_at <= ad, f'committed in #{committed_at}, within (#{pd}, #{ad}]')
        committed = self.event(receipt, 'Attestations', 'Committed')
        check(committed is not None, 'an Attestations.Committed event')
        equal(sorted(committed), ['code', 'commitment', 'oracle', 'period', 'replaced'],
              'the Committed event\'s fields (no value, no evidence)')
        equal((committed['oracle'], committed['commitment'], committed['replaced']),
              (eve.ss58_address, sealed, False), 'Committed: oracle, commitment, replaced')
        equal(receipt.total_fee_amount, 0, 'the fee of a first commit')
        equal(self.attestations('DEU'), [{
            'oracle': eve.ss58_address, 'oracleName': 'Copernicus', 'commitment': sealed,
            'at': committed_at, 'reading': None,
        }], 'pacta_attestations("DEU", 2030) before the reveal')

        receipt = self.submit(eve, 'Attestations', 'reveal', {
            'code': 'DEU', 'period': PERIOD, 'tonnes': reading['tonnes'],
            'half_width': reading['half_width'], 'evidence': reading['evidence'],
            'salt': reading['salt']})
        check(not receipt.is_success, 'a reveal before the attestation deadline is refused')
        equal((receipt.error_message or {}).get('name'), 'RevealWindowNotOpen', 'its error')
        check(self.block_of(receipt) <= ad, 'it was tried by the attestation deadline')
        check(self.attestations('DEU')[0]['reading'] is None, 'still sealed')

        self.wait_for_block(ad)
        receipt = self.submit(eve, 'Attestations', 'reveal', {
            'code': 'DEU', 'period': PERIOD, 'tonnes': reading['tonnes'],
            'half_width': reading['half_width'], 'evidence': reading['evidence'],
            'salt': reading['salt']})
        check(receipt.is_success, f'Eve reveals ({receipt.error_message})')
        revealed_at = self.block_of(receipt)
        check(ad < revealed_at <= rd, f'revealed in #{revealed_at}, within (#{ad}, #{rd}]')
        revealed = self.event(receipt, 'Attestations', 'Revealed')
        check(revealed is not None, 'an Attestations.Revealed event')
        equal((revealed['tonnes'], revealed['half_width'], revealed['evidence']),
              (900_000, 25_000, reading['evidence']), 'Revealed: tonnes, half_width, evidence')
        equal(receipt.total_fee_amount, 0, 'the fee of a reveal')
        [row] = self.attestations('DEU')
        equal(row['reading'], {'tonnes': 900_000, 'halfWidth': 25_000,
                               'evidence': reading['evidence']}, 'the reading after the reveal')
        equal(row['commitment'], sealed, 'the commitment stays on record')

        # Verification runs in the block after the reveal deadline, not after the attestation
        # deadline: one revealed reading of a quorum of three leaves DEU unverified.
        self.wait_for_block(rd + 1)
        at_rd = self.s.get_block_hash(rd)
        at_verified = self.s.get_block_hash(rd + 1)
        before = self.s.rpc_request('pacta_pledge', ['DEU', PERIOD, at_rd])['result']
        after = self.s.rpc_request('pacta_pledge', ['DEU', PERIOD, at_verified])['result']
        equal(before['verification']['status'], 'Pending', f'DEU at the reveal deadline #{rd}')
        equal(after['verification']['status'], 'Unverified', f'DEU in #{rd + 1}')
        equal(after['attestations'], 1, 'attestations counted')


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else 'ws://127.0.0.1:9944'
    smoke = Smoke(url)
    checks = [('commitment', smoke.commitment_vectors),
              ('connect', smoke.connect), ('types', smoke.types),
              ('clients.md', smoke.clients_example),
              ('extrinsic', smoke.extrinsic), ('pacta_*', smoke.pacta_rpc),
              ('sealed', smoke.sealed)]
    offline = {'commitment', 'connect'}  # need no connection (connect makes it)
    passed = failed = 0
    started = time.time()
    for name, run in checks:
        if smoke.s is None and name not in offline:
            log(f'FAILED {name}: not connected')
            failed += 1
            continue
        log(name)
        try:
            run()
        except Exception as e:  # noqa: BLE001 - any failure fails the check, with its trace
            traceback.print_exc()
            log(f'FAILED {name}: {e}')
            failed += 1
        else:
            passed += 1
    log(f'done in {time.time() - started:.0f} s')
    print(f'python: {passed} passed, {failed} failed', flush=True)
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
