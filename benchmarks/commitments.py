"""The national roll-up and the ORT export for one large country (pure computations).

- Roll-up: 1,000 cities, each with 20 actions linked to 1-2 of 12 national targets and 3
  accepted commitments with 2 KPIs each (23,000 contributions, 6,000 KPIs in 3 units), 12
  national targets aligned to KMGBF targets and goals. Target: at most 1 s.
- ORT: 1,000 accepted commitments written as records, each checked against the schema, and
  zipped. Target: at most 10 s (the schema check of each record is most of it).

    python -m benchmarks commitments
"""

from __future__ import annotations

import random
import time
from datetime import date
from decimal import Decimal
from typing import Any

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.frameworks.text import Text
from localgbf.reporting.national_report import (
    Contribution,
    Element,
    KpiFigures,
    NationalReportInput,
    PlanState,
    national_report,
    report_rules,
)
from localgbf.reporting.ort import (
    OrtCommitment,
    OrtContact,
    OrtKpi,
    OrtReference,
    ort_document,
    ort_filename,
    ort_zip,
)

CITIES = 1_000
ACTIONS_PER_CITY = 20
COMMITMENTS_PER_CITY = 3
NATIONAL_TARGETS = 12
ROLLUP_TARGET_SECONDS = 1.0
ORT_RECORDS = 1_000
ORT_TARGET_SECONDS = 10.0
LEVELS = ("on_track_to_exceed", "on_track", "insufficient_rate", "no_significant_change", None)
UNITS = ("ha", "trees", "%")


def _text(en: str) -> Text:
    return Text(values={"en": en, "zh-hans": f"{en}（中文）"})


def _rollup_input(rng: random.Random) -> NationalReportInput:
    fw = kmgbf()
    targets = [t.code for t in fw.targets]
    national = tuple(
        Element(
            code=str(n),
            title=_text(f"National target {n}"),
            kmgbf_targets=tuple(rng.sample(targets, 2)),
            kmgbf_goals=(rng.choice("ABCD"),),
        )
        for n in range(1, NATIONAL_TARGETS + 1)
    )
    contributions: list[Contribution] = []
    governments = []
    for c in range(CITIES):
        code = f"C{c:04d}"
        name = _text(f"City {c}")
        governments.append(PlanState(code, "city", "lbsap", rng.choice(["adopted", "draft"])))
        for a in range(ACTIONS_PER_CITY):
            contributions.append(
                Contribution(
                    kind="action",
                    id=f"{code}:A{a}",
                    government=code,
                    government_name=name,
                    title=_text(f"Action {a}"),
                    national=tuple(rng.sample([n.code for n in national], rng.randint(1, 2))),
                    kmgbf_targets=(rng.choice(targets),),
                )
            )
        for k in range(COMMITMENTS_PER_CITY):
            kpis = tuple(
                KpiFigures(
                    unit=rng.choice(UNITS),
                    target=Decimal(rng.randint(50, 100)),
                    baseline=Decimal(rng.randint(0, 40)),
                    latest=Decimal(rng.randint(20, 80)) if rng.random() < 0.8 else None,
                )
                for _ in range(2)
            )
            contributions.append(
                Contribution(
                    kind="commitment",
                    id=f"{code}-C{k}",
                    government=code,
                    government_name=name,
                    title=_text(f"Commitment {k}"),
                    national=(rng.choice(national).code,),
                    level=rng.choice(LEVELS),
                    kpis=kpis,
                )
            )
    return NationalReportInput(
        country="XX",
        country_name=_text("Benchland"),
        national_targets=national,
        kmgbf_targets=tuple(Element(t.code, t.title) for t in fw.targets),
        kmgbf_goals=tuple(Element(g.code, g.title) for g in fw.goals),
        governments=tuple(governments),
        contributions=tuple(contributions),
    )


def _ort_record(i: int) -> OrtCommitment:
    return OrtCommitment(
        identifier=f"00000000-0000-4000-8000-{i:012d}",
        reference=f"C{i:04d}-C1",
        government_code=f"C{i:04d}",
        government_kind="city",
        government_name=_text(f"City {i}"),
        country_code="XX",
        contact=OrtContact(
            first_name="Office",
            last_name="Contact",
            designation=_text("Director"),
            department=_text("Environment bureau"),
            organization=_text(f"City {i} government"),
            address=_text("1 Road"),
            city=_text(f"City {i}"),
            state=_text("Province"),
            postal_code="100000",
            emails=("office@city.example",),
        ),
        title=_text(f"Commitment of city {i}"),
        description=_text("Restore wetlands.\n\nPlant native trees."),
        timeline_start=date(2025, 1, 1),
        timeline_end=date(2030, 12, 31),
        kpis=(OrtKpi(title=_text("Wetland"), unit="ha", baseline=Decimal(10), target=Decimal(50)),),
        primary_global="GBF-TARGET-02",
        other_global=("GBF-TARGET-12",),
        primary_national=OrtReference(code="2", identifier="NT-2", version="1"),
        funding_sources=("own_budget",),
        partners=_text("University"),
        is_progress_tracked=True,
        progress_information=_text("Yearly"),
    )


def run() -> list[dict[str, Any]]:
    rng = random.Random(20261125)
    data = _rollup_input(rng)
    report_rules()  # the data file is read once per process, not per roll-up
    start = time.perf_counter()
    report = national_report(data)
    rollup_seconds = time.perf_counter() - start
    assert len(report.section_iii) == NATIONAL_TARGETS

    records = [_ort_record(i) for i in range(ORT_RECORDS)]
    ort_document(records[0])  # the schema validator is built once per process
    start = time.perf_counter()
    files = [(ort_filename(r), ort_document(r)) for r in records]
    archive = ort_zip(files)
    ort_seconds = time.perf_counter() - start
    return [
        {
            "name": "commitments: national roll-up of 23,000 contributions",
            "value": round(rollup_seconds, 3),
            "unit": "s",
            "target": ROLLUP_TARGET_SECONDS,
            "passed": rollup_seconds <= ROLLUP_TARGET_SECONDS,
        },
        {
            "name": f"commitments: {ORT_RECORDS} ORT records, schema-checked, zipped",
            "value": round(ort_seconds, 3),
            "unit": "s",
            "target": ORT_TARGET_SECONDS,
            "passed": ort_seconds <= ORT_TARGET_SECONDS,
            "zip_bytes": len(archive),
        },
    ]


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
