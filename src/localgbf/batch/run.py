"""Running a batch on Dask distributed: one task per government, results as they come.

`run_batch` submits `tasks.assess_government` for every government of the manifest that has
no result yet (all of them with `force`), writes each result into `DIR/<code>.json` as soon as
it arrives, records each failure with its message (`DIR/failed/<code>.txt`) and lets the
others go on, and ends with the summary table (`DIR/summary.csv`, `DIR/summary.xlsx`). A rerun
skips the governments whose result is there, so an interrupted batch resumes where it stopped.

`open_cluster` gives the Dask client: a `LocalCluster` of worker processes on this machine by
default, or a connection to a scheduler already running elsewhere (its workers must see the
input files, and `DIR`, at the same paths).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from localgbf.assess import AssessmentResult
from localgbf.batch.errors import BatchError
from localgbf.batch.manifest import Manifest
from localgbf.batch.national import NationalTask
from localgbf.batch.stores import fill_national_store, fill_shared_stores
from localgbf.batch.summary import SummaryEntry, summary_csv, summary_table, summary_xlsx
from localgbf.batch.tasks import Outcome, RecipeTask, Task, assess_government

if TYPE_CHECKING:
    from distributed import Client

INPUTS_DIR = "inputs"
FAILED_DIR = "failed"
SPECIES_STORE_DIR = "species-store"
SUMMARY_CSV = "summary.csv"
SUMMARY_XLSX = "summary.xlsx"
CONNECT_TIMEOUT_S = 20


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class GovernmentRun:
    """What happened to one government in this run."""

    code: str
    name: str
    status: Status
    error: str = ""
    seconds: float | None = None
    peak_mib: float | None = None
    result_path: Path | None = None


@dataclass(frozen=True)
class BatchReport:
    """Every government's outcome, where the files are, and how long the run took."""

    out_dir: Path
    runs: tuple[GovernmentRun, ...]
    summary_csv: Path
    summary_xlsx: Path
    seconds: float
    cluster: str
    left_out: tuple[str, ...] = ()
    not_found: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for r in self.runs if r.status is status)

    def as_data(self) -> dict[str, Any]:
        return {
            "out": str(self.out_dir),
            "cluster": self.cluster,
            "seconds": round(self.seconds, 2),
            "governments": len(self.runs),
            "done": self.count(Status.DONE),
            "skipped": self.count(Status.SKIPPED),
            "failed": self.count(Status.FAILED),
            "results": [
                {
                    "code": r.code,
                    "name": r.name,
                    "status": str(r.status),
                    "error": r.error,
                    "seconds": None if r.seconds is None else round(r.seconds, 2),
                    "worker_peak_mib": None if r.peak_mib is None else round(r.peak_mib, 1),
                    "json": None if r.result_path is None else str(r.result_path),
                }
                for r in self.runs
            ],
            "summary": {"csv": str(self.summary_csv), "xlsx": str(self.summary_xlsx)},
            "left_out": list(self.left_out),
            "not_found": list(self.not_found),
        }


# Called after each government finishes: (its run, how many have finished, how many were sent).
BatchProgress = Callable[[GovernmentRun, int, int], None]


@dataclass
class Cluster:
    """A Dask client, what it runs on, and how many threads each task's kernels may use."""

    client: Client
    description: str
    task_threads: int | None = None
    workers: int = field(default=0)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform has affinity masks
        return os.cpu_count() or 1


