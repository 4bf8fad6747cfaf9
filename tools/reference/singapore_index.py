"""Build src/localgbf/frameworks/data/singapore_index.yaml from ../shared/reference/.

The facts come from the reference extract `singapore_index.yaml` (schema 2): indicator numbers,
components, English names, score bands with their source ids and confidence, the sources table
and the research notes. The texts localgbf writes itself (Chinese names, what each indicator
measures, formula and data-needed texts in en and zh-hans, units, directions) live in the data
file and are kept as they are when the file is rebuilt, so a translator edits the data file and
a maintainer reruns this script when the reference changes.

Run from the repository root:

    .venv/bin/python tools/reference/singapore_index.py           # rewrite the data file
    .venv/bin/python tools/reference/singapore_index.py --check   # exit 1 if it would change

Bands are copied only where the reference has them for that edition; nothing is filled in.
The 2014 edition has no verified bands except indicator 1, which the reference records as the
2021 table reproduced (WRI) and identical to the recalled 2014 table; it is copied with
confidence 'low' and a note saying so.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REFERENCE = REPO.parent / "shared" / "reference" / "singapore_index.yaml"
OUT = REPO / "src" / "localgbf" / "frameworks" / "data" / "singapore_index.yaml"

DATA_VERSION = "2026-11-25.1"

COMPONENT_IDS = {
    "Native Biodiversity": "native-biodiversity",
    "Ecosystem Services": "ecosystem-services",
    "Governance and Management": "governance",
}

# Kept from the existing data file when present: texts written by localgbf, not by the reference.
KEPT_INDICATOR_KEYS = ("measures", "formula", "data_needed", "unit", "direction")
KEPT_TOP_KEYS = ("name", "components", "units", "translation")

# 2021 indicators whose 2014 analogue shares the bands of indicator 1 (see module docstring).
BANDS_2014_FROM_2021 = {1: 1}
BANDS_2014_NOTE = (
    "The 2021 bands printed by WRI (S4-S6); the reference records that they equal the recalled "
    "2014 table. Not checked against the 2014 manual."
)


def _text(en: str | None, zh: str | None, official: list[str]) -> dict[str, Any] | None:
    if not en:
        return None
    out: dict[str, Any] = {"en": " ".join(en.split())}
    if zh:
        out["zh-hans"] = zh
    out["official"] = official
    return out


def _sources(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _decimals(number: float | None) -> int:
    if number is None:
        return 0
    text = repr(float(number))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def _bands(ref_thresholds: list[dict[str, Any]] | None, note: str | None) -> dict | None:
    if not ref_thresholds:
        return None
    table = []
    for band in ref_thresholds:
        table.append(
            {
                "score": band["score"],
                "text": band["text"],
                "lower": band["lower"],
                "lower_inclusive": band["lower_inclusive"],
                "upper": band["upper"],
                "upper_inclusive": band["upper_inclusive"],
                "source": _sources(band["source"]),
                "page": None,
                "confidence": band["confidence"],
            }
        )
    decimals = max(max(_decimals(b["lower"]), _decimals(b["upper"])) for b in table)
    return {"decimals": max(decimals, 1), "note": note, "table": table}


def _kept(existing: dict[str, Any] | None, key: str) -> Any:
    return (existing or {}).get(key)


def _indicator(
    ref: dict[str, Any],
    *,
    edition: str,
    existing: dict[str, Any] | None,
    bands: dict | None,
    status: str | None,
) -> dict[str, Any]:
    old_name = (_kept(existing, "name") or {}) if existing else {}
    out: dict[str, Any] = {
        "number": ref["id"],
        "component": COMPONENT_IDS[ref["component"]],
        "name": _text(ref["name"], old_name.get("zh-hans"), ["en"]),
    }
    for key in KEPT_INDICATOR_KEYS:
        out[key] = _kept(existing, key)
    out["source"] = _sources(ref.get("source"))
    out["confidence"] = ref.get("confidence")
    out["bands"] = bands
    out["bands_status"] = None if bands else " ".join((status or "").split()) or None
    notes = ref.get("notes")
    out["reference_notes"] = " ".join(notes.split()) if notes else None
    if edition == "2014" and bands:
        out["bands_status"] = (
            "The 2014 manual could not be read. The reference records that WRI's 2021 table for "
            "this indicator matches the recalled 2014 table; copied with confidence 'low'."
        )
    return out


def _existing_indicators(existing: dict[str, Any] | None) -> dict[tuple[str, int], dict]:
    out: dict[tuple[str, int], dict] = {}
    for ed in (existing or {}).get("editions", []):
        for ind in ed.get("indicators", []):
            out[(str(ed["edition"]), int(ind["number"]))] = ind
    return out


def build(ref: dict[str, Any], existing: dict[str, Any] | None, ref_sha256: str) -> dict:
    old = _existing_indicators(existing)
    editions_meta = {str(e["edition"]): e for e in ref["editions"]}

    ind_2021 = []
    for item in ref["indicators"]:
        bands = _bands(item.get("thresholds"), item.get("coded_as"))
        ind_2021.append(
            _indicator(
                item,
                edition="2021",
                existing=old.get(("2021", item["id"])),
                bands=bands,
                status=item.get("thresholds_status"),
            )
        )
    ind_2014 = []
    legacy = ref["legacy_2014"]
    by_id_2021 = {i["id"]: i for i in ref["indicators"]}
    for item in legacy["indicators"]:
        source_2021 = BANDS_2014_FROM_2021.get(item["id"])
        bands = None
        if source_2021 is not None:
            ref_bands = [{**b, "confidence": "low"} for b in by_id_2021[source_2021]["thresholds"]]
            bands = _bands(ref_bands, BANDS_2014_NOTE)
        entry = dict(item)
        entry.setdefault("source", ["S12", *_sources(legacy.get("source"))])
        thresholds = "low (the 2021 table, see bands_status)" if bands else "none"
        confidence = f"name/formula: high (2014 texts, S12); thresholds: {thresholds}"
        entry.setdefault("confidence", confidence)
        ind_2014.append(
            _indicator(
                entry,
                edition="2014",
                existing=old.get(("2014", item["id"])),
                bands=bands,
                status=legacy.get("thresholds_status"),
            )
        )

    def _members(indicators: list[dict]) -> list[dict]:
        out: list[dict] = []
        for comp in COMPONENT_IDS.values():
            numbers = [i["number"] for i in indicators if i["component"] == comp]
            out.append({"component": comp, "indicators": numbers})
        return out

    def _edition(key: str, indicators: list[dict], band_version: str) -> dict:
        meta = editions_meta[key]
        return {
            "edition": key,
            "document": meta["document"],
            "max_total": meta["max_total"],
            "status": meta["status"],
            "band_table_version": band_version,
            "components": _members(indicators),
            "indicators": indicators,
        }

    keep = {k: (existing or {}).get(k) for k in KEPT_TOP_KEYS}
    return {
        "framework": "singapore-index",
        "version": DATA_VERSION,
        "name": keep["name"],
        "source": {
            "citation": " ".join(ref["index"]["citation"].split()),
            "url": ref["index"]["handbook_url"],
            "bands": "Score bands: WRI cities-urbanshift (S4-S7), a secondary transcription of "
            "the 2021 Handbook; the Handbook itself could not be read.",
            "reference": f"../shared/reference/singapore_index.yaml, schema "
            f"{ref['schema_version']}, sha256 {ref_sha256}",
        },
        "translation": keep["translation"],
        "units": keep["units"],
        "components": keep["components"],
        "editions": [
            _edition("2021", ind_2021, f"si-2021/wri-2023/{DATA_VERSION}"),
            _edition("2014", ind_2014, f"si-2014/ref/{DATA_VERSION}"),
        ],
        "sources": {key: _source(value) for key, value in ref["sources"].items()},
    }


def _source(value: dict[str, Any]) -> dict[str, Any]:
    urls = value.get("url")
    return {
        "title": value["title"],
        "url": urls if isinstance(urls, list) else [urls],
        "seen": value.get("seen"),
    }


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(v, (str, int, float)) for v in data) and len(data) <= 30
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow or None)


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    flow = "score" in data and "lower" in data
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)

HEADER = """\
# Singapore Index on Cities' Biodiversity: both editions (2021 Handbook, 2014 User's Manual).
# Generated by tools/reference/singapore_index.py from ../shared/reference/singapore_index.yaml.
# Facts (numbers, components, English names, bands, sources, notes) are rebuilt from the
# reference; the texts localgbf writes (zh-hans, measures, formula, data_needed, units) are kept.
# Bands are null wherever the reference has none: such indicators are scored by the assessor.
"""


def render(data: dict[str, Any]) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Exit 1 if the file would change.")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    args = parser.parse_args(argv)
    raw = args.reference.read_bytes()
    ref = yaml.safe_load(raw)
    existing = yaml.safe_load(OUT.read_text(encoding="utf-8")) if OUT.exists() else None
    text = render(build(ref, existing, hashlib.sha256(raw).hexdigest()))
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if args.check:
        if text != current:
            print(f"{OUT} is out of date; rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
