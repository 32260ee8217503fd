#!/usr/bin/env python3
"""Builds a Pacta consortium chain spec from one consortium file (TOML).

    scripts/chainspec.py build deploy/consortium.example.toml -o pacta-consortium.raw.json
    scripts/chainspec.py patch deploy/consortium.example.toml      # print the genesis patch only

The file names the chain, its validators (Aura sr25519 + GRANDPA ed25519 public keys), the
council, the review panel (the disputes' experts, separate from the council) and the fewest
eligible panel members a vote needs, the endowments, the founding parties, the approved oracles
and the chain's minimum challenge and resolution windows (see
`deploy/consortium.example.toml`, every key documented there, and `docs/deploy.md`). There is
no sudo key: a consortium chain is governed by its council.

How the spec is made, never by editing a spec by hand:

1. `pacta-node build-spec --chain local` prints the plain spec of the runtime (its Wasm code and
   the `local_testnet` genesis preset as a JSON patch);
2. the patch is *replaced* by one built from the consortium file (so nothing of the preset, in
   particular its sudo key and dev validators, survives), and name, id, chain type, protocol id,
   boot nodes and properties are set;
3. `pacta-node build-spec --chain <plain.json> --raw` lets the runtime build the genesis storage
   from the patch (its own genesis code checks it: a bad party code or a duplicate member stops
   the build) and prints the raw spec nodes start from.

Keys are SS58 addresses (any network prefix; written out with prefix 42) or 0x-prefixed 32-byte
public keys. On a `Local` or `Development` chain a key may also be a dev secret URI such as
`//Alice`, resolved with `pacta-node key inspect`; a `Live` chain refuses secret URIs and the
well-known dev accounts (Alice, Bob, ... whose secret keys everybody knows).

Only the Python standard library is used (Python >= 3.11 for `tomllib`).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import tomllib
except ImportError:  # Python < 3.11
    sys.exit("chainspec.py needs Python 3.11 or newer (for tomllib)")
from decimal import Decimal, InvalidOperation
from pathlib import Path

SS58_PREFIX = 42
DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]
CHAIN_TYPES = {"live": "Live", "local": "Local", "development": "Development"}
PERBILL = 1_000_000_000
# The runtime's block time (MILLISECS_PER_BLOCK) and what the calendar's defaults are made of.
BLOCK_SECONDS = 6
DAY_BLOCKS = 24 * 3600 // BLOCK_SECONDS  # 14_400
WEEK_BLOCKS = 7 * DAY_BLOCKS  # 100_800
# The review panel's size limit (ReviewPanelMaxMembers in runtime/src/configs.rs) and the
# `min_eligible` default (pallet-disputes' DefaultMinEligible).
MAX_PANEL = 32
DEFAULT_MIN_ELIGIBLE = 3
# [calendar] defaults: on a Live chain two and four weeks; on a Local or Development (test) chain
# one block, the runtime's own minimum, as in the dev presets, so that test periods can be short.
LIVE_MIN_CHALLENGE_WINDOW = 2 * WEEK_BLOCKS  # 201_600
LIVE_MIN_RESOLUTION_WINDOW = 4 * WEEK_BLOCKS  # 403_200
MAX_BLOCK_NUMBER = 2**32 - 1  # BlockNumber is u32


class ConfigError(Exception):
    """A mistake in the consortium file, with a message naming where it is."""


# ---------------------------------------------------------------------------------------------
# SS58 (https://docs.substrate.io/reference/address-formats/), standard library only.

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58decode(text: str) -> bytes:
    n = 0
    for ch in text:
        i = _B58.find(ch)
        if i < 0:
            raise ValueError(f"{ch!r} is not a base58 character")
        n = n * 58 + i
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\0" * pad + raw


def _b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def _ss58_checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(b"SS58PRE" + payload, digest_size=64).digest()[:2]


def ss58_decode(address: str) -> bytes:
    """The 32-byte public key of an SS58 address, checksum verified."""
    data = _b58decode(address)
    if not data:
        raise ValueError("empty address")
    prefix_len = 1 if data[0] < 64 else 2
    if len(data) != prefix_len + 32 + 2:
        raise ValueError("not a 32-byte account address")
    if _ss58_checksum(data[:-2]) != data[-2:]:
        raise ValueError("bad checksum (mistyped?)")
    return data[prefix_len:-2]


def ss58_encode(public: bytes, prefix: int = SS58_PREFIX) -> str:
    payload = bytes([prefix]) + public
    return _b58encode(payload + _ss58_checksum(payload))


# ---------------------------------------------------------------------------------------------
# The node binary.


def node_binary(explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("PACTA_NODE_BIN"):
        return os.environ["PACTA_NODE_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/pacta/target"))
    return os.path.join(target, "release", "pacta-node")


def run_node(node: str, args: list[str]) -> str:
    try:
        proc = subprocess.run([node, *args], capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise SystemExit(f"chainspec: pacta-node not found at {node} (run scripts/build.sh or set PACTA_NODE_BIN)")
    if proc.returncode != 0:
        raise NodeError(" ".join(["pacta-node", *args[:3], "..."]), proc.stderr.strip() or proc.stdout.strip())
    return proc.stdout


class NodeError(Exception):
    def __init__(self, what: str, output: str):
        super().__init__(f"{what} failed:\n{output}")
        self.output = output


class Keys:
    """Turns the key fields of the config into SS58 addresses (prefix 42)."""

    def __init__(self, node: str, allow_uris: bool):
        self.node = node
        self.allow_uris = allow_uris
        self._cache: dict[tuple[str, str], str] = {}

    def inspect_uri(self, uri: str, scheme: str) -> str:
        key = (uri, scheme)
        if key not in self._cache:
            out = run_node(self.node, ["key", "inspect", "--scheme", scheme, "--output-type", "json", uri])
            self._cache[key] = json.loads(out)["ss58Address"]
        return self._cache[key]

    def address(self, value, where: str, scheme: str = "sr25519") -> str:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected an SS58 address or 0x public key, got {value!r}")
        if value.startswith("//"):
            if not self.allow_uris:
                raise ConfigError(
                    f"{where}: {value!r} is a secret URI; a Live chain takes public keys only "
                    "(`pacta-node key inspect` prints them)"
                )
            return self.inspect_uri(value, scheme)
        if value.startswith("0x"):
            try:
                public = bytes.fromhex(value[2:])
            except ValueError:
                raise ConfigError(f"{where}: {value!r} is not hex")
            if len(public) != 32:
                raise ConfigError(f"{where}: a public key has 32 bytes, {value!r} has {len(public)}")
            return ss58_encode(public)
        try:
            return ss58_encode(ss58_decode(value))
        except ValueError as e:
            raise ConfigError(f"{where}: {value!r} is not a valid SS58 address: {e}")

    def dev_accounts(self) -> dict[str, str]:
        """SS58 of the well-known dev keys (sr25519 and ed25519) → their name."""
        known = {}
        for name in DEV_NAMES:
            for uri in (f"//{name}", f"//{name}//stash"):
                for scheme in ("sr25519", "ed25519"):
                    known[self.inspect_uri(uri, scheme)] = f"{uri} ({scheme})"
        return known


# ---------------------------------------------------------------------------------------------
# The consortium file → a genesis patch.


def parse_amount(value, decimals: int, where: str) -> int:
    """An amount: an integer in plancks, or a string like "1_000 PACT" / "0.5 PACT" / "12345"."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected an amount, got {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ConfigError(f"{where}: an amount cannot be negative")
        return value
    if isinstance(value, str):
        text = value.replace("_", "").strip()
        m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)?", text)
        if m:
            number, unit = m.groups()
            try:
                d = Decimal(number)
            except InvalidOperation:
                d = None
            if d is not None:
                if unit:
                    d = d * (Decimal(10) ** decimals)
                elif "." in number:
                    raise ConfigError(f"{where}: {value!r}: plancks are whole; write e.g. \"0.5 PACT\"")
                if d != d.to_integral_value():
                    raise ConfigError(f"{where}: {value!r} is finer than one planck")
                return int(d)
    raise ConfigError(f"{where}: {value!r} is not an amount (plancks, or e.g. \"1_000 PACT\")")


