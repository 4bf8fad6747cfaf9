"""The batch job: one job of the queue runs the batch on Dask and pre-fills the values.

The values themselves are checked against hand-worked and independent computations in
tests/batch; here, that each government's values arrive as computation records marked as
coming from the batch, waiting to be confirmed, exactly as its result document holds them.
"""

from __future__ import annotations

import json

import pytest

from localgbf.assess import AssessmentResult
from localgbf.batch import GovernmentRun, Status
from localgbf.web.assessments import services as assessments
from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.batches import services
from localgbf.web.batches.models import BatchItem, BatchRun
from localgbf.web.jobs.queue import run_pending

pytestmark = pytest.mark.slow


@pytest.fixture
def finished(client_as, launch_data, threads_cluster) -> BatchRun:
    client_as("reviewer").post("/en/governments/CN/batches/", launch_data)
    run = BatchRun.objects.latest("pk")
    assert run_pending() == 1
    run.refresh_from_db()
    return run


def test_the_job_pre_fills_each_city_s_values_to_be_confirmed(finished, china):
    job = finished.job
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    shenzhen = BatchItem.objects.get(batch=finished, code="CNSZX")
    assert shenzhen.status == "done" and shenzhen.government.code == "CNSZX"
    records = ComputationRecord.objects.filter(government=shenzhen.government, job=job)
    assert {r.source for r in records} == {"batch"}
    assert {r.status for r in records} == {"pending"}
    computed = {v["indicator"]: v for v in shenzhen.result["indicators"] if v["value"] is not None}
    assert {r.indicator: r.value for r in records} == computed
    assert shenzhen.records == len(computed) == 4
    assert set(records) <= set(assessments.pending_computations(shenzhen.government))
    assert job.result == {"batch": finished.pk, "done": 1, "failed": 1, "records": 4}


def test_a_city_outside_the_land_cover_is_recorded_as_failed(finished):
    shanghai = BatchItem.objects.get(batch=finished, code="CNSHA")
    assert shanghai.status == "failed" and shanghai.records == 0
    assert shanghai.error == (
        "cn_south_landcover_demo.tif: does not cover feature 5 (code CNSHA) of "
        "cn_city_outlines_demo.geojson (no cell lies within its bounds)"
    )
    assert not ComputationRecord.objects.filter(government__code="CNSHA", job=finished.job).exists()


def test_recording_the_outcomes_again_adds_no_record_twice(finished):
    before = ComputationRecord.objects.count()
    outcomes = [
        services.Outcome(
            GovernmentRun(i.code, i.name, Status(i.status), i.error),
            AssessmentResult.model_validate(i.result) if i.result else None,
        )
        for i in finished.items.all()
    ]
    services.record_outcomes(finished, finished.job, outcomes, cluster="", seconds=0, not_found=[])
    assert ComputationRecord.objects.count() == before


def test_the_page_and_the_downloads_show_the_finished_batch(client_as, finished):
    client = client_as("reviewer")
    page = client.get(f"/en/batches/{finished.pk}/").content.decode()
    assert "values pre-filled by batch, to be confirmed" in page
    assert "Shenzhen" in page and "does not cover feature 5 (code CNSHA)" in page
    document = client.get(f"/en/batches/{finished.pk}/results/CNSZX.json")
    assert (
        json.loads(document.content) == BatchItem.objects.get(batch=finished, code="CNSZX").result
    )
    csv = client.get(f"/en/batches/{finished.pk}/summary.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("code,name,status,error,seconds,worker_peak_mib,i1_value")
    assert csv.splitlines()[1].startswith("CNSHA,Shanghai,failed,")


def test_a_deleted_layer_fails_the_job_with_a_message(
    client_as, launch_data, layers, threads_cluster
):
    client_as("network_admin").post("/en/governments/CN/batches/", launch_data)
    run = BatchRun.objects.latest("pk")
    layers["boundaries"].delete()
    run_pending()
    run.job.refresh_from_db()
    assert run.job.status == "failed"
    assert "a layer of this batch has been deleted; launch a new batch" in run.job.error
