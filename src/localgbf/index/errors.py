"""The errors the index engine raises; each says which indicator, file, line or field is wrong."""

from __future__ import annotations


class IndexInputError(ValueError):
    """Input the Singapore Index engine refuses (bad value, unknown indicator, bad file...)."""


class UnknownIndicatorError(IndexInputError):
    """An indicator number that the chosen edition does not have."""


class ValueOutOfRangeError(IndexInputError):
    """A value outside the physical range of its unit (a share of 140 %, a negative count)."""


class AssessmentError(IndexInputError):
    """An operation on an assessment that its rules do not allow."""


class FileInputError(IndexInputError):
    """A band-table or score-card file that cannot be used; names the file and the line."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        self.file = file
        self.problem = problem
        self.line = line
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


class BandTableError(FileInputError):
    """A band-table file that is malformed or whose bands are not sound."""


class ScorecardFileError(FileInputError):
    """A score-card (indicator values) file that is malformed."""