def parse_perbill(value, where: str) -> int:
    """A Perbill: "10%", "2.5%", or parts per billion as an integer."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= PERBILL:
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*", value)
        if m:
            d = Decimal(m.group(1)) * (PERBILL // 100)
            if d <= PERBILL and d == d.to_integral_value():
                return int(d)
    raise ConfigError(f"{where}: {value!r} is not a share (e.g. \"10%\", or parts per billion 0..=1000000000)")


def deep_merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def table(cfg: dict, key: str) -> dict:
    v = cfg.get(key, {})
    if not isinstance(v, dict):
        raise ConfigError(f"[{key}] must be a table")
    return v


def array_of_tables(cfg: dict, key: str) -> list[dict]:
    v = cfg.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        raise ConfigError(f"{key} must be written as [[{key}]] tables")
    return v


KNOWN_TOP = {
    "chain",
    "validators",
    "council",
    "review_panel",
    "calendar",
    "endowments",
    "parties",
    "attestations",
    "oracles",
    "genesis",
}


def whole_number(value, where: str, least: int, most: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(f"{where}: {value!r} must be a whole number")
    if value < least:
        raise ConfigError(f"{where}: {value} must be at least {least}")
    if value > most:
        raise ConfigError(f"{where}: {value} must be at most {most}")
    return value


def review_panel(cfg: dict, keys: Keys, council: list[str]) -> tuple[list[str], int]:
    """[review_panel]: the members (SS58) and `min_eligible`, checked as the runtime needs them."""
    panel_cfg = table(cfg, "review_panel")
    extra = set(panel_cfg) - {"members", "min_eligible"}
    if extra:
        raise ConfigError(f"[review_panel]: unknown key(s) {', '.join(sorted(extra))} (known: members, min_eligible)")
    raw = panel_cfg.get("members", [])
    if not isinstance(raw, list):
        raise ConfigError("review_panel.members: a list of accounts")
    members = [keys.address(m, f"review_panel.members #{i}") for i, m in enumerate(raw, 1)]
    dup = {m for m in members if members.count(m) > 1}
    if dup:
        raise ConfigError(f"review_panel.members: listed twice: {', '.join(sorted(dup))}")
    if len(members) > MAX_PANEL:
        raise ConfigError(f"review_panel.members: {len(members)} members; the runtime's review panel holds at most {MAX_PANEL}")
    on_council = [f"#{i} {m}" for i, m in enumerate(members, 1) if m in council]
    if on_council:
        raise ConfigError(
            "review_panel.members: also on the council: " + ", ".join(on_council)
            + " (the review panel must be separate from the council of parties)"
        )
    if "min_eligible" in panel_cfg:
        min_eligible = whole_number(panel_cfg["min_eligible"], "review_panel.min_eligible", 1, 2**32 - 1)
    else:
        min_eligible = DEFAULT_MIN_ELIGIBLE
    if "review_panel" not in cfg:
        print(
            "chainspec: note: no [review_panel]: the panel starts empty, so every dispute ends with the "
            "published value until the council appoints members",
            file=sys.stderr,
        )
    elif min_eligible > len(members):
        raise ConfigError(
            f"review_panel.min_eligible: {min_eligible} is more than the {len(members)} panel member(s); "
            "no dispute could ever be voted on"
        )
    return members, min_eligible


def calendar(cfg: dict, live: bool) -> tuple[int, int]:
    """[calendar]: the chain's minimum challenge and resolution windows, in blocks."""
    cal = table(cfg, "calendar")
    known = {"min_challenge_window_blocks", "min_resolution_window_blocks"}
    extra = set(cal) - known
    if extra:
        raise ConfigError(f"[calendar]: unknown key(s) {', '.join(sorted(extra))} (known: {', '.join(sorted(known))})")
    out = []
    for key, live_default in (
        ("min_challenge_window_blocks", LIVE_MIN_CHALLENGE_WINDOW),
        ("min_resolution_window_blocks", LIVE_MIN_RESOLUTION_WINDOW),
    ):
        if key in cal:
            blocks = whole_number(cal[key], f"calendar.{key}", 1, MAX_BLOCK_NUMBER)
        else:
            blocks = live_default if live else 1
        if live and blocks < DAY_BLOCKS:
            print(
                f"chainspec: note: calendar.{key} = {blocks} blocks is less than a day "
                f"({DAY_BLOCKS} blocks of {BLOCK_SECONDS} s) on a Live chain",
                file=sys.stderr,
            )
        out.append(blocks)
    return out[0], out[1]


