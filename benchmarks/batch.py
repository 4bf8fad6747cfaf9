"""Speed and memory of batch assessments on Dask (issue 10's targets).

100 synthetic cities, each a 2,000 × 2,000-cell land cover (ESA WorldCover codes), a city
outline, 10^5 GBIF occurrence records and a checklist, written by the seeded generators of
`benchmarks/species_data.py` into a temporary folder. The same batch (a CSV manifest of 100
recipes: spatial indicators 1, 2, 10, 11 and species indicators 3-6, 9) runs on a local Dask
cluster of 1 worker process, then of 2, each time into fresh species stores and results.

Figures: wall time of each run (the batch alone: the cluster is started and every worker has
assessed one small warm-up city first, so numba's compilation is not timed), the speed-up of 2
workers over 1 (target >= 1.7 on 2 cores), and the highest peak resident memory of a worker.

    python -m benchmarks batch              # through the runner
    python -m benchmarks.batch --cities 20  # directly, smaller, printing the figures
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

CITIES = 100
SIDE = 2000
OCCURRENCES = 100_000
SEED = 20261125
TARGET_SPEEDUP = 1.7

RECIPE = """\
recipe_version: 1
government: {{code: {code}, name: Benchmark city {number}}}
landcover: {data}/landcover.tif
class_map: esa-worldcover
boundary: {data}/boundary.geojson
species:
  store: {store}
  occurrences: [{data}/occurrences.csv]
  checklist: {data}/checklist.csv
  years: [2015, 2024]
"""


def _write_city(folder: str, seed: int, side: int, rows: int) -> float:
    """One city's four input files (in a worker process of the generation pool)."""
    from benchmarks.species_data import (
        write_boundary_geojson,
        write_checklist_csv,
        write_gbif_simple_csv,
        write_landcover_tif,
    )

    start = time.perf_counter()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    write_landcover_tif(out / "landcover.tif", seed=seed, size=side)
    write_boundary_geojson(out / "boundary.geojson", seed=seed)
    write_checklist_csv(out / "checklist.csv", seed=seed)
    write_gbif_simple_csv(out / "occurrences.csv", rows, seed=seed)
    return time.perf_counter() - start


def generate(root: Path, cities: int, side: int, rows: int, seed: int) -> float:
    """Every city's files under root/data/city-NNN; returns the wall seconds it took."""
    start = time.perf_counter()
    folders = [str(root / "data" / f"city-{i:03d}") for i in range(cities + 1)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_write_city, folders, [seed + i for i in range(cities + 1)],
                      [side] * (cities + 1), [rows] * (cities + 1)))  # fmt: skip
    return time.perf_counter() - start


def write_manifest(root: Path, run: str, cities: int) -> tuple[Path, Path]:
    """A CSV manifest of the cities' recipes, with species stores of its own; and the warm-up
    recipe (city 0, which the timed batch does not hold)."""
    folder = root / run
    (folder / "recipes").mkdir(parents=True)
    lines = ["code,recipe"]
    for number in range(cities + 1):
        code = f"BENCH-{number:03d}"
        data = root / "data" / f"city-{number:03d}"
        path = folder / "recipes" / f"{code}.yaml"
        store = folder / "stores" / code
        path.write_text(
            RECIPE.format(code=code, number=number, data=data, store=store), encoding="utf-8"
        )
        if number:
            lines.append(f"{code},recipes/{code}.yaml")
    manifest = folder / "cities.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest, folder / "recipes" / "BENCH-000.yaml"


def _warm_up(recipe: str) -> float:
    """Assess the spatial part of one city in this worker, so that numba's kernels are
    compiled before timing (the species part compiles nothing, and its store would be shared
    by the workers warming up at once)."""
    from localgbf.assess import load_recipe, run_assessment

    start = time.perf_counter()
    run_assessment(load_recipe(recipe).model_copy(update={"species": None}))
    return time.perf_counter() - start


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed_batch(root: Path, run: str, workers: int, cities: int) -> dict[str, Any]:
    from localgbf.batch import Status, load_manifest, open_cluster, run_batch
    from localgbf.batch.tasks import peak_memory_mib

    manifest_path, warm = write_manifest(root, run, cities)
    manifest = load_manifest(manifest_path)
    started = time.perf_counter()
    with open_cluster(workers=workers) as cluster:
        cluster_seconds = time.perf_counter() - started
        warm_seconds = cluster.client.run(_warm_up, str(warm))
        start = time.perf_counter()
        report = run_batch(manifest, root / run / "out", cluster)
        seconds = time.perf_counter() - start
        peaks = cluster.client.run(peak_memory_mib)
    failed = [r for r in report.runs if r.status is Status.FAILED]
    if failed:
        raise RuntimeError(f"{len(failed)} cities failed, first: {failed[0].error}")
    per_city = [r.seconds for r in report.runs if r.seconds is not None]
    return {
        "seconds": seconds,
        "cluster_seconds": cluster_seconds,
        "warm_up_seconds": max(warm_seconds.values()),
        "peak_mib": max(peaks.values()),
        "mean_city_seconds": sum(per_city) / len(per_city),
        "load": _load(),
        "cpu_count": os.cpu_count(),
    }


def _figure(name: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "value": round(value, 2), "unit": unit, **extra}


def run(
    cities: int = CITIES, side: int = SIDE, rows: int = OCCURRENCES, seed: int = SEED
) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="localgbf-bench-batch-") as tmp:
        root = Path(tmp)
        generated = generate(root, cities, side, rows, seed)
        one = timed_batch(root, "one-worker", 1, cities)
        two = timed_batch(root, "two-workers", 2, cities)
    speedup = one["seconds"] / two["seconds"]
    label = f"{cities} cities of {side:,} × {side:,} cells + {rows:,} occurrences"
    return [
        _figure(
            f"batch, 1 worker, {label}", one["seconds"], "s",
            note=f"{one['mean_city_seconds']:.2f} s per city in the worker; cluster start "
            f"{one['cluster_seconds']:.1f} s, warm-up {one['warm_up_seconds']:.1f} s (not "
            f"timed); inputs generated in {generated:.0f} s; load average {one['load']}",
        ),
        _figure(
            f"batch, 2 workers, {label}", two["seconds"], "s",
            note=f"{two['mean_city_seconds']:.2f} s per city in a worker; load average "
            f"{two['load']}; {two['cpu_count']} cores",
        ),
        _figure(
            "batch speed-up, 2 workers over 1", speedup, "x",
            target=f">= {TARGET_SPEEDUP:g}", passed=speedup >= TARGET_SPEEDUP,
        ),
        _figure(
            "batch, peak resident memory of a worker", max(one["peak_mib"], two["peak_mib"]),
            "MiB",
            note=f"1 worker: {one['peak_mib']:.0f} MiB; 2 workers: {two['peak_mib']:.0f} MiB "
            "(the highest of the two)",
        ),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=CITIES)
    parser.add_argument("--side", type=int, default=SIDE)
    parser.add_argument("--occurrences", type=int, default=OCCURRENCES)
    parser.add_argument("--seed", type=int, default=SEED)
    arguments = parser.parse_args()
    figures = run(arguments.cities, arguments.side, arguments.occurrences, arguments.seed)
    for figure in figures:
        print(json.dumps(figure, ensure_ascii=False))


if __name__ == "__main__":
    main()
