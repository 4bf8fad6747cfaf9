"""Hypothesis strategies that generate and mutate importer inputs, and the fuzz settings.

A mutated input starts from a real, valid file and applies a few edits that real files
suffer: a flipped byte, a cut-off end, junk inserted, a piece repeated, a value swapped for a
troublesome one (a huge number, NaN, a bad encoding, a stray quote). Text formats also get
line-level edits (a junk row, a row repeated, a cell replaced), and zip containers are mutated
member by member so that the archive stays readable and the damage reaches the parser.

`HYPOTHESIS_PROFILE=fuzz` multiplies every example count by `FUZZ_SCALE` for a long run; the
default keeps `make test` short and deterministic (derandomized, no example database).
"""

from __future__ import annotations

import io
import os
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
FUZZ_SCALE = 20
# Edits multiply a file's size (a line block repeated 50 times, three times over, turns the
# 34 KB Monaco GeoJSON into 4 GB): an edit that would pass this size is not applied, so a long
# run tests parsers, not the machine's memory. Real uploads are capped by the web's limits.
MAX_MUTATED_BYTES = 8 * 1024**2

NASTY_TOKENS: tuple[bytes, ...] = (
    b"",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3\x28",
    b"\xe4\xb8",
    b'"',
    b"'",
    b"\\",
    b"\r",
    b"\n",
    b"\r\n",
    b"\t",
    b",",
    b";",
    b",,,,,,,,,,,,",
    b"-1",
    b"0",
    b"-0",
    b"NaN",
    b"nan",
    b"inf",
    b"-Infinity",
    b"1e309",
    b"-1e309",
    b"9" * 400,
    b"0." + b"0" * 300 + b"1",
    b"1e-400",
    b"2147483648",
    b"9223372036854775808",
    b"-9223372036854775809",
    b"18446744073709551616",
    b"1,000.5",
    b"0x1F",
    b"2024-02-30",
    b"0000-00-00",
    b"9999-12-31T25:61:61",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b'{"type": "Polygon"}',
    b"[[[]]]",
    b"<x/>",
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]>",
    b"=cmd|' /C calc'!A0",
    "长江 · 滇池".encode(),
    "ü".encode("latin-1"),
    "目标".encode("gb18030"),
    "é".encode("utf-16"),
    b"A" * 5000,
)


def fuzz_settings(examples: int, *, deadline_s: float = 30.0) -> settings:
    """Settings for one property: `examples` inputs by default, FUZZ_SCALE times more under
    `HYPOTHESIS_PROFILE=fuzz`. The deadline catches slow paths; `no_hang` catches hangs."""
    return settings(
        max_examples=examples * (FUZZ_SCALE if FUZZ else 1),
        deadline=timedelta(seconds=deadline_s),
        derandomize=not FUZZ,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
            HealthCheck.filter_too_much,
        ],
        print_blob=True,
    )


class Hang(Exception):
    """An importer ran past its time limit: a hang, which is a failure of the property."""


@contextmanager
def no_hang(seconds: float = 60.0) -> Iterator[None]:
    """Raise Hang if the body runs longer than `seconds` (a SIGALRM timer, main thread only)."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def _byte_edit(draw: st.DrawFn, data: bytes) -> bytes:
    size = len(data)
    at = draw(st.integers(0, size))
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat", "token"]))
    if kind == "flip" and size:
        at = min(at, size - 1)
        bit = draw(st.integers(0, 7))
        return data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        junk = draw(st.binary(min_size=1, max_size=64))
        return data[:at] + junk + data[at:]
    if kind == "delete":
        length = draw(st.integers(1, 256))
        return data[:at] + data[at + length :]
    if kind == "repeat":
        length = draw(st.integers(1, 512))
        times = draw(st.integers(2, 20))
        return data[:at] + data[at : at + length] * times + data[at + length :]
    token = draw(st.sampled_from(NASTY_TOKENS))
    length = draw(st.integers(0, 16))
    return data[:at] + token + data[at + length :]


@st.composite
def _line_edit(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines)))
    kind = draw(st.sampled_from(["junk", "repeat", "drop", "cell", "swap", "many"]))
    if kind == "junk":
        junk = draw(st.lists(st.sampled_from(NASTY_TOKENS), min_size=1, max_size=12))
        sep = draw(st.sampled_from([b",", b"\t", b";"]))
        lines.insert(at, sep.join(junk))
    elif kind == "repeat" and lines:
        at = min(at, len(lines) - 1)
        lines[at:at] = [lines[at]] * draw(st.integers(1, 30))
    elif kind == "drop" and lines:
        del lines[min(at, len(lines) - 1)]
    elif kind == "cell" and lines:
        at = min(at, len(lines) - 1)
        sep = draw(st.sampled_from([b",", b"\t", b";"]))
        cells = lines[at].split(sep)
        index = draw(st.integers(0, max(len(cells) - 1, 0)))
        if draw(st.booleans()):
            cells[index] = draw(st.sampled_from(NASTY_TOKENS))
        else:
            cells[index] = draw(st.text(max_size=40)).encode("utf-8", "surrogatepass")
        lines[at] = sep.join(cells)
    elif kind == "swap" and len(lines) > 1:
        other = draw(st.integers(0, len(lines) - 1))
        at = min(at, len(lines) - 1)
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "many" and len(lines) > 1:
        lines = lines[:1] + lines[1:] * draw(st.integers(2, 50))
    return b"\n".join(lines)


def mutated(seed: bytes, *, text: bool = False, max_edits: int = 4) -> st.SearchStrategy[bytes]:
    """`seed` with 0 to `max_edits` edits (byte edits, and line edits for a text format);
    an edit that would make the input larger than `MAX_MUTATED_BYTES` is left out."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = seed
        for _ in range(draw(st.integers(0, max_edits))):
            if text and draw(st.booleans()):
                edited = draw(_line_edit(data))
            else:
                edited = draw(_byte_edit(data))
            if len(edited) <= max(MAX_MUTATED_BYTES, len(seed)):
                data = edited
        return data

    return build()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


def mutated_zip(
    members: dict[str, bytes], *, text_members: tuple[str, ...] = ()
) -> st.SearchStrategy[bytes]:
    """A zip of `members` where one or two members are mutated (or dropped, or added), then
    sometimes the zip's own bytes too."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        current = dict(members)
        for _ in range(draw(st.integers(1, 2))):
            name = draw(st.sampled_from(sorted(current) or ["extra.txt"]))
            action = draw(st.sampled_from(["mutate", "mutate", "mutate", "drop", "add"]))
            if action == "drop" and name in current:
                del current[name]
            elif action == "add":
                extra = draw(st.sampled_from(["meta.xml", "x/occurrence.txt", "eml.xml", "a.csv"]))
                current[extra] = draw(st.binary(max_size=200))
            elif name in current:
                current[name] = draw(mutated(current[name], text=name in text_members))
        data = zip_bytes(current)
        if draw(st.integers(0, 4)) == 0:
            data = draw(mutated(data, max_edits=2))
        return data

    return build()


def zip_bomb(*, member: str = "occurrence.txt", size: int = 2 * 1024**3 + 1) -> bytes:
    """A small zip whose one member inflates to `size` bytes of one repeated byte, built in
    streaming fashion so that the test never holds the inflated bytes."""
    out = io.BytesIO()
    block = b"0" * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        info = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as handle:
            remaining = size
            while remaining:
                step = min(remaining, len(block))
                handle.write(block[:step])
                remaining -= step
    return out.getvalue()