def build_patch(cfg: dict, keys: Keys, live: bool, decimals: int) -> dict:
    unknown = set(cfg) - KNOWN_TOP
    if unknown:
        raise ConfigError(f"unknown top-level key(s): {', '.join(sorted(unknown))} (known: {', '.join(sorted(KNOWN_TOP))})")

    # Validators: Aura (sr25519) and GRANDPA (ed25519), each with weight 1.
    validators = array_of_tables(cfg, "validators")
    if not validators:
        raise ConfigError("[[validators]]: a chain needs at least one validator")
    aura, grandpa = [], []
    for i, v in enumerate(validators, 1):
        where = f"validators #{i}" + (f" ({v['name']})" if "name" in v else "")
        for field in ("aura", "grandpa"):
            if field not in v:
                raise ConfigError(f"{where}: missing `{field}`")
        extra = set(v) - {"name", "aura", "grandpa"}
        if extra:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        aura.append(keys.address(v["aura"], f"{where}.aura", "sr25519"))
        grandpa.append(keys.address(v["grandpa"], f"{where}.grandpa", "ed25519"))
    for name, lst in (("aura", aura), ("grandpa", grandpa)):
        dup = {a for a in lst if lst.count(a) > 1}
        if dup:
            raise ConfigError(f"validators: the same {name} key twice: {', '.join(sorted(dup))}")
    if len(validators) < 4:
        print(
            f"chainspec: note: {len(validators)} validator(s); GRANDPA tolerates f faulty voters "
            "out of 3f+1, so it needs 4 to survive one failure",
            file=sys.stderr,
        )

    # Council.
    council_cfg = table(cfg, "council")
    members_raw = council_cfg.get("members", [])
    if not isinstance(members_raw, list) or not members_raw:
        raise ConfigError("[council] members: the council needs at least one member (it replaces sudo)")
    members = [keys.address(m, f"council.members #{i}") for i, m in enumerate(members_raw, 1)]
    dup = {m for m in members if members.count(m) > 1}
    if dup:
        raise ConfigError(f"council.members: listed twice: {', '.join(sorted(dup))}")

    # Review panel (pallet-membership instance `ReviewPanel`) and pallet-disputes' `min_eligible`.
    panel, min_eligible = review_panel(cfg, keys, members)

    # Calendar: the chain's minimum windows (pallet-pledges), checked before anything is built.
    min_challenge_window, min_resolution_window = calendar(cfg, live)

    # Endowments.
    balances: dict[str, int] = {}
    for i, e in enumerate(array_of_tables(cfg, "endowments"), 1):
        where = f"endowments #{i}"
        if "account" not in e or "amount" not in e:
            raise ConfigError(f"{where}: needs `account` and `amount`")
        who = keys.address(e["account"], f"{where}.account")
        if who in balances:
            raise ConfigError(f"{where}: {who} is endowed twice")
        balances[who] = parse_amount(e["amount"], decimals, f"{where}.amount")

    patch: dict = {
        "balances": {"balances": [[who, amount] for who, amount in balances.items()]},
        "aura": {"authorities": aura},
        "grandpa": {"authorities": [[g, 1] for g in grandpa]},
        "councilMembership": {"members": members},
        "reviewPanel": {"members": panel},
        "disputes": {"minEligible": min_eligible},
        "pledges": {"minChallengeWindow": min_challenge_window, "minResolutionWindow": min_resolution_window},
        "sudo": {"key": None},
    }
    unfunded = [m for m in panel if m not in balances]
    if unfunded:
        print(
            f"chainspec: note: review panel member(s) without an endowment (a vote pays fees): {', '.join(unfunded)}",
            file=sys.stderr,
        )

    # Parties (pallet-pledges).
    parties = array_of_tables(cfg, "parties")
    if parties:
        seen_codes, seen_controllers, out = set(), set(), []
        for i, p in enumerate(parties, 1):
            where = f"parties #{i}"
            for field in ("code", "name", "controller"):
                if field not in p:
                    raise ConfigError(f"{where}: missing `{field}`")
            code = p["code"]
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
                raise ConfigError(f"{where}: code {code!r} is not three uppercase ASCII letters (ISO 3166-1 alpha-3)")
            if code in seen_codes:
                raise ConfigError(f"{where}: party {code} listed twice")
            controller = keys.address(p["controller"], f"{where}.controller")
            if controller in seen_controllers:
                raise ConfigError(f"{where}: controller {controller} already controls another party")
            seen_codes.add(code)
            seen_controllers.add(controller)
            out.append([code, str(p["name"]), controller])
        patch["pledges"]["parties"] = out

    # Oracles and attestation settings (pallet-attestations).
    oracles = array_of_tables(cfg, "oracles")
    att = table(cfg, "attestations")
    if oracles or att:
        section: dict = {}
        if oracles:
            seen, out = set(), []
            for i, o in enumerate(oracles, 1):
                where = f"oracles #{i}"
                if "account" not in o or "name" not in o:
                    raise ConfigError(f"{where}: needs `account` and `name`")
                who = keys.address(o["account"], f"{where}.account")
                if who in seen:
                    raise ConfigError(f"{where}: oracle {who} listed twice")
                if who not in balances:
                    raise ConfigError(
                        f"{where}: oracle {who} has no endowment; it must be able to hold the oracle bond at genesis"
                    )
                seen.add(who)
                out.append([who, str(o["name"])])
            section["oracles"] = out
        if "quorum" in att:
            q = att["quorum"]
            if not isinstance(q, int) or isinstance(q, bool) or q < 1:
                raise ConfigError(f"attestations.quorum: {q!r} must be a whole number >= 1")
            if oracles and q > len(oracles):
                print(f"chainspec: note: quorum {q} > {len(oracles)} genesis oracles; more must be approved before anything can be verified", file=sys.stderr)
            section["quorum"] = q
        if "tolerance" in att:
            section["tolerance"] = parse_perbill(att["tolerance"], "attestations.tolerance")
        extra = set(att) - {"quorum", "tolerance"}
        if extra:
            raise ConfigError(f"[attestations]: unknown key(s) {', '.join(sorted(extra))}")
        patch["attestations"] = section

    # Anything else, as the runtime's genesis JSON, merged last.
    extra = table(cfg, "genesis")
    if extra:
        if "sudo" in extra and live:
            raise ConfigError("[genesis] sudo: a Live consortium chain has no sudo key")
        patch = deep_merge(patch, extra)

    if live:
        dev = keys.dev_accounts()
        used = {a for a in members + panel + list(balances) + aura + grandpa}
        for p in patch.get("pledges", {}).get("parties", []):
            used.add(p[2])
        for o in patch.get("attestations", {}).get("oracles", []):
            used.add(o[0])
        bad = sorted(f"{dev[a]} = {a}" for a in used if a in dev)
        if bad:
            raise ConfigError(
                "a Live chain must not use the well-known dev keys (their secrets are public): "
                + "; ".join(bad)
            )
    return patch


