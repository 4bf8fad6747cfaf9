"""Every upload form refuses a file whose first bytes contradict its name, or one over the limit,
before anything is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.core.uploads import check_upload
from localgbf.web.datasets.models import Dataset


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("landcover.tif", b"II*\x00" + b"\x00" * 100),
        ("landcover.TIFF", b"MM\x00*" + b"\x00" * 100),
        ("occurrences.zip", b"PK\x03\x04rest"),
        ("targets.xlsx", b"PK\x03\x04rest"),
        ("quartiers.gpkg", b"SQLite format 3\x00rest"),
        ("boundary.geojson", b'\xef\xbb\xbf \n {"type": "Polygon"}'),
        ("records.csv", "名称,数量\n滇池,3\n".encode()),
        ("notes.bin", b"\x00\x01anything"),
    ],
)
def test_files_whose_bytes_match_their_name_pass(name, data):
    check_upload(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("landcover.tif", b"PK\x03\x04 a zip renamed", "TIFF / GeoTIFF"),
        ("archive.zip", b"II*\x00 a tiff renamed", "ZIP"),
        ("targets.xlsx", b"code,title\nT1,x\n", "ZIP"),
        ("quartiers.gpkg", b"<html>", "GeoPackage (SQLite)"),
        ("boundary.geojson", b"POLYGON((0 0, 1 0, 1 1, 0 0))", "JSON"),
        ("records.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "text"),
    ],
)
def test_a_file_whose_bytes_contradict_its_name_is_refused_naming_it(name, data, kind):
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile(name, data))
    message = caught.value.messages[0]
    assert f"“{name}” is not a {kind} file" in message


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="“empty.csv” is empty"):
        check_upload(SimpleUploadedFile("empty.csv", b""))


def test_a_file_over_the_limit_is_refused_with_the_limit(settings):
    settings.LOCALGBF_MAX_UPLOAD_BYTES = 2 * 2**20
    data = b"II*\x00" + b"\x00" * (3 * 2**20)
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("big.tif", data))
    assert caught.value.messages == ["“big.tif” is 3.0 MiB; the largest file accepted is 2.0 MiB."]


def test_the_check_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("records.csv", b"a,b\n1,2\n")
    check_upload(upload)
    assert upload.read() == b"a,b\n1,2\n"


def test_the_dataset_upload_refuses_a_renamed_file_and_stores_nothing(
    client_as, settings, tmp_path: Path
):
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    before = Dataset.objects.count()
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/datasets/",
        {
            "kind": "landcover",
            "title": "Land cover",
            "licence": "CC BY 4.0",
            "citation": "x",
            "file": SimpleUploadedFile("landcover.tif", b"%PDF-1.7 not a raster"),
        },
    )
    assert response.status_code == 200
    assert "“landcover.tif” is not a TIFF / GeoTIFF file" in response.content.decode()
    assert Dataset.objects.count() == before
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").rglob("*.tif"))


def test_the_message_is_translated(client_as, settings, tmp_path: Path):
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    response = client_as("city_officer").post(
        "/zh-hans/governments/CNKMG/datasets/",
        {
            "kind": "landcover",
            "title": "土地覆盖",
            "file": SimpleUploadedFile("landcover.tif", b"not a tiff"),
        },
    )
    assert "“landcover.tif”" in response.content.decode()
    assert "not a TIFF" not in response.content.decode()
