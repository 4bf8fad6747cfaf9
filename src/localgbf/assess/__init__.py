"""Assessments: one government's recipe of input files -> every data-driven indicator, scored.

The one entry point the CLI (`localgbf assess`), the web jobs and batch all call is
`run_assessment(load_recipe(path))`. Nothing here imports Django.
"""

from __future__ import annotations

from localgbf.assess.errors import AssessError
from localgbf.assess.recipe import Recipe, load_recipe
from localgbf.assess.run import AssessmentResult, run_assessment

__all__ = ["AssessError", "AssessmentResult", "Recipe", "load_recipe", "run_assessment"]
