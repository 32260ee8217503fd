#!/usr/bin/env python3
"""The lifecycle of a Pacta reporting period, driven as a ministry's tooling would drive it:
with substrate-interface (PyPI) for extrinsics and storage, and the node's pacta_* JSON-RPC
methods for reports.

Runs against a fresh dev node (``--dev``: Alice is sudo, Alice/Bob/Charlie are the council):

  governance  DEU and BRA registered and 2030 opened through sudo; IND through a Council motion
              carried by two thirds (Alice proposes with threshold 2, Alice + Bob vote, close)
  parties     pledges with bonds; a donor escrows a PerTonneBelowCap transfer for DEU
  oracles     three apply, are approved and attest; one is far off for BRA; IND gets only two
  the chain   verifies (the far-off oracle is slashed 10% of its bond into the climate fund)
  challenge   BRA challenges its verified value; governance corrects it
  the chain   settles with no further extrinsic; balances and pacta_complianceReport checked exactly

Usage: lifecycle.py ws://127.0.0.1:9944     Exit code 0 when every check passed, 1 otherwise.
"""

import hashlib
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

from substrateinterface import Keypair, SubstrateInterface
from substrateinterface.exceptions import SubstrateRequestException

UNIT = 10**12  # 1 PACT
MILLI = 10**9  # 0.001 PACT, the existential deposit
PERIOD = 2030


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Failed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)
    log(f"  ok: {message}")


def equal(actual, expected, message):
    if actual != expected:
        raise Failed(f"{message}: expected {expected!r}, got {actual!r}")
    log(f"  ok: {message} = {actual!r}")


class Chain:
    """A connection to the node, plus a few connections to submit in parallel."""

    def __init__(self, url, parallel=10):
        self.url = url
        self.s = SubstrateInterface(url=url)
        self.s.init_runtime()
        self.pool = [SubstrateInterface(url=url) for _ in range(parallel)]
        for conn in self.pool:
            conn.init_runtime()
        self.pallet_names = {p['index'].value: p.name for p in self.s.metadata.pallets}

    # --- reading -------------------------------------------------------------------------------

    def head(self):
        return self.s.get_block_number(self.s.get_chain_head())

    def block_hash(self, number):
        return self.s.get_block_hash(number)

    def wait_for_block(self, number, timeout=240):  # 40 blocks of 6 s
        until = time.time() + timeout
        while self.head() < number:
            if time.time() > until:
                raise Failed(f"block #{number} not reached in {timeout} s")
            time.sleep(0.5)

    def account(self, address, block_hash=None):
        data = self.s.query('System', 'Account', [address], block_hash=block_hash).value['data']
        return {'free': data['free'], 'reserved': data['reserved']}

    def held(self, address, reason):
        holds = self.s.query('Balances', 'Holds', [address]).value
        return sum(h['amount'] for h in holds if reason in str(h['id']))

    def rpc(self, method, params):
        """A pacta_* call: the result, or an RpcError with the JSON-RPC error code and message."""
        try:
            response = self.s.rpc_request(method, params)
        except SubstrateRequestException as e:
            error = e.args[0] if e.args and isinstance(e.args[0], dict) else {'code': None, 'message': str(e)}
            raise RpcError(error.get('code'), error.get('message')) from None
        if 'error' in response:
            raise RpcError(response['error']['code'], response['error']['message'])
        return response['result']

    # --- writing -------------------------------------------------------------------------------

    def call(self, pallet, function, **params):
        return self.s.compose_call(call_module=pallet, call_function=function, call_params=params)

    def sudo(self, call):
        return self.call('Sudo', 'sudo', call=call)

    def error_name(self, dispatch_error):
        """'Pallet.Error' for a module error, else the variant name ('BadOrigin')."""
        if isinstance(dispatch_error, str):
            return dispatch_error
        if 'Module' in dispatch_error:
            module = dispatch_error['Module']
            index, error = (module if isinstance(module, tuple) else (module['index'], module['error']))
            if isinstance(error, str):
                error = int(error[2:4], 16)
            pallet = self.pallet_names.get(index, str(index))
            return f"{pallet}.{self.s.metadata.get_module_error(index, error).name}"
        return next(iter(dispatch_error))

    def _submit(self, conn, call, keypair, nonce):
        xt = conn.create_signed_extrinsic(call=call, keypair=keypair, nonce=nonce)
        receipt = conn.submit_extrinsic(xt, wait_for_inclusion=True)
        events = receipt.triggered_events
        error = None
        for event in events:
            value = event.value
            module, name, attrs = value['module_id'], value['event_id'], value['attributes']
            if module == 'System' and name == 'ExtrinsicFailed':
                error = self.error_name(attrs['dispatch_error'])
            elif module == 'Sudo' and name == 'Sudid' and 'Err' in attrs['sudo_result']:
                error = self.error_name(attrs['sudo_result']['Err'])
            elif module == 'Council' and name == 'Executed' and 'Err' in attrs['result']:
                error = self.error_name(attrs['result']['Err'])
        return {
            'ok': error is None,
            'error': error,
            'events': events,
            'block_hash': receipt.block_hash,
            'block': conn.get_block_number(receipt.block_hash),
        }

    def send_all(self, items):
        """Submit [(call, keypair), ...] at once (nonces in list order per signer) and wait for
        every one to be in a block. Returns a result dict per item, in order."""
        nonces = {}
        jobs = []
        for i, (call, keypair) in enumerate(items):
            address = keypair.ss58_address
            if address not in nonces:
                nonces[address] = self.s.get_account_nonce(address)
            jobs.append((self.pool[i % len(self.pool)], call, keypair, nonces[address]))
            nonces[address] += 1
        if len(items) > len(self.pool):
            raise ValueError('more items than connections')
        with ThreadPoolExecutor(max_workers=len(items)) as executor:
            return list(executor.map(lambda job: self._submit(*job), jobs))


