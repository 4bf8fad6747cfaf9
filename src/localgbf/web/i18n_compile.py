"""Compile the gettext catalogues shipped in the repository into .mo files.

Django's `compilemessages` shells out to GNU gettext's msgfmt; this does the same in Python so
that `make run` works on a machine where the gettext package is not installed.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

LOCALE_ROOTS = [Path(__file__).resolve().parent / "locale"]


def _unquote(line: str) -> str:
    return str(ast.literal_eval(line))


def parse_po(path: Path) -> dict[str, str]:
    """Read a .po file into msgid -> msgstr, skipping fuzzy and untranslated entries."""
    messages: dict[str, str] = {}
    msgctxt: str | None = None
    msgid = msgstr = ""
    section = None
    fuzzy = False

    def flush() -> None:
        nonlocal msgctxt, msgid, msgstr, fuzzy
        if section is not None and msgstr and not fuzzy:
            key = f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid
            messages[key] = msgstr
        msgctxt, msgid, msgstr, fuzzy = None, "", "", False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            section = None
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgctxt "):
            if section == "msgstr":
                keep_fuzzy = fuzzy
                flush()
                fuzzy = keep_fuzzy
            section = "msgctxt"
            msgctxt = _unquote(line[8:])
        elif line.startswith("msgid "):
            if section == "msgstr":
                keep_fuzzy = fuzzy
                flush()
                fuzzy = keep_fuzzy
            section = "msgid"
            msgid = _unquote(line[6:])
        elif line.startswith("msgstr "):
            section = "msgstr"
            msgstr = _unquote(line[7:])
        elif line.startswith('"'):
            if section == "msgid":
                msgid += _unquote(line)
            elif section == "msgstr":
                msgstr += _unquote(line)
            elif section == "msgctxt":
                msgctxt = (msgctxt or "") + _unquote(line)
    flush()
    return messages


def write_mo(messages: dict[str, str], target: Path) -> None:
    keys = sorted(messages)
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        k = key.encode("utf-8")
        v = messages[key].encode("utf-8")
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    n = len(keys)
    keystart = 7 * 4 + 16 * n
    valuestart = keystart + len(ids)
    koffsets: list[int] = []
    voffsets: list[int] = []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    output = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + n * 8, 0, 0)
    output += struct.pack(f"{len(koffsets)}i", *koffsets)
    output += struct.pack(f"{len(voffsets)}i", *voffsets)
    output += ids + strs
    target.write_bytes(output)


def compile_all(roots: list[Path] = LOCALE_ROOTS) -> int:
    count = 0
    for root in roots:
        for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
            write_mo(parse_po(po), po.with_suffix(".mo"))
            count += 1
    return count


if __name__ == "__main__":
    compiled = compile_all()
    print(f"compiled {compiled} translation catalogue(s)", file=sys.stderr)
