"""One government's work, as a Dask worker runs it.

Every task ends in the same two calls as `localgbf assess RECIPE`: `load_recipe` and
`run_assessment`, and its result is serialised by the same `result_json`. What differs between
manifest forms is only how the recipe file comes to be: a CSV manifest names it, a national
manifest writes it after cutting the government's window out of the national raster.

`assess_government` never raises for a government's own problem: a bad recipe, a bad input, or
even a bug shows up as a failed `Outcome` carrying the message, so that the other governments
of the batch go on.
"""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from localgbf.assess import AssessError, load_recipe, run_assessment
from localgbf.assess.output import result_json
from localgbf.batch.errors import BatchError
from localgbf.spatial.errors import SpatialInputError

MIB = 2**20


class Task(Protocol):
    """What the batch runner needs of a government of any manifest form."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    def prepare(self, work_dir: Path) -> Path:
        """Make the government's recipe file ready under `work_dir` and return its path."""
        ...


@dataclass(frozen=True)
class RecipeTask:
    """A government of a CSV manifest: a recipe file, read exactly as `localgbf assess` reads it."""

    code: str
    recipe: Path
    line: int
    manifest: str

    @property
    def name(self) -> str:
        return self.code

    def prepare(self, work_dir: Path) -> Path:
        return self.recipe


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the result document, or the error, and what it cost."""

    code: str
    name: str
    document: str | None
    error: str
    seconds: float
    peak_mib: float

    @property
    def ok(self) -> bool:
        return self.document is not None


def peak_memory_mib() -> float:
    """The highest resident memory of this process so far (ru_maxrss: KiB on Linux, bytes on
    macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def limit_threads(threads: int | None) -> None:
    """Let the numba kernels of this task use at most `threads` threads.

    A batch runs one government per worker thread; letting each kernel also spread over every
    core would make the workers of one machine fight over the same cores.
    """
    if threads is None:
        return
    import numba

    numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]


def _check_code(task: Task, recipe_code: str) -> None:
    if recipe_code != task.code and isinstance(task, RecipeTask):
        raise BatchError(
            task.manifest,
            f"the manifest gives the code {task.code!r} but the recipe {task.recipe.name} is "
            f"for the government {recipe_code!r}",
            f"line {task.line}, code",
        )


def assess_government(task: Task, work_dir: Path, threads: int | None = None) -> Outcome:
    """Prepare the government's recipe, assess it, and return the result document."""
    start = time.perf_counter()
    limit_threads(threads)
    name = task.name
    try:
        recipe = load_recipe(task.prepare(work_dir))
        name = recipe.government.name
        _check_code(task, recipe.government.code)
        document: str | None = result_json(run_assessment(recipe))
        error = ""
    except (AssessError, BatchError, SpatialInputError) as exc:
        document, error = None, str(exc)
    except Exception as exc:  # one government's bug must not stop the others: it is recorded
        document, error = None, f"{type(exc).__name__}: {exc}"
    return Outcome(
        code=task.code,
        name=name,
        document=document,
        error=error,
        seconds=time.perf_counter() - start,
        peak_mib=peak_memory_mib(),
    )
