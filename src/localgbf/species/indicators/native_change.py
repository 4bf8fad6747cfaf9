"""Indicators 4, 5 and 6: change in the number of native species of vascular plants, birds
and arthropods between the previous survey period and the survey period.

The value is the net change (species recorded now and not before, minus species recorded
before and not now); the details carry both lists, the counts of each period and the evidence
of every species, because the index engine scores the change and people check the lists. A
species not recorded in a period is not proven absent: "lost" means "not recorded again".
"""

from __future__ import annotations

from localgbf.provenance import IndicatorValue
from localgbf.species.indicators.context import SpeciesContext
from localgbf.species.reference import indicator_methods


def native_change(context: SpeciesContext, number: int) -> IndicatorValue:
    method = indicator_methods().get(number)
    selection = context.selection
    group = method.group or ""
    target = context.status_mask("native") & context.group_mask(group)
    now = target & selection.present(0)
    details: dict[str, object] = {
        "group": group,
        "native_species": int(now.sum()),
        "species": context.evidence.names(now),
    }
    if not selection.has_slot(1):
        return context.value(
            number,
            None,
            details=details,
            warnings=["no survey period was given, so there is no previous period to compare"],
        )
    before = target & selection.present(1)
    added = now & ~before
    lost = before & ~now
    details.update(
        previous_period=context.period(1),
        previous_native_species=int(before.sum()),
        previous_species=context.evidence.names(before),
        added=context.evidence.species(added, 0),
        lost=context.evidence.species(lost, 1),
        added_count=int(added.sum()),
        lost_count=int(lost.sum()),
    )
    if int(selection.counts[:, 1].sum()) == 0:
        details["baseline"] = True
        return context.value(
            number,
            None,
            details=details,
            warnings=["no record in the previous period: this survey is the baseline"],
        )
    return context.value(number, float(added.sum() - lost.sum()), details=details)
