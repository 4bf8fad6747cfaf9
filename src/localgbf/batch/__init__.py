"""Batch assessments: the same assessment as `localgbf assess`, for many governments at once,
on Dask distributed (a local cluster by default, an existing scheduler when given).

    manifest = load_manifest("cities.csv")          # or a national manifest (.yaml)
    with open_cluster(workers=2) as cluster:
        report = run_batch(manifest, Path("out"), cluster)

Every government's work is `localgbf.assess.run_assessment` on its recipe; `DIR/<code>.json`
holds what `localgbf assess RECIPE --json` prints. Nothing here imports Django.
"""

from __future__ import annotations

from localgbf.batch.errors import BatchError
from localgbf.batch.manifest import Manifest, load_manifest, national_manifest
from localgbf.batch.national import BoundariesRef, NationalSpec, SharedSpecies
from localgbf.batch.run import (
    BatchReport,
    Cluster,
    GovernmentRun,
    Status,
    open_cluster,
    read_result,
    result_path,
    run_batch,
)
from localgbf.batch.summary import SummaryEntry, summary_csv, summary_table, summary_xlsx

__all__ = [
    "BatchError",
    "BatchReport",
    "BoundariesRef",
    "Cluster",
    "GovernmentRun",
    "Manifest",
    "NationalSpec",
    "SharedSpecies",
    "Status",
    "SummaryEntry",
    "load_manifest",
    "national_manifest",
    "open_cluster",
    "read_result",
    "result_path",
    "run_batch",
    "summary_csv",
    "summary_table",
    "summary_xlsx",
]
