"""ORT stakeholder-commitment export: the record's rules, and schema validity of every export.

Every document is checked with jsonschema directly against the shipped schema (not through the
exporter's own check), and the schema is checked to refuse records that break the ORT's rules.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from localgbf.frameworks.text import Text
from localgbf.reporting.ort import (
    OrtCommitment,
    OrtContact,
    OrtDocumentLink,
    OrtExportError,
    OrtKpi,
    OrtReference,
    load_ort_schema,
    ort_document,
    ort_filename,
    ort_json,
    ort_terms,
    ort_zip,
)

LOCAL = "7B9C94F4-1A0F-4660-BCDD-062A4653F441"
SUB_NATIONAL = "DEBB019D-8647-40EC-8AE5-10CA88572F6E"
REQUIRED_BOOLEANS = (
    "isLinkedToNbsap",
    "isFundingSufficient",
    "isReportingOnTarget15",
    "isProgressTracked",
)


def T(en: str, zh: str | None = None) -> Text:
    return Text(values={"en": en, **({"zh-hans": zh} if zh else {})})


CONTACT = OrtContact(
    first_name="Hong",
    last_name="Yang",
    designation=T("Director", "处长"),
    department=T("Ecology and Environment Bureau", "生态环境局"),
    organization=T("Kunming Municipal People's Government", "昆明市人民政府"),
    address=T("1 Demo Road"),
    city=T("Kunming", "昆明市"),
    state=T("Yunnan", "云南省"),
    postal_code="650500",
    emails=("biodiversity@kunming.example",),
)


def make(**changes: Any) -> OrtCommitment:
    base: dict[str, Any] = {
        "identifier": "c9b4a666-1e6b-4b5a-966c-828601cfb5c9",
        "reference": "CNKMG-C1",
        "government_code": "CNKMG",
        "government_kind": "city",
        "government_name": T("Kunming", "昆明市"),
        "country_code": "CN",
        "contact": CONTACT,
        "title": T("Restore Dianchi wetlands", "恢复滇池湿地"),
        "description": T("Reed beds return.\n\nFarms <and> towns.", "芦苇荡恢复。"),
        "timeline_start": date(2023, 1, 1),
        "timeline_end": date(2030, 12, 31),
        "primary_global": "GBF-TARGET-02",
        "primary_national": OrtReference(code="2", identifier="NT-2-ID", version="1"),
        "partners": T("Yunnan University", "云南大学"),
    }
    base.update(changes)
    return OrtCommitment(**base)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_ort_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, document: dict[str, Any]) -> list[str]:
    return [e.message for e in validator.iter_errors(document)]


VARIANTS = {
    "city, dates": {},
    "region": {"government_kind": "region", "government_name": T("Yunnan Province", "云南省")},
    "local authority": {"government_kind": "local"},
    "open-ended": {
        "timeline_start": None,
        "timeline_end": None,
        "is_open_ended": True,
        "next_steps": T("Yearly work plans", "年度工作计划"),
    },
    "everything on": {
        "is_linked_to_nbsap": True,
        "is_funding_sufficient": True,
        "is_reporting_on_target15": True,
        "target15_information": T("Disclosure by city-owned companies"),
        "is_progress_tracked": True,
        "progress_information": T("Yearly bulletin"),
        "progress_tracking_url": "https://kunming.example/progress",
        "other_global": ("GBF-TARGET-12", "GBF-GOAL-A"),
        "other_national": (OrtReference(code="8", identifier="NT-8-ID"),),
        "indicators": ("GBF-INDICATOR-12.1", "KMGBF-INDICATOR-BIN-12"),
        "funding_sources": ("own_budget", "international"),
        "funding_details": T("CNY 200 million a year"),
        "kpis": (
            OrtKpi(
                title=T("Restored wetland", "已修复湿地"),
                unit="ha",
                baseline=Decimal("3300"),
                baseline_year=2020,
                target=Decimal("4500.00"),
                deadline=date(2030, 12, 31),
            ),
        ),
        "documents": (OrtDocumentLink(title=T("Plan"), url="https://kunming.example/plan.pdf"),),
        "coverage_other": T("Plateau lake wetlands"),
    },
    "English only": {"title": T("Restore wetlands"), "government_name": T("Kunming")},
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_export_is_valid_against_the_schema(variant, validator):
    document = ort_document(make(**VARIANTS[variant]))
    assert errors(validator, document) == []
    assert json.loads(ort_json(document)) == document


def test_a_city_exports_with_the_local_term_its_name_and_exactly_one_country():
    doc = ort_document(make())
    assert doc["jurisdiction"] == {
        "identifier": LOCAL,
        "customValue": {"en": "Kunming", "zh": "昆明市"},
    }
    assert doc["jurisdictionCountries"] == [{"identifier": "cn"}]
    assert doc["coverageScope"] == "national"
    assert doc["coverageCountries"] == [{"identifier": "cn"}]
    assert "jurisdictionRegions" not in doc and "coverageRegions" not in doc


def test_a_region_exports_with_the_sub_national_term():
    doc = ort_document(
        make(government_kind="region", government_name=T("Yunnan Province", "云南省"))
    )
    assert doc["jurisdiction"] == {
        "identifier": SUB_NATIONAL,
        "customValue": {"en": "Yunnan Province", "zh": "云南省"},
    }


def test_a_country_is_not_a_stakeholder():
    with pytest.raises(
        OrtExportError, match=r"CNKMG-C1: jurisdiction: a country is not a stakeholder"
    ):
        ort_document(make(government_kind="country"))


def test_exactly_one_primary_global_alignment_and_the_others_apart():
    doc = ort_document(make(other_global=("GBF-TARGET-02", "GBF-TARGET-12", "GBF-TARGET-12")))
    assert doc["primaryGlobalAlignment"] == {"identifier": "GBF-TARGET-02"}
    assert doc["otherGlobalAlignments"] == [{"identifier": "GBF-TARGET-12"}]


@pytest.mark.parametrize("bad", ["", "GBF-TARGET-2", "T2", "GBF-GOAL-E"])
def test_a_primary_alignment_that_is_no_kmgbf_identifier_is_refused(bad):
    with pytest.raises(
        OrtExportError, match=r"primaryGlobalAlignment: .* is not a KMGBF goal or target identifier"
    ):
        ort_document(make(primary_global=bad))


def test_the_required_booleans_are_written_even_when_false():
    doc = ort_document(make())
    assert {k: doc[k] for k in REQUIRED_BOOLEANS} == dict.fromkeys(REQUIRED_BOOLEANS, False)


def test_conditional_fields_are_left_out_when_their_condition_is_false():
    doc = ort_document(
        make(
            target15_information=T("written but not reported"),
            progress_information=T("written but not tracked"),
            progress_tracking_url="https://kunming.example/p",
            next_steps=T("written but dated"),
        )
    )
    for field in (
        "linkedToNbsapCountries",
        "target15Information",
        "progressInformation",
        "progressTrackingUrl",
        "nextStepsInformation",
        "isOpenEnded",
    ):
        assert field not in doc, field


def test_conditional_fields_are_written_when_their_condition_is_true():
    doc = ort_document(make(**VARIANTS["everything on"]))
    assert doc["linkedToNbsapCountries"] == [{"identifier": "cn"}]
    assert doc["target15Information"] == {"en": "Disclosure by city-owned companies"}
    assert doc["progressInformation"] == {"en": "Yearly bulletin"}
    assert doc["progressTrackingUrl"] == {
        "en": "https://kunming.example/progress",
        "zh": "https://kunming.example/progress",
    }


def test_an_open_ended_commitment_has_next_steps_and_no_dates():
    doc = ort_document(make(**VARIANTS["open-ended"]))
    assert doc["isOpenEnded"] is True
    assert doc["nextStepsInformation"] == {"en": "Yearly work plans", "zh": "年度工作计划"}
    assert "timelineStartDate" not in doc and "timelineEndDate" not in doc


def test_a_dated_commitment_writes_its_dates_and_no_open_ended_flag():
    doc = ort_document(make())
    assert (doc["timelineStartDate"], doc["timelineEndDate"]) == ("2023-01-01", "2030-12-31")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"contact": None},
            r"CNKMG-C1: contact: CNKMG has no official contact for CBD submissions",
        ),
        (
            {"primary_national": OrtReference(code="2")},
            r"primaryNationalTarget: national target 2 has no ORT record identifier",
        ),
        ({"primary_national": None}, r"primaryNationalTarget: no national target is named"),
        ({"timeline_start": None}, r"timelineStartDate: give a start date or open-ended"),
        (
            {"is_open_ended": True, "timeline_start": None, "timeline_end": None},
            r"nextStepsInformation",
        ),
        ({"timeline_end": date(2020, 1, 1)}, r"timelineEndDate: before the start date"),
        ({"partners": None}, r"partners: the ORT asks for the partners"),
        ({"is_progress_tracked": True}, r"progressInformation: needed when tracked"),
        ({"is_reporting_on_target15": True}, r"target15Information: needed when reporting"),
        (
            {"funding_sources": ("gold",)},
            r"fundingSource: 'gold' is not a term of the funding_sources",
        ),
        ({"other_global": ("T12",)}, r"otherGlobalAlignments: not KMGBF identifiers: T12"),
    ],
)
def test_what_the_ort_requires_is_refused_when_missing(changes, message):
    with pytest.raises(OrtExportError, match=message):
        ort_document(make(**changes))


def test_languages_are_written_with_the_ort_codes():
    doc = ort_document(make())
    assert doc["header"] == {
        "identifier": "c9b4a666-1e6b-4b5a-966c-828601cfb5c9",
        "schema": "stakeholderCommitment",
        "languages": ["en", "zh"],
    }
    assert doc["title"] == {"en": "Restore Dianchi wetlands", "zh": "恢复滇池湿地"}


def test_the_description_is_rich_text_escaped_one_paragraph_per_block():
    doc = ort_document(make())
    assert doc["description"] == {
        "en": "<p>Reed beds return.</p><p>Farms &lt;and&gt; towns.</p>",
        "zh": "<p>芦苇荡恢复。</p>",
    }


def test_kpis_and_funding_sources_are_written_in_each_language():
    doc = ort_document(make(**VARIANTS["everything on"]))
    assert doc["performanceInformation"] == {
        "en": "Key performance indicators:\n- Restored wetland (ha); baseline 3300 (2020); target 4500 by 2030-12-31",
        "zh": "关键绩效指标：\n- 已修复湿地 (ha); 基线 3300 (2020); 目标 4500 截止 2030-12-31",
    }
    assert doc["fundingSource"] == {
        "en": "Funding sources: Own budget; International public finance / official development assistance\nCNY 200 million a year",
        "zh": "资金来源：本级财政预算; 国际公共资金／官方发展援助",
    }


def test_internal_notes_and_user_accounts_never_reach_the_file():
    doc = ort_document(make())
    assert "notes" not in doc
    assert (doc["firstName"], doc["lastName"], doc["emails"]) == (
        "Hong",
        "Yang",
        ["biodiversity@kunming.example"],
    )


BROKEN = {
    "local jurisdiction without its name": lambda d: d["jurisdiction"].pop("customValue"),
    "two jurisdiction countries": lambda d: d["jurisdictionCountries"].append({"identifier": "fr"}),
    "regions on a local jurisdiction": lambda d: d.update(
        jurisdictionRegions=[{"identifier": "x"}]
    ),
    "two primary global alignments": lambda d: d.update(
        primaryGlobalAlignment=[{"identifier": "GBF-TARGET-02"}, {"identifier": "GBF-TARGET-03"}]
    ),
    "a required boolean missing": lambda d: d.pop("isProgressTracked"),
    "open-ended and dated": lambda d: d.update(isOpenEnded=True, nextStepsInformation={"en": "x"}),
    "next steps on a dated commitment": lambda d: d.update(nextStepsInformation={"en": "x"}),
    "progress information while not tracked": lambda d: d.update(progressInformation={"en": "x"}),
    "NBSAP countries while not linked": lambda d: d.update(
        linkedToNbsapCountries=[{"identifier": "cn"}]
    ),
    "Target 15 information while not reporting": lambda d: d.update(
        target15Information={"en": "x"}
    ),
    "no national target for one country": lambda d: d.pop("primaryNationalTarget"),
    "a language the ORT does not have": lambda d: d.update(title={"zh-hans": "x"}),
    "an unknown field": lambda d: d.update(government={"identifier": "cn"}),
    "Other without its free text": lambda d: d["organizationType"].pop("customValue"),
}


@pytest.mark.parametrize("breakage", BROKEN)
def test_the_schema_refuses_a_record_that_breaks_an_ort_rule(breakage, validator):
    document = ort_document(make())
    BROKEN[breakage](document)
    assert errors(validator, document)


def test_file_names_and_the_zip_are_stable():
    first, second = (
        make(),
        make(reference="CN-YN-C3", identifier="0b8f3c1e-1111-4222-8333-444455556666"),
    )
    files = [(ort_filename(c), ort_document(c)) for c in (first, second)]
    assert [name for name, _ in files] == ["CNKMG-C1-c9b4a666.json", "CN-YN-C3-0b8f3c1e.json"]
    archive = ort_zip(files)
    assert archive == ort_zip(list(reversed(files)))
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assert sorted(z.namelist()) == ["CN-YN-C3-0b8f3c1e.json", "CNKMG-C1-c9b4a666.json"]
        assert json.loads(z.read("CNKMG-C1-c9b4a666.json")) == files[0][1]


def test_the_term_identifiers_are_those_of_the_reference(shared_reference):
    """The identifiers in data/ort_terms.yaml, compared with the reference's own text."""
    text = (shared_reference / "ort_stakeholder_commitment.md").read_text(encoding="utf-8")
    terms = ort_terms()
    assert re.search(rf"\*\*local\*\* `{terms.jurisdictions['local'].identifier}`", text)
    assert re.search(
        rf"\*\*sub-national\*\* `{terms.jurisdictions['sub_national'].identifier}`", text
    )
    assert (
        f'national (also constant "federal") `{terms.jurisdictions["national"].identifier}`' in text
    )
    assert f"`{terms.organization_type_other}`" in text
    assert terms.schema_name in text
