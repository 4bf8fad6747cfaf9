"""Who may see and change a government's species data: members see the pages; only its
officers (and the network administrator) import files, fetch records or count again."""

import pytest

from localgbf.web.jobs.models import Job
from localgbf.web.species.models import Fetch, SpeciesImport

MEMBERS_SEE = [
    ("anonymous", 302),
    ("outsider", 403),
    ("other_officer", 403),
    ("region_officer", 403),
    ("viewer", 200),
    ("reviewer", 200),
    ("city_officer", 200),
    ("network_admin", 200),
]
REFUSED_CHANGE = ["anonymous", "outsider", "other_officer", "region_officer", "viewer", "reviewer"]


@pytest.fixture
def fetch(kunming, california):
    return Fetch.objects.create(
        government=kunming, service="gbif", method="search", boundary=california
    )


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_the_species_page_is_for_members(client_as, imported, persona, status):
    assert client_as(persona).get("/en/governments/CNKMG/species/").status_code == status


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_a_species_and_its_records_are_for_members(client_as, imported, persona, status):
    url = "/en/governments/CNKMG/species/taxa/Passer montanus/"
    assert client_as(persona).get(url).status_code == status


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_an_import_is_for_members(client_as, imported, persona, status):
    url = f"/en/species/imports/{imported['survey'].pk}/"
    assert client_as(persona).get(url).status_code == status


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_a_fetch_is_for_members(client_as, fetch, persona, status):
    assert client_as(persona).get(f"/en/species/fetches/{fetch.pk}/").status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [(p, 302 if p == "anonymous" else 403) for p in REFUSED_CHANGE]
    + [("city_officer", 200), ("network_admin", 200)],
)
def test_only_officers_open_the_fetch_form(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CNKMG/species/fetch/").status_code == status


@pytest.mark.parametrize("persona", REFUSED_CHANGE)
def test_only_officers_fetch_records(client_as, california, persona):
    client_as(persona).post(
        "/en/governments/CNKMG/species/fetch/",
        {"source": "gbif-search", "boundary": california.pk},
    )
    assert not Fetch.objects.filter(government__code="CNKMG").exists()


@pytest.mark.parametrize("persona", REFUSED_CHANGE)
def test_only_officers_upload_for_import(client_as, persona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as(persona).post(
        "/en/governments/CNKMG/species/upload/",
        {"kind": "occurrences", "title": "x", "file": SimpleUploadedFile("x.csv", b"a,b\n")},
    )
    assert response.status_code in (302, 403)
    assert not SpeciesImport.objects.filter(government__code="CNKMG").exists()


@pytest.mark.parametrize("persona", REFUSED_CHANGE)
def test_only_officers_import_an_uploaded_dataset(client_as, add_dataset, persona):
    dataset = add_dataset("x.csv", b"scientificName,establishment\n", "checklist")
    client_as(persona).post("/en/governments/CNKMG/species/import/", {"dataset": dataset.pk})
    assert not SpeciesImport.objects.filter(government__code="CNKMG").exists()


@pytest.mark.parametrize("persona", REFUSED_CHANGE)
def test_only_officers_count_again(client_as, persona):
    client_as(persona).post("/en/governments/CNKMG/species/refresh/")
    assert not Job.objects.filter(kind="species.summary", government__code="CNKMG").exists()


@pytest.mark.parametrize("persona", REFUSED_CHANGE)
def test_only_officers_retry_a_fetch(client_as, fetch, persona):
    client_as(persona).post(f"/en/species/fetches/{fetch.pk}/")
    assert not Job.objects.filter(kind="species.fetch", government__code="CNKMG").exists()


def test_an_officer_counts_again_in_the_background(client_as):
    response = client_as("city_officer").post("/en/governments/CNKMG/species/refresh/")
    job = Job.objects.get(kind="species.summary")
    assert response["Location"] == f"/en/jobs/{job.pk}/"
