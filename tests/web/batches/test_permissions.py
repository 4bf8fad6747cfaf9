"""Who may see batches, and who may launch one: the country's reviewers and network admins."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from localgbf.web.batches.models import BatchRun
from localgbf.web.governments.models import Membership, Role
from localgbf.web.jobs.models import Job

# anonymous visitors go to the login page; Kunming's and Yunnan's people are not China's
VIEW = [
    ("anonymous", 302),
    ("outsider", 403),
    ("other_officer", 403),
    ("city_officer", 403),
    ("region_officer", 403),
    ("viewer", 403),
    ("reviewer", 200),
    ("network_admin", 200),
]


@pytest.mark.parametrize(("persona", "status"), VIEW)
def test_the_batch_list_is_for_the_country_s_members(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CN/batches/").status_code == status


@pytest.mark.parametrize(("persona", "status"), VIEW)
def test_a_batch_page_is_for_the_country_s_members(client_as, demo_run, persona, status):
    assert client_as(persona).get(f"/en/batches/{demo_run.pk}/").status_code == status


@pytest.mark.parametrize(("persona", "status"), VIEW)
def test_the_downloads_are_for_the_country_s_members(client_as, demo_run, persona, status):
    client = client_as(persona)
    assert client.get(f"/en/batches/{demo_run.pk}/summary.xlsx").status_code == status
    assert client.get(f"/en/batches/{demo_run.pk}/results/CNDLU.json").status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("outsider", 403), ("city_officer", 403), ("region_officer", 403),
     ("viewer", 403), ("reviewer", 302), ("network_admin", 302)],
)  # fmt: skip
def test_only_the_country_s_reviewers_and_network_admins_may_launch(
    client_as, launch_data, persona, status
):
    before = BatchRun.objects.count()
    response = client_as(persona).post("/en/governments/CN/batches/", launch_data)
    assert response.status_code == status
    launched = BatchRun.objects.count() - before
    assert launched == (1 if persona in ("reviewer", "network_admin") else 0)


def test_a_country_officer_sees_the_batches_but_cannot_launch(users, client_as, china, launch_data):
    officer = get_user_model().objects.create_user("china.officer", password="x")
    Membership.objects.create(user=officer, government=china, role=Role.OFFICER)
    users["china_officer"] = officer
    client = client_as("china_officer")
    page = client.get("/en/governments/CN/batches/").content.decode()
    assert "Launch the batch" not in page
    assert (
        "Batches are launched by the country’s reviewers" in page
        or "launched by the country" in page
    )
    assert client.post("/en/governments/CN/batches/", launch_data).status_code == 403


def test_a_province_has_no_batch_page(client_as):
    assert client_as("network_admin").get("/en/governments/CN-YN/batches/").status_code == 404


def test_a_launch_is_audited_and_queued_as_one_job(client_as, china, launch_data):
    response = client_as("reviewer").post("/en/governments/CN/batches/", launch_data)
    run = BatchRun.objects.latest("pk")
    assert response["Location"] == f"/en/batches/{run.pk}/"
    assert run.codes == ["CNSZX", "CNSHA"]
    assert {row["role"] for row in run.inputs} == {"landcover", "boundaries"}
    job = Job.objects.get(kind="batches.run", status="queued")
    assert job == run.job and job.params == {"batch": run.pk} and job.government == china
    assert run.created_by.username == "china.reviewer"
    from localgbf.web.governments.models import AuditEntry

    entry = AuditEntry.objects.get(action="batch.launch", object_id=str(run.pk))
    assert entry.after["codes"] == ["CNSZX", "CNSHA"]
