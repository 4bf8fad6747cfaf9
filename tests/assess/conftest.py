"""Fixtures: the synthetic city of `city.py`, written into tmp_path, and its recipe.

Helpers are imported inside the fixtures: by then pytest has put tests/ on sys.path.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def city_files(tmp_path: Path) -> dict[str, Path]:
    from assess.city import write_city

    return write_city(tmp_path)


@pytest.fixture
def recipe_path(city_files: dict[str, Path]) -> Path:
    from assess.city import RECIPE

    path = city_files["landcover"].parent / "recipe.yaml"
    path.write_text(RECIPE, encoding="utf-8")
    return path
