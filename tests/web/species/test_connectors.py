""" "Fetch records for my city": GBIF and iNaturalist through the connectors, in the
background, resumable and idempotent, with the citation kept; switched off by one setting.

The network is replaced by recorded GBIF answers (see conftest.py): the boundary is a box
over California because that is where the recorded records are.
"""

import json

import httpx
import pytest

from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.jobs.queue import run_pending
from localgbf.web.species import services
from localgbf.web.species.models import Fetch

OFF = "Fetching records from GBIF and iNaturalist is switched off in this installation"


def start(client, california, source="gbif-search"):
    return client.post(
        "/en/governments/CNKMG/species/fetch/",
        {"source": source, "boundary": california.pk},
    )


def stored_records(kunming) -> int:
    return sum(d.records for d in services.government_store(kunming).datasets())


def distinct_located(page: bytes) -> int:
    """Records of the page with a point, counted once per name, point and date (the
    importer's duplicate rule)."""
    results = json.loads(page)["results"]
    return len(
        {
            (r["scientificName"], r["decimalLatitude"], r["decimalLongitude"], r.get("eventDate"))
            for r in results
            if "decimalLatitude" in r
        }
    )


def test_the_fetch_form_offers_the_sources_and_the_boundary(client_as, california):
    form = client_as("city_officer").get("/en/governments/CNKMG/species/fetch/").context["form"]
    assert [value for value, _ in form.fields["source"].choices] == ["gbif-search", "inaturalist"]
    assert form.fields["boundary"].initial == california


def test_records_fetched_from_gbif_are_imported_with_their_citation(
    client_as, kunming, california, serve, eventdate_page
):
    requests = serve(lambda request: httpx.Response(200, content=eventdate_page))
    response = start(client_as("city_officer"), california)
    fetch = Fetch.objects.get(government=kunming)
    assert response["Location"] == f"/en/species/fetches/{fetch.pk}/"
    assert fetch.job.kind == "species.fetch" and fetch.job.status == JobStatus.QUEUED
    run_pending()
    fetch.refresh_from_db()
    assert fetch.status == "succeeded"
    assert requests[0].url.path == "/v1/occurrence/search"
    assert "POLYGON" in requests[0].url.params["geometry"]
    assert fetch.result["received"] == 71
    assert fetch.citation.startswith("GBIF.org (")
    assert fetch.citation.endswith(
        "GBIF Occurrence Search https://api.gbif.org/v1/occurrence/search"
    )
    assert stored_records(kunming) == fetch.result["dataset"]["records"]
    assert stored_records(kunming) == distinct_located(eventdate_page)
    page = client_as("viewer").get(f"/en/species/fetches/{fetch.pk}/").content.decode()
    assert fetch.citation in page
    species = client_as("viewer").get("/en/governments/CNKMG/species/").content.decode()
    assert fetch.citation in species and "fetched from GBIF" in species


def test_fetching_twice_stores_no_record_twice(
    client_as, kunming, california, serve, eventdate_page
):
    serve(lambda request: httpx.Response(200, content=eventdate_page))
    client = client_as("city_officer")
    start(client, california)
    run_pending()
    first = stored_records(kunming)
    start(client, california)
    run_pending()
    assert Fetch.objects.filter(government=kunming).count() == 2
    assert all(f.status == "succeeded" for f in Fetch.objects.filter(government=kunming))
    assert stored_records(kunming) == first


def test_a_failed_fetch_stores_nothing_and_continues_when_tried_again(
    client_as, kunming, california, serve, eventdate_page
):
    def down(request):
        raise httpx.ConnectError("network is unreachable", request=request)

    serve(down)
    client = client_as("city_officer")
    start(client, california)
    run_pending()
    fetch = Fetch.objects.get(government=kunming)
    assert fetch.status == "failed"
    assert fetch.job.error.startswith("GBIF:")
    assert stored_records(kunming) == 0
    page = client.get(f"/en/species/fetches/{fetch.pk}/").content.decode()
    assert "Try again" in page

    serve(lambda request: httpx.Response(200, content=eventdate_page))
    client.post(f"/en/species/fetches/{fetch.pk}/")
    run_pending()
    fetch.refresh_from_db()
    assert fetch.status == "succeeded"
    assert fetch.result["resumed"] is True
    assert Job.objects.filter(kind="species.fetch", government=kunming).count() == 2
    assert stored_records(kunming) == distinct_located(eventdate_page)


def test_a_gbif_download_keeps_its_doi_with_the_data_set(
    client_as, kunming, california, serve, settings, shared_data, cassette
):
    """Replayed: the recorded request, the recorded polling to SUCCEEDED (DOI 10.15468/dl.np3k7j),
    then an archive. The archive served is the shared GBIF download sample: the test is about
    the DOI reaching the data set and the pages, not about those records."""
    settings.GBIF_USER, settings.GBIF_PWD, settings.GBIF_EMAIL = "user", "secret", "u@example.org"
    exchanges = cassette("occ_download_wait_request.yml")
    archive = (shared_data / "occurrences" / "gbif_dwca_sample" / "gbif-results.zip").read_bytes()
    answers = [httpx.Response(e["status"], content=e["body"]) for e in exchanges]

    def handler(request):
        if request.url.path.endswith(".zip"):
            return httpx.Response(200, content=archive)
        if request.method == "POST":
            assert request.headers["authorization"].startswith("Basic ")
        return answers.pop(0)

    serve(handler)
    start(client_as("city_officer"), california, source="gbif-download")
    run_pending()
    fetch = Fetch.objects.get(government=kunming)
    assert fetch.status == "succeeded", fetch.job.error
    assert fetch.doi == "10.15468/dl.np3k7j"
    assert "https://doi.org/10.15468/dl.np3k7j" in fetch.citation
    assert "secret" not in str(fetch.result) and "secret" not in fetch.citation
    species = client_as("viewer").get("/en/governments/CNKMG/species/").content.decode()
    assert "10.15468/dl.np3k7j" in species


def test_with_connectors_off_the_pages_say_so_and_nothing_is_fetched(
    client_as, kunming, california, settings
):
    settings.LOCALGBF_CONNECTORS = False
    client = client_as("city_officer")
    page = client.get("/en/governments/CNKMG/species/fetch/")
    assert page.status_code == 200
    assert OFF in page.content.decode()
    assert page.context["form"] is None
    response = start(client, california)
    assert response.status_code == 200
    assert not Fetch.objects.filter(government=kunming).exists()
    assert not Job.objects.filter(kind="species.fetch", government=kunming).exists()
    species = client.get("/en/governments/CNKMG/species/").content.decode()
    assert OFF in species


def test_a_fetch_queued_before_connectors_were_switched_off_stops_with_the_same_message(
    client_as, kunming, california, settings, serve
):
    requests = serve(lambda request: httpx.Response(500))
    start(client_as("city_officer"), california)
    settings.LOCALGBF_CONNECTORS = False
    run_pending()
    fetch = Fetch.objects.get(government=kunming)
    assert fetch.status == "failed"
    assert "switched off in this installation" in fetch.job.error
    assert requests == []


@pytest.mark.parametrize("value", ["off", "0", "false"])
def test_the_setting_reads_the_environment(monkeypatch, value):
    from localgbf.web.env import env_bool

    monkeypatch.setenv("LOCALGBF_CONNECTORS", value)
    assert env_bool("LOCALGBF_CONNECTORS", True) is False
