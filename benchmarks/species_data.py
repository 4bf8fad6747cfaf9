"""Seeded synthetic inputs for the species benchmarks: a GBIF simple CSV with the real column
set, a plain checklist, a city boundary and a land-cover grid.

Nothing here is committed as data: every file is written into a folder the caller gives
(normally a temporary one) and the same seed gives byte-identical files.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

# The 50 columns of a GBIF "simple CSV" occurrence download, in GBIF's order.
GBIF_SIMPLE_COLUMNS = (
    "gbifID", "datasetKey", "occurrenceID", "kingdom", "phylum", "class", "order", "family",
    "genus", "species", "infraspecificEpithet", "taxonRank", "scientificName",
    "verbatimScientificName", "verbatimScientificNameAuthorship", "countryCode", "locality",
    "stateProvince", "occurrenceStatus", "individualCount", "publishingOrgKey",
    "decimalLatitude", "decimalLongitude", "coordinateUncertaintyInMeters",
    "coordinatePrecision", "elevation", "elevationAccuracy", "depth", "depthAccuracy",
    "eventDate", "day", "month", "year", "taxonKey", "speciesKey", "basisOfRecord",
    "institutionCode", "collectionCode", "catalogNumber", "recordNumber", "identifiedBy",
    "dateIdentified", "license", "rightsHolder", "recordedBy", "typeStatus",
    "establishmentMeans", "lastInterpreted", "mediaType", "issue",
)  # fmt: skip

# (kingdom, phylum, class, order, number of species, share of records)
TAXA = (
    ("Animalia", "Chordata", "Aves", "Passeriformes", 700, 0.38),
    ("Plantae", "Tracheophyta", "Magnoliopsida", "Fabales", 2000, 0.22),
    ("Plantae", "Tracheophyta", "Liliopsida", "Poales", 600, 0.05),
    ("Plantae", "Tracheophyta", "Polypodiopsida", "Polypodiales", 200, 0.02),
    ("Animalia", "Arthropoda", "Insecta", "Lepidoptera", 1500, 0.17),
    ("Animalia", "Arthropoda", "Arachnida", "Araneae", 250, 0.03),
    ("Animalia", "Chordata", "Mammalia", "Carnivora", 100, 0.03),
    ("Animalia", "Chordata", "Actinopterygii", "Perciformes", 300, 0.03),
    ("Animalia", "Chordata", "Squamata", "Squamata", 100, 0.03),
    ("Animalia", "Mollusca", "Gastropoda", "Stylommatophora", 150, 0.02),
    ("Fungi", "Basidiomycota", "Agaricomycetes", "Agaricales", 100, 0.02),
)
BBOX = (103.60, 1.20, 104.05, 1.48)  # lon_min, lat_min, lon_max, lat_max
# A forest reserve (tree cover in the land cover) where forest birds are seen, and nowhere else.
RESERVE = (103.76, 1.33, 103.84, 1.39)
YEARS = (2010, 2024)
SYLLABLES = (
    "ka", "lo", "mi", "ra", "te", "su", "no", "pha", "cy", "dro", "ni", "ve", "ta", "gla",
    "xi", "bo", "que", "ru", "sa", "li", "mo", "den", "tri", "ca", "pe", "zo", "fu", "gra",
)  # fmt: skip


@dataclass(frozen=True)
class Taxon:
    kingdom: str
    phylum: str
    class_: str
    order: str
    genus: str
    epithet: str
    author: str
    synonym_genus: str | None
    rank: str
    trend: str  # "steady", "arrived" (seen from 2020 only) or "gone" (not seen after 2018)
    forest: bool  # a forest bird, seen only in the reserve


def _word(rng: np.random.Generator, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES, size=parts))


def species_pool(seed: int) -> tuple[list[Taxon], np.ndarray]:
    """The taxa and the probability that a record is of each."""
    rng = np.random.default_rng(seed)
    taxa: list[Taxon] = []
    weights: list[float] = []
    seen: set[str] = set()
    authors = ["(Linnaeus, 1758)", "L.", "Smith, 1900", "(Raffles, 1822)", "Benth.", "Wall."]
    for kingdom, phylum, class_, order, count, share in TAXA:
        ranks = 1.0 / np.arange(1, count + 1) ** 0.9
        ranks = ranks / ranks.sum() * share
        for i in range(count):
            while True:
                genus = _word(rng, 3).capitalize()
                epithet = _word(rng, 3)
                if f"{genus} {epithet}" not in seen:
                    seen.add(f"{genus} {epithet}")
                    break
            roll = rng.random()
            rank = "GENUS" if roll < 0.03 else "SUBSPECIES" if roll < 0.07 else "SPECIES"
            synonym = _word(rng, 2).capitalize() if rng.random() < 0.05 else None
            change = rng.random()
            trend = "arrived" if change < 0.04 else "gone" if change < 0.07 else "steady"
            forest = class_ == "Aves" and rng.random() < 0.15
            taxa.append(
                Taxon(kingdom, phylum, class_, order, genus, epithet,
                      authors[int(rng.integers(len(authors)))], synonym, rank, trend, forest)
            )  # fmt: skip
            weights.append(float(ranks[i]))
    p = np.array(weights)
    return taxa, p / p.sum()


def _pool_table(taxa: list[Taxon]) -> dict[str, np.ndarray]:
    def col(values: Sequence[object]) -> np.ndarray:
        return np.array(values, dtype=object)

    species = [f"{t.genus} {t.epithet}" if t.rank != "GENUS" else None for t in taxa]
    sci = []
    for t in taxa:
        genus = t.synonym_genus or t.genus
        if t.rank == "GENUS":
            sci.append(f"{t.genus} {t.author}")
        elif t.rank == "SUBSPECIES":
            sci.append(f"{genus} {t.epithet} {t.epithet[:3]}ensis {t.author}")
        else:
            sci.append(f"{genus} {t.epithet} {t.author}")
    return {
        "sp": np.arange(len(taxa), dtype=np.int32),
        "trend": col([t.trend for t in taxa]),
        "forest": np.array([t.forest for t in taxa], dtype=bool),
        "kingdom": col([t.kingdom for t in taxa]),
        "phylum": col([t.phylum for t in taxa]),
        "class": col([t.class_ for t in taxa]),
        "order": col([t.order for t in taxa]),
        "family": col([t.order[:-1] + "dae" for t in taxa]),
        "genus": col([t.genus for t in taxa]),
        "species": col(species),
        "infra": col([t.epithet[:3] + "ensis" if t.rank == "SUBSPECIES" else None for t in taxa]),
        "rank": col([t.rank for t in taxa]),
        "sci": col(sci),
        "verbatim": col([f"{t.synonym_genus or t.genus} {t.epithet}" for t in taxa]),
        "author": col([t.author for t in taxa]),
        "taxon_key": np.arange(2_000_000, 2_000_000 + len(taxa), dtype=np.int64),
    }


def _string_pool(rng: np.random.Generator, n: int, fmt: str) -> np.ndarray:
    return np.array([fmt.format(i=i, w=_word(rng, 2)) for i in range(n)], dtype=object)


def write_gbif_simple_csv(path: Path, rows: int, seed: int = 20261125) -> None:
    """Write `rows` synthetic records as a tab-separated GBIF simple CSV at `path`."""
    taxa, p = species_pool(seed)
    rng = np.random.default_rng(seed + 1)
    hexes = [rng.bytes(16).hex() for _ in range(30)]
    datasets = np.array(
        [f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" for h in hexes], dtype=object
    )
    observers = _string_pool(rng, 3000, "obsr{i:06d}")
    localities = _string_pool(rng, 2000, "{w} Park")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    pool = _pool_table(taxa)
    con.register("taxa", pool)
    trend = pool["trend"]
    forest = pool["forest"]
    chunk = 1_000_000
    parts: list[Path] = []
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        idx = np.arange(start, start + n, dtype=np.int64)
        sp = rng.choice(len(taxa), size=n, p=p).astype(np.int32)
        in_reserve = forest[sp]
        lon = np.where(
            in_reserve, rng.uniform(RESERVE[0], RESERVE[2], n), rng.uniform(BBOX[0], BBOX[2], n)
        )
        lat = np.where(in_reserve, rng.uniform(RESERVE[1], RESERVE[3], n),
                       rng.uniform(BBOX[1], BBOX[3], n))  # fmt: skip
        year = rng.integers(YEARS[0], YEARS[1] + 1, n).astype(np.int32)
        year = np.where(trend[sp] == "arrived", np.maximum(year, 2020), year)
        year = np.where(trend[sp] == "gone", np.minimum(year, 2018), year).astype(np.int32)
        generalised = rng.random(n) < 0.03
        lon = np.where(generalised, np.round(lon, 2), np.round(lon, 6))
        lat = np.where(generalised, np.round(lat, 2), np.round(lat, 6))
        occ_kind = rng.random(n)
        dup_of = np.where(rng.random(n) < 0.005, np.maximum(idx - rng.integers(1, 1000, n), 0), idx)
        uncertainty = np.round(rng.lognormal(3.0, 1.2, n))
        basis = rng.choice(
            np.array(["HUMAN_OBSERVATION", "PRESERVED_SPECIMEN", "MACHINE_OBSERVATION",
                      "OCCURRENCE", "LIVING_SPECIMEN"], dtype=object),
            size=n, p=[0.86, 0.07, 0.03, 0.03, 0.01],
        )  # fmt: skip
        frame = {
            "i": idx,
            "sp": sp,
            "lon": lon,
            "lat": lat,
            "no_coord": rng.random(n) < 0.001,
            "unc": uncertainty,
            "no_unc": rng.random(n) < 0.3,
            "year": year,
            "month": rng.integers(1, 13, n).astype(np.int32),
            "day": rng.integers(1, 29, n).astype(np.int32),
            "occ_kind": occ_kind,
            "dup_of": dup_of,
            "dataset": rng.integers(0, len(datasets), n).astype(np.int32),
            "observer": rng.integers(0, len(observers), n).astype(np.int32),
            "locality": rng.integers(0, len(localities), n).astype(np.int32),
            "absent": rng.random(n) < 0.001,
            "basis": basis,
        }
        con.register("chunk", frame)
        con.register("datasets", {"d": np.arange(len(datasets), dtype=np.int32), "key": datasets})
        con.register(
            "observers", {"o": np.arange(len(observers), dtype=np.int32), "name": observers}
        )
        con.register(
            "localities", {"l": np.arange(len(localities), dtype=np.int32), "name": localities}
        )
        part = path.with_name(f"{path.name}.part{len(parts)}")
        con.execute(
            f"""
            COPY (
            SELECT 1000000000 + c.i AS gbifID, d.key AS datasetKey,
              CASE WHEN c.occ_kind < 0.6
                     THEN 'https://www.inaturalist.org/observations/' || (c.dup_of + 100000)
                   WHEN c.occ_kind < 0.9 THEN 'URN:catalog:CLO:EBIRD:OBS' || (c.dup_of + 500000)
                   ELSE NULL END AS occurrenceID,
              t.kingdom, t.phylum, t.class, t."order", t.family, t.genus, t.species,
              t.infra AS infraspecificEpithet, t.rank AS taxonRank, t.sci AS scientificName,
              t.verbatim AS verbatimScientificName, NULL AS verbatimScientificNameAuthorship,
              'SG' AS countryCode, lo.name AS locality, 'Singapore' AS stateProvince,
              CASE WHEN c.absent THEN 'ABSENT' ELSE 'PRESENT' END AS occurrenceStatus,
              CASE WHEN c.i % 7 = 0 THEN (c.i % 5 + 1)::VARCHAR END AS individualCount,
              'e2e717bf-551a-4917-bdc9-4fa0f342c530' AS publishingOrgKey,
              CASE WHEN NOT c.no_coord THEN printf('%.6g', c.lat) END AS decimalLatitude,
              CASE WHEN NOT c.no_coord THEN printf('%.9g', c.lon) END AS decimalLongitude,
              CASE WHEN NOT c.no_unc THEN printf('%.0f', c.unc) END
                AS coordinateUncertaintyInMeters,
              NULL AS coordinatePrecision, NULL AS elevation, NULL AS elevationAccuracy,
              NULL AS depth, NULL AS depthAccuracy,
              printf('%04d-%02d-%02d', c.year, c.month, c.day) AS eventDate,
              c.day, c.month, c.year, t.taxon_key AS taxonKey,
              CASE WHEN t.species IS NOT NULL THEN t.taxon_key END AS speciesKey,
              c.basis AS basisOfRecord,
              CASE WHEN c.occ_kind < 0.6 THEN 'iNaturalist' ELSE 'CLO' END AS institutionCode,
              CASE WHEN c.occ_kind < 0.6 THEN 'Observations' ELSE 'EBIRD' END AS collectionCode,
              c.i::VARCHAR AS catalogNumber, NULL AS recordNumber, o.name AS identifiedBy,
              NULL AS dateIdentified,
              CASE c.i % 3 WHEN 0 THEN 'CC_BY_4_0' WHEN 1 THEN 'CC0_1_0' ELSE 'CC_BY_NC_4_0' END
                AS license,
              o.name AS rightsHolder, o.name AS recordedBy, NULL AS typeStatus,
              NULL AS establishmentMeans, '2024-04-17T08:23:51.075Z' AS lastInterpreted,
              CASE WHEN c.i % 2 = 0 THEN 'StillImage' END AS mediaType,
              CASE WHEN c.i % 4 = 0 THEN 'CONTINENT_DERIVED_FROM_COORDINATES' END AS issue
            FROM chunk c JOIN taxa t USING (sp) JOIN datasets d ON d.d = c.dataset
              JOIN observers o ON o.o = c.observer JOIN localities lo ON lo.l = c.locality
            ORDER BY c.i
            ) TO '{part}' (FORMAT csv, DELIMITER '\t', QUOTE '', HEADER {str(not parts).lower()})
            """
        )
        parts.append(part)
    with path.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 24)
            part.unlink()
    con.close()


def write_checklist_csv(path: Path, seed: int = 20261125) -> None:
    """A plain checklist: 85 % of the species native, 10 % introduced, 5 % invasive."""
    taxa, _p = species_pool(seed)
    rng = np.random.default_rng(seed + 2)
    roll = rng.random(len(taxa))
    with path.open("w", encoding="utf-8") as out:
        out.write("scientificName,establishment\n")
        for taxon, r in zip(taxa, roll, strict=True):
            if taxon.rank == "GENUS":
                continue
            status = "native" if r < 0.85 else "introduced" if r < 0.95 else "invasive"
            out.write(f"{taxon.genus} {taxon.epithet} {taxon.author.replace(',', '')},{status}\n")


def write_boundary_geojson(path: Path, seed: int = 20261125, vertices: int = 400) -> None:
    """An irregular star-shaped city outline inside the records' box (WGS 84)."""
    rng = np.random.default_rng(seed + 3)
    cx, cy = (BBOX[0] + BBOX[2]) / 2, (BBOX[1] + BBOX[3]) / 2
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    radius = 0.8 + 0.2 * np.sin(angles * 7) + rng.uniform(-0.05, 0.05, vertices)
    xs = cx + radius * (BBOX[2] - BBOX[0]) / 2 * np.cos(angles)
    ys = cy + radius * (BBOX[3] - BBOX[1]) / 2 * np.sin(angles)
    ring = [[float(x), float(y)] for x, y in zip(xs, ys, strict=True)]
    ring.append(ring[0])
    feature = {
        "type": "Feature",
        "properties": {"name": "Benchmark city"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")


def write_landcover_tif(path: Path, seed: int = 20261125, size: int = 2000) -> None:
    """ESA WorldCover-coded land cover (50 = built-up) in WGS 84 over the records' box."""
    import rasterio
    from affine import Affine

    rng = np.random.default_rng(seed + 4)
    coarse = rng.choice(np.array([10, 20, 30, 40, 50, 60, 80, 90], dtype=np.uint8),
                        size=(size // 20, size // 20),
                        p=[0.25, 0.05, 0.1, 0.05, 0.4, 0.02, 0.1, 0.03])  # fmt: skip
    array = np.kron(coarse, np.ones((20, 20), dtype=np.uint8))
    width, height = (BBOX[2] - BBOX[0]) / size, (BBOX[3] - BBOX[1]) / size
    transform = Affine(width, 0, BBOX[0], 0, -height, BBOX[3])
    (col0, row0), (col1, row1) = (~transform @ (RESERVE[0], RESERVE[3]),
                                  ~transform @ (RESERVE[2], RESERVE[1]))  # fmt: skip
    array[int(row0) : int(row1) + 1, int(col0) : int(col1) + 1] = 10
    with rasterio.open(
        path, "w", driver="GTiff", width=size, height=size, count=1, dtype="uint8",
        crs="EPSG:4326", transform=transform, nodata=0, compress="deflate",
    ) as dst:  # fmt: skip
        dst.write(array, 1)
