"""Species inputs in a batch: shared national ones imported once, then read per government.

Hand-worked (indicator 3, native bird species recorded in built-up areas / native bird
species recorded in the city × 100): the national land cover of conftest.py has tree cover in
the first 10 columns of city XA and the first 30 of XB, built-up elsewhere in each city.

- XA: skylark at column 30 (built-up), eagle owl at column 5 (trees), raven at column 35
  (built-up): 2 of 3 native species in built-up areas, 66.67 %;
- XB: skylark at column 45 + 35 (built-up), eagle owl at column 45 + 10 (trees): 1 of 2, 50 %;
- XC: no record, so no value.
A record in the water between XA and XB (column 42) belongs to no city.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from localgbf.batch import load_manifest, open_cluster, run_batch
from localgbf.cli.main import cli
from localgbf.spatial.crs import transformer

from .conftest import CELL, LAEA, ORIGIN

pytestmark = pytest.mark.slow

COLUMNS = (
    "gbifID", "datasetKey", "occurrenceID", "kingdom", "phylum", "class", "species",
    "taxonRank", "scientificName", "occurrenceStatus", "decimalLatitude", "decimalLongitude",
    "eventDate", "year", "basisOfRecord", "license",
)  # fmt: skip
SKYLARK = "Alauda arvensis Linnaeus, 1758"
OWL = "Bubo bubo (Linnaeus, 1758)"
RAVEN = "Corvus corax Linnaeus, 1758"
RECORDS = [(SKYLARK, 30), (OWL, 5), (RAVEN, 35), (SKYLARK, 80), (OWL, 55), (RAVEN, 42)]


def _lonlat(col: int, row: int = 20) -> tuple[float, float]:
    x = ORIGIN[0] + (col + 0.5) * CELL
    y = ORIGIN[1] - (row + 0.5) * CELL
    lon, lat = transformer(LAEA, "EPSG:4326").transform(x, y)
    return float(lon), float(lat)


def write_occurrences(path: Path) -> Path:
    lines = ["\t".join(COLUMNS)]
    for number, (name, col) in enumerate(RECORDS, start=1):
        lon, lat = _lonlat(col)
        row = {
            "gbifID": str(5000 + number),
            "datasetKey": "0ba8dd13-2b54-4e59-9b3a-2b0a1b5f4d60",
            "occurrenceID": f"urn:batch-test:{number}",
            "kingdom": "Animalia",
            "phylum": "Chordata",
            "class": "Aves",
            "species": " ".join(name.split()[:2]),
            "taxonRank": "SPECIES",
            "scientificName": name,
            "occurrenceStatus": "PRESENT",
            "decimalLatitude": f"{lat:.7f}",
            "decimalLongitude": f"{lon:.7f}",
            "eventDate": "2022-06-01",
            "year": "2022",
            "basisOfRecord": "HUMAN_OBSERVATION",
            "license": "CC_BY_4_0",
        }
        lines.append("\t".join(row[c] for c in COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_checklist(path: Path) -> Path:
    names = "\n".join(f'"{n}",native' for n in (SKYLARK, OWL, RAVEN))
    path.write_text(f"scientificName,establishment\n{names}\n", encoding="utf-8")
    return path


def builtup_birds(path: Path) -> float | None:
    data = json.loads(path.read_text(encoding="utf-8"))
    return next((v["value"] for v in data["indicators"] if v["indicator"] == 3), None)


def test_shared_species_inputs_are_imported_once_and_read_per_government(
    dask_scheduler, national, tmp_path
):
    folder = national.manifest.parent
    write_occurrences(folder / "birds.csv")
    write_checklist(folder / "birds-checklist.csv")
    national.manifest.write_text(
        national.manifest.read_text()
        + "species:\n  occurrences: [birds.csv]\n  checklist: birds-checklist.csv\n"
        + "  years: [2020, 2024]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with open_cluster(scheduler=dask_scheduler) as cluster:
        report = run_batch(load_manifest(national.manifest), out, cluster)
    assert [r.status for r in report.runs] == ["done", "done", "done"], report.runs
    assert len(list((out / "species-store" / "occurrences").iterdir())) == 1
    assert builtup_birds(out / "XA.json") == pytest.approx(200 / 3)
    assert builtup_birds(out / "XB.json") == pytest.approx(50.0)
    assert builtup_birds(out / "XC.json") is None
    inputs = json.loads((out / "XA.json").read_text(encoding="utf-8"))["inputs"]
    assert ("occurrences", "birds.csv") in {(i["role"], i["name"]) for i in inputs}
    printed = CliRunner().invoke(
        cli, ["assess", str(out / "inputs" / "XA" / "recipe.yaml"), "--json"]
    )
    assert printed.output == (out / "XA.json").read_text(encoding="utf-8")


RECIPE_WITH_SPECIES = """\
species:
  store: ../../shared-store
  occurrences: [../../birds.csv]
  checklist: ../../birds-checklist.csv
  years: [2020, 2024]
"""


def test_a_store_that_several_recipes_share_is_filled_before_the_batch(
    dask_scheduler, make_city, csv_manifest, tmp_path
):
    """Two cities whose recipes name one store and the same files: imported once, before any
    task, so no two workers race for the same store entry."""
    write_occurrences(tmp_path / "birds.csv")
    write_checklist(tmp_path / "birds-checklist.csv")
    for code, natural in (("XA", 10), ("XB", 30)):
        recipe = make_city(code, code, natural)
        recipe.write_text(recipe.read_text() + RECIPE_WITH_SPECIES, encoding="utf-8")
    manifest = csv_manifest([("XA", "cities/XA/recipe.yaml"), ("XB", "cities/XB/recipe.yaml")])
    with open_cluster(scheduler=dask_scheduler) as cluster:
        report = run_batch(load_manifest(manifest), tmp_path / "out", cluster)
    assert [r.status for r in report.runs] == ["done", "done"], report.runs
    assert len(list((tmp_path / "shared-store" / "occurrences").iterdir())) == 1
    assert builtup_birds(tmp_path / "out" / "XA.json") == pytest.approx(200 / 3)