class RpcError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{message} (JSON-RPC error {code})")
        self.code = code
        self.message = message


def all_ok(results, labels):
    failed = [f"{label}: {r['error']}" for r, label in zip(results, labels) if not r['ok']]
    if failed:
        raise Failed(f"transactions failed: {failed}")
    log(f"  ok: {', '.join(labels)}")


def failed_with(result, name, label):
    if result['ok']:
        raise Failed(f"{label}: expected {name}, but it succeeded")
    equal(result['error'], name, f"{label} fails with")


def event(result, pallet, name):
    for e in result['events']:
        if e.value['module_id'] == pallet and e.value['event_id'] == name:
            return e.value['attributes']
    raise Failed(f"no {pallet}.{name} event")


def evidence(text):
    return '0x' + hashlib.blake2b(text.encode(), digest_size=32).hexdigest()


def lifecycle(chain):
    c = chain
    key = Keypair.create_from_uri
    alice, bob, charlie, dave = key('//Alice'), key('//Bob'), key('//Charlie'), key('//Dave')
    eve, ferdie = key('//Eve'), key('//Ferdie')
    far_off, donor, intruder = key('//Alice//stash'), key('//Bob//stash'), key('//Charlie//stash')

    # The calendar in blocks (6 s each). Each wave of transactions is sent once the previous one
    # is in a block, so it lands in the next block: a deadline allows for the waves its window
    # must hold plus spare blocks for a wave that slips by one (each spare block costs 6 s).
    now = c.head()
    PD = now + 6  # pledge deadline: 4 waves (#now+1..#now+4) + 2 spare
    AD = PD + 2  # attestation deadline: 1 wave (#PD+1) + 1 spare; verification in AD + 1
    CD = AD + 4  # challenge deadline: 2 waves (#AD+2, #AD+3) + 1 spare; settlement in CD + 1
    log(f"now #{now}; 2030: pledge deadline #{PD}, attestation #{AD}, challenge #{CD}")

    fund = c.rpc('pacta_climateFund', [])
    equal(fund['balance'], str(MILLI), 'climate fund starts with the existential deposit')

    log('1. governance: register DEU and BRA, open 2030 (sudo); propose IND to the council')
    india = c.call('Pledges', 'register_party', code='IND', name='India', controller=dave.ss58_address)
    r = c.send_all([
        (c.sudo(c.call('Pledges', 'register_party', code='DEU', name='Germany',
                       controller=bob.ss58_address)), alice),
        (c.sudo(c.call('Pledges', 'register_party', code='BRA', name='Brazil',
                       controller=charlie.ss58_address)), alice),
        (c.sudo(c.call('Pledges', 'open_period', period=PERIOD, pledge_deadline=PD,
                       attestation_deadline=AD, challenge_deadline=CD,
                       terms={'mode': 'Binding', 'penalty_per_tonne': UNIT,
                              'unverified_forfeit': 500_000_000})), alice),
        (c.call('Council', 'propose', threshold=2, proposal=india, length_bound=len(india.data)), alice),
        (c.sudo(c.call('Pledges', 'register_party', code='de', name='Nowhere',
                       controller=intruder.ss58_address)), alice),
        (c.call('Attestations', 'apply_as_oracle', name='Copernicus'), eve),
        (c.call('Attestations', 'apply_as_oracle', name='UNEP'), ferdie),
        (c.call('Attestations', 'apply_as_oracle', name='Far Off Monitor'), far_off),
        (c.call('Pledges', 'submit_pledge', period=PERIOD, cap_tonnes=1000, bond=100 * UNIT), intruder),
        (c.call('Attestations', 'approve_oracle', who=eve.ss58_address), bob),
    ])
    all_ok([r[i] for i in (0, 1, 2, 3, 5, 6, 7)],
           ['register DEU', 'register BRA', 'open 2030', 'propose IND', 'apply', 'apply', 'apply'])
    failed_with(r[4], 'Pledges.InvalidPartyCode', 'registering "de"')
    failed_with(r[8], 'Pledges.NotAPartyController', 'a pledge by a non-controller')
    failed_with(r[9], 'BadOrigin', 'approving an oracle without governance')
    proposed = event(r[3], 'Council', 'Proposed')
    motion_hash, motion_index = proposed['proposal_hash'], proposed['proposal_index']
    equal(c.rpc('pacta_party', ['DEU']),
          {'code': 'DEU', 'name': 'Germany', 'controller': bob.ss58_address}, 'pacta_party DEU')

    log('2. council votes (2 of 3); oracles approved; DEU pledges')
    r = c.send_all([
        (c.call('Council', 'vote', proposal=motion_hash, index=motion_index, approve=True), alice),
        (c.call('Council', 'vote', proposal=motion_hash, index=motion_index, approve=True), bob),
        (c.sudo(c.call('Attestations', 'approve_oracle', who=eve.ss58_address)), alice),
        (c.sudo(c.call('Attestations', 'approve_oracle', who=ferdie.ss58_address)), alice),
        (c.sudo(c.call('Attestations', 'approve_oracle', who=far_off.ss58_address)), alice),
        (c.call('Pledges', 'submit_pledge', period=PERIOD, cap_tonnes=1_000_000, bond=500 * UNIT), bob),
        (c.call('Pledges', 'submit_pledge', period=PERIOD, cap_tonnes=2_000_000, bond=10 * UNIT), charlie),
    ])
    all_ok(r[:6], ['vote', 'vote', 'approve', 'approve', 'approve', 'DEU pledges'])
    failed_with(r[6], 'Pledges.BondTooLow', 'a bond below the minimum')
    equal(c.held(bob.ss58_address, 'PledgeBond'), 500 * UNIT, "Bob's PledgeBond hold")

    log('3. the motion closes and registers IND; BRA pledges; a donor escrows for DEU')
    weight = c.s.get_payment_info(india, alice)['weight']
    r = c.send_all([
        (c.call('Council', 'close', proposal_hash=motion_hash, index=motion_index,
                proposal_weight_bound=weight, length_bound=len(india.data)), alice),
        (c.call('Pledges', 'submit_pledge', period=PERIOD, cap_tonnes=2_000_000, bond=1_000 * UNIT), charlie),
        (c.call('Settlement', 'create_conditional_transfer', code='DEU', period=PERIOD,
                condition={'PerTonneBelowCap': {'rate': MILLI}}, amount=200 * UNIT), donor),
        (c.call('Settlement', 'create_conditional_transfer', code='xx', period=PERIOD,
                condition='PledgeMet', amount=200 * UNIT), donor),
        (c.call('Attestations', 'attest', code='DEU', period=PERIOD, tonnes=1,
                evidence=evidence('early')), eve),
    ])
    all_ok(r[:3], ['close the motion', 'BRA pledges', 'escrow for DEU'])
    event(r[0], 'Council', 'Executed')
    failed_with(r[3], 'Settlement.InvalidPartyCode', 'a transfer for "xx"')
    failed_with(r[4], 'Attestations.AttestationWindowNotOpen', 'attesting before the pledge deadline')
    equal(c.rpc('pacta_party', ['IND'])['controller'], dave.ss58_address, 'IND registered by the council')
    equal(c.held(donor.ss58_address, 'Escrow'), 200 * UNIT, "the donor's Escrow hold")

    log('4. IND pledges')
    r = c.send_all([
        (c.call('Pledges', 'submit_pledge', period=PERIOD, cap_tonnes=3_000_000, bond=100 * UNIT), dave),
    ])
    all_ok(r, ['IND pledges'])
    check(r[0]['block'] <= PD, f"IND pledged in #{r[0]['block']} by the deadline #{PD}")
    pledge = c.rpc('pacta_pledge', ['DEU', PERIOD])
    equal((pledge['bond'], pledge['escrowed'], pledge['verification']['status']),
          (str(500 * UNIT), str(200 * UNIT), 'Pending'), 'pacta_pledge DEU (bond, escrowed, status)')

    log(f'5. waiting for the pledge deadline #{PD}; three oracles attest')
    c.wait_for_block(PD)
    attest = lambda code, tonnes, who, name: (  # noqa: E731
        c.call('Attestations', 'attest', code=code, period=PERIOD, tonnes=tonnes,
               evidence=evidence(f'{code} by {name}')), who)
    r = c.send_all([
        attest('DEU', 900_000, eve, 'eve'), attest('BRA', 2_000_300, eve, 'eve'),
        attest('IND', 2_500_000, eve, 'eve'),
        attest('DEU', 910_000, ferdie, 'ferdie'), attest('BRA', 2_000_400, ferdie, 'ferdie'),
        attest('IND', 2_500_000, ferdie, 'ferdie'),
        attest('DEU', 905_000, far_off, 'far-off'), attest('BRA', 3_000_000, far_off, 'far-off'),
        attest('DEU', 1, intruder, 'intruder'),
    ])
    all_ok(r[:8], [f'attestation {i}' for i in range(8)])
    failed_with(r[8], 'Attestations.NotOracle', 'an attestation by a non-oracle')
    check(all(PD < x['block'] <= AD for x in r[:8]), f'all attested within (#{PD}, #{AD}]')
    names = sorted((a['oracleName'], a['tonnes']) for a in c.rpc('pacta_attestations', ['BRA', PERIOD]))
    equal(names, [('Copernicus', 2_000_300), ('Far Off Monitor', 3_000_000), ('UNEP', 2_000_400)],
          'pacta_attestations BRA')

    log(f'6. waiting for verification in #{AD + 1}')
    c.wait_for_block(AD + 1)
    fund_account = c.rpc('pacta_climateFund', [])['account']
    before = c.account(fund_account, c.block_hash(AD))['free']
    after = int(c.rpc('pacta_climateFund', [c.block_hash(AD + 1)])['balance'])
    equal(after - before, 100 * UNIT, 'the far-off oracle slashed 10% of 1,000 PACT into the fund')
    equal(c.held(far_off.ss58_address, 'OracleBond'), 900 * UNIT, "the far-off oracle's bond")
    equal(c.rpc('pacta_pledge', ['DEU', PERIOD])['verification'],
          {'status': 'Verified', 'tonnes': 905_000}, 'DEU verified (median)')
    equal(c.rpc('pacta_pledge', ['BRA', PERIOD])['verification'],
          {'status': 'Verified', 'tonnes': 2_000_400}, 'BRA verified (median)')
    equal(c.rpc('pacta_pledge', ['IND', PERIOD])['verification'],
          {'status': 'Unverified', 'tonnes': None}, 'IND unverified (2 attestations < quorum 3)')

    log('7. BRA challenges; governance corrects the value')
    r = c.send_all([
        (c.call('Attestations', 'challenge', code='BRA', period=PERIOD), charlie),
        (c.call('Attestations', 'challenge', code='DEU', period=PERIOD), intruder),
    ])
    all_ok(r[:1], ['BRA challenges'])
    failed_with(r[1], 'Attestations.NotEntitledToChallenge', 'a challenge by an outsider')
    equal(c.rpc('pacta_pledge', ['BRA', PERIOD])['verification']['status'], 'Disputed', 'BRA status')
    r = c.send_all([
        (c.sudo(c.call('Attestations', 'resolve_challenge', code='BRA', period=PERIOD,
                       corrected_tonnes=2_000_250)), alice),
        (c.call('Attestations', 'resolve_challenge', code='BRA', period=PERIOD, corrected_tonnes=1), bob),
    ])
    all_ok(r[:1], ['resolve'])
    failed_with(r[1], 'BadOrigin', 'resolving without governance')
    check(r[0]['block'] <= CD, f"resolved in #{r[0]['block']} by the challenge deadline #{CD}")
    equal(c.rpc('pacta_pledge', ['BRA', PERIOD])['verification'],
          {'status': 'Verified', 'tonnes': 2_000_250}, 'BRA corrected')

    log(f'8. waiting for settlement after the challenge deadline #{CD}')
    c.wait_for_block(CD + 1)
    accounts = {'bob': bob.ss58_address, 'charlie': charlie.ss58_address, 'dave': dave.ss58_address,
                'donor': donor.ss58_address, 'fund': fund_account}
    at_cd, at_settled = c.block_hash(CD), c.block_hash(CD + 1)
    events = c.s.get_events(at_settled)
    check(any(e.value['module_id'] == 'Settlement' and e.value['event_id'] == 'PeriodSettled'
              for e in events), f'2030 settled in #{CD + 1}')
    block = c.s.get_block(at_settled)
    equal(len(block['extrinsics']), 1, 'extrinsics in the settling block (the timestamp only)')
    delta = {}
    for name, address in accounts.items():
        b, a = c.account(address, at_cd), c.account(address, at_settled)
        delta[name] = (a['free'] - b['free'], a['reserved'])
    equal(delta['bob'], (595 * UNIT, 0), 'DEU: bond 500 back + transfer earned 95 (free, reserved)')
    equal(delta['donor'], (105 * UNIT, 0), 'donor: 105 refunded')
    equal(delta['charlie'], (750 * UNIT, 0), 'BRA: 750 released after a 250 penalty')
    equal(delta['dave'], (50 * UNIT, 0), 'IND: 50 released after a 50% forfeit')
    equal(delta['fund'][0], 300 * UNIT, 'climate fund: penalty 250 + forfeit 50')

    report = c.rpc('pacta_complianceReport', [PERIOD])
    equal(report['settled'], True, 'report settled')
    rows = {row['code']: row for row in report['rows']}
    summary = {code: (row['outcome'], row['verification']['tonnes'], row['penalty'],
                      row['released'], row['transfersPaid'], row['transfersRefunded'])
               for code, row in rows.items()}
    equal(summary, {
        'DEU': ('Compliant', 905_000, '0', str(500 * UNIT), str(95 * UNIT), str(105 * UNIT)),
        'BRA': ('Breached', 2_000_250, str(250 * UNIT), str(750 * UNIT), '0', '0'),
        'IND': ('Unverified', None, str(50 * UNIT), str(50 * UNIT), '0', '0'),
    }, 'compliance report rows')
    equal((report['totalPenalty'], report['totalTransfersPaid']), (str(300 * UNIT), str(95 * UNIT)),
          'report totals')
    equal(c.rpc('pacta_climateFund', [])['balance'], str(400 * UNIT + MILLI), 'climate fund balance')

    log('9. bad input to pacta_* is a JSON-RPC error')
    for method, params, code in [
        ('pacta_party', ['de'], 1001),
        ('pacta_party', ['XYZ'], 1002),
        ('pacta_complianceReport', [1999], 1003),
        ('pacta_climateFund', ['0x' + '11' * 32], 1004),
    ]:
        try:
            c.rpc(method, params)
        except RpcError as e:
            equal(e.code, code, f'{method}{params} error code ({e.message})')
        else:
            raise Failed(f'{method}{params} should fail')


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else 'ws://127.0.0.1:9944'
    started = time.time()
    try:
        chain = Chain(url)
        lifecycle(chain)
    except Exception as e:  # noqa: BLE001 - any failure fails the run, with its trace
        traceback.print_exc()
        log(f'FAILED after {time.time() - started:.0f} s: {e}')
        print('python: 0 passed, 1 failed', flush=True)
        return 1
    log(f'lifecycle passed in {time.time() - started:.0f} s')
    print('python: 1 passed, 0 failed', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
