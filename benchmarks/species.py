"""Species benchmarks (issue 6): a 10^7-row GBIF simple CSV imported and counted.

Figures and targets:
- import of the CSV into a store: <= 60 s wall and <= 2 GiB peak RSS on 2 cores;
- indicators 3, 4, 5, 6 and 9 from the stored rows (boundary, land cover, checklist): <= 3 s;
- at least 5 times faster than pandas `read_csv` + `groupby` computing the same species counts
  (native species per group and period, invasive species per group) in the same run. The
  pandas baseline skips the boundary polygon and the built-up test, which favours pandas.

Every input is generated from a seed by `benchmarks/species_data.py` into a temporary folder
and removed afterwards. Each measured step runs in its own Python process, so that its peak
memory is its own and module imports are not counted in the computation times.

    python -m benchmarks.species [--rows N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROWS = 10_000_000
SEED = 20261125
TARGET_IMPORT_S = 60.0
TARGET_IMPORT_GIB = 2.0
TARGET_INDICATORS_S = 3.0
TARGET_SPEEDUP = 5.0

IMPORT_STEP = """
import json, sys, time
from pathlib import Path
from localgbf.species.occurrences import import_occurrences
from localgbf.species.store import open_store
store = open_store(Path(sys.argv[2]))
start, cpu = time.perf_counter(), time.process_time()
record = import_occurrences(Path(sys.argv[1]), store).dataset
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "records": record.records}))
"""
# Each step ends by printing the peak resident memory of its own process image (VmHWM starts
# afresh at exec, unlike getrusage's ru_maxrss, which keeps the parent's high-water mark).
PEAK = """
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(json.dumps({"peak_kib": int(line.split()[1])}))
"""
GENERATE_STEP = """
import json, sys
from pathlib import Path
from benchmarks.species_data import (write_boundary_geojson, write_checklist_csv,
    write_gbif_simple_csv, write_landcover_tif)
folder, rows, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
write_gbif_simple_csv(folder / "occurrences.csv", rows, seed)
write_checklist_csv(folder / "checklist.csv", seed)
write_boundary_geojson(folder / "boundary.geojson", seed)
write_landcover_tif(folder / "landcover.tif", seed)
print(json.dumps({}))
"""

INDICATOR_STEP = """
import json, sys, time
from pathlib import Path
from localgbf.species.checklists import import_checklist
from localgbf.species.recipe import species_report
import localgbf.spatial.classmap, localgbf.spatial.raster, localgbf.spatial.sampling
import localgbf.spatial.vectors, rasterio.features, scipy.ndimage
store, checklist, boundary, landcover = (Path(a) for a in sys.argv[1:5])
from localgbf.species.store import open_store
import_checklist(checklist, open_store(store))
times = []
for _ in range(2):
    start, cpu = time.perf_counter(), time.process_time()
    report = species_report(
        store_dir=store, occurrence_files=[], checklist=None, sensitive_species=None,
        boundary=boundary, landcover=landcover, class_map="esa-worldcover", years=(2020, 2024),
    )
    times.append((time.perf_counter() - start, time.process_time() - cpu))
values = {v.indicator: v.value for v in report.indicators}
best = min(times)
print(json.dumps({"seconds": best[0], "cpu": best[1], "values": values}))
"""

PANDAS_STEP = """
import json, sys, time
import pandas as pd
csv_path, checklist_path = sys.argv[1:3]
start, cpu = time.perf_counter(), time.process_time()
columns = ["species", "kingdom", "phylum", "class", "decimalLatitude", "decimalLongitude",
           "coordinateUncertaintyInMeters", "year", "basisOfRecord", "occurrenceStatus"]
frame = pd.read_csv(
    csv_path, sep="\\t", quoting=3, usecols=columns,
    dtype={"species": "category", "kingdom": "category", "phylum": "category",
           "class": "category", "basisOfRecord": "category", "occurrenceStatus": "category"},
)
accepted = ["HUMAN_OBSERVATION", "OBSERVATION", "MACHINE_OBSERVATION", "PRESERVED_SPECIMEN",
            "MATERIAL_SAMPLE", "MATERIAL_CITATION", "OCCURRENCE"]
keep = (
    frame["basisOfRecord"].isin(accepted)
    & ~(frame["coordinateUncertaintyInMeters"] > 1000)
    & (frame["occurrenceStatus"] != "ABSENT")
    & frame["decimalLatitude"].notna() & frame["species"].notna()
    & frame["year"].between(2015, 2024)
)
frame = frame[keep]
frame = frame.assign(period=(frame["year"] >= 2020).map({True: "now", False: "before"}))
groups = {"Aves": "birds", "Magnoliopsida": "vascular_plants", "Liliopsida": "vascular_plants",
          "Polypodiopsida": "vascular_plants", "Insecta": "arthropods", "Arachnida": "arthropods"}
