"""An officer starts a computation; the background job computes every indicator the files
allow through `localgbf.assess`, keeps the result and hands the values to the assessments."""

import hashlib

import pytest

from localgbf.assess import run_assessment
from localgbf.assess.recipe import Recipe
from localgbf.web.assessments.models import ComputationRecord, ComputationSource
from localgbf.web.computations import services
from localgbf.web.computations.models import Computation
from localgbf.web.governments.models import AuditEntry
from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.jobs.queue import run_pending

SPATIAL = ["landcover", "boundary", "parks", "population"]


def form_data(uploads, **extra):
    data = {role: uploads[role].pk for role in SPATIAL}
    return {"class_map": "preset:esa-worldcover", "edition": "2021", **data, **extra}


def independent(uploads):
    """The same assessment through the core alone, on the same stored files."""
    recipe = Recipe.model_validate(
        {
            "government": {"code": "CNKMG", "name": "Kunming"},
            "class_map": "esa-worldcover",
            **{role: uploads[role].path for role in SPATIAL},
        }
    )
    return run_assessment(recipe)


def test_a_computation_runs_in_the_background_and_feeds_the_assessments(client_as, uploads):
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/computations/new/", form_data(uploads)
    )
    computation = Computation.objects.get(government__code="CNKMG")
    assert response.status_code == 302
    assert response["Location"] == f"/en/computations/{computation.pk}/"
    assert computation.job.kind == "computations.assess"
    assert computation.job.status == JobStatus.QUEUED
    assert computation.result is None
    assert (
        AuditEntry.objects.filter(action="computation.start", government__code="CNKMG").count() == 1
    )

    run_pending()
    computation.refresh_from_db()
    expected = independent(uploads)
    numbers = [v.indicator for v in expected.indicators if v.value is not None]
    assert numbers == [1, 2, 10, 11, 12, 13]
    records = ComputationRecord.objects.filter(job=computation.job).order_by("indicator")
    assert [r.indicator for r in records] == numbers
    assert {r.source for r in records} == {ComputationSource.JOB}
    assert {r.government.code for r in records} == {"CNKMG"}
    for record, value in zip(records, expected.indicators, strict=True):
        assert record.value["value"] == pytest.approx(value.value)
        assert record.value["method_version"] == value.method_version
    assert (
        computation.job.status == JobStatus.SUCCEEDED
        or Job.objects.get(pk=computation.job.pk).status == JobStatus.SUCCEEDED
    )


def test_the_results_page_shows_values_units_methods_and_input_checksums(client_as, uploads):
    client = client_as("city_officer")
    client.post("/en/governments/CNKMG/computations/new/", form_data(uploads))
    run_pending()
    computation = Computation.objects.get(government__code="CNKMG")
    body = client_as("viewer").get(f"/en/computations/{computation.pk}/").content.decode()
    landcover = hashlib.sha256(uploads["landcover"].path.read_bytes()).hexdigest()
    assert landcover in body
    assert uploads["landcover"].filename in body
    assert "localgbf.spatial.natural_area" in body
    assert "hectares per 1,000 persons" in body
    natural = next(v for v in computation.result["indicators"] if v["indicator"] == 1)
    assert f"{natural['value']:.2f}" in body
    assert "Proportion of Natural Areas in the City" in body
    assert "needs protected_areas" in body


def test_values_per_sub_unit_are_shown_for_every_quartier(client_as, uploads):
    client = client_as("city_officer")
    client.post(
        "/en/governments/CNKMG/computations/new/",
        {
            "landcover": uploads["landcover"].pk,
            "class_map": "preset:esa-worldcover",
            "boundary": uploads["boundary"].pk,
            "subunits": uploads["subunits"].pk,
            "subunit_field": "name",
            "edition": "2021",
        },
    )
    run_pending()
    computation = Computation.objects.get(government__code="CNKMG")
    natural = next(v for v in computation.result["indicators"] if v["indicator"] == 1)
    assert len(natural["zones"]) == 9
    body = client.get(f"/en/computations/{computation.pk}/").content.decode()
    assert "Per sub-unit" in body
    assert "Monte-Carlo" in body and "Fontvieille" in body


def test_progress_goes_from_reading_the_inputs_to_done(kunming, users, uploads):
    computation = services.start_computation(
        kunming,
        user=users["city_officer"],
        datasets={"landcover": uploads["landcover"], "boundary": uploads["boundary"]},
        options={"class_map_preset": "esa-worldcover"},
    )
    seen: list[tuple[float, str]] = []
    services.run_computation(computation, computation.job, lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert seen[0] == (0.0, "reading inputs")
    assert seen[-1] == (1.0, "done")
