"""A computation whose file cannot be used fails with a message naming the file and the
problem, and stores nothing: no result, no computation record."""

import json

import pytest

from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.computations import services
from localgbf.web.computations.models import Computation
from localgbf.web.jobs.models import JobStatus
from localgbf.web.jobs.queue import run_pending

FAR_AWAY = {
    "type": "Feature",
    "properties": {},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]],
    },
}


def start(kunming, users, datasets):
    return services.start_computation(
        kunming,
        user=users["city_officer"],
        datasets=datasets,
        options={"class_map_preset": "esa-worldcover"},
    )


def test_a_truncated_land_cover_fails_naming_the_file(kunming, users, uploads, raw_dataset):
    broken = raw_dataset(
        "city-landcover-2023.tif", uploads["landcover"].path.read_bytes()[:400], "landcover"
    )
    computation = start(kunming, users, {"landcover": broken, "boundary": uploads["boundary"]})
    run_pending()
    computation.refresh_from_db()
    job = computation.job
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("city-landcover-2023.tif")
    assert "localgbf-assess" not in job.error and "/tmp" not in job.error
    assert computation.result is None
    assert not ComputationRecord.objects.filter(job=computation.job).exists()


def test_a_boundary_that_misses_the_land_cover_fails_naming_the_boundary(
    kunming, users, uploads, raw_dataset
):
    away = raw_dataset("elsewhere.geojson", json.dumps(FAR_AWAY).encode(), "boundary")
    computation = start(kunming, users, {"landcover": uploads["landcover"], "boundary": away})
    run_pending()
    computation.refresh_from_db()
    assert computation.job.status == JobStatus.FAILED
    assert "elsewhere.geojson" in computation.job.error
    assert "overlap" in computation.job.error
    assert computation.result is None
    assert not ComputationRecord.objects.filter(job=computation.job).exists()


def test_a_value_the_assessments_refuse_stores_nothing_either(kunming, users, uploads, monkeypatch):
    """The records are written with the result in one transaction: when the assessments refuse
    a value, neither the result nor any earlier record of the batch is kept."""
    from localgbf.web.assessments.services import ComputationError

    real = services.add_computations

    def record_then_refuse(*args, **kwargs):
        assert real(*args, **kwargs)
        raise ComputationError("indicator 12: unit 'ha per 1000 persons' refused")

    monkeypatch.setattr(services, "add_computations", record_then_refuse)
    computation = start(
        kunming, users, {"landcover": uploads["landcover"], "boundary": uploads["boundary"]}
    )
    run_pending()
    computation.refresh_from_db()
    assert computation.job.status == JobStatus.FAILED
    assert "refused" in computation.job.error
    assert computation.result is None
    assert not ComputationRecord.objects.filter(job=computation.job).exists()


def test_the_page_of_a_failed_run_says_what_failed_and_that_nothing_was_stored(
    client_as, kunming, users, uploads, raw_dataset
):
    broken = raw_dataset("broken.tif", b"II*\x00 not really a tiff", "landcover")
    computation = start(kunming, users, {"landcover": broken, "boundary": uploads["boundary"]})
    run_pending()
    body = client_as("viewer").get(f"/en/computations/{computation.pk}/").content.decode()
    assert "The computation failed" in body
    assert "broken.tif" in body
    assert "Nothing was stored from this run" in body


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"class_map": ""}, "class_map", "A land cover needs a class map."),
        ({"subunits": "SUB", "subunit_field": ""}, "subunit_field", "Choose the field"),
        ({"boundary": "", "species": "on"}, "boundary", "need the boundary"),
        ({"year_from": "2020"}, "year_to", "Give both years"),
        ({"year_from": "2024", "year_to": "2020", "species": "on"}, "year_to", "ends before"),
    ],
)
def test_the_form_refuses_inputs_that_do_not_make_a_recipe(
    client_as, uploads, fields, field, message
):
    data = {
        "landcover": uploads["landcover"].pk,
        "class_map": "preset:esa-worldcover",
        "boundary": uploads["boundary"].pk,
        "edition": "2021",
    }
    data.update({k: (uploads["subunits"].pk if v == "SUB" else v) for k, v in fields.items()})
    response = client_as("city_officer").post("/en/governments/CNKMG/computations/new/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Computation.objects.filter(government__code="CNKMG").exists()


def test_the_form_offers_only_this_governments_files(client_as, uploads):
    form = client_as("network_admin").get("/en/governments/CNKMG/computations/new/").context["form"]
    offered = set(form.fields["landcover"].queryset)
    assert offered == {uploads["landcover"]}
