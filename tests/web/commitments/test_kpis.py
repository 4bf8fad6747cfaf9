"""KPIs on the web: a KPI without a target (or without a unit) is refused, and nothing of the
page is saved."""

from __future__ import annotations

import pytest

from localgbf.web.commitments.models import Kpi


def formset_post(version, *rows: dict[str, str]) -> dict[str, str]:
    """The KPI and document formsets of the page, with the existing KPI kept and new rows."""
    data = {
        "kpi-TOTAL_FORMS": str(1 + len(rows)),
        "kpi-INITIAL_FORMS": "1",
        "kpi-MIN_NUM_FORMS": "0",
        "kpi-MAX_NUM_FORMS": "1000",
        "doc-TOTAL_FORMS": "0",
        "doc-INITIAL_FORMS": "0",
        "doc-MIN_NUM_FORMS": "0",
        "doc-MAX_NUM_FORMS": "1000",
    }
    existing = version.kpis.get()
    data.update(
        {
            "kpi-0-id": str(existing.pk),
            "kpi-0-title_en": "Native trees planted (changed)",
            "kpi-0-code": "K1",
            "kpi-0-unit": "trees",
            "kpi-0-target_value": "12000",
        }
    )
    for i, row in enumerate(rows, start=1):
        data.update({f"kpi-{i}-{k}": v for k, v in row.items()})
    return data


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"title_en": "Volunteers", "code": "K2", "unit": "people"},
            "A KPI needs a target value: what the commitment will reach, in its unit.",
        ),
        (
            {"title_en": "Volunteers", "code": "K2", "target_value": "500"},
            "A KPI needs a unit, e.g. ha, trees, %.",
        ),
        (
            {"code": "K2", "unit": "people", "target_value": "500"},
            "Give the indicator in English or in Chinese.",
        ),
        (
            {"title_en": "Again", "code": "K1", "unit": "trees", "target_value": "1"},
            "Please correct the duplicate data for code.",
        ),
    ],
)
def test_a_bad_kpi_is_refused_and_nothing_is_saved(make_version, client_as, row, message):
    version = make_version()
    response = client_as("city_officer").post(
        f"/en/commitments/{version.commitment_id}/kpis/", formset_post(version, row)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert [
        (k.code, k.title["en"], k.target_value) for k in Kpi.objects.filter(version=version)
    ] == [("K1", "Native trees planted", 10000)]


def test_good_kpis_are_saved_together(make_version, client_as):
    version = make_version()
    response = client_as("city_officer").post(
        f"/en/commitments/{version.commitment_id}/kpis/",
        formset_post(
            version,
            {"title_en": "Volunteers", "code": "K2", "unit": "people", "target_value": "500"},
        ),
    )
    assert response.status_code == 302
    assert sorted(Kpi.objects.filter(version=version).values_list("code", "target_value")) == [
        ("K1", 12000),
        ("K2", 500),
    ]
