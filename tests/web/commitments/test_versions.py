"""Accepted items are locked; a change is a new version, reviewed again."""

from __future__ import annotations

import pytest

from localgbf.web.commitments import services
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.models import CommitmentDocument

from .conftest import form_data


@pytest.fixture
def accepted(make_version, users):
    version = make_version()
    version.other_global.set([])
    CommitmentDocument.objects.create(
        version=version, title={"en": "Plan"}, url="https://kunming.example/plan.pdf"
    )
    services.submit(version, users["city_officer"], notify_reviewers=False)
    services.accept(version, users["reviewer"])
    version.refresh_from_db()
    return version


def test_an_accepted_version_cannot_be_edited_on_the_web(accepted, client_as):
    client = client_as("city_officer")
    response = client.get(f"/en/commitments/{accepted.commitment_id}/edit/")
    assert response.status_code == 403
    assert b"an accepted version is locked" in response.content
    response = client.post(f"/en/commitments/{accepted.commitment_id}/kpis/", {})
    assert response.status_code == 403


def test_the_service_refuses_a_change_to_an_accepted_version(accepted, users):
    with pytest.raises(
        CommitmentError, match="An accepted version is locked: start a new version to change it."
    ):
        services.submit(accepted, users["city_officer"])


def test_a_new_version_copies_content_kpis_and_documents_and_is_a_draft(accepted, users):
    new = services.new_version(accepted.commitment, users["city_officer"])
    assert (new.number, new.state, new.title, new.primary_national) == (
        2,
        "draft",
        accepted.title,
        accepted.primary_national,
    )
    assert [(k.code, k.unit, k.target_value) for k in new.kpis.all()] == [("K1", "trees", 10000)]
    assert [d.url for d in new.documents.all()] == ["https://kunming.example/plan.pdf"]
    assert accepted.kpis.get().pk != new.kpis.get().pk


def test_only_one_version_is_open_at_a_time(accepted, users):
    services.new_version(accepted.commitment, users["city_officer"])
    with pytest.raises(
        CommitmentError,
        match=r"A version of CNKMG-C\d+ is already being written or reviewed: continue with it\.",
    ):
        services.new_version(accepted.commitment, users["city_officer"])


def test_the_web_flow_new_version_edit_submit(accepted, client_as):
    client = client_as("city_officer")
    pk = accepted.commitment_id
    assert client.post(f"/en/commitments/{pk}/new-version/").status_code == 302
    page = client.get(f"/en/commitments/{pk}/edit/")
    assert page.status_code == 200
    data = form_data(page.context["form"], title_en="Plant 12,000 native trees")
    response = client.post(f"/en/commitments/{pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert client.post(f"/en/commitments/{pk}/submit/").status_code == 302
    versions = list(
        accepted.commitment.versions.order_by("number").values_list("number", "state", "title__en")
    )
    assert versions == [
        (1, "accepted", "Plant 10,000 native trees"),
        (2, "pending", "Plant 12,000 native trees"),
    ]
