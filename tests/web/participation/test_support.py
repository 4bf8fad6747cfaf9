"""A network supports its members: notes to a member (answered by the member's officers),
capacity offered in answer to a member's need, a batch assessment prepared for a country's
members; who may do and read what, per persona."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from localgbf.reporting.plan_of_action_report import build_report
from localgbf.web.assessments.models import Assessment
from localgbf.web.commitments.models import Commitment
from localgbf.web.governments.models import AuditEntry, Government
from localgbf.web.participation import poa
from localgbf.web.participation.models import OrganisationOffer, SupportNote
from localgbf.web.plans.models import CapacityNeed, PlanVersion

SCRIPT = '<script>alert("x")</script> Please check target 1.1'


@pytest.fixture
def network(demo):
    return demo["organisation:cn-cities-network"]


def _support_url(government: str = "CNKMG") -> str:
    return reverse("member-support", args=["cn-cities-network", government])


def _note_data(subject: str = "", text: str = SCRIPT, language: str = "en") -> dict[str, str]:
    return {"form": "note", "note-text": text, "note-language": language, "note-subject": subject}


def test_the_demo_network_wrote_to_kunming_and_shenzhen_and_kunming_answered(demo, network):
    kunming = demo["support-note:CNKMG"]
    shenzhen = demo["support-note:CNSZX"]
    assert kunming.is_answered and kunming.language == "zh-hans"
    assert kunming.plan_version == PlanVersion.objects.get(plan__government__code="CNKMG", number=1)
    assert kunming.answered_by == demo["user:kunming.officer"]
    assert not shenzhen.is_answered and shenzhen.language == "en"
    assert shenzhen.commitment is not None and shenzhen.commitment.government.code == "CNSZX"
    offer = demo["network-offer:CNKMG"]
    assert (offer.need.government.code, offer.need.topic) == ("CNKMG", "monitoring")
    assert offer.title["en"] and offer.title["zh-hans"]


def test_building_the_demo_twice_keeps_two_notes_and_one_offer(demo, network):
    from localgbf.web.core.demo import build_demo

    build_demo()
    assert SupportNote.objects.filter(organisation=network).count() == 2
    assert OrganisationOffer.objects.filter(organisation=network).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("network_staff", 200),
        ("network_admin", 200),
        ("city_officer", 403),
        ("other_officer", 403),
        ("reviewer", 403),
        ("outsider", 403),
        ("anonymous", 302),
    ],
)
def test_only_the_network_s_staff_open_a_member_s_support_page(client_as, persona, status):
    assert client_as(persona).get(_support_url()).status_code == status


def test_a_government_that_is_not_a_member_has_no_support_page(client_as):
    assert client_as("network_staff").get(_support_url("CNSHA")).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("city_officer", 200),
        ("network_admin", 200),
        ("network_staff", 403),
        ("other_officer", 403),
        ("viewer", 403),
        ("outsider", 403),
        ("anonymous", 302),
    ],
)
def test_only_the_member_s_officers_open_its_network_support_page(client_as, persona, status):
    url = reverse("network-support", args=["CNKMG"])
    assert client_as(persona).get(url).status_code == status


def test_staff_write_a_note_on_a_shared_commitment_stored_as_typed_shown_escaped(
    client_as, kunming
):
    commitment = Commitment.objects.filter(government=kunming).order_by("number").first()
    response = client_as("network_staff").post(
        _support_url(), _note_data(f"commitment:{commitment.pk}")
    )
    assert response.status_code == 302
    note = SupportNote.objects.get(government=kunming, commitment=commitment)
    assert note.text == SCRIPT
    assert AuditEntry.objects.filter(
        action="support_note.create", object_id=str(note.pk), government=kunming
    ).exists()
    page = client_as("city_officer").get(reverse("network-support", args=["CNKMG"]))
    html = page.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html
    assert commitment.reference in html
    staff_page = client_as("network_staff").get(_support_url()).content.decode()
    assert "&lt;script&gt;" in staff_page and '<script>alert("x")' not in staff_page


def test_a_note_may_not_point_at_a_record_the_member_does_not_share(client_as, demo):
    """Shenzhen shares plans and commitments, not assessments; Kunming's records are not its."""
    shenzhen = Government.objects.get(code="CNSZX")
    kunming_assessment = Assessment.objects.filter(government__code="CNKMG").first()
    kunming_commitment = Commitment.objects.filter(government__code="CNKMG").first()
    client = client_as("network_staff")
    for subject in (f"assessment:{kunming_assessment.pk}", f"commitment:{kunming_commitment.pk}"):
        response = client.post(_support_url("CNSZX"), _note_data(subject))
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert SupportNote.objects.filter(government=shenzhen).count() == 1  # the demo's


def test_an_empty_note_is_refused_with_a_message(client_as, kunming):
    response = client_as("network_staff").post(_support_url(), _note_data(text="   "))
    assert response.status_code == 200
    assert SupportNote.objects.filter(government=kunming).count() == 1


def test_a_note_on_a_plan_version_shows_on_that_version_to_the_officers_and_the_staff_only(
    client_as, demo
):
    url = reverse("plan-version", args=["CNKMG", 1])
    reply_start = demo["support-note:CNKMG"].reply[:12]
    for persona in ("city_officer", "network_staff"):
        assert reply_start in client_as(persona).get(url).content.decode(), persona
    for persona in ("anonymous", "outsider", "other_officer"):
        response = client_as(persona).get(url)
        assert response.status_code == 200
        assert reply_start not in response.content.decode(), persona


