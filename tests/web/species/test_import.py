"""Officers upload occurrence files and checklists; the import into the government's species
store runs in the background and shows what was imported and what was rejected, and why."""

import csv
import hashlib
import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.jobs.models import JobStatus
from localgbf.web.jobs.queue import run_pending
from localgbf.web.species import services
from localgbf.web.species.models import SpeciesImport

BAD_LATITUDE = """id,observed_on,scientific_name,latitude,longitude,quality_grade
101,2023-04-02,Passer montanus,25.04,102.71,research
102,2023-04-03,Passer montanus,91,102.71,research
"""


def tree(root: Path) -> dict[str, str]:
    """Every visible file of the store and its checksum (hidden run state left out)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def test_the_import_page_shows_records_imported_and_rejected_by_reason(client_as, imported):
    """The survey has 8 rows: 1 without coordinates, 1 repeating row 1; 6 are kept."""
    row = imported["survey"]
    assert row.job.status == JobStatus.SUCCEEDED
    assert row.result["rows_read"] == 8
    assert row.result["records"] == 6
    assert row.result["rejected"] == {"no_coordinates": 1, "duplicate": 1}
    body = client_as("viewer").get(f"/en/species/imports/{row.pk}/").content.decode()
    assert "No coordinates" in body and "Duplicate of a record already kept" in body
    body = client_as("viewer").get(f"/zh-hans/species/imports/{row.pk}/").content.decode()
    assert "无坐标" in body


def test_an_officer_uploads_a_file_and_its_import_starts(client_as, imported):
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/species/upload/",
        {
            "kind": "occurrences",
            "title": "Second survey",
            "file": SimpleUploadedFile("second.csv", BAD_LATITUDE.replace("91", "25.1").encode()),
        },
    )
    row = SpeciesImport.objects.get(dataset__filename="second.csv")
    assert response["Location"] == f"/en/species/imports/{row.pk}/"
    run_pending()
    row.refresh_from_db()
    assert row.result["records"] == 2


def test_a_bad_file_fails_naming_the_line_and_field_and_leaves_the_store_as_it_was(
    client_as, kunming, imported
):
    before = tree(services.store_path(kunming))
    client_as("city_officer").post(
        "/en/governments/CNKMG/species/upload/",
        {
            "kind": "occurrences",
            "title": "Bad",
            "file": SimpleUploadedFile("bad.csv", BAD_LATITUDE.encode()),
        },
    )
    run_pending()
    row = SpeciesImport.objects.get(dataset__filename="bad.csv")
    assert row.job.status == JobStatus.FAILED
    assert row.job.error.startswith("bad.csv, line 3, field latitude:")
    assert "91" in row.job.error
    assert row.result is None
    assert tree(services.store_path(kunming)) == before
    body = client_as("viewer").get(f"/en/species/imports/{row.pk}/").content.decode()
    assert "The import failed" in body and "bad.csv, line 3, field latitude" in body


def test_the_same_file_imported_twice_is_stored_once(kunming, users, imported):
    again = services.start_import(
        kunming, dataset=imported["survey"].dataset, user=users["city_officer"]
    )
    before = tree(services.store_path(kunming))
    run_pending()
    again.refresh_from_db()
    assert again.result["already_present"] is True
    assert tree(services.store_path(kunming)) == before


def test_a_griis_checklist_is_imported_with_its_counts(kunming, users, add_dataset, shared_data):
    """Counted independently with the csv module: taxa of taxon.txt, and those whose
    speciesprofile isInvasive reads "Invasive"."""
    folder = shared_data / "checklists" / "griis" / "monaco"
    with (folder / "taxon.txt").open(encoding="utf-8") as handle:
        taxa = len(list(csv.DictReader(handle, delimiter="\t")))
    with (folder / "speciesprofile.txt").open(encoding="utf-8") as handle:
        flagged = sum(r["isInvasive"] == "Invasive" for r in csv.DictReader(handle, delimiter="\t"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for name in ("meta.xml", "eml.xml", "taxon.txt", "distribution.txt", "speciesprofile.txt"):
            out.write(folder / name, name)
    dataset = add_dataset("griis-monaco.zip", archive.getvalue(), "checklist")
    row = services.start_import(kunming, dataset=dataset, user=users["city_officer"])
    run_pending()
    row.refresh_from_db()
    assert (row.result["entries"], row.result["flagged_invasive"]) == (taxa, flagged) == (11, 2)
    assert row.result["citation"].startswith("Pagad S (2022): Global Register")
