"""Consultations on national targets: the life cycle (open, input, response, close, export)
and who may do what, per persona."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from localgbf.web.governments.models import AuditEntry, Government
from localgbf.web.participation import consultations as service
from localgbf.web.participation.models import Consultation, ConsultationInput, Organisation
from localgbf.web.plans.models import LocalTarget


@pytest.fixture
def country(demo) -> Government:
    return Government.objects.get(code="CN")


@pytest.fixture
def consultation(demo, country) -> Consultation:
    today = timezone.localdate()
    return Consultation.objects.create(
        country=country,
        framework=demo["national:CN"],
        title={"en": "Test consultation", "zh-hans": "测试征求意见"},
        questions={"en": "Which target matters most?", "zh-hans": "哪个目标最重要？"},
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=30),
    )


@pytest.fixture
def target(consultation):
    return service.national_targets(consultation.framework).first()


def _input_data(author: str, target, **extra) -> dict:
    data = {
        "author": author,
        "element": str(target.pk),
        "stance": "change",
        "proposal": "Protect 30% of the city's wetlands by 2030.",
        "text": "Our wetland survey shows the share can be higher.",
        "language": "en",
    }
    data.update(extra)
    return data


def _kunming_target() -> LocalTarget:
    kunming = Government.objects.get(code="CNKMG")
    version = kunming.plan.in_force()
    return LocalTarget.objects.filter(version=version).order_by("order").first()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("viewer", 403),
        ("city_officer", 403),
        ("network_staff", 403),
        ("reviewer", 200),
        ("network_admin", 200),
    ],
)
def test_only_the_national_side_may_open_a_consultation(client_as, country, persona, status):
    assert (
        client_as(persona).get(f"/en/governments/{country.code}/consultations/new/").status_code
        == status
    )


def test_the_reviewer_opens_a_consultation_and_the_opening_is_audited(client_as, demo, country):
    today = timezone.localdate()
    response = client_as("reviewer").post(
        f"/en/governments/{country.code}/consultations/new/",
        {
            "framework": demo["national:CN"].pk,
            "title_en": "Revising the national targets",
            "title_zh": "修订国家目标",
            "questions_en": "Are the targets ambitious enough?\nWhat is missing?",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=60)).isoformat(),
        },
    )
    consultation = Consultation.objects.get(title__en="Revising the national targets")
    assert response.status_code == 302
    assert response["Location"] == f"/en/consultations/{consultation.pk}/"
    assert consultation.question_list("en") == [
        "Are the targets ambitious enough?",
        "What is missing?",
    ]
    assert AuditEntry.objects.filter(
        action="consultation.open", object_id=str(consultation.pk)
    ).exists()


def test_a_consultation_that_closes_before_it_opens_is_refused(client_as, demo, country):
    today = timezone.localdate()
    response = client_as("reviewer").post(
        f"/en/governments/{country.code}/consultations/new/",
        {
            "framework": demo["national:CN"].pk,
            "title_en": "Backwards",
            "opens_on": today.isoformat(),
            "closes_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "The consultation closes before it opens." in response.content.decode()
    assert not Consultation.objects.filter(title__en="Backwards").exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 404),
        ("outsider", 403),
        ("viewer", 200),
        ("city_officer", 200),
        ("other_officer", 200),
        ("region_officer", 200),
        ("network_staff", 200),
        ("reviewer", 200),
        ("network_admin", 200),
    ],
)
def test_a_private_consultation_is_read_by_the_country_s_governments_and_organisations(
    client_as, consultation, persona, status
):
    assert client_as(persona).get(f"/en/consultations/{consultation.pk}/").status_code == status


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_a_public_record_is_read_by_anyone(client_as, consultation, persona):
    consultation.is_public = True
    consultation.save()
    response = client_as(persona).get(f"/en/consultations/{consultation.pk}/")
    assert response.status_code == 200
    assert "Test consultation" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("viewer", 403),
        ("reviewer", 403),
        ("outsider", 403),
        ("city_officer", 200),
        ("network_staff", 200),
        ("other_officer", 200),
    ],
)
def test_officers_of_subnational_governments_and_network_staff_give_input(
    client_as, consultation, persona, status
):
    assert (
        client_as(persona).get(f"/en/consultations/{consultation.pk}/input/").status_code == status
    )


def test_a_city_officer_gives_input_with_a_link_to_the_city_s_own_target(
    client_as, consultation, target
):
    kunming = Government.objects.get(code="CNKMG")
    local = _kunming_target()
    response = client_as("city_officer").post(
        f"/en/consultations/{consultation.pk}/input/",
        _input_data(f"gov:{kunming.pk}", target, evidence_targets=[str(local.pk)]),
    )
    assert response.status_code == 302
    item = ConsultationInput.objects.get(consultation=consultation)
    assert item.government == kunming and item.organisation is None
    assert list(item.evidence_targets.all()) == [local]
    assert AuditEntry.objects.filter(action="consultation.input", object_id=str(item.pk)).exists()
    page = client_as("reviewer").get(f"/en/consultations/{consultation.pk}/").content.decode()
    assert f"#target-{local.pk}" in page


def test_an_officer_may_not_give_input_for_another_city(client_as, consultation, target):
    kunming = Government.objects.get(code="CNKMG")
    response = client_as("other_officer").post(
        f"/en/consultations/{consultation.pk}/input/", _input_data(f"gov:{kunming.pk}", target)
    )
    assert response.status_code == 200
    assert not ConsultationInput.objects.filter(consultation=consultation).exists()


def test_an_officer_may_not_cite_another_city_s_records_as_evidence(
    client_as, consultation, target
):
    shenzhen = Government.objects.get(code="CNSZX")
    response = client_as("other_officer").post(
        f"/en/consultations/{consultation.pk}/input/",
        _input_data(f"gov:{shenzhen.pk}", target, evidence_targets=[str(_kunming_target().pk)]),
    )
    assert response.status_code == 200
    assert "evidence_targets" in response.context["form"].errors
    assert not ConsultationInput.objects.filter(consultation=consultation).exists()


def test_network_staff_give_input_for_the_network_citing_what_a_member_shares(
    client_as, consultation, target
):
    network = Organisation.objects.get(code="cn-cities-network")
    local = _kunming_target()
    response = client_as("network_staff").post(
        f"/en/consultations/{consultation.pk}/input/",
        _input_data(
            f"org:{network.pk}",
            target,
            stance="support",
            proposal="",
            evidence_targets=[str(local.pk)],
        ),
    )
    assert response.status_code == 302
    item = ConsultationInput.objects.get(consultation=consultation)
    assert item.organisation == network and item.government is None
    assert list(item.evidence_targets.all()) == [local]


def test_a_change_without_the_proposed_wording_is_refused(client_as, consultation, target):
    kunming = Government.objects.get(code="CNKMG")
    response = client_as("city_officer").post(
        f"/en/consultations/{consultation.pk}/input/",
        _input_data(f"gov:{kunming.pk}", target, proposal=""),
    )
    assert response.context["form"].errors["proposal"] == ["Give the wording you propose."]


def test_input_on_a_closed_consultation_is_refused_with_a_clear_message(
    client_as, consultation, target
):
    consultation.closes_on = timezone.localdate() - timedelta(days=1)
    consultation.opens_on = consultation.closes_on - timedelta(days=10)
    consultation.save()
    kunming = Government.objects.get(code="CNKMG")
    response = client_as("city_officer").post(
        f"/en/consultations/{consultation.pk}/input/",
        _input_data(f"gov:{kunming.pk}", target),
        follow=True,
    )
    text = response.content.decode()
    assert f"This consultation closed on {consultation.closes_on.isoformat()}" in text
    assert "input is no longer accepted" in text
    assert not ConsultationInput.objects.filter(consultation=consultation).exists()


def test_the_service_refuses_input_once_the_reviewer_closes_the_consultation(
    client_as, users, consultation, target
):
    assert (
        client_as("reviewer").post(f"/en/consultations/{consultation.pk}/close/").status_code == 302
    )
    consultation.refresh_from_db()
    assert consultation.closed_at is not None
    kunming = Government.objects.get(code="CNKMG")
    item = ConsultationInput(element=target, stance="support", text="Yes.", government=kunming)
    with pytest.raises(service.ConsultationClosed):
        service.submit_input(users["city_officer"], consultation, item, {})
    assert AuditEntry.objects.filter(action="consultation.close").count() == 1


@pytest.mark.parametrize("persona", ["city_officer", "network_staff", "viewer", "other_officer"])
def test_only_the_national_side_responds(client_as, users, consultation, target, persona):
    kunming = Government.objects.get(code="CNKMG")
    item = service.submit_input(
        users["city_officer"],
        consultation,
        ConsultationInput(element=target, stance="support", text="Yes.", government=kunming),
        {},
    )
    response = client_as(persona).post(
        f"/en/consultations/{consultation.pk}/inputs/{item.pk}/respond/",
        {"response": "accepted", "reason": "Fine."},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.response == ""


def test_the_reviewer_responds_and_the_record_exports_show_it(
    client_as, users, consultation, target
):
    kunming = Government.objects.get(code="CNKMG")
    item = service.submit_input(
        users["city_officer"],
        consultation,
        ConsultationInput(
            element=target,
            stance="change",
            proposal="Restore 40 km of river banks.",
            text="We restored 12 km already.",
            government=kunming,
        ),
        {"targets": [_kunming_target()]},
    )
    reviewer = client_as("reviewer")
    response = reviewer.post(
        f"/en/consultations/{consultation.pk}/inputs/{item.pk}/respond/",
        {"response": "partly", "reason": "The length is kept; the date moves to 2028."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.response, item.responded_by) == ("partly", users["reviewer"])
    assert AuditEntry.objects.filter(
        action="consultation.response", object_id=str(item.pk)
    ).exists()

    xlsx = reviewer.get(f"/en/consultations/{consultation.pk}/export.xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["Inputs 意见"].iter_rows(values_only=True))
    assert rows[1][1] == target.code
    assert rows[1][5] == "We restored 12 km already."
    assert rows[1][9] == "Partly accepted / 部分采纳"
    assert "/governments/CNKMG/plan/v" in rows[1][7]
    changes = list(book["Changes 变化"].iter_rows(values_only=True))
    assert changes[1][0] == target.code and changes[1][1] == "Proposal taken up / 已采纳的建议"

    pdf = reviewer.get(f"/en/consultations/{consultation.pk}/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_private_record_cannot_be_exported_by_an_outsider(client_as, consultation):
    assert (
        client_as("outsider").get(f"/en/consultations/{consultation.pk}/export.xlsx").status_code
        == 403
    )


def test_the_consultation_page_reads_in_chinese(client_as, consultation):
    client = client_as("reviewer")
    response = client.get(f"/zh-hans/consultations/{consultation.pk}/")
    text = response.content.decode()
    assert "测试征求意见" in text and "哪个目标最重要？" in text
