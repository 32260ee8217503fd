"""The commitment of a sealed attestation, in Python: what an oracle's tooling computes before
``Attestations.commit`` and the chain recomputes at ``Attestations.reveal``.

commitment = blake2_256 (BLAKE2b with a 32-byte digest, no key) of the SCALE encoding of the
tuple below, 134 bytes with no length prefix anywhere (every part has a fixed size):

  the 15 ASCII bytes ``pacta/commit/v1`` | period u32 LE | party code, 3 ASCII bytes |
  oracle, the 32-byte AccountId32 public key | tonnes u64 LE | half_width u64 LE |
  evidence, 32 bytes | salt, 32 bytes

The same function in JavaScript is ``tests/lib/commit.js``; the test vectors below are the ones
in docs/rpc.md ("Sealed attestations: the commitment"). ``check_vectors()`` checks them (smoke.py
calls it first). Compute commitments on the oracle's own machine, never on someone else's node
or website: whoever computes the commitment learns the value before the reveal.
"""

import hashlib
import secrets

from scalecodec.utils.ss58 import ss58_decode

DOMAIN = b'pacta/commit/v1'
PREIMAGE_LENGTH = 15 + 4 + 3 + 32 + 8 + 8 + 32 + 32  # 134


def _bytes32(value, what):
    """Exactly 32 bytes from bytes or a 0x-hex string."""
    if isinstance(value, str):
        if not value.startswith('0x'):
            raise ValueError(f'{what} must be 0x-hex or bytes (got {value!r})')
        value = bytes.fromhex(value[2:])
    value = bytes(value)
    if len(value) != 32:
        raise ValueError(f'{what} must be 32 bytes (got {len(value)})')
    return value


def _account_id(oracle):
    """The 32-byte public key of an SS58 address, or the 32 bytes (or 0x-hex) themselves."""
    if isinstance(oracle, str) and not oracle.startswith('0x'):
        return bytes.fromhex(ss58_decode(oracle))
    return _bytes32(oracle, 'oracle')


def _uint(value, bits, what):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << bits:
        raise ValueError(f'{what} must be an integer in [0, 2^{bits}) (got {value!r})')
    return value.to_bytes(bits // 8, 'little')


def preimage(period, code, oracle, tonnes, half_width, evidence, salt):
    """The 134 bytes that are hashed."""
    if not (isinstance(code, str) and len(code) == 3 and code.isascii()
            and code.isalpha() and code.isupper()):
        raise ValueError(f'code must be three uppercase ASCII letters (got {code!r})')
    data = (DOMAIN
            + _uint(period, 32, 'period')
            + code.encode('ascii')
            + _account_id(oracle)
            + _uint(tonnes, 64, 'tonnes')
            + _uint(half_width, 64, 'half_width')
            + _bytes32(evidence, 'evidence')
            + _bytes32(salt, 'salt'))
    assert len(data) == PREIMAGE_LENGTH, len(data)
    return data


def commitment(period, code, oracle, tonnes, half_width, evidence, salt):
    """The commitment as 0x-hex (H256). ``oracle``: SS58 address, 0x-hex or 32 bytes (the bonded
    oracle account, also when a proxy sends the calls); ``evidence`` and ``salt``: 32 bytes as
    bytes or 0x-hex."""
    data = preimage(period, code, oracle, tonnes, half_width, evidence, salt)
    return '0x' + hashlib.blake2b(data, digest_size=32).hexdigest()


def random_salt():
    """32 random bytes from the operating system's CSPRNG, as 0x-hex: a fresh salt per commit."""
    return '0x' + secrets.token_hex(32)


def blake2_256(data):
    """0x-hex blake2_256 of ``data`` (bytes or text): how the vectors' evidence is made."""
    if isinstance(data, str):
        data = data.encode()
    return '0x' + hashlib.blake2b(data, digest_size=32).hexdigest()


ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'

# The vectors of docs/rpc.md: (inputs, commitment). Keep in step with tests/e2e/commit.test.js.
VECTORS = [
    (dict(period=2030, code='DEU', oracle=ALICE, tonnes=900_000, half_width=25_000,
          evidence=blake2_256('DEU 2030 inventory'), salt='0x' + '01' * 32),
     '0x256bc4fca1a2bc4585a7c88529309d7e998db92021ceea8f4f6f58fe3c4ededd'),
    (dict(period=2030, code='DEU', oracle=ALICE, tonnes=900_000, half_width=0,
          evidence=blake2_256('DEU 2030 inventory'), salt='0x' + '01' * 32),
     '0xbb82bdc1196dc4d743d472babcc7d98ef6def63714a9828879822a6450a491b3'),
    (dict(period=2031, code='BRA', oracle=BOB, tonnes=2_000_400, half_width=150_000,
          evidence=blake2_256('BRA 2031 inventory'), salt='0x' + bytes(range(32)).hex()),
     '0x584f7e044b10f322dbf9958db9c5e4674abc88817ece31302aa8e1ae092217bd'),
    (dict(period=2035, code='CHN', oracle=CHARLIE, tonnes=14_000_000_000,
          half_width=700_000_000, evidence=blake2_256('CHN 2035 inventory'),
          salt='0x' + 'ff' * 32),
     '0xb38d87c68d129ba6d63c761baa756025a9d8402a7269e35610e7c381453d8893'),
]

# The evidence hashes the vectors use, as docs/rpc.md prints them.
EVIDENCE = {
    'DEU 2030 inventory': '0x858b6e323b60b06289d17b2d9c7566e8d3deb9ba4265e15e286f512933b453a3',
    'BRA 2031 inventory': '0x9ac4f140ce04729c4429063b4d9f36fbdfc74b27dd9513ed9a50745af4cbda6b',
    'CHN 2035 inventory': '0xaef47a236b8c4904fd11a1139f4cf5bbb4cced2b7c5eee7707905529e4792df4',
}


def check_vectors():
    """Raises AssertionError unless every vector of docs/rpc.md reproduces; returns how many."""
    for text, expected in EVIDENCE.items():
        if blake2_256(text) != expected:
            raise AssertionError(f'blake2_256({text!r}) = {blake2_256(text)}, expected {expected}')
    for i, (inputs, expected) in enumerate(VECTORS, 1):
        data = preimage(**inputs)
        if len(data) != PREIMAGE_LENGTH:
            raise AssertionError(f'vector {i}: preimage of {len(data)} bytes')
        actual = commitment(**inputs)
        if actual != expected:
            raise AssertionError(f'vector {i}: commitment {actual}, expected {expected}')
    # The salt and every field change the hash.
    base = VECTORS[0][0]
    for field, value in (('salt', '0x' + '02' * 32), ('tonnes', 900_001), ('half_width', 25_001),
                         ('period', 2031), ('code', 'DEV'), ('oracle', BOB),
                         ('evidence', '0x' + '00' * 32)):
        if commitment(**{**base, field: value}) == VECTORS[0][1]:
            raise AssertionError(f'changing {field} did not change the commitment')
    return len(VECTORS)
