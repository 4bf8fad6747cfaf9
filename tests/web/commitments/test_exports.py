"""Downloads on the web: the ORT zip (members only), the national roll-up (public), its PDF made
in the background; and no personal data of users in any public download."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile

import pytest
from django.contrib.auth import get_user_model
from jsonschema import Draft202012Validator

from localgbf.reporting.ort import load_ort_schema
from localgbf.web.commitments.models import OfficialContact
from localgbf.web.jobs.queue import run_pending

requires_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture
def validator():
    return Draft202012Validator(load_ort_schema())


def test_the_ort_zip_of_the_country_holds_every_accepted_commitment_valid(
    demo, client_as, validator
):
    """Accepted in the demo: Kunming C1 (by the reviewer), Kunming C2 (automatically) and
    Shanghai C1 version 1 (its version 2 is pending). Shenzhen's is pending, Yunnan's returned."""
    response = client_as("reviewer").get("/en/governments/CN/commitments/ort.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        documents = [json.loads(archive.read(n)) for n in names]
    assert [n.rsplit("-", 1)[0] for n in names] == ["CNKMG-C1", "CNKMG-C2", "CNSHA-C1"]
    for document in documents:
        assert list(validator.iter_errors(document)) == []
    titles = [d["title"]["en"] for d in documents]
    assert "Shorebird habitat of Chongming Dongtan is protected and managed" in titles


def test_a_city_exports_only_its_own_commitments(demo, client_as):
    response = client_as("city_officer").get("/en/governments/CNKMG/commitments/ort.zip")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert all(n.startswith("CNKMG-") for n in archive.namelist())


def test_a_commitment_that_cannot_be_exported_is_named_with_the_reason(demo, client_as):
    OfficialContact.objects.filter(government__code="CNKMG").delete()
    response = client_as("city_officer").get(
        "/en/governments/CNKMG/commitments/ort.zip", follow=True
    )
    text = response.content.decode()
    assert "No accepted commitment can be exported yet." in text
    assert "CNKMG has no official contact for CBD submissions" in text


def test_the_national_report_page_and_files(demo, client):
    page = client.get("/en/national-report/CN/")
    assert page.status_code == 200
    assert page.context["report"].binary[0].answer == "partially"
    csv_file = client.get("/en/national-report/CN/report.csv")
    assert csv_file["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_file.content.startswith("\ufeff".encode())
    xlsx = client.get("/en/national-report/CN/report.xlsx")
    assert xlsx.content[:2] == b"PK"
    assert client.get("/en/national-report/CN/report.doc").status_code == 404
    assert client.get("/en/national-report/CNKMG/").status_code == 404


def test_the_pdf_is_made_in_the_background_once_then_served(demo, client):
    waiting = client.get("/en/national-report/CN/report.pdf")
    assert waiting.status_code == 202
    job = waiting.context["job"]
    assert client.get("/en/national-report/CN/report.pdf").context["job"].pk == job.pk
    run_pending()
    ready = client.get("/en/national-report/CN/report.pdf")
    assert ready.status_code == 200
    assert b"".join(ready.streaming_content).startswith(b"%PDF")


def personal_data() -> list[str]:
    """Every name, username and e-mail address of the platform's user accounts."""
    out = []
    for user in get_user_model().objects.all():
        out += [user.username, user.email, user.get_full_name()]
    return [s for s in out if s]


PUBLIC_DOWNLOADS = [
    "/en/national-report/CN/",
    "/en/national-report/CN/report.csv",
    "/en/national-report/CN/report.xlsx",
    "/en/governments/CNKMG/commitments/",
    "/en/governments/CN/commitments/",
]


@pytest.mark.parametrize("url", PUBLIC_DOWNLOADS)
def test_no_public_download_carries_personal_data(demo, client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content
    if body[:2] == b"PK":  # XLSX: look inside the zipped XML
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            body = b"".join(book.read(n) for n in book.namelist())
    text = body.decode("utf-8", errors="replace")
    leaked = [value for value in personal_data() if value in text]
    assert leaked == []


@requires_pdftotext
def test_the_public_pdf_carries_no_personal_data(demo, client, tmp_path):
    client.get("/en/national-report/CN/report.pdf")
    run_pending()
    response = client.get("/en/national-report/CN/report.pdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Subnational contributions" in text
    assert [value for value in personal_data() if value in text] == []


def test_the_ort_file_carries_the_official_contact_and_nothing_from_user_accounts(demo, client_as):
    response = client_as("city_officer").get("/en/governments/CNKMG/commitments/ort.zip")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist())
    assert "biodiversity@kunming.example" in text  # the office's address, entered for the ORT
    assert [value for value in personal_data() if value in text] == []