def chain_settings(cfg: dict) -> dict:
    chain = table(cfg, "chain")
    known = {"name", "id", "chain_type", "protocol_id", "boot_nodes", "token_symbol", "token_decimals", "ss58_format"}
    extra = set(chain) - known
    if extra:
        raise ConfigError(f"[chain]: unknown key(s) {', '.join(sorted(extra))}")
    for field in ("name", "id"):
        if not isinstance(chain.get(field), str) or not chain[field]:
            raise ConfigError(f"[chain] {field}: required")
    if not re.fullmatch(r"[a-z0-9_]+", chain["id"]):
        raise ConfigError(f"[chain] id {chain['id']!r}: use lowercase letters, digits and _ (it names the data folder)")
    ctype = CHAIN_TYPES.get(str(chain.get("chain_type", "Live")).lower())
    if not ctype:
        raise ConfigError(f"[chain] chain_type {chain.get('chain_type')!r}: one of Live, Local, Development")
    boot = chain.get("boot_nodes", [])
    if not isinstance(boot, list) or not all(isinstance(b, str) and "/p2p/" in b for b in boot):
        raise ConfigError("[chain] boot_nodes: a list of multiaddresses ending in /p2p/<peer id>")
    return {
        "name": chain["name"],
        "id": chain["id"],
        "chainType": ctype,
        "protocolId": chain.get("protocol_id", chain["id"].replace("_", "-")),
        "bootNodes": boot,
        "properties": {
            "tokenSymbol": chain.get("token_symbol", "PACT"),
            "tokenDecimals": int(chain.get("token_decimals", 12)),
            "ss58Format": int(chain.get("ss58_format", SS58_PREFIX)),
        },
    }


