"""The species indicators reach the assessments as computation records, through the same
computation job as the spatial ones (here a species-only computation)."""

import json

import pytest

from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.computations import services
from localgbf.web.jobs.queue import run_pending

AROUND_KUNMING = {
    "type": "Feature",
    "properties": {},
    "geometry": {
        "type": "Polygon",
        "coordinates": [
            [[102.6, 24.9], [102.8, 24.9], [102.8, 25.1], [102.6, 25.1], [102.6, 24.9]]
        ],
    },
}


def test_a_species_only_computation_hands_indicator_9_to_the_assessments(
    kunming, users, imported, add_dataset
):
    """Hand-worked from conftest.SURVEY and CHECKLIST, survey period 2023: vascular plants,
    0 native and 1 invasive species (Ageratina adenophora) -> 100 %; birds, 2 native
    (Passer montanus, Falco peregrinus) and 0 invasive -> 0 %; arthropods, none. The value is
    the mean of the groups with data: 50 %. Zosterops japonicus is on no checklist and counts
    in no group. Indicators 3-6 have no value (no land cover; no record in 2022 to compare),
    so they are kept in the result but reach the assessments as nothing."""
    boundary = add_dataset("kunming.geojson", json.dumps(AROUND_KUNMING).encode(), "boundary")
    computation = services.start_computation(
        kunming,
        user=users["city_officer"],
        datasets={"boundary": boundary},
        options={"species": True, "year_from": 2023, "year_to": 2023},
    )
    run_pending()
    computation.refresh_from_db()
    values = {v["indicator"]: v["value"] for v in computation.result["indicators"]}
    assert sorted(values) == [3, 4, 5, 6, 9]
    assert values[9] == pytest.approx(50.0)
    assert [values[n] for n in (3, 4, 5, 6)] == [None, None, None, None]
    records = ComputationRecord.objects.filter(job=computation.job)
    assert [(r.indicator, r.value["value"]) for r in records] == [(9, pytest.approx(50.0))]
    occurrences = [i["name"] for i in computation.result["inputs"] if i["role"] == "occurrences"]
    assert occurrences == ["kunming-survey.csv"]