@contextmanager
def open_cluster(
    scheduler: str | None = None, workers: int | None = None, *, processes: bool = True
) -> Iterator[Cluster]:
    """A `LocalCluster` of `workers` processes (one per core by default), or a client of the
    scheduler at `scheduler` (e.g. tcp://10.0.0.5:8786). Closed when the block ends.

    `processes=False` runs the workers as threads of this process: no start-up cost, for
    small batches such as the demo's (the GIL then limits parallel work)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise BatchError(
                scheduler, f"no Dask scheduler answered within {CONNECT_TIMEOUT_S} s ({exc})"
            ) from exc
        with client:
            count = len(client.scheduler_info().get("workers", {}))
            yield Cluster(client, f"Dask scheduler {scheduler}", None, count)
        return
    cores = available_cores()
    count = workers or cores
    with (
        LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            # The scheduler serves health checks over HTTP even without a dashboard, on
            # port 8787 unless told otherwise: take any free port of the loopback instead.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,
    ):
        plural = "s" if count > 1 else ""
        yield Cluster(
            client, f"local Dask cluster of {count} worker{plural}", max(1, cores // count), count
        )


def result_path(out_dir: Path, code: str) -> Path:
    return out_dir / f"{code}.json"


def read_result(path: Path) -> AssessmentResult | None:
    """A result file written earlier, or None when it is missing or unreadable (then the
    government is assessed again)."""
    try:
        return AssessmentResult.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _record(out_dir: Path, outcome: Outcome) -> GovernmentRun:
    failed = out_dir / FAILED_DIR / f"{outcome.code}.txt"
    if outcome.document is None:
        failed.parent.mkdir(exist_ok=True)
        failed.write_text(outcome.error + "\n", encoding="utf-8")
        return GovernmentRun(
            outcome.code, outcome.name, Status.FAILED, outcome.error, outcome.seconds,
            outcome.peak_mib,
        )  # fmt: skip
    path = result_path(out_dir, outcome.code)
    # The same text `localgbf assess RECIPE --json` prints, newline included.
    _write_atomic(path, outcome.document + "\n")
    failed.unlink(missing_ok=True)
    return GovernmentRun(
        outcome.code, outcome.name, Status.DONE, "", outcome.seconds, outcome.peak_mib, path
    )


def _lost(task: Task, problem: str) -> Outcome:
    """A task whose worker died (out of memory, killed) or that Dask could not run."""
    return Outcome(
        code=task.code,
        name=task.name,
        document=None,
        error=f"the Dask worker running it was lost or failed: {problem}",
        seconds=0.0,
        peak_mib=0.0,
    )


def _prepare_tasks(manifest: Manifest, pending: list[Task], out_dir: Path) -> dict[str, str]:
    """Fill shared species stores before any task runs; returns governments that cannot run."""
    spec = manifest.national
    if spec is not None and spec.species is not None:
        store = out_dir / SPECIES_STORE_DIR
        fill_national_store(store, spec.species, manifest.source)
        pending[:] = [
            replace(t, species_store=store.resolve()) if isinstance(t, NationalTask) else t
            for t in pending
        ]
        return {}
    return fill_shared_stores(t for t in pending if isinstance(t, RecipeTask))


def run_batch(
    manifest: Manifest,
    out_dir: Path,
    cluster: Cluster,
    *,
    force: bool = False,
    progress: BatchProgress | None = None,
) -> BatchReport:
    """Assess every government of `manifest` on `cluster`, writing results under `out_dir`."""
    from distributed import as_completed

    start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    runs: dict[str, GovernmentRun] = {}
    kept: dict[str, AssessmentResult] = {}
    pending: list[Task] = []
    for task in manifest.tasks:
        earlier = None if force else read_result(result_path(out_dir, task.code))
        if earlier is None:
            pending.append(task)
            continue
        kept[task.code] = earlier
        runs[task.code] = GovernmentRun(
            task.code,
            earlier.government.name,
            Status.SKIPPED,
            result_path=result_path(out_dir, task.code),
        )
    blocked = _prepare_tasks(manifest, pending, out_dir)
    total = len(pending)
    finished = 0

    def finish(outcome: Outcome) -> None:
        nonlocal finished
        finished += 1
        runs[outcome.code] = _record(out_dir, outcome)
        if progress is not None:
            progress(runs[outcome.code], finished, total)

    for task in pending:
        if task.code in blocked:
            finish(Outcome(task.code, task.name, None, blocked[task.code], 0.0, 0.0))
    work_dir = (out_dir / INPUTS_DIR).resolve()
    run_id = uuid.uuid4().hex[:8]
    futures = {
        cluster.client.submit(
            assess_government,
            task,
            work_dir,
            cluster.task_threads,
            key=f"localgbf-assess-{task.code}-{run_id}",
            pure=False,
        ): task
        for task in pending
        if task.code not in blocked
    }
    for future in as_completed(list(futures)):
        task = futures[future]
        if future.status == "finished":
            finish(future.result())
        elif future.status == "error":
            problem = future.exception()
            finish(_lost(task, f"{type(problem).__name__}: {problem}"))
        else:
            finish(_lost(task, f"the task ended as {future.status}"))
        future.release()
    ordered = [runs[t.code] for t in manifest.tasks]
    entries = [
        SummaryEntry(
            code=r.code,
            name=r.name,
            status=str(r.status),
            error=r.error,
            seconds=r.seconds,
            peak_mib=r.peak_mib,
            result=kept.get(r.code) if r.status is Status.SKIPPED else _load(r.result_path),
        )
        for r in ordered
    ]
    table = summary_table(entries)
    csv_path, xlsx_path = out_dir / SUMMARY_CSV, out_dir / SUMMARY_XLSX
    csv_path.write_bytes(summary_csv(table))
    xlsx_path.write_bytes(summary_xlsx(table))
    return BatchReport(
        out_dir=out_dir,
        runs=tuple(ordered),
        summary_csv=csv_path,
        summary_xlsx=xlsx_path,
        seconds=time.perf_counter() - start,
        cluster=cluster.description,
        left_out=manifest.left_out,
        not_found=manifest.not_found,
    )


def _load(path: Path | None) -> AssessmentResult | None:
    return read_result(path) if path is not None else None
