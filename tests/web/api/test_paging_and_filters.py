"""Lists come in pages and are filtered by place and by framework target."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import Q

from localgbf.web.commitments.models import Commitment
from localgbf.web.frameworks.models import ElementAlignment
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, AlignmentLink, LocalTarget


def test_pages_hold_every_government_once_with_links_between_them(api_as, demo):
    client = api_as("anonymous")
    total = Government.objects.count()
    first = client.get("/api/v1/governments?page_size=3").json()
    assert first["count"] == total
    assert first["previous"] is None
    assert parse_qs(urlsplit(first["next"]).query) == {"page": ["2"], "page_size": ["3"]}
    seen, url = [], "/api/v1/governments?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [g["code"] for g in page["items"]]
        url = page["next"]
    assert sorted(seen) == sorted(Government.objects.values_list("code", flat=True))


def test_a_page_after_the_last_is_empty_and_points_back(api_as, demo):
    page = api_as("anonymous").get("/api/v1/governments?page=99&page_size=5").json()
    assert page["items"] == [] and page["next"] is None
    last = -(-Government.objects.count() // 5)
    assert parse_qs(urlsplit(page["previous"]).query) == {"page": [str(last)], "page_size": ["5"]}


@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page_size=201", "page=x"])
def test_bad_paging_is_refused(api_as, demo, query):
    response = api_as("anonymous").get(f"/api/v1/governments?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_governments_of_a_country_and_by_name(api_as, demo):
    client = api_as("anonymous")
    country = {g["code"] for g in client.get("/api/v1/governments?country=CN").json()["items"]}
    assert country == set(
        Government.objects.filter(Q(code="CN") | Q(path__startswith="CN/")).values_list(
            "code", flat=True
        )
    )
    found = client.get("/api/v1/governments?q=昆明").json()["items"]
    assert [g["code"] for g in found] == ["CNKMG"]
    assert client.get("/api/v1/governments?kind=region").json()["count"] == 2


def expected_actions(code: str) -> set[int]:
    """Actions of adopted plans counting for KMGBF target `code`: linked to it or to a national
    target aligned to it, directly or through their local target; local-only ones never."""
    elements = {
        *ElementAlignment.objects.filter(
            aligned_to__framework__slug="kmgbf", aligned_to__code=code, aligned_to__kind="target"
        ).values_list("element_id", flat=True),
    }
    elements |= set(
        AlignmentLink.objects.filter(
            element__framework__slug="kmgbf", element__kind="target", element__code=code
        ).values_list("element_id", flat=True)
    )
    out = set()
    for action in Action.objects.filter(version__status="adopted").select_related("target"):
        if action.local_only:
            continue
        own = set(AlignmentLink.objects.filter(action=action).values_list("element_id", flat=True))
        served = (
            set()
            if action.target.local_only
            else set(
                AlignmentLink.objects.filter(target=action.target).values_list(
                    "element_id", flat=True
                )
            )
        )
        if (own | served) & elements:
            out.add(action.pk)
    return out


@pytest.mark.parametrize("code", ["2", "8", "12", "15"])
def test_actions_filtered_by_kmgbf_target(api_as, demo, code):
    found = api_as("anonymous").get(f"/api/v1/actions?kmgbf_target={code}&page_size=200").json()
    assert {a["id"] for a in found["items"]} == expected_actions(code)


def test_local_targets_filtered_by_kmgbf_target_2(api_as, demo):
    found = api_as("anonymous").get("/api/v1/targets?kmgbf_target=2&page_size=200").json()
    expected = {
        t.pk
        for t in LocalTarget.objects.filter(version__status="adopted", local_only=False)
        if t.links.filter(
            Q(element__code="2", element__kind="target", element__framework__slug="kmgbf")
            | Q(element__aligned_from__isnull=True, pk__in=[])
        ).exists()
        or t.links.filter(
            element__alignments__aligned_to__code="2",
            element__alignments__aligned_to__kind="target",
        ).exists()
    }
    assert {t["id"] for t in found["items"]} == expected


def test_commitments_filtered_by_kmgbf_target(api_as, demo):
    found = api_as("anonymous").get("/api/v1/commitments?kmgbf_target=2").json()["items"]
    assert [c["reference"] for c in found] == ["CNKMG-C1"]


def test_an_unknown_kmgbf_target_is_refused_naming_the_codes(api_as, demo):
    response = api_as("anonymous").get("/api/v1/actions?kmgbf_target=T3")
    assert response.status_code == 422
    assert "'23'" in response.json()["detail"][0]["msg"]


def test_actions_by_status_and_sector(api_as, demo):
    client = api_as("anonymous")
    planned = client.get("/api/v1/actions?status=planned&page_size=200").json()["items"]
    assert planned and all(a["status"] == "planned" for a in planned)
    assert {a["id"] for a in planned} == set(
        Action.objects.filter(version__status="adopted", status="planned").values_list(
            "pk", flat=True
        )
    )
    sector = Action.objects.filter(version__status="adopted").exclude(sectors=[]).first().sectors[0]
    found = client.get(f"/api/v1/actions?sector={sector}&page_size=200").json()["items"]
    assert found and all(sector in a["sectors"] for a in found)


def test_progress_of_a_commitment(api_as, demo):
    commitment = Commitment.objects.get(government__code="CNKMG", number=1)
    found = api_as("anonymous").get(f"/api/v1/progress?commitment={commitment.pk}").json()["items"]
    assert [(p["period_start"], p["level"]) for p in found] == [("2024-01-01", "on_track")]
