"""Progress reporting: long computations call `progress(message, fraction)` between steps."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, float], None]


def report(progress: Progress | None, message: str, fraction: float) -> None:
    if progress is not None:
        progress(message, min(max(fraction, 0.0), 1.0))