frame = frame.assign(group=frame["class"].map(groups))
checklist = pd.read_csv(checklist_path)
checklist["species"] = checklist["scientificName"].str.split().str[:2].str.join(" ")
status = checklist.set_index("species")["establishment"]
frame = frame.assign(status=frame["species"].astype(str).map(status))
counts = (
    frame.dropna(subset=["group", "status"])
    .groupby(["group", "period", "status"], observed=True)["species"].nunique()
)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu,
                  "counts": {"|".join(k): int(v) for k, v in counts.items()}}))
"""


def _step(code: str, *args: object) -> tuple[dict[str, Any], float, float]:
    """Run `code` in a fresh interpreter: (its JSON answer, wall seconds, peak RSS in GiB)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.run(
            [sys.executable, "-c", code + PEAK, *(str(a) for a in args)],
            stdout=out,
            stderr=err,
            cwd=Path(__file__).resolve().parent.parent,
            check=False,
        )
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise RuntimeError(f"benchmark step failed:\n{err.read()}")
        *lines, peak_line = out.read().strip().splitlines()
    return json.loads(lines[-1]), wall, json.loads(peak_line)["peak_kib"] / 2**20


def _figure(
    name: str, value: float, unit: str, target: str, passed: bool, note: str = ""
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "target": target,
        "passed": passed,
    }
    if note:
        out["note"] = note
    return out


def _load() -> str:
    """The machine's load averages, to read wall times against (2 cores are the target)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(rows: int = ROWS, seed: int = SEED) -> list[dict[str, Any]]:
    """Generate the inputs, then time the import, the indicators and the pandas baseline.

    Wall times are the targets; on a machine shared with other work they grow with the load,
    so each figure also gives the CPU seconds the step used and the load average after it.
    """
    with tempfile.TemporaryDirectory(prefix="localgbf-bench-species-") as tmp:
        folder = Path(tmp)
        _nothing, generated, _peak = _step(GENERATE_STEP, folder, rows, seed)
        csv_path = folder / "occurrences.csv"
        size_gib = csv_path.stat().st_size / 2**30
        checklist = folder / "checklist.csv"
        boundary = folder / "boundary.geojson"
        landcover = folder / "landcover.tif"
        store = folder / "store"

        imported, import_wall, import_peak = _step(IMPORT_STEP, csv_path, store)
        import_load = _load()
        indicators, _wall, _peak = _step(INDICATOR_STEP, store, checklist, boundary, landcover)
        indicator_load = _load()
        baseline, _wall, pandas_peak = _step(PANDAS_STEP, csv_path, checklist)
        pandas_load = _load()

    ours = float(indicators["seconds"])
    theirs = float(baseline["seconds"])
    label = f"{rows:,}-row GBIF simple CSV ({size_gib:.1f} GiB, generated in {generated:.0f} s)"
    return [
        _figure(f"species import, {label}", float(imported["seconds"]), "s",
                f"<= {TARGET_IMPORT_S:g}", float(imported["seconds"]) <= TARGET_IMPORT_S,
                f"{imported['records']:,} records stored; CPU {imported['cpu']:.1f} s; "
                f"process wall {import_wall:.1f} s; load average {import_load}"),
        _figure("species import, peak RSS", import_peak, "GiB", f"<= {TARGET_IMPORT_GIB:g}",
                import_peak <= TARGET_IMPORT_GIB),
        _figure("species indicators 3, 4, 5, 6, 9 on the stored rows", ours, "s",
                f"<= {TARGET_INDICATORS_S:g}", ours <= TARGET_INDICATORS_S,
                f"CPU {indicators['cpu']:.2f} s; load average {indicator_load}; values "
                + ", ".join(f"{k}: {v:.2f}" for k, v in indicators["values"].items()
                            if v is not None)),
        _figure("species indicators vs pandas read_csv + groupby (speed-up)", theirs / ours, "x",
                f">= {TARGET_SPEEDUP:g}", theirs / ours >= TARGET_SPEEDUP,
                f"pandas {theirs:.1f} s (CPU {baseline['cpu']:.1f} s, peak {pandas_peak:.1f} GiB) "
                f"vs {ours:.2f} s; import + indicators {float(imported['seconds']) + ours:.1f} s; "
                f"load average {pandas_load}"),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--seed", type=int, default=SEED)
    arguments = parser.parse_args()
    for figure in run(arguments.rows, arguments.seed):
        print(json.dumps(figure, ensure_ascii=False))


if __name__ == "__main__":
    main()
