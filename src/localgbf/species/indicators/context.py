"""What every species indicator computation reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from localgbf.provenance import IndicatorValue, InputFile
from localgbf.species.evidence import EvidenceWriter
from localgbf.species.reference import IndicatorMethod, indicator_methods
from localgbf.species.selection import QualityRules, Selection

BuiltUp = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""(longitude, latitude) arrays in WGS 84 -> True where the point lies in a built-up area."""


@dataclass
class SpeciesContext:
    """The selection of records and everything else an indicator needs, computed once."""

    selection: Selection
    evidence: EvidenceWriter
    rules: QualityRules
    builtup: BuiltUp | None = None
    inputs: tuple[InputFile, ...] = ()
    warnings: tuple[str, ...] = ()
    sources: list[dict[str, Any]] = field(default_factory=list)
    """Citation, DOI and licence of every data set and checklist the values come from."""

    def group_mask(self, group: str) -> np.ndarray:
        return np.array([t.group == group for t in self.selection.taxa], dtype=bool)

    def status_mask(self, status: str) -> np.ndarray:
        return np.array([t.status == status for t in self.selection.taxa], dtype=bool)

    def period(self, slot: int) -> list[int] | None:
        if not self.selection.has_slot(slot):
            return None
        period = self.selection.slots[slot]
        return [period.start, period.end] if period is not None else None

    def value(
        self,
        number: int,
        value: float | None,
        *,
        details: dict[str, Any],
        warnings: list[str] | None = None,
    ) -> IndicatorValue:
        method: IndicatorMethod = indicator_methods().get(number)
        common = {
            "period": self.period(0),
            "quality_rules": self.rules.as_dict(),
            "formula": method.formula.as_dict(),
            "sources": self.sources,
        }
        return IndicatorValue(
            indicator=number,
            value=value,
            unit=method.unit,
            method_id=method.method_id,
            method_version=method.method_version,
            inputs=self.inputs,
            warnings=tuple(self.warnings) + tuple(warnings or ()),
            details={**common, **details},
        )
