"""Change in the number of native species (2021 indicators 4-6) from two species lists.

The species engine supplies the lists; the index engine only compares them. The value is the
net change since the previous survey: species added (re-introduced, rediscovered, or newly found
by more thorough surveys) minus species lost. The first application of the index has no previous
survey, so it records the lists as the baseline and no value; how the Handbook scores the
baseline year could not be verified, so localgbf does not invent a score for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.singapore_index import (
    DEFAULT_EDITION,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.index.errors import IndexInputError
from localgbf.index.scoring import indicator_of
from localgbf.provenance import IndicatorValue, InputFile

METHOD_ID = "si-net-species-change"
METHOD_VERSION = "1"
NET_CHANGE_UNIT = "species_net_change"


class SpeciesChange(BaseModel):
    """The species added and lost between two surveys; `net` is what the indicator scores."""

    model_config = ConfigDict(frozen=True)

    added: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    previous_year: int | None = None

    @property
    def net(self) -> int:
        return len(self.added) - len(self.lost)

    @classmethod
    def from_details(cls, details: dict[str, Any]) -> SpeciesChange | None:
        """Read the lists a computed value carries in its `details`, if it has them."""
        if "added" not in details and "lost" not in details:
            return None
        return cls(
            added=tuple(details.get("added") or ()),
            lost=tuple(details.get("lost") or ()),
            previous_year=details.get("previous_year"),
        )


def _normalised(names: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        clean = " ".join(str(name).split())
        if clean:
            out.setdefault(clean.casefold(), clean)
    return out


def species_change_between(
    previous: Iterable[str], current: Iterable[str], *, previous_year: int | None = None
) -> SpeciesChange:
    """Species in `current` but not in `previous` (added) and the reverse (lost).

    Names are compared after collapsing white space and ignoring case, so 'Passer  montanus'
    and 'passer montanus' are one species; reconcile synonyms before calling.
    """
    before, after = _normalised(previous), _normalised(current)
    return SpeciesChange(
        added=tuple(sorted(after[k] for k in after.keys() - before.keys())),
        lost=tuple(sorted(before[k] for k in before.keys() - after.keys())),
        previous_year=previous_year,
    )


def is_species_change_indicator(
    indicator: int, edition: str = DEFAULT_EDITION, framework: SingaporeIndex | None = None
) -> bool:
    return indicator_of(indicator, edition, framework).unit == NET_CHANGE_UNIT


def net_species_change(
    indicator: int,
    change: SpeciesChange,
    *,
    inputs: tuple[InputFile, ...] = (),
    framework: SingaporeIndex | None = None,
) -> IndicatorValue:
    """The value of a change-in-species indicator (2021 numbering) from the two lists."""
    fw = framework or load_singapore_index()
    if not is_species_change_indicator(indicator, DEFAULT_EDITION, fw):
        raise IndexInputError(f"indicator {indicator} is not a change-in-native-species indicator")
    return IndicatorValue(
        indicator=indicator,
        value=float(change.net),
        unit=NET_CHANGE_UNIT,
        method_id=METHOD_ID,
        method_version=METHOD_VERSION,
        inputs=inputs,
        details={
            "added": list(change.added),
            "lost": list(change.lost),
            "previous_year": change.previous_year,
            "net": change.net,
        },
    )
