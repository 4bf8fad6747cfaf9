"""The error a batch raises before it starts: a manifest, or an input shared by every
government, cannot be used. A government's own failure never raises: it is recorded."""

from __future__ import annotations


class BatchError(ValueError):
    """A manifest or a shared input cannot be used.

    The message names the file, where in it the problem is when known (a line and a column,
    a key, a feature) and what is wrong.
    """

    def __init__(self, source: str, problem: str, where: str | None = None) -> None:
        self.source = source
        self.where = where
        self.problem = problem
        place = f"{source}, {where}" if where else source
        super().__init__(f"{place}: {problem}")
