"""Fill empty msgstr entries of a .po catalogue from YAML mappings msgid -> translation.

Used by `make messages`: `makemessages` adds new msgids, a developer writes their translations
into tools/i18n/zh_hans/<area>.yaml and runs it. Existing translations in the .po are never
overwritten; the .po stays the source of truth.

    .venv/bin/python tools/i18n/fill_po.py \
        src/localgbf/web/locale/zh_Hans/LC_MESSAGES/django.po tools/i18n/zh_hans/*.yaml
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import yaml

ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt) (".*")$')


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(po_path: Path, mapping: dict[str, str]) -> tuple[int, list[str]]:
    blocks = po_path.read_text(encoding="utf-8").split("\n\n")
    filled = 0
    missing: list[str] = []
    out_blocks = []
    for block in blocks:
        lines = block.split("\n")
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            m = ENTRY.match(line)
            if m:
                current = m.group(1)
                fields[current] = ast.literal_eval(m.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        msgid = fields.get("msgid")
        if not msgid:
            out_blocks.append(block.replace("#, fuzzy\n", ""))
            continue
        translated = any(v for k, v in fields.items() if k.startswith("msgstr"))
        if translated and "#, fuzzy" not in block:
            out_blocks.append(block)
            continue
        if msgid not in mapping:
            missing.append(msgid)
            out_blocks.append(block)
            continue
        keep = [
            ln
            for ln in lines
            if ln.startswith("#") and "fuzzy" not in ln and not ln.startswith("#|")
        ]
        if "msgctxt" in fields:
            keep.append(f"msgctxt {_quote(fields['msgctxt'])}")
        keep.append(f"msgid {_quote(msgid)}")
        if "msgid_plural" in fields:
            keep.append(f"msgid_plural {_quote(fields['msgid_plural'])}")
            keep.append(f"msgstr[0] {_quote(mapping[msgid])}")
        else:
            keep.append(f"msgstr {_quote(mapping[msgid])}")
        out_blocks.append("\n".join(keep))
        filled += 1
    text = "\n\n".join(out_blocks)
    if "zh_Hans" not in po_path.parts:
        po_path.write_text(text, encoding="utf-8")
        return filled, missing
    text = re.sub(r'"Plural-Forms: .*?\\n"', '"Plural-Forms: nplurals=1; plural=0;\\\\n"', text)
    text = text.replace('"Language: \\n"', '"Language: zh_Hans\\n"')
    po_path.write_text(text, encoding="utf-8")
    return filled, missing


if __name__ == "__main__":
    po = Path(sys.argv[1])
    mapping: dict[str, str] = {}
    for name in sys.argv[2:]:
        mapping.update(yaml.safe_load(Path(name).read_text(encoding="utf-8")) or {})
    count, missing = fill(po, mapping)
    print(f"filled {count}; {len(missing)} still untranslated")
    for m in missing:
        print("  -", m)
