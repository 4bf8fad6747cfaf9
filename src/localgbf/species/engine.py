"""The DuckDB connection every species import and computation runs on.

Resources are explicit (`EngineSettings`), never read from the environment, and temporary
files go where the caller says, so that an import never writes outside its staging folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

Progress = Callable[[str, float], None]
"""Called with a stage label and the overall fraction done (0 to 1)."""


@dataclass(frozen=True, kw_only=True)
class EngineSettings:
    """How much of the machine DuckDB may use: memory in MiB, threads (None: all cores)."""

    memory_limit_mb: int = 1024
    threads: int | None = None


def connect(settings: EngineSettings, temp_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": f"{settings.memory_limit_mb}MB",
        "preserve_insertion_order": False,
    }
    if settings.threads:
        config["threads"] = settings.threads
    if temp_dir is not None:
        config["temp_directory"] = str(temp_dir)
    con = duckdb.connect(":memory:", config=config)
    con.execute("SET enable_progress_bar = false")
    return con


@contextmanager
def watched(
    con: duckdb.DuckDBPyConnection,
    progress: Progress | None,
    label: str,
    start: float,
    end: float,
) -> Iterator[None]:
    """Report the running query's progress between `start` and `end` while the block runs."""
    if progress is None:
        yield
        return
    progress(label, start)
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.25):
            try:
                fraction = con.query_progress()
            except duckdb.Error:
                continue
            if fraction is not None and 0 <= fraction <= 100:
                progress(label, start + (end - start) * fraction / 100)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
    progress(label, end)
