"""Compile the gettext catalogues shipped in the repository into .mo files.

Django's `compilemessages` shells out to GNU gettext's msgfmt; this does the same in Python so
that `make run` works on a machine where the gettext package is not installed.
"""

from __future__ import annotations

import ast
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

LOCALE_ROOTS = [Path(__file__).resolve().parent / "locale"]


def _unquote(line: str) -> str:
    return str(ast.literal_eval(line))


@dataclass(frozen=True)
class Entry:
    fields: dict[str, str]
    fuzzy: bool

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def translated(self) -> bool:
        forms = [v for k, v in self.fields.items() if k.startswith("msgstr")]
        return bool(forms) and all(forms) and not self.fuzzy


def read_entries(path: Path) -> list[Entry]:
    """Every entry of a .po file, header included (its msgid is empty)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current: str | None = None
        fuzzy = False
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                if current is not None:
                    fields[current] += _unquote(line)
                continue
            keyword, _, rest = line.partition(" ")
            current = keyword
            fields[current] = _unquote(rest)
        if "msgid" in fields:
            entries.append(Entry(fields, fuzzy))
    return entries


def parse_po(path: Path) -> dict[str, str]:
    """Read a .po file into msgid -> msgstr, skipping fuzzy and untranslated entries.

    Plural entries are keyed `msgid\0msgid_plural` with forms joined by NUL, as in .mo files;
    a context is prefixed as `msgctxt\x04msgid`. The header is always kept.
    """
    messages: dict[str, str] = {}
    for entry in read_entries(path):
        fields = entry.fields
        if entry.msgid and not entry.translated:
            continue
        if "msgid_plural" in fields:
            forms = [fields[k] for k in sorted(f for f in fields if f.startswith("msgstr["))]
            key, value = f"{entry.msgid}\0{fields['msgid_plural']}", "\0".join(forms)
        else:
            key, value = entry.msgid, fields.get("msgstr", "")
        if "msgctxt" in fields:
            key = f"{fields['msgctxt']}\x04{key}"
        messages[key] = value
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
