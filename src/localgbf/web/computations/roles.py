"""The inputs of a computation: each recipe key, the kind of dataset that fills it, its label.

One table drives the form, the recipe built for the job and the results page, so that a new
input is one more row here (and one more key in `localgbf.assess.recipe.Recipe`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class InputRole:
    key: str  # the recipe key (`species.sensitive_species` for the species section's list)
    kind: str  # the DatasetKind that may fill it
    label: Promise
    help: Promise
    indicators: str  # the Singapore Index indicators it feeds, as shown to people


ROLES: dict[str, InputRole] = {
    role.key: role
    for role in (
        InputRole(
            "landcover", "landcover", _("Land cover"),
            _("A GeoTIFF in any coordinate system; areas are measured in an equal-area sense."),
            "1, 2, 3, 10, 11",
        ),
        InputRole(
            "boundary", "boundary", _("Boundary"),
            _("The outline of the city; every indicator is computed inside it."), "1–13",
        ),
        InputRole(
            "subunits", "subunits", _("Sub-units"),
            _("Districts or wards: every indicator is also given for each of them."), "1–13",
        ),
        InputRole(
            "protected_areas", "protected", _("Protected areas"),
            _("Protected or secured areas."), "8",
        ),
        InputRole("parks", "parks", _("Parks"), _("Parks and recreational spaces."), "12, 13"),
        InputRole(
            "restored", "restored", _("Restored habitat"), _("Needs the degraded habitat too."), "7"
        ),
        InputRole(
            "degraded", "degraded", _("Degraded habitat"), _("Needs the restored habitat too."), "7"
        ),
        InputRole(
            "barriers", "barriers", _("Barriers"),
            _("Wide roads, concrete canals: they cut links between natural patches."), "2",
        ),
        InputRole(
            "population", "population", _("Population"), _("People per cell (GeoTIFF)."), "12, 13"
        ),
        InputRole(
            "sensitive_species", "sensitive", _("Sensitive species"),
            _("Species whose locations are never shown."), "3–6, 9",
        ),
    )
}  # fmt: skip

SPATIAL_ROLES = tuple(key for key in ROLES if key != "sensitive_species")
