"""The error raised for a change the commitment or review workflow does not allow."""

from __future__ import annotations


class CommitmentError(ValueError):
    """Bad input or a step out of order; the message says what and, where it applies, which
    KPI, field or period. Nothing is saved when it is raised."""
