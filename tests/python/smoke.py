#!/usr/bin/env python3
"""A client smoke test: Pacta driven with substrate-interface (PyPI), the Python library
ministries' tooling uses. The whole lifecycle of a period is tested in Rust on the runtime
(runtime/src/tests/lifecycle.rs) and end to end in JavaScript (tests/e2e/lifecycle.test.js);
this only shows that the Python client works with Pacta's types and JSON-RPC:

  connect     the node answers; the metadata has Pacta's pallets; PACT, 12 decimals, SS58 42
  types       a party code encodes as Bytes ("DEU" is 0x0c444555) and decodes back as text
  extrinsic   one signed extrinsic: Sudo.sudo(Pledges.open_period(...)) with the full calendar;
              its PeriodOpened event and the Pledges.Periods entry decode to that calendar
  pacta_*     pacta_complianceReport returns the same calendar as JSON; a malformed party code
              is JSON-RPC error 1001

Runs against a fresh dev node (``--dev``: Alice is sudo).
Usage: smoke.py ws://127.0.0.1:9944    Prints `python: N passed, N failed` last; exit code 0
when every check passed, 1 otherwise.
"""

import sys
import time
import traceback

from scalecodec.base import ScaleBytes
from substrateinterface import Keypair, SubstrateInterface
from substrateinterface.exceptions import SubstrateRequestException

UNIT = 10**12  # 1 PACT
PERIOD = 2030


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

    def extrinsic(self):
        alice = Keypair.create_from_uri('//Alice')
        now = self.s.get_block_number(self.s.get_chain_head())
        pd = now + 10
        self.calendar = {
            'pledge_deadline': pd,
            'attestation_deadline': pd + 10,
            'reveal_deadline': pd + 15,
            'challenge_deadline': pd + 25,
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
            'rows': [],
            'truncated': False,
            'totalForfeited': '0',
            'totalTransfersPaid': '0',
        }, 'pacta_complianceReport(2030)')
        try:
            response = self.s.rpc_request('pacta_party', ['de'])
        except SubstrateRequestException as e:
            error = e.args[0] if e.args and isinstance(e.args[0], dict) else {'message': str(e)}
        else:
            error = response.get('error')
        check(error is not None, 'pacta_party("de") is refused')
        equal(error.get('code'), 1001, f"its JSON-RPC error code ({error.get('message')})")


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else 'ws://127.0.0.1:9944'
    smoke = Smoke(url)
    checks = [('connect', smoke.connect), ('types', smoke.types),
              ('extrinsic', smoke.extrinsic), ('pacta_*', smoke.pacta_rpc)]
    passed = failed = 0
    started = time.time()
    for name, run in checks:
        if smoke.s is None and name != 'connect':
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
