import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from localgbf.web.governments.boundaries import clean_boundary

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[7.40, 43.72], [7.44, 43.72], [7.44, 43.76], [7.40, 43.76], [7.40, 43.72]]],
}


def test_a_polygon_in_degrees_is_accepted():
    assert clean_boundary(SQUARE)["type"] == "Polygon"


def test_a_feature_collection_is_stored_as_the_union_of_its_parts():
    east = {
        "type": "Polygon",
        "coordinates": [
            [[7.44, 43.72], [7.48, 43.72], [7.48, 43.76], [7.44, 43.76], [7.44, 43.72]]
        ],
    }
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": g, "properties": {}} for g in (SQUARE, east)],
    }
    from shapely.geometry import shape

    merged = shape(clean_boundary(fc))
    assert merged.geom_type == "Polygon"
    assert [round(b, 2) for b in merged.bounds] == [7.40, 43.72, 7.48, 43.76]
    assert merged.area == pytest.approx(0.08 * 0.04)


def test_text_that_is_not_json_is_refused_with_line_and_column():
    with pytest.raises(ValidationError, match=r"not valid JSON \(line 1, column 2"):
        clean_boundary("{nope")


def test_projected_coordinates_are_refused_with_the_extent_found():
    projected = {
        "type": "Polygon",
        "coordinates": [
            [[2500000, 1150000], [2510000, 1150000], [2510000, 1160000], [2500000, 1150000]]
        ],
    }
    with pytest.raises(ValidationError, match="not longitude/latitude.*EPSG:4326"):
        clean_boundary(projected)


def test_a_point_is_refused():
    with pytest.raises(ValidationError, match="Polygon or MultiPolygon"):
        clean_boundary({"type": "Point", "coordinates": [7.4, 43.7]})


def test_the_real_monaco_boundary_which_self_intersects_is_refused(shared_data: Path):
    text = (shared_data / "osm" / "monaco" / "monaco_boundary.geojson").read_text(encoding="utf-8")
    with pytest.raises(ValidationError, match="not a valid polygon: .*[Ss]elf-intersection"):
        clean_boundary(text)


def test_the_real_monaco_quartiers_are_accepted(shared_data: Path):
    data = json.loads(
        (shared_data / "osm" / "monaco" / "monaco_quartiers.geojson").read_text(encoding="utf-8")
    )
    from shapely.geometry import shape

    geometry = clean_boundary(data)
    parts_area = sum(shape(f["geometry"]).area for f in data["features"])
    assert shape(geometry).area == pytest.approx(parts_area, rel=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        '{"type": "Polygon", "coordinates": [[[1' + "0" * 400 + ", 0], [1, 0], [1, 1], [0, 0]]]}",
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["a coordinate too large for a float", "arrays nested 100 000 deep"],
)
def test_a_boundary_that_cannot_be_read_is_a_form_error_not_a_crash(text):
    """Found by fuzzing (tests/fuzz): OverflowError and RecursionError escaped the form."""
    with pytest.raises(ValidationError):
        clean_boundary(text)
