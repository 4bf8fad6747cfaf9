"""Pause Python's cyclic garbage collector around work that builds many small objects.

Roll-ups make hundreds of thousands of tuples and dicts in one go. Each allocation counts
towards the collector's next pass, and the oldest generation's passes walk every object of
the process (a web process holds millions), so collection took about 45 % of the coverage
matrix's time (benchmarks/plans.py). The objects built hold no reference cycles, so nothing
is left for the collector when the pause ends; reference counting frees them as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; re-enable it after, if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
