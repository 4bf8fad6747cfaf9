"""A computation's datasets as an assessment recipe (`localgbf.assess.Recipe`).

Uploaded files live in the content-addressed store under their checksum. The job links each
one into a private folder under the name the officer uploaded it with, so that the recipe's
provenance and every error message name the file as the officer knows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from localgbf.assess.recipe import Recipe
from localgbf.web.computations.models import Computation
from localgbf.web.computations.workdir import link_file


class RecipeProblem(ValueError):
    """The chosen datasets do not make a recipe (for example land cover without a class map)."""


def recipe_document(computation: Computation, folder: Path) -> dict[str, Any]:
    """The recipe as a mapping, with every dataset linked into `folder`."""
    doc: dict[str, Any] = {
        "government": {
            "code": computation.government.code,
            "name": computation.government.display_name("en"),
        },
        "edition": computation.edition,
    }
    species: dict[str, Any] = {}
    for item in computation.inputs.select_related("dataset"):
        dataset = item.dataset
        path = link_file(dataset.path, folder, dataset.filename, item.role)
        if item.role == "sensitive_species":
            species["sensitive_species"] = path
        elif item.role == "subunits":
            doc["subunits"] = {"path": path, "field": computation.subunit_field}
        else:
            doc[item.role] = path
    if computation.class_map is not None:
        doc["class_map"] = str(computation.class_map.write(folder))
    elif computation.class_map_preset:
        doc["class_map"] = computation.class_map_preset
    if computation.gap_m is not None:
        doc["connectivity_gap_m"] = computation.gap_m
    if computation.species:
        from localgbf.web.species.services import store_path

        species["store"] = store_path(computation.government)
        if computation.year_from is not None and computation.year_to is not None:
            species["years"] = [computation.year_from, computation.year_to]
        doc["species"] = species
    return doc


def build_recipe(computation: Computation, folder: Path) -> Recipe:
    try:
        return Recipe.model_validate(recipe_document(computation, folder))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'recipe'}: {error['msg']}"
            for error in exc.errors()
        )
        raise RecipeProblem(problems) from None
