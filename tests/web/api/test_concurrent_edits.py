"""Two API clients changing one record: reads give an ETag, a write sent with a stale If-Match
gets 409 and changes nothing, and two writes of different fields both keep their change."""

from __future__ import annotations

from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action


def patch(client, url, body, **headers):
    return client.patch(url, body, content_type="application/json", headers=headers)


def test_a_write_with_a_stale_if_match_is_refused_with_409(api_as, demo):
    first, second = api_as("city_officer"), api_as("network_admin")
    tag = first.get("/api/v1/governments/CNKMG")["ETag"]
    assert second.get("/api/v1/governments/CNKMG")["ETag"] == tag
    done = patch(first, "/api/v1/governments/CNKMG", {"population": 8_700_000}, If_Match=tag)
    assert done.status_code == 200, done.content
    assert done["ETag"] != tag

    stale = patch(second, "/api/v1/governments/CNKMG", {"population": 1}, If_Match=tag)
    assert stale.status_code == 409
    assert "If-Match header does not match its ETag" in stale.json()["detail"]
    assert Government.objects.get(code="CNKMG").population == 8_700_000

    fresh = patch(second, "/api/v1/governments/CNKMG", {"population": 1}, If_Match=done["ETag"])
    assert fresh.status_code == 200


def test_writes_of_different_fields_from_stale_reads_both_stay(api_as, demo):
    """Each PATCH writes only the fields it sends, so neither undoes the other."""
    first, second = api_as("city_officer"), api_as("network_admin")
    assert patch(first, "/api/v1/governments/CNKMG", {"population": 8_700_001}).status_code == 200
    assert (
        patch(second, "/api/v1/governments/CNKMG", {"website": "https://www.km.gov.cn/"})
    ).status_code == 200
    kunming = Government.objects.get(code="CNKMG")
    assert (kunming.population, kunming.website) == (8_700_001, "https://www.km.gov.cn/")


def test_an_action_honours_if_match(api_as, demo):
    action = Action.objects.filter(
        version__plan__government__code="CNKMG", version__status="draft"
    ).first()
    client = api_as("city_officer")
    url = f"/api/v1/actions/{action.pk}"
    tag = client.get(url)["ETag"]
    assert patch(client, url, {"status": "completed"}, If_Match=tag).status_code == 200
    assert patch(client, url, {"status": "planned"}, If_Match=tag).status_code == 409
    action.refresh_from_db()
    assert action.status == "completed"
