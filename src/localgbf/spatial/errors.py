"""The error every spatial loader and computation raises on bad input."""

from __future__ import annotations


class SpatialInputError(ValueError):
    """An input file or parameter cannot be used.

    The message names the file (or the parameter), where in it the problem is when that is
    known (a line, a field, a feature), and what is wrong.
    """

    def __init__(self, source: str, problem: str, where: str | None = None) -> None:
        self.source = source
        self.where = where
        self.problem = problem
        place = f"{source}, {where}" if where else source
        super().__init__(f"{place}: {problem}")