def test_the_officer_of_another_city_does_not_read_kunming_s_notes(client_as, demo):
    html = client_as("other_officer").get(reverse("network-support", args=["CNSZX"])).content
    assert demo["support-note:CNSZX"].text[:20].encode() in html
    assert demo["support-note:CNKMG"].text[:10].encode() not in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("city_officer", 302),
        ("network_staff", 403),
        ("other_officer", 403),
        ("outsider", 403),
        ("anonymous", 302),
    ],
)
def test_only_the_member_s_officers_mark_a_note_answered(client_as, demo, persona, status):
    """other_officer is Shenzhen's officer: Kunming's note is not theirs to answer."""
    note = SupportNote.objects.create(
        organisation=demo["organisation:cn-cities-network"],
        government=demo["government:CNKMG"],
        text="Please add a 2025 baseline.",
    )
    url = reverse("support-note-answer", args=[note.pk])
    response = client_as(persona).post(url, {"reply": "Done, see version 2."})
    assert response.status_code == status
    note.refresh_from_db()
    if persona == "city_officer":
        assert note.is_answered and note.reply == "Done, see version 2."
        assert AuditEntry.objects.filter(
            action="support_note.answer", object_id=str(note.pk)
        ).exists()
    else:
        assert not note.is_answered


def test_a_network_offer_answers_a_member_s_need_and_shows_beside_it(client_as, kunming):
    need = CapacityNeed.objects.create(
        government=kunming,
        topic="restoration",
        title={"en": "Wetland planting", "zh-hans": "湿地种植"},
    )
    response = client_as("network_staff").post(
        _support_url(),
        {
            "form": "offer",
            "offer-need": need.pk,
            "offer-title_en": "Nursery of native reeds",
            "offer-title_zh": "本地芦苇苗圃",
            "offer-languages": ["zh-hans"],
            "offer-contact": "reeds@example.org",
        },
    )
    assert response.status_code == 302
    offer = OrganisationOffer.objects.get(need=need)
    assert offer.organisation.code == "cn-cities-network"
    assert AuditEntry.objects.filter(
        action="organisation_offer.create", object_id=str(offer.pk), government=kunming
    ).exists()
    officer_page = client_as("city_officer").get(reverse("network-support", args=["CNKMG"]))
    assert "Nursery of native reeds" in officer_page.content.decode()
    capacity = client_as("anonymous").get(reverse("capacity")).content.decode()
    assert "Nursery of native reeds" in capacity


def test_an_offer_may_only_answer_the_member_s_own_open_need(client_as, demo):
    foreign = CapacityNeed.objects.filter(government__code="CNDLU").first()
    response = client_as("network_staff").post(
        _support_url(),
        {"form": "offer", "offer-need": foreign.pk, "offer-title_en": "Anything"},
    )
    assert response.status_code == 200
    assert not OrganisationOffer.objects.filter(need=foreign).exists()


def test_the_network_s_offer_counts_in_action_area_4_of_both_reports(demo, network, kunming):
    need = demo["network-offer:CNKMG"].need
    label = f"CNKMG {need}"
    for report in (
        build_report(poa.network_input(network)),
        build_report(poa.country_input(Government.objects.get(code="CN"))),
    ):
        offers = report.figure(4, "offers_organisations")
        assert offers.value == 1
        assert offers.links[0].label.startswith("CNKMG cn-cities-network:")
        assert label in [r.label for r in report.figure(4, "needs_matched").links]


def test_a_withdrawn_offer_no_longer_counts(demo, network):
    offer = demo["network-offer:CNKMG"]
    offer.is_active = False
    offer.save()
    assert build_report(poa.network_input(network)).figure(4, "offers_organisations").value == 0


def test_the_organisation_page_gives_staff_the_support_links(client_as):
    url = reverse("organisation", args=["cn-cities-network"])
    html = client_as("network_staff").get(url).content.decode()
    assert _support_url("CNKMG") in html and _support_url("CNSZX") in html
    for persona in ("anonymous", "outsider", "city_officer"):
        assert _support_url() not in client_as(persona).get(url).content.decode(), persona


def test_staff_who_may_not_launch_a_batch_are_told_who_does(client_as):
    html = client_as("network_staff").get(reverse("organisation", args=["cn-cities-network"]))
    text = html.content.decode()
    assert "launched by the country's reviewer" in text
    assert "Prepare a batch assessment" not in text
    assert reverse("batches", args=["CN"]) not in text  # a page they may not open


def test_a_network_administrator_gets_the_batch_page_with_the_members_ticked(client_as):
    client = client_as("network_admin")
    html = client.get(reverse("organisation", args=["cn-cities-network"])).content.decode()
    assert "Prepare a batch assessment of the 3 members in" in html
    address = reverse("batches", args=["CN"]) + "?governments=CNDLU&amp;governments=CNKMG"
    assert address in html
    page = client.get(
        reverse("batches", args=["CN"]),
        {"governments": ["CNDLU", "CNKMG", "CNSZX"]},
    )
    form = page.context["form"]
    assert sorted(form["governments"].value()) == ["CNDLU", "CNKMG", "CNSZX"]


def test_the_batch_page_still_refuses_network_staff(client_as):
    url = reverse("batches", args=["CN"]) + "?governments=CNKMG"
    assert client_as("network_staff").get(url).status_code == 403


def test_the_pages_read_in_chinese(client_as):
    with translation.override("zh-hans"):
        url = _support_url()
    assert url.startswith("/zh-hans/")
    page = client_as("network_staff").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "致成员的说明" in html and "提供能力支持" in html
    with translation.override("zh-hans"):
        officer = client_as("city_officer").get(reverse("network-support", args=["CNKMG"]))
    assert "网络和委员会的支持" in officer.content.decode()
