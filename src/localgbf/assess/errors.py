"""The error an assessment raises: a recipe or an input it names cannot be used."""

from __future__ import annotations


class AssessError(ValueError):
    """A recipe, or one of the files it names, cannot be used.

    The message names the file (the recipe, or the input), where in it the problem is when
    known (a line, a key, a record), and what is wrong.
    """