def load_config(path: str, args) -> dict:
    try:
        with open(path, "rb") as f:
            cfg = tomllib.load(f)
    except FileNotFoundError:
        raise SystemExit(f"chainspec: no such file: {path}")
    except tomllib.TOMLDecodeError as e:
        raise SystemExit(f"chainspec: {path} is not valid TOML: {e}")
    # Overrides, used by scripts/consortium.sh for a local network.
    chain = cfg.setdefault("chain", {})
    if args.validators:
        with open(args.validators) as f:
            cfg["validators"] = json.load(f)
    if args.boot_node is not None:
        chain["boot_nodes"] = args.boot_node
    for field in ("name", "id", "chain_type"):
        value = getattr(args, f"chain_{field}", None)
        if value:
            chain[field] = value
    return cfg


# ---------------------------------------------------------------------------------------------
# The spec.


def genesis_of(spec: dict) -> dict:
    try:
        return spec["genesis"]["runtimeGenesis"]
    except KeyError:
        raise SystemExit("chainspec: the node's plain spec has no genesis.runtimeGenesis (an older node?)")


def plain_spec(node: str, settings: dict, patch: dict) -> dict:
    spec = json.loads(run_node(node, ["build-spec", "--chain", "local", "--disable-default-bootnode"]))
    runtime_genesis = genesis_of(spec)
    # Replace whatever genesis the preset gave (`patch`, or a full `config`) by ours.
    for k in ("patch", "config"):
        runtime_genesis.pop(k, None)
    runtime_genesis["patch"] = patch
    spec.update(settings)
    spec["telemetryEndpoints"] = None
    spec.pop("codeSubstitutes", None)
    spec["codeSubstitutes"] = {}
    return spec


