"""The public profile of a government: only what is public, in either language, for anyone."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.utils.html import escape

from localgbf.index.totals import totals
from localgbf.web.assessments.models import Assessment
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, PlanVersion
from localgbf.web.portal.models import PublicProfile

PROFILE = "/en/portal/CNKMG/"
PERSONAS = [
    "anonymous",
    "outsider",
    "other_officer",
    "viewer",
    "reviewer",
    "city_officer",
    "network_admin",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_reads_the_same_public_profile(client_as, persona):
    page = client_as(persona).get(PROFILE).content.decode()
    assert "Kunming Biodiversity Strategy and Action Plan 2021–2030" in page
    assert "(2026 revision)" not in page, "the draft version is not public"
    assert "Green roofs on public buildings" not in page, "an action of the draft only"


def test_the_plan_in_force_is_shown_with_the_status_of_its_actions(client_as, demo):
    adopted = PlanVersion.objects.get(plan__government__code="CNKMG", status="adopted")
    counts = Counter(Action.objects.filter(version=adopted).values_list("status", flat=True))
    page = client_as("anonymous").get(PROFILE).content.decode()
    assert f"In progress: <strong>{counts['in_progress']}</strong>" in page
    assert f"Planned: <strong>{counts['planned']}</strong>" in page
    for action in Action.objects.filter(version=adopted):
        assert escape(action.title["en"]) in page


def test_only_accepted_commitments_and_progress_are_shown(client_as, demo):
    page = client_as("anonymous").get(PROFILE).content.decode()
    assert "Restore 1,200 ha of Dianchi lakeshore wetland by 2030" in page
    assert "Parks within 300 m of 95% of Kunming" in page
    # The 2024 report of CNKMG-C1 is accepted; its 2025 report is still pending review.
    assert "progress reported for 2024-01-01 – 2024-12-31" in page
    assert "2025-01-01 – 2025-12-31" in page  # CNKMG-C2's accepted 2025 report
    assert page.count("progress reported for 2025") == 1


def test_the_score_card_is_the_latest_completed_assessment_with_its_chart(client_as, demo):
    completed = Assessment.objects.get(government__code="CNKMG", status="completed")
    expected = totals(completed.pure())
    page = client_as("anonymous").get(PROFILE).content.decode()
    assert f'<span class="stat">{expected.points}</span>' in page
    assert f"/ {expected.max_points}" in page
    assert "2020, 2021 edition" in page
    assert "2024" not in page.split('id="index"')[1].split("</section>")[0], "the draft of 2024"
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "The chart as text" in page
    assert f"/en/assessments/{completed.pk}/scorecard/" in page


def test_the_profile_reads_in_chinese(client_as, demo):
    page = client_as("anonymous").get("/zh-hans/portal/CNKMG/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "昆明市生物多样性保护战略与行动计划（2021—2030年）" in page
    assert "昆明被誉为“春城”" in page


def test_the_map_draws_the_seat_when_there_is_no_boundary(client_as, demo):
    page = client_as("anonymous").get(PROFILE).content.decode()
    assert 'class="point point-seat"' in page
    assert "Seat of government" in page


def test_the_map_draws_the_boundary_and_the_parks_of_monaco(client_as, demo):
    page = client_as("anonymous").get("/en/portal/MCMON/").content.decode()
    assert 'class="layer layer-boundary"' in page
    assert 'class="layer layer-parks"' in page
    assert 'class="point point-seat"' not in page


def test_the_page_body_is_cached_until_something_is_recorded(client_as, demo, users):
    from localgbf.web.governments import audit

    client = client_as("anonymous")
    assert "A new introduction." not in client.get(PROFILE).content.decode()
    profile = PublicProfile.objects.get(government__code="CNKMG")
    profile.introduction = {"en": "A new introduction."}
    profile.save()
    assert "A new introduction." not in client.get(PROFILE).content.decode(), "from the cache"
    audit.record(users["city_officer"], "portal.profile.edit", profile)
    assert "A new introduction." in client.get(PROFILE).content.decode()
    cache.clear()


def test_an_officer_sees_a_link_to_edit_the_public_profile(client_as, demo):
    assert "/en/portal/CNKMG/edit/" in client_as("city_officer").get(PROFILE).content.decode()
    for persona in ("anonymous", "viewer", "reviewer", "other_officer"):
        assert "/en/portal/CNKMG/edit/" not in client_as(persona).get(PROFILE).content.decode()


def test_an_unknown_government_is_not_found(client_as, demo):
    assert client_as("anonymous").get("/en/portal/NOWHERE/").status_code == 404


def test_the_portal_finds_a_government_by_its_chinese_name(client_as, demo):
    page = client_as("anonymous").get("/zh-hans/portal/?q=昆明").content.decode()
    assert "/zh-hans/portal/CNKMG/" in page
    assert "/zh-hans/portal/CNSZX/" not in page


def test_the_government_page_links_to_its_public_profile(client_as, demo):
    kunming = Government.objects.get(code="CNKMG")
    page = client_as("anonymous").get(f"/en/governments/{kunming.code}/").content.decode()
    assert "/en/portal/CNKMG/" in page


def test_the_home_page_links_to_the_demo_country(client_as, demo):
    page = client_as("anonymous").get("/en/").content.decode()
    assert "/en/portal/CN/" in page
