"""The plans app's one dependency on Singapore Index assessments, kept behind a single hook.

The guided authoring's assessment step shows the government's latest Singapore Index results
when they exist. The assessments app is being built separately; until it is installed and
provides them, `latest_index_summary` returns None and the step says that no assessment exists
yet. Connect it here, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from localgbf.web.governments.models import Government


@dataclass(frozen=True)
class IndexSummary:
    """What the assessment step shows of the latest Singapore Index assessment."""

    edition: str
    reference_year: int
    points: int
    max_points: int
    scored: int
    indicators: int
    url: str = ""


def latest_index_summary(government: Government) -> IndexSummary | None:
    """The latest Singapore Index results of `government`, or None while none exist.

    Returns None until the assessments app provides them (see the module docstring).
    """
    return None
