"""Reading vector layers: repairs, layers, fields and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from localgbf.spatial.crs import transform_geometry
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.vectors import read_boundary, read_layer
from spatial.builders import cell_box, write_vector

MONACO = "osm/monaco"


def test_the_self_intersecting_monaco_boundary_is_repaired_with_a_warning(
    shared_data: Path,
) -> None:
    """The data README: "Area after make_valid: 2.337 km² in UTM 32N (EPSG:32632)"."""
    boundary = read_boundary(shared_data / MONACO / "monaco_boundary.geojson")
    assert boundary.geometry.is_valid
    assert len(boundary.warnings) == 1
    assert "repaired with make_valid" in boundary.warnings[0]
    assert "Ring Self-intersection" in boundary.warnings[0]
    utm = transform_geometry(boundary.geometry, boundary.crs, "EPSG:32632")
    assert utm.area / 1e6 == pytest.approx(2.337, abs=0.0005)


def test_the_monaco_quartiers_read_with_their_names(shared_data: Path) -> None:
    layer = read_layer(shared_data / MONACO / "monaco_quartiers.gpkg")
    assert len(layer) == 9
    assert "Monte-Carlo" in layer.values("name")
    assert layer.warnings == ()
    assert layer.crs.to_epsg() == 4326


def test_asking_for_a_missing_field_names_the_fields_there_are(shared_data: Path) -> None:
    layer = read_layer(shared_data / MONACO / "monaco_quartiers.geojson")
    with pytest.raises(
        SpatialInputError, match="has no field 'nom'; its fields are osm_relation_id, name"
    ):
        layer.values("nom")


def test_a_geopackage_with_two_layers_needs_the_layer_named(tmp_path: Path) -> None:
    path = tmp_path / "two.gpkg"
    write_vector(path, [cell_box(0, 0)], layer="parks")
    write_vector(path, [cell_box(1, 1)], layer="roads")
    with pytest.raises(
        SpatialInputError, match=r"two.gpkg: has 2 layers \(parks, roads\); name one"
    ):
        read_layer(path)
    assert len(read_layer(path, "roads")) == 1


def test_a_shapefile_without_a_crs_is_refused(tmp_path: Path) -> None:
    path = write_vector(tmp_path / "parks.shp", [cell_box(0, 0)])
    path.with_suffix(".prj").unlink()
    with pytest.raises(SpatialInputError, match="parks.shp: has no coordinate reference system"):
        read_layer(path)


def test_a_boundary_file_without_polygons_is_refused(tmp_path: Path) -> None:
    path = write_vector(
        tmp_path / "line.geojson", [shapely.LineString([(0, 0), (1, 1)])], crs="EPSG:4326"
    )
    with pytest.raises(SpatialInputError, match="line.geojson: holds no polygon"):
        read_boundary(path)


def test_a_corrupt_vector_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(SpatialInputError, match="broken.geojson: cannot be read as a vector layer"):
        read_layer(path)


def test_a_boundary_dissolves_all_its_features(tmp_path: Path) -> None:
    path = write_vector(
        tmp_path / "b.gpkg", [cell_box(0, 0, rows=2, cols=2), cell_box(0, 2, rows=2, cols=2)]
    )
    boundary = read_boundary(path)
    assert boundary.geometry.area == pytest.approx(400 * 2)
    assert boundary.sha256


def test_a_polygon_whose_ring_is_not_closed_is_refused_naming_the_feature(tmp_path: Path) -> None:
    """GDAL passes an unclosed ring through (with a warning); GEOS cannot build it. Found by
    the fuzzing of tests/fuzz/test_spatial_inputs.py."""
    import json
    import warnings

    ring = [[6.0, 46.0], [6.1, 46.0], [6.1, 46.1], [6.0, 46.1]]  # the first point is not repeated
    path = tmp_path / "open-ring.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
                "features": [
                    {"type": "Feature", "properties": {}, "geometry": None},
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    },
                ],
            }
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's "Non closed ring detected"
        with pytest.raises(SpatialInputError) as refused:
            read_layer(path)
    assert "open-ring.geojson" in str(refused.value)
    assert "feature 2" in str(refused.value)
