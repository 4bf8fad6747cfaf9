"""The one error type of the species package."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class SpeciesDataError(ValueError):
    """An input file, record or store is unusable.

    The message names the file and, where they apply, the line and the field, then says what is
    wrong, so that a city officer can fix the file without reading code.
    """

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        where = [file]
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field}")
        super().__init__(f"{', '.join(where)}: {problem}")


@contextmanager
def readable(label: str) -> Iterator[None]:
    """Turn a failure to read a file (permissions, a folder where a file was expected) into
    a SpeciesDataError naming it."""
    try:
        yield
    except OSError as exc:
        raise SpeciesDataError(label, f"cannot be read ({exc.strerror or exc})") from exc
