"""Officers upload files; they are stored once, checked in the background, and only members see them."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.datasets.models import Dataset
from localgbf.web.governments.models import AuditEntry
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import run_pending


@pytest.fixture(autouse=True)
def file_store(settings, tmp_path):
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"


@pytest.fixture
def augusta(shared_data: Path) -> bytes:
    return (shared_data / "landcover" / "augusta_nlcd" / "augusta_nlcd_2011.tif").read_bytes()


def upload(client, name, data, kind="landcover"):
    return client.post(
        "/en/governments/CNKMG/datasets/",
        {
            "kind": kind,
            "title": "Land cover 2011",
            "licence": "Public domain",
            "citation": "NLCD 2011",
            "file": SimpleUploadedFile(name, data),
        },
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("other_officer", 403),
        ("region_officer", 403),
        ("viewer", 200),
        ("reviewer", 200),
        ("city_officer", 200),
        ("network_admin", 200),
    ],
)
def test_the_dataset_list_is_for_members_only(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CNKMG/datasets/").status_code == status


@pytest.mark.parametrize("persona", ["viewer", "reviewer", "outsider"])
def test_only_officers_may_upload(client_as, persona, augusta):
    assert upload(client_as(persona), "lc.tif", augusta).status_code == 403
    assert not Dataset.objects.filter(government__code="CNKMG").exists()


def test_an_upload_is_stored_audited_and_inspected_in_the_background(client_as, augusta):
    response = upload(client_as("city_officer"), "augusta.tif", augusta)
    dataset = Dataset.objects.get(government__code="CNKMG")
    assert response.status_code == 302 and response["Location"] == f"/en/datasets/{dataset.pk}/"
    assert dataset.metadata == {"status": "queued"}
    assert dataset.path.read_bytes() == augusta
    assert AuditEntry.objects.filter(action="dataset.upload", government__code="CNKMG").count() == 1
    assert (
        Job.objects.get(government__code="CNKMG", kind="datasets.inspect").kind
        == "datasets.inspect"
    )
    run_pending()
    dataset.refresh_from_db()
    assert dataset.metadata["status"] == "ok"
    assert (dataset.metadata["width"], dataset.metadata["height"]) == (678, 440)
    assert dataset.metadata["crs"] == "Albers Conical Equal Area"
    body = client_as("viewer").get(f"/en/datasets/{dataset.pk}/").content.decode()
    assert "678 × 440" in body


def test_the_same_file_uploaded_twice_is_kept_once(client_as, augusta):
    client = client_as("city_officer")
    upload(client, "augusta.tif", augusta)
    response = upload(client, "again.tif", augusta)
    assert Dataset.objects.filter(government__code="CNKMG").count() == 1
    assert "already uploaded" in client.get(response["Location"]).content.decode()


def test_a_file_that_is_not_a_raster_is_flagged_with_the_reason(client_as, shared_data):
    data = (shared_data / "osm" / "monaco" / "monaco_quartiers.gpkg").read_bytes()
    upload(client_as("city_officer"), "quartiers.gpkg", data, kind="landcover")
    run_pending()
    dataset = Dataset.objects.get(government__code="CNKMG")
    assert dataset.metadata["status"] == "problem"
    assert dataset.metadata["problem"].startswith(
        "quartiers.gpkg: cannot be read as a GeoTIFF raster"
    )
    job = Job.objects.get(government__code="CNKMG", kind="datasets.inspect")
    assert job.status == "failed" and "quartiers.gpkg" in job.error


def test_a_vector_upload_is_described(client_as, shared_data):
    data = (shared_data / "osm" / "monaco" / "monaco_quartiers.gpkg").read_bytes()
    upload(client_as("city_officer"), "quartiers.gpkg", data, kind="subunits")
    run_pending()
    meta = Dataset.objects.get(government__code="CNKMG").metadata
    assert (meta["features"], meta["crs"], meta["layers"]) == (9, "EPSG:4326", ["quartiers"])


@pytest.mark.parametrize(
    ("persona", "status"), [("viewer", 200), ("outsider", 403), ("anonymous", 302)]
)
def test_downloads_follow_the_same_rule(client_as, augusta, persona, status):
    upload(client_as("city_officer"), "augusta.tif", augusta)
    dataset = Dataset.objects.get(government__code="CNKMG")
    response = client_as(persona).get(f"/en/datasets/{dataset.pk}/download/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == augusta
