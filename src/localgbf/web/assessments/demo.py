"""Demo Singapore Index assessments of Kunming: a completed 2020 baseline and a 2024 draft.

The area and population are public figures (Kunming statistical yearbook); every other value,
list and note is made up to show how the platform works, at a plausible size for a city of
21,000 km² and 8.5 million people. Built with the engine's own operations, so the stored data
is exactly what an officer would have produced in the browser.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from localgbf.index import assessment as si
from localgbf.provenance import IndicatorValue, InputFile
from localgbf.web.assessments.models import (
    Assessment,
    AssessmentStatus,
    ComputationRecord,
    ComputationSource,
    ComputationStatus,
)
from localgbf.web.core.demo import DemoContext

CITY = "CNKMG"
OFFICER = "kunming.officer"
COMPLETED_AT = datetime(2021, 6, 30, 9, 0, tzinfo=UTC)

PROFILE = si.CityProfile(
    location=(
        "Central Yunnan plateau, around Lake Dian (Dianchi), 1,890 m above sea level / "
        "云南中部高原，环滇池，海拔 1890 米"
    ),
    area_km2=21012,
    population=8_460_088,
    economic_parameters=(
        "Provincial capital; services, tourism, flowers and tobacco. / "
        "省会城市；以服务业、旅游、花卉和烟草为主。"
    ),
    physical_features=(
        "Karst and red-earth hills, Lake Dian and the Panlong River, subtropical highland "
        "climate. / 喀斯特与红土丘陵，滇池与盘龙江，亚热带高原季风气候。"
    ),
    biodiversity_features=(
        "Semi-humid evergreen broadleaf forest, Yunnan pine forest, lake wetlands; wintering "
        "black-headed gulls. / 半湿润常绿阔叶林、云南松林、湖泊湿地；越冬红嘴鸥。"
    ),
    administration=(
        "7 districts, 3 counties, 1 county-level city and 3 autonomous counties. / "
        "辖 7 个区、3 个县、1 个县级市和 3 个自治县。"
    ),
)


def _note(en: str, zh: str) -> si.Evidence:
    return si.Evidence(kind="note", text=f"{en} / {zh}")


# indicator -> (form fields, data sources, evidence)
BASELINE_FORMS: dict[int, tuple[dict[str, Any], list[str], list[si.Evidence]]] = {
    1: (
        {"natural_area_ha": 1_031_000, "city_area_ha": 2_101_200},
        ["Kunming forest and grassland inventory 2020"],
        [
            _note(
                "Forest, grassland and wetland classes of the 2020 inventory.",
                "2020 年资源清查中的森林、草地和湿地类别。",
            )
        ],
    ),
    2: ({"group_areas_ha": [402_000, 311_000, 168_000, 92_000, 58_000]}, [], []),
    3: (
        {"native_birds_built_up": 58, "native_birds_city": 410},
        ["Kunming bird survey 2019-2020"],
        [],
    ),
    7: ({"restored_area_ha": 5_800, "degraded_area_ha": 21_500}, [], []),
    8: (
        {"protected_area_ha": 283_000, "city_area_ha": 2_101_200},
        ["Yunnan protected area register"],
        [],
    ),
    9: ({"invasive_species": 46, "native_species": 2_104}, [], []),
    10: ({"permeable_area_ha": 1_496_000, "terrestrial_area_ha": 2_101_200}, [], []),
    11: ({"canopy_area_ha": 973_000, "terrestrial_area_ha": 2_101_200}, [], []),
    12: (
        {"park_area_ha": 5_200, "accessible_protected_area_ha": 1_500, "population": 8_460_088},
        ["Kunming Garden Bureau park register 2020"],
        [],
    ),
    13: ({"population_within_400m": 5_710_000, "population": 8_460_088}, [], []),
    15: (
        {
            "functions": [
                "Nature reserve management",
                "Wetland protection",
                "Urban greening",
                "Biodiversity monitoring",
            ]
        },
        [],
        [],
    ),
    16: (
        {"biodiversity_spending": 1_210_000_000, "city_budget": 63_800_000_000},
        ["Kunming final accounts 2020"],
        [],
    ),
    17: ({"lbsap_exists": False}, [], []),
    22: (
        {
            "agencies": [
                "Forestry and Grassland Bureau",
                "Ecology and Environment Bureau",
                "Garden Bureau",
                "Dianchi Administration",
            ]
        },
        [],
        [],
    ),
    24: (
        {
            "partners": [
                "Kunming Institute of Zoology (CAS)",
                "Kunming Institute of Botany (CAS)",
                "Yunnan University",
            ]
        },
        [],
        [],
    ),
    27: ({"events": ["International Day for Biological Diversity", "Bird-watching week"]}, [], []),
}

# indicator -> (score, justification) for the indicators the data has no bands for
BASELINE_ASSESSOR: dict[int, tuple[int, str]] = {
    9: (
        3,
        "2.1 % of the species in the groups surveyed are invasive; most are confined to "
        "disturbed land. / 所调查类群中 2.1% 为入侵物种，多局限于受干扰土地。",
    ),
    15: (
        2,
        "Four essential functions are performed, by separate bureaux. / "
        "四项基本职能由不同部门分别承担。",
    ),
    16: (
        2,
        "1.9 % of the budget goes to biodiversity-related administration. / "
        "预算的 1.9% 用于生物多样性相关管理。",
    ),
    17: (
        0,
        "No local biodiversity strategy and action plan yet; the provincial regulation "
        "applies. / 尚无地方生物多样性战略与行动计划；适用省级条例。",
    ),
    22: (
        2,
        "Four agencies co-operate through the Dianchi protection programme. / "
        "四个机构通过滇池保护项目开展合作。",
    ),
    24: (1, "Three research partners. / 三家科研合作单位。"),
    27: (1, "Two yearly outreach events. / 每年两次外展活动。"),
}

DRAFT_FORMS: dict[int, tuple[dict[str, Any], list[str], list[si.Evidence]]] = {
    5: (
        {
            "species_added": ["Aethopyga gouldiae", "Leiothrix lutea", "Tarsiger cyanurus"],
            "species_lost": ["Emberiza aureola"],
        },
        ["Kunming bird survey 2023-2024"],
        [
            _note(
                "Compared with the 2019-2020 survey, same transects.",
                "与 2019—2020 年调查比较，样线相同。",
            )
        ],
    ),
    8: (
        {"protected_area_ha": 298_500, "city_area_ha": 2_101_200},
        ["Yunnan protected area register 2024"],
        [],
    ),
    10: ({"permeable_area_ha": 1_479_000, "terrestrial_area_ha": 2_101_200}, [], []),
    17: (
        {
            "lbsap_exists": True,
            "adopted_year": 2023,
            "aligned_with_nbsap": True,
            "kmgbf_targets": ["T1", "T2", "T3", "T8", "T12"],
            "description": "Kunming Biodiversity Conservation Plan 2023-2030 (demo).",
        },
        ["Kunming municipal government document 2023 (demo)"],
        [
            si.Evidence(kind="link", text="https://www.km.gov.cn/"),
            _note("Adopted by the municipal government in 2023.", "2023 年由市政府批准实施。"),
        ],
    ),
    22: (
        {
            "agencies": [
                "Forestry and Grassland Bureau",
                "Ecology and Environment Bureau",
                "Garden Bureau",
                "Dianchi Administration",
                "Natural Resources and Planning Bureau",
                "Water Affairs Bureau",
            ]
        },
        [],
        [],
    ),
}

DRAFT_ASSESSOR: dict[int, tuple[int, str]] = {
    5: (
        2,
        "Net gain of 2 native bird species since the 2020 survey. / "
        "自 2020 年调查以来本土鸟类净增 2 种。",
    ),
    17: (
        3,
        "An LBSAP aligned with the NBSAP and five KMGBF targets was adopted in 2023; its "
        "monitoring plan is not yet in force. / 2023 年通过了与国家战略及五项全球框架目标"
        "相衔接的 LBSAP；其监测计划尚未实施。",
    ),
    22: (
        3,
        "Six agencies now co-operate under the LBSAP steering group. / "
        "六个机构在 LBSAP 领导小组框架下开展合作。",
    ),
}


def _sha(name: str) -> str:
    return hashlib.sha256(f"localgbf demo input: {name}".encode()).hexdigest()


def _computed(
    indicator: int, value: float, version: str, inputs: list[tuple[str, str]]
) -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator,
        value=value,
        unit="percent",
        method_id={
            1: "spatial.natural_share",
            10: "spatial.permeable_share",
            11: "spatial.canopy_share",
        }[indicator],
        method_version=version,
        inputs=tuple(InputFile(role=role, name=name, sha256=_sha(name)) for role, name in inputs),
    )


WORLDCOVER = [("landcover", "kunming_worldcover_2021_v200.tif"), ("boundary", "kunming.gpkg")]
TAKEN = _computed(1, 49.8, "0.3.0", WORLDCOVER)
RECOMPUTED = _computed(10, 71.6, "0.3.1", WORLDCOVER)
PENDING = _computed(11, 47.1, "0.3.1", [("canopy", "kunming_canopy_2023.tif"), *WORLDCOVER[1:]])


def _fill(
    a: si.Assessment,
    forms: dict[int, tuple[dict[str, Any], list[str], list[si.Evidence]]],
    assessor: dict[int, tuple[int, str]],
) -> si.Assessment:
    for n, (fields, sources, evidence) in forms.items():
        a = si.enter_form(a, n, fields, by=OFFICER, data_sources=sources, evidence=evidence)
    for n, (score, why) in assessor.items():
        a = si.score_by_assessor(a, n, score, justification=why, by=OFFICER)
    return a


def baseline() -> si.Assessment:
    a = si.new_assessment(CITY, 2020, profile=PROFILE)
    a = _fill(a, BASELINE_FORMS, BASELINE_ASSESSOR)
    for entry in a.entries:
        if entry.status != "missing":
            a = si.confirm(a, entry.indicator, by=OFFICER)
    return si.complete(a)


def draft() -> si.Assessment:
    a = si.new_assessment(CITY, 2024, profile=PROFILE.model_copy(update={"population": 8_680_000}))
    a = _fill(a, DRAFT_FORMS, DRAFT_ASSESSOR)
    a = si.confirm(a, 10, by=OFFICER)
    a = si.record_computed(a, RECOMPUTED)
    a = si.record_computed(a, TAKEN)
    return si.enter_value(
        a,
        12,
        0.81,
        unit="ha/1000 persons",
        by=OFFICER,
        data_sources=["Kunming Garden Bureau park register 2024"],
    )


def _store(government: Any, pure: si.Assessment, user: Any) -> Assessment:
    data = pure.model_dump(mode="json")
    completed = pure.status == AssessmentStatus.COMPLETED
    row = Assessment.objects.filter(
        government=government, edition=pure.edition, reference_year=pure.reference_year
    ).first()
    if row is not None and row.data == data:
        return row
    if row is None:
        row = Assessment(
            government=government, edition=pure.edition, reference_year=pure.reference_year
        )
    row.status = pure.status
    row.data = data
    row.created_by = user
    row.completed_by = user if completed else None
    row.completed_at = COMPLETED_AT if completed else None
    row.save()
    return row


def _record(government: Any, value: IndicatorValue, **fields: Any) -> None:
    found = ComputationRecord.objects.filter(
        government=government,
        indicator=value.indicator,
        value__method_id=value.method_id,
        value__method_version=value.method_version,
    )
    if not found.exists():
        ComputationRecord.objects.create(
            government=government,
            indicator=value.indicator,
            value=value.model_dump(mode="json"),
            source=ComputationSource.JOB,
            **fields,
        )


def build(ctx: DemoContext) -> None:
    government = ctx[f"government:{CITY}"]
    user = ctx[f"user:{OFFICER}"]
    ctx.objects["assessment:CNKMG:2020"] = _store(government, baseline(), user)
    current = _store(government, draft(), user)
    ctx.objects["assessment:CNKMG:2024"] = current
    for value in (TAKEN, RECOMPUTED):
        _record(
            government,
            value,
            status=ComputationStatus.TAKEN,
            assessment=current,
            decided_by=user,
            decided_at=COMPLETED_AT.replace(year=2025),
        )
    _record(government, PENDING)
