"""The participation demo: what a reviewer, a visitor and the network's staff find in it, and
the country's Plan of Action report filled from it (figures checked against demo_data.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from localgbf.reporting.plan_of_action_report import build_report
from localgbf.web.core.demo import build_demo
from localgbf.web.governments.models import Government
from localgbf.web.participation import poa
from localgbf.web.participation.models import (
    CommentStatus,
    Consultation,
    ConsultationInput,
    PublicComment,
)


@pytest.fixture
def consultation(demo) -> Consultation:
    return demo["consultation:CN"]


def test_the_demo_consultation_is_open_with_inputs_from_two_cities_and_the_network(consultation):
    assert consultation.is_open_on(timezone.localdate())
    authors = {(i.author.code, i.stance) for i in consultation.inputs.all()}
    assert authors == {
        ("CNKMG", "change"),
        ("CNKMG", "support"),
        ("CNSZX", "new"),
        ("cn-cities-network", "change"),
        ("cn-cities-network", "support"),
    }
    assert sorted(i.response for i in consultation.inputs.all()) == [
        "",
        "",
        "accepted",
        "accepted",
        "partly",
    ]
    network_input = consultation.inputs.get(organisation__code="cn-cities-network", stance="change")
    assert {t.code for t in network_input.evidence_targets.all()} == {"2.1"}
    assert {t.version.plan.government.code for t in network_input.evidence_targets.all()} == {
        "CNKMG",
        "CNSZX",
    }


def test_building_the_demo_again_changes_nothing(demo):
    before = (ConsultationInput.objects.count(), PublicComment.objects.count())
    build_demo()
    assert (ConsultationInput.objects.count(), PublicComment.objects.count()) == before == (5, 5)


def test_the_demo_public_consultation_has_comments_in_each_state(demo):
    consultation = demo["public-consultation:CNKMG"]
    states = sorted(consultation.comments.values_list("status", flat=True))
    assert states == ["pending", "published", "published", "published", "rejected"]
    changed = consultation.comments.get(led_to_change=True)
    assert changed.target.code == "1.1" and changed.status == CommentStatus.PUBLISHED


def test_the_country_report_counts_the_demo_participation(demo):
    report = build_report(poa.country_input(Government.objects.get(code="CN")))
    # One consultation; five inputs; taken up: Kunming's partly, Kunming's and the network's
    # accepted; authors: Kunming, Shenzhen, the network.
    assert report.figure(2, "consultations").value == 1
    assert report.figure(2, "inputs").value == 5
    assert report.figure(2, "inputs_taken_up").value == 3
    assert report.figure(2, "input_authors").value == 3
    # Kunming's public consultation: three published comments (one pending, one rejected).
    assert report.figure(5, "public_consultations").value == 1
    assert report.figure(5, "published_comments").value == 3


def test_the_network_report_counts_its_own_and_its_members_inputs(demo):
    network = demo["organisation:cn-cities-network"]
    report = build_report(poa.network_input(network))
    # All five inputs come from the network or its members (Kunming, Shenzhen).
    assert report.figure(2, "inputs").value == 5


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 200),
        ("outsider", 200),
        ("viewer", 200),
        ("reviewer", 200),
        ("network_staff", 200),
    ],
)
def test_the_list_of_consultations_opens_for_everyone(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CN/consultations/").status_code == status


def test_the_list_shows_a_private_consultation_only_to_those_who_may_read_it(
    client_as, consultation
):
    title = consultation.title["en"]
    assert (
        title
        not in client_as("anonymous").get("/en/governments/CN/consultations/").content.decode()
    )
    assert title in client_as("reviewer").get("/en/governments/CN/consultations/").content.decode()
    page = client_as("network_staff").get("/zh-hans/governments/CN/consultations/").content.decode()
    assert consultation.title["zh-hans"] in page


def test_a_visitor_reads_the_public_consultation_in_both_languages(client_as, demo):
    consultation = demo["public-consultation:CNKMG"]
    visitor = client_as("anonymous")
    english = visitor.get(f"/en/public-consultations/{consultation.pk}/").content.decode()
    chinese = visitor.get(f"/zh-hans/public-consultations/{consultation.pk}/").content.decode()
    assert "Pocket parks are welcome" in english and "Best prices" not in english
    assert "自然教育能否覆盖" not in english  # pending
    assert "规划草案公众意见征集" in chinese and "张敏" in chinese
