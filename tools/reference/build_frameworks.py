"""Build the KMGBF, Plan of Action and scales data files shipped in the package.

Reads the research extracts in ../shared/reference/ and writes
src/localgbf/frameworks/data/{kmgbf,plan_of_action,scales}.yaml in the package's own schema.
Run from the repository root:  .venv/bin/python tools/reference/build_frameworks.py
The output is committed; the package never reads ../shared/ at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REFERENCE = REPO.parent / "shared" / "reference"
OUT = REPO / "src" / "localgbf" / "frameworks" / "data"

KMGBF_ATTRIBUTION = (
    "Source: Secretariat of the Convention on Biological Diversity, KMGBF Monitoring Framework "
    "Ontology (metadata.cbd.int; github.com/fvogel/KMGBF-Ontology), CC BY 4.0 IGO. Changed by "
    "localgbf: reformatted to YAML, fields added, Chinese working translations added."
)


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _text(en: str | None, zh: str | None = None, official: list[str] | None = None) -> dict:
    out: dict[str, Any] = {"en": _clean(en)}
    if zh:
        out["zh-hans"] = _clean(zh)
    out["official"] = official or []
    return out


def _target_refs(values: list[Any]) -> tuple[list[str], list[str]]:
    goals, targets = [], []
    for value in values or []:
        v = str(value)
        if v.startswith("T"):
            targets.append(v[1:])
        elif v.isdigit():
            targets.append(v)
        else:
            goals.append(v)
    return goals, targets


def build_kmgbf(ref: dict, zh: dict) -> dict:
    goals = [
        {
            "code": g["id"],
            "cbd_thesaurus_id": g["cbd_thesaurus_id"],
            "title": _text(g["title"], zh["goals"][g["id"]], ["en"]),
            "title_long": _text(g["title_long"], None, ["en"]),
            "text": _text(g["text"], None, ["en"]),
            "source": _clean(g["source"]),
        }
        for g in ref["goals"]
    ]
    targets = [
        {
            "code": str(t["id"]),
            "cbd_thesaurus_id": t["cbd_thesaurus_id"],
            "section": _text(t["section"], zh["sections"][t["section"]], ["en"]),
            "title": _text(t["title"], zh["targets"][str(t["id"])], ["en"]),
            "title_long": _text(t["title_long"], None, ["en"]),
            "text": _text(t["text"], None, ["en"]),
            "source": _clean(t["source"]),
        }
        for t in ref["targets"]
    ]
    indicators = []
    for kind, key in (("headline", "headline_indicators"), ("binary", "binary_indicators")):
        for i in ref[key]:
            indicators.append(
                {
                    "code": i["id"],
                    "kind": kind,
                    "name": _text(i["name"], None, ["en"]),
                    "goals": [str(g) for g in i.get("goal") or []],
                    "targets": [str(t) for t in i.get("target") or []],
                    "ort_identifier": i.get("ort_identifier"),
                    "city_relevant": bool(i.get("city_relevant")),
                }
            )
    for i in ref["component_and_complementary_indicators"]:
        served_goals, served_targets = _target_refs(
            i.get("component_for") or i.get("complementary_for") or []
        )
        indicators.append(
            {
                "code": i["id"],
                "kind": i["type"],
                "name": _text(i["name"], None, ["en"]),
                "goals": served_goals,
                "targets": served_targets,
                "ort_identifier": i.get("ort_identifier"),
                "city_relevant": bool(i.get("city_relevant")),
            }
        )
    return {
        "framework": "kmgbf",
        "version": "2022-12+2025-02",
        "title": _text(
            "Kunming-Montreal Global Biodiversity Framework",
            "昆明-蒙特利尔全球生物多样性框架",
            ["en", "zh-hans"],
        ),
        "source": {
            "citation": (
                "CBD/COP/DEC/15/4 (Kunming-Montreal Global Biodiversity Framework, 19 December "
                "2022) and CBD/COP/DEC/16/31 (monitoring framework, February 2025)"
            ),
            "attribution": KMGBF_ATTRIBUTION,
            "licence": "CC BY 4.0 IGO",
            "machine_readable": "fvogel/KMGBF-Ontology@b47f211",
            "zh_status": zh["status"],
            "zh_official_title_source": "CBD Online Reporting Tool, Chinese interface",
        },
        "goals": goals,
        "targets": targets,
        "indicators": indicators,
    }


def build_plan_of_action(ref: dict) -> dict:
    annex = ref["annex"]
    official_zh = ["zh-hans"]
    objectives = [
        {"code": o["id"], "text": _text(o["en"], o["zh"], official_zh)}
        for o in annex["section_B"]["objectives"]
    ]
    areas = []
    for area in annex["section_C"]["action_areas"]:
        areas.append(
            {
                "number": area["n"],
                "title": _text(area["title_en"], area["title_zh"], official_zh),
                "activities": [
                    {"code": a["id"], "text": _text(a["en"], a["zh"], official_zh)}
                    for a in area["activities"]
                ],
                "localgbf_modules": area.get("relates_to_localgbf") or [],
            }
        )
    return {
        "framework": "plan-of-action",
        "version": "15/12",
        "title": _text(annex["title"]["en"], annex["title"]["zh"], official_zh),
        "decision": _text(
            "Enhanced engagement with subnational governments, cities and other local authorities "
            "to enhance implementation of the Kunming-Montreal Global Biodiversity Framework",
            ref["decision"]["title"]["zh"],
            official_zh,
        ),
        "source": {
            "citation": "CBD/COP/DEC/15/12, Secretariat of the Convention on Biological Diversity",
            "zh_status": "official text of the decision (Chinese version)",
            "en_status": (
                "working translation by the localgbf project, not the official English text"
            ),
        },
        "objectives": objectives,
        "action_areas": areas,
    }


def build_scales(ref: dict) -> dict:
    nr7 = ref["nr7_template"]
    levels = []
    for order, level in enumerate(nr7["progress_scale"]["levels"]):
        zh = level.get("zh") or level.get("zh_unofficial")
        # Only the five thesaurus terms are official; "Unknown" is the ORT's own addition.
        official = (["en"] if level.get("term_id") else []) + (
            ["zh-hans"] if level.get("zh") else []
        )
        levels.append(
            {
                "key": level["key"],
                "order": order,
                "term_id": level.get("term_id"),
                "label": _text(level["en"], zh, official),
                "colour": level.get("cbd_colour") or "#767676",
            }
        )
    alignment = []
    guids = {
        "high": "AABF237C-F906-40D2-9595-5226C8B18A58",
        "medium": "68197B76-67B4-40AD-BB14-A8C340E1320B",
        "low": "9668759B-3653-4994-A917-3F039B0BAA5C",
    }
    for rank, level in enumerate(nr7["national_target_record"]["degree_of_alignment"]):
        en_label, en_meaning = (part.strip() for part in level["en"].split("=", 1))
        zh_label, zh_meaning = (part.strip() for part in level["zh"].split("=", 1))
        alignment.append(
            {
                "key": level["key"],
                "rank": 3 - rank,
                "term_id": guids[level["key"]],
                "label": _text(en_label, zh_label, ["en", "zh-hans"]),
                "meaning": _text(en_meaning, zh_meaning, ["en", "zh-hans"]),
            }
        )
    binary = [
        {"key": v["key"], "label": _text(v["en"], v["zh"], ["en", "zh-hans"])}
        for v in nr7["binary_answer_scale"]["values"] + nr7["binary_answer_scale"]["other_values"]
    ]
    return {
        "version": "2026-11-25",
        "source": {
            "citation": (
                "CBD Online Reporting Tool (scbd/online-reporting-tool@06b5c70) and CBD thesaurus "
                "domains EF99BEFD-5070-41C4-91F0-C051B338EEA6 (progress) and "
                "GBF-DEGREE-OF-ALIGNMENT; decision 15/6 (national report template)"
            ),
            "zh_status": (
                "zh labels are official where marked; the others are localgbf working translations"
            ),
        },
        "scales": {
            "progress": {
                "title": _text("Level of progress (NR7)", "进展程度（第七次国家报告）", ["en"]),
                "levels": levels,
            },
            "alignment": {
                "title": _text("Degree of alignment", "一致程度", ["en"]),
                "levels": alignment,
            },
            "binary_answer": {
                "title": _text("Binary indicator answer", "二元指标答复", ["en"]),
                "levels": binary,
            },
        },
    }


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: dict, name: str, header: str) -> None:
    path = OUT / name
    body = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}")


def main() -> int:
    if not REFERENCE.is_dir():
        print(f"reference folder not found: {REFERENCE}", file=sys.stderr)
        return 1
    kmgbf_ref = yaml.safe_load((REFERENCE / "kmgbf.yaml").read_text(encoding="utf-8"))
    poa_ref = yaml.safe_load((REFERENCE / "plan_of_action.yaml").read_text(encoding="utf-8"))
    zh = yaml.safe_load((HERE / "kmgbf_zh_working.yaml").read_text(encoding="utf-8"))
    note = (
        "# Generated by tools/reference/build_frameworks.py from ../shared/reference/. "
        "Do not edit.\n"
    )
    _dump(build_kmgbf(kmgbf_ref, zh), "kmgbf.yaml", note)
    _dump(build_plan_of_action(poa_ref), "plan_of_action.yaml", note)
    _dump(build_scales(kmgbf_ref), "scales.yaml", note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
