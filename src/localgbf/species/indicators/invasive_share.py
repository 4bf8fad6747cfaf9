"""Indicator 9: invasive alien species as a share of native plus invasive alien species, per
taxonomic group; the headline value is the mean of the groups that have any such species.
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.species.indicators.context import SpeciesContext
from localgbf.species.reference import indicator_methods


def invasive_share(context: SpeciesContext, number: int = 9) -> IndicatorValue:
    method = indicator_methods().get(number)
    present = context.selection.present(0)
    native = context.status_mask("native") & present
    invasive = context.status_mask("invasive") & present
    groups: dict[str, dict[str, object]] = {}
    shares = []
    for group in method.groups:
        in_group = context.group_mask(group)
        n_native = int((native & in_group).sum())
        n_invasive = int((invasive & in_group).sum())
        total = n_native + n_invasive
        share = 100.0 * n_invasive / total if total else None
        if share is not None:
            shares.append(share)
        groups[group] = {
            "native_species": n_native,
            "invasive_species": n_invasive,
            "percent": share,
            "invasive": context.evidence.species(invasive & in_group, 0),
            "native": context.evidence.names(native & in_group),
        }
    warnings = [] if shares else ["no native or invasive species of any group was recorded"]
    value = sum(shares) / len(shares) if shares else None
    return context.value(
        number,
        value,
        details={"groups": groups, "groups_with_data": len(shares), "aggregate": "mean_of_groups"},
        warnings=warnings,
    )
