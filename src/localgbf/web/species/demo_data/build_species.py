"""Build the species demo files of this folder (Monaco). Run once from the repository root:

    .venv/bin/python src/localgbf/web/species/demo_data/build_species.py ../shared/data

- `griis_monaco_v1.2.zip`: the GRIIS Monaco checklist folder of the shared data, zipped as
  the Darwin Core Archive it was published as (files unchanged; fixed timestamps).
- `gbif_search_recorded.json`: the 71 records of a GBIF occurrence search recorded by the
  rgbif test suite (`occ_search_eventdate.yml`, third exchange), reduced to the Darwin Core
  fields the species importer reads.
- `monaco_city_survey_demo.csv`, `monaco_checklist_demo.csv`, `monaco_sensitive_demo.csv`:
  MADE UP for the demo (see README.md): records of species that do occur on this coast,
  placed by a seeded generator on the cells of the Monaco land cover that suit them.
"""

from __future__ import annotations

import base64
import csv
import json
import sys
import zipfile
import zlib
from pathlib import Path

import numpy as np
import rasterio
import yaml
from pyproj import Transformer

from localgbf.species.formats import record_columns

HERE = Path(__file__).resolve().parent
LANDCOVER = HERE.parent.parent / "computations" / "demo_data" / "monaco_landcover_osm_10m.tif"
SEED = 20240522  # International Day for Biological Diversity 2024
HABITATS = {
    "woodland": (10, 20),
    "rock": (60,),
    "green": (10, 20, 30),
    "builtup": (50,),
    "any": (10, 20, 30, 50, 60),
}
PERIODS = {"both": (2015, 2024), "old": (2015, 2019), "new": (2020, 2024)}
BIRD = ("Animalia", "Chordata", "Aves", "Aves")
PLANT = ("Plantae", "Tracheophyta", "Magnoliopsida", "Plantae")
CONIFER = ("Plantae", "Tracheophyta", "Pinopsida", "Plantae")
MONOCOT = ("Plantae", "Tracheophyta", "Liliopsida", "Plantae")
INSECT = ("Animalia", "Arthropoda", "Insecta", "Insecta")

# name, taxonomy, habitat, period, establishment in the made-up local checklist ("" = not on it)
SPECIES = [
    ("Larus michahellis", BIRD, "any", "both", "native"),
    ("Columba palumbus", BIRD, "green", "both", "native"),
    ("Turdus merula", BIRD, "any", "both", "native"),
    ("Parus major", BIRD, "woodland", "both", "native"),
    ("Cyanistes caeruleus", BIRD, "woodland", "new", "native"),
    ("Curruca melanocephala", BIRD, "woodland", "both", "native"),
    ("Serinus serinus", BIRD, "green", "both", "native"),
    ("Apus apus", BIRD, "builtup", "both", "native"),
    ("Tachymarptis melba", BIRD, "builtup", "old", "native"),
    ("Erithacus rubecula", BIRD, "woodland", "both", "native"),
    ("Fringilla coelebs", BIRD, "woodland", "new", "native"),
    ("Passer domesticus", BIRD, "builtup", "both", "native"),
    ("Falco tinnunculus", BIRD, "any", "both", "native"),
    ("Falco peregrinus", BIRD, "rock", "new", "native"),
    ("Monticola solitarius", BIRD, "rock", "both", "native"),
    ("Motacilla alba", BIRD, "builtup", "old", "native"),
    ("Psittacula krameri", BIRD, "green", "new", "invasive"),
    ("Streptopelia decaocto", BIRD, "builtup", "both", ""),
    ("Quercus ilex", PLANT, "woodland", "both", "native"),
    ("Pinus halepensis", CONIFER, "woodland", "both", "native"),
    ("Pistacia lentiscus", PLANT, "green", "both", "native"),
    ("Euphorbia dendroides", PLANT, "rock", "both", "native"),
    ("Myrtus communis", PLANT, "green", "new", "native"),
    ("Salvia rosmarinus", PLANT, "green", "both", "native"),
    ("Smilax aspera", MONOCOT, "green", "old", "native"),
    ("Crithmum maritimum", PLANT, "rock", "both", "native"),
    ("Limonium cordatum", PLANT, "rock", "both", "native"),
    ("Centranthus ruber", PLANT, "builtup", "both", "native"),
    ("Capparis spinosa", PLANT, "builtup", "new", "native"),
    ("Jacobaea maritima", PLANT, "any", "both", "native"),
    ("Carpobrotus edulis", PLANT, "any", "both", "invasive"),
    ("Ailanthus altissima", PLANT, "builtup", "new", "invasive"),
    ("Iphiclides podalirius", INSECT, "green", "both", "native"),
    ("Charaxes jasius", INSECT, "green", "new", "native"),
    ("Macroglossum stellatarum", INSECT, "any", "both", "native"),
    ("Xylocopa violacea", INSECT, "green", "both", "native"),
    ("Mantis religiosa", INSECT, "green", "old", "native"),
    ("Cicada orni", INSECT, "green", "both", "native"),
    ("Rhynchophorus ferrugineus", INSECT, "builtup", "both", "invasive"),
    ("Paysandisia archon", INSECT, "green", "new", "invasive"),
    ("Aedes albopictus", INSECT, "builtup", "both", ""),
    ("Leptoglossus occidentalis", INSECT, "green", "new", ""),
]
SENSITIVE = ["Falco peregrinus", "Limonium cordatum"]
SURVEY_COLUMNS = [
    "id", "url", "observed_on", "scientific_name", "latitude", "longitude", "positional_accuracy",
    "quality_grade", "license", "user_login", "taxon_kingdom_name", "taxon_phylum_name",
    "taxon_class_name", "iconic_taxon_name",
]  # fmt: skip


