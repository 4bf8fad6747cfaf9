"""The launch form refuses what the batch could not use, naming the problem."""

from __future__ import annotations

import pytest

from localgbf.web.batches.models import BatchRun


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"code_field": "id"},
            "The layer cn_city_outlines_demo.geojson has no field id; its fields are code, name, name_zh.",
        ),
        ({"name_field": "nom"}, "has no field nom"),
        ({"year_from": "2015"}, "Give both years of the survey period, or neither."),
        ({"governments": ["XX"]}, "Select a valid choice. XX is not one of the available choices."),
        ({"landcover": ""}, "This field is required."),
    ],
)
def test_a_launch_the_batch_cannot_use_is_refused_and_nothing_is_queued(
    client_as, launch_data, change, message
):
    before = BatchRun.objects.count()
    response = client_as("reviewer").post("/en/governments/CN/batches/", {**launch_data, **change})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert BatchRun.objects.count() == before


def test_only_usable_layers_of_the_country_are_offered(client_as, layers, china):
    from localgbf.web.datasets.models import Dataset

    Dataset.objects.filter(pk=layers["landcover"].pk).update(metadata={"status": "problem"})
    page = client_as("reviewer").get("/en/governments/CN/batches/").content.decode()
    assert "Upload the country" in page and "Launch the batch" not in page


def test_the_form_offers_every_government_of_the_country_ticked(client_as):
    page = client_as("network_admin").get("/en/governments/CN/batches/").content.decode()
    for code in ("CN-YN", "CNKMG", "CNDLU", "CN-GD", "CNSZX", "CNCAN", "CNSHA"):
        assert f'value="{code}"' in page
    assert page.count('name="governments"') == 7 and page.count("checked") >= 7
