"""The register of CEPA activities: public reading, officers' editing, the government page."""

from __future__ import annotations

import pytest

from localgbf.web.governments.models import AuditEntry
from localgbf.web.participation.models import CepaActivity

FORM = {
    "kind": "event",
    "title_en": "Bird walk at Cuihu",
    "title_zh": "翠湖观鸟",
    "description_en": "",
    "description_zh": "",
    "start": "2025-12-01",
    "end": "",
    "audience": "public",
    "reach": "80",
    "languages": ["zh-hans", "en"],
    "url": "",
}


def test_the_demo_registers_kunming_activities_linked_to_actions_and_targets(demo, kunming):
    cnc = CepaActivity.objects.get(government=kunming, kind="bioblitz")
    assert cnc.reach == 1260
    assert sorted(t.code for t in cnc.kmgbf_targets.all()) == ["20", "21"]
    assert [a.code for a in cnc.actions.all()] == ["3.1.1"]
    assert kunming.cepa_activities.count() == 3


def test_building_the_demo_twice_adds_nothing(demo):
    from localgbf.web.core.demo import build_demo

    before = CepaActivity.objects.count()
    build_demo()
    assert CepaActivity.objects.count() == before


def test_the_government_page_shows_the_activities(client_as):
    body = client_as("anonymous").get("/en/governments/CNKMG/").content.decode()
    assert "City Nature Challenge 2025: Kunming" in body
    assert "Public awareness and participation" in body
    assert "Chinese Cities Biodiversity Network (demo)" in body


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "network_staff", "viewer"])
def test_everyone_reads_the_register(client_as, persona):
    page = client_as(persona).get("/en/governments/CNKMG/cepa/")
    assert page.status_code == 200
    assert "Nature schools: spring term 2025" in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider", 403),
        ("viewer", 403),
        ("reviewer", 403),
        ("other_officer", 403),
        ("region_officer", 403),
        ("network_staff", 403),
        ("city_officer", 200),
        ("network_admin", 200),
    ],
)
def test_only_the_governments_officers_register_activities(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CNKMG/cepa/new/").status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client_as):
    page = client_as("anonymous").get("/en/governments/CNKMG/cepa/new/")
    assert page.status_code == 302
    assert "/accounts/login/" in page["Location"]


def test_an_officer_registers_an_activity_and_it_is_audited(client_as, kunming):
    page = client_as("city_officer").post("/en/governments/CNKMG/cepa/new/", FORM)
    assert page.status_code == 302
    made = CepaActivity.objects.get(government=kunming, title__en="Bird walk at Cuihu")
    assert made.title == {"en": "Bird walk at Cuihu", "zh-hans": "翠湖观鸟"}
    assert made.languages == ["zh-hans", "en"]
    assert AuditEntry.objects.filter(action="cepa.create", object_id=str(made.pk)).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title_en": "", "title_zh": ""}, "Give the title in English or in Chinese."),
        ({"end": "2025-11-01"}, "The end date is before the start date."),
        ({"reach": "-3"}, "greater than or equal to 0"),
    ],
)
def test_a_bad_activity_is_refused_with_a_reason(client_as, kunming, change, message):
    page = client_as("city_officer").post("/en/governments/CNKMG/cepa/new/", {**FORM, **change})
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not CepaActivity.objects.filter(title__en="Bird walk at Cuihu").exists()


def test_another_governments_activity_cannot_be_edited_through_kunming(client_as):
    shenzhen = CepaActivity.objects.get(government__code="CNSZX")
    page = client_as("city_officer").get(f"/en/governments/CNKMG/cepa/{shenzhen.pk}/")
    assert page.status_code == 404


def test_an_officer_edits_an_activity(client_as, kunming):
    activity = CepaActivity.objects.filter(government=kunming, kind="event").get()
    url = f"/en/governments/CNKMG/cepa/{activity.pk}/"
    page = client_as("city_officer").post(url, {**FORM, "reach": "6000"})
    assert page.status_code == 302
    activity.refresh_from_db()
    assert activity.reach == 6000
    assert AuditEntry.objects.filter(action="cepa.edit", object_id=str(activity.pk)).exists()