def cells_by_habitat() -> tuple[dict[str, np.ndarray], rasterio.Affine, Transformer]:
    with rasterio.open(LANDCOVER) as src:
        cover = src.read(1)
        transform = src.transform
        to_lonlat = Transformer.from_crs(src.crs, "EPSG:4326", always_xy=True)
    cells = {name: np.argwhere(np.isin(cover, codes)) for name, codes in HABITATS.items()}
    return cells, transform, to_lonlat


def write_survey(rng: np.random.Generator) -> int:
    cells, transform, to_lonlat = cells_by_habitat()
    rows = []
    for name, (kingdom, phylum, klass, iconic), habitat, period, _status in SPECIES:
        first, last = PERIODS[period]
        for year in range(first, last + 1):
            for _ in range(int(rng.integers(0, 4))):
                row, col = cells[habitat][int(rng.integers(len(cells[habitat])))]
                x, y = transform * (col + rng.random(), row + rng.random())
                lon, lat = to_lonlat.transform(x, y)
                day = np.datetime64(f"{year}-03-01") + int(rng.integers(0, 214))
                rows.append([
                    name, f"{lat:.6f}", f"{lon:.6f}", str(day), kingdom, phylum, klass, iconic,
                    str(int(rng.integers(4, 40))), f"demo_observer_{int(rng.integers(1, 7))}",
                ])  # fmt: skip
    rows.sort(key=lambda r: (r[3], r[0]))
    with (HERE / "monaco_city_survey_demo.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(SURVEY_COLUMNS)
        for number, r in enumerate(rows, start=1):
            writer.writerow([
                number, f"https://example.org/localgbf-demo/monaco-survey/{number}", r[3], r[0],
                r[1], r[2], r[8], "research", "CC0", r[9], r[4], r[5], r[6], r[7],
            ])  # fmt: skip
    return len(rows)


def write_checklists() -> None:
    with (HERE / "monaco_checklist_demo.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["scientificName", "establishment", "kingdom", "phylum", "class"])
        for name, (kingdom, phylum, klass, _), _h, _p, status in SPECIES:
            if status:
                writer.writerow([name, status, kingdom, phylum, klass])
    (HERE / "monaco_sensitive_demo.csv").write_text(
        "scientificName\n" + "".join(f"{name}\n" for name in SENSITIVE), "utf-8"
    )


def write_griis(shared: Path) -> None:
    folder = shared / "checklists" / "griis" / "monaco"
    names = ["meta.xml", "eml.xml", "taxon.txt", "distribution.txt", "speciesprofile.txt"]
    with zipfile.ZipFile(HERE / "griis_monaco_v1.2.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(2022, 7, 6, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / name).read_bytes())


def write_gbif(shared: Path) -> int:
    cassette = shared / "api" / "gbif" / "rgbif" / "occ_search_eventdate.yml"
    exchange = yaml.safe_load(cassette.read_text("utf-8"))["http_interactions"][2]
    body = json.loads(zlib.decompress(base64.b64decode(exchange["response"]["body"]["raw_gzip"])))
    keep = tuple(dict.fromkeys((*record_columns(), "gbifID")))
    records = []
    for record in body["results"]:
        reduced = {k: record[k] for k in keep if record.get(k) not in (None, "")}
        reduced.setdefault("gbifID", str(record["key"]))
        records.append(reduced)
    document = {
        "source": "rgbif tests/fixtures/occ_search_eventdate.yml, third exchange (MIT)",
        "request": exchange["request"]["uri"],
        "recorded_at": str(exchange["recorded_at"]),
        "count": body["count"],
        "records": records,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
    (HERE / "gbif_search_recorded.json").write_text(text + "\n", "utf-8")
    return len(records)


def build(shared: Path) -> None:
    survey = write_survey(np.random.default_rng(SEED))
    write_checklists()
    write_griis(shared)
    gbif = write_gbif(shared)
    print(f"survey records {survey}, GBIF records {gbif}")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
