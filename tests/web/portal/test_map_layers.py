"""Protected areas and parks become map layers in the background, once per uploaded file."""

import json

import pytest
from pyproj import Transformer

from localgbf.web.datasets.models import Dataset, file_store
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job
from localgbf.web.jobs.queue import run_pending
from localgbf.web.portal.jobs import MAP_LAYER, queue_map_layers
from localgbf.web.portal.models import MapLayer


@pytest.fixture
def park_in_utm(demo, tmp_path, settings):
    """A 100 m × 100 m park in Kunming, in UTM zone 48N (EPSG:32648): a projected file."""
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    x, y = 384_000.0, 2_752_000.0
    ring = [[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]]
    path = tmp_path / "park.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Park"},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                ],
            }
        )
    )
    with path.open("rb") as handle:
        stored = file_store().put(handle, path.name)
    return Dataset.objects.create(
        government=Government.objects.get(code="CNKMG"),
        kind="parks",
        title="Park",
        filename=path.name,
        sha256=stored.sha256,
        size=stored.size,
        metadata={"status": "ok"},
    ), (x, y)


def test_a_park_in_a_projected_crs_is_drawn_in_longitude_and_latitude(park_in_utm):
    dataset, (x, y) = park_in_utm
    jobs = queue_map_layers()
    assert [j.params for j in jobs] == [{"dataset": dataset.pk}]
    run_pending()
    layer = MapLayer.objects.get(dataset=dataset)
    move = Transformer.from_crs("EPSG:32648", "EPSG:4326", always_xy=True).transform
    expected = sorted(move(x + dx, y + dy) for dx in (0, 100) for dy in (0, 100))
    drawn = sorted(tuple(p) for p in layer.geometry["coordinates"][0][0][:-1])
    assert layer.geometry["type"] == "MultiPolygon"
    assert drawn == [pytest.approx(corner, abs=1e-7) for corner in expected]
    assert layer.features == 1


def test_a_file_is_queued_once_even_when_its_job_failed(park_in_utm):
    dataset, _ = park_in_utm
    assert [job.params["dataset"] for job in queue_map_layers()] == [dataset.pk]
    Job.objects.filter(kind=MAP_LAYER).update(status="failed")
    assert queue_map_layers() == []