def to_raw(node: str, plain: dict) -> str:
    with tempfile.TemporaryDirectory(prefix="pacta-chainspec-") as tmp:
        path = Path(tmp) / "plain.json"
        path.write_text(json.dumps(plain, indent=2))
        return run_node(node, ["build-spec", "--chain", str(path), "--raw", "--disable-default-bootnode"])


def absent_sections(error: str, patch: dict) -> list[str]:
    """The patch's top-level sections the runtime does not know, from its `unknown field` error."""
    m = re.search(r"unknown field `([A-Za-z0-9_]+)`, expected one of (.*?)(?: at line|$)", error, re.S)
    if not m or m.group(1) not in patch:
        return []
    expected = set(re.findall(r"`([A-Za-z0-9_]+)`", m.group(2)))
    return [k for k in patch if k not in expected] if expected else [m.group(1)]


def build(args) -> int:
    node = node_binary(args.node)
    cfg = load_config(args.config, args)
    try:
        settings = chain_settings(cfg)
        live = settings["chainType"] == "Live"
        keys = Keys(node, allow_uris=not live)
        patch = build_patch(cfg, keys, live, settings["properties"]["tokenDecimals"])
    except ConfigError as e:
        print(f"chainspec: {args.config}: {e}", file=sys.stderr)
        return 2
    except NodeError as e:
        print(f"chainspec: {e}", file=sys.stderr)
        return 1

    if args.command == "patch":
        print(json.dumps(patch, indent=2))
        return 0

    while True:
        plain = plain_spec(node, settings, patch)
        try:
            raw = to_raw(node, plain)
            break
        except NodeError as e:
            missing = absent_sections(e.output, patch)
            if missing == ["sudo"]:
                # A runtime without pallet-sudo has no sudo key to leave empty.
                patch.pop("sudo")
                continue
            if missing and args.skip_absent_pallets:
                for k in missing:
                    print(f"chainspec: warning: this runtime has no `{k}` genesis; leaving out [{k}] of the config", file=sys.stderr)
                    patch.pop(k)
                continue
            if missing:
                print(
                    f"chainspec: the runtime of {node} has no genesis section(s) {', '.join(missing)}: "
                    "is its pallet in the runtime? (rebuild the node, or drop that part of the config)",
                    file=sys.stderr,
                )
            # The node's message ends with the whole merged genesis JSON; --plain shows that better.
            message = e.output.split(" for blob:")[0]
            print(f"chainspec: the runtime refused the genesis built from {args.config}:\n{message}", file=sys.stderr)
            return 1

    if args.plain:
        Path(args.plain).write_text(json.dumps(plain, indent=2) + "\n")
        print(f"chainspec: plain spec (review it) -> {args.plain}", file=sys.stderr)
    if args.output and args.output != "-":
        Path(args.output).write_text(raw)
        print(
            f"chainspec: raw spec -> {args.output}  ({settings['name']}, id {settings['id']}, "
            f"{settings['chainType']}, {len(patch['aura']['authorities'])} validators, "
            f"{len(patch['councilMembership']['members'])} council members, "
            f"{len(patch.get('reviewPanel', {}).get('members', []))} review panel members, no sudo)",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(raw)
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="chainspec.py",
        description="Pacta consortium file (TOML) -> chain spec, through the runtime's genesis JSON patch.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "build the raw chain spec (and optionally the plain one)"),
        ("patch", "print the genesis patch the file makes (for review; nothing is built)"),
    ):
        s = sub.add_parser(name, help=help_text)
        s.add_argument("config", help="the consortium file, e.g. deploy/consortium.example.toml")
        s.add_argument("--node", help="pacta-node binary (default: $PACTA_NODE_BIN or ~/.cache/pacta/target/release/pacta-node)")
        s.add_argument("--validators", metavar="JSON", help="replace [[validators]] by this JSON list of {name, aura, grandpa}")
        s.add_argument("--boot-node", action="append", metavar="MULTIADDR", help="replace [chain] boot_nodes (repeatable)")
        s.add_argument("--chain-name", help="replace [chain] name")
        s.add_argument("--chain-id", help="replace [chain] id")
        s.add_argument("--chain-type", help="replace [chain] chain_type")
        if name == "build":
            s.add_argument("-o", "--output", default="-", help="raw spec file (default: standard output)")
            s.add_argument("--plain", metavar="FILE", help="also write the plain (human-readable) spec here")
            s.add_argument(
                "--skip-absent-pallets",
                action="store_true",
                help="leave out config sections whose pallet this runtime lacks (local networks only)",
            )
    args = p.parse_args(argv)
    return build(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
