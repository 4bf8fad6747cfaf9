"""A Singapore Index assessment: one government, one edition, one reference year.

The model is pure and immutable: every operation returns a new `Assessment`, so the web app can
store it and a failed operation leaves nothing half-changed. Each indicator entry records its
value and unit, its score (with rule and band-table version), how it was obtained (computed by
which method version from which input files, or entered by whom), evidence, data sources and a
status. Rules enforced here:

- a computed value never overwrites a confirmed one: it waits beside it as a `proposal`
  until a person confirms it;
- a score entered by the assessor needs a justification, and only indicators without bands
  can have one (`scored_by="assessor"` labels it wherever it is shown);
- a completed assessment is read-only, and cannot be completed while computed values await
  confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from localgbf.frameworks.singapore_index import (
    DEFAULT_EDITION,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.index.bands import BandTable
from localgbf.index.errors import AssessmentError, IndexInputError
from localgbf.index.forms import compute_from_form
from localgbf.index.scoring import Score, assessor_score, indicator_of, score_value
from localgbf.index.species_change import SpeciesChange
from localgbf.provenance import IndicatorValue, InputFile

EntryStatus = Literal["missing", "entered", "computed", "confirmed"]
AssessmentStatus = Literal["draft", "completed"]
COMPUTED_EDITION = "2021"


class Evidence(BaseModel):
    """A file (by name and checksum), a link or a note supporting an entry."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["file", "link", "note"]
    text: str = Field(min_length=1)
    sha256: str | None = None


class Obtained(BaseModel):
    """How a value was obtained: computed (method, version, input files) or entered by a person."""

    model_config = ConfigDict(frozen=True)

    how: Literal["computed", "entered"]
    by: str | None = None
    method_id: str | None = None
    method_version: str | None = None
    inputs: tuple[InputFile, ...] = ()
    form: dict[str, Any] = Field(default_factory=dict)
    warnings: tuple[str, ...] = ()


class Proposal(BaseModel):
    """A recomputed value waiting beside a confirmed one until a person confirms it."""

    model_config = ConfigDict(frozen=True)

    value: float | None
    unit: str | None
    score: Score
    obtained: Obtained
    species_change: SpeciesChange | None = None


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: int
    status: EntryStatus = "missing"
    value: float | None = None
    unit: str | None = None
    score: Score | None = None
    obtained: Obtained | None = None
    evidence: tuple[Evidence, ...] = ()
    data_sources: tuple[str, ...] = ()
    species_change: SpeciesChange | None = None
    proposal: Proposal | None = None
    confirmed_by: str | None = None

    @property
    def points(self) -> int | None:
        return self.score.score if self.score is not None else None

    @property
    def scored_by(self) -> str:
        return self.score.scored_by if self.score is not None else "none"


class CityProfile(BaseModel):
    """Part I of the index, the profile of the city: background, not scored."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    location: str | None = None
    area_km2: float | None = Field(default=None, ge=0)
    population: int | None = Field(default=None, ge=0)
    economic_parameters: str | None = None
    physical_features: str | None = None
    biodiversity_features: str | None = None
    administration: str | None = None
    notes: str | None = None


class Assessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    government: str = Field(min_length=1)
    edition: str = DEFAULT_EDITION
    reference_year: int = Field(ge=1900, le=2200)
    status: AssessmentStatus = "draft"
    entries: tuple[Entry, ...]
    profile: CityProfile | None = None

    @model_validator(mode="after")
    def _check_entries(self) -> Assessment:
        numbers = [e.indicator for e in self.entries]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("entries must hold indicators 1..n once each, in order")
        return self

    def entry(self, indicator: int) -> Entry:
        if not 1 <= indicator <= len(self.entries):
            raise IndexInputError(
                f"indicator {indicator} is not in the {self.edition} edition "
                f"(indicators 1-{len(self.entries)})"
            )
        return self.entries[indicator - 1]

    def with_entry(self, entry: Entry) -> Assessment:
        self._writable()
        entries = list(self.entries)
        entries[entry.indicator - 1] = entry
        return self.model_copy(update={"entries": tuple(entries)})

    def _writable(self) -> None:
        if self.status == "completed":
            raise AssessmentError(
                f"the {self.reference_year} assessment of {self.government} is completed and "
                "can no longer be changed; start a new assessment"
            )


def new_assessment(
    government: str,
    reference_year: int,
    *,
    edition: str = DEFAULT_EDITION,
    profile: CityProfile | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """An empty draft with one missing entry per indicator of the edition."""
    fw = framework or load_singapore_index()
    try:
        ed = fw.edition(edition)
    except KeyError as exc:
        raise IndexInputError(str(exc.args[0])) from exc
    return Assessment(
        government=government,
        edition=edition,
        reference_year=reference_year,
        entries=tuple(Entry(indicator=n) for n in ed.numbers),
        profile=profile,
    )


def resolve_unit(
    indicator: int,
    unit: str | None,
    *,
    edition: str = DEFAULT_EDITION,
    framework: SingaporeIndex | None = None,
) -> str:
    """The id of the unit `unit` names, checked against the indicator's unit.

    When the data gives the indicator no unit, any unit is accepted: a known one is stored by
    its id, another as written. Raises when the unit is missing or is not the indicator's.
    """
    fw = framework or load_singapore_index()
    ind = indicator_of(indicator, edition, fw)
    expected = fw.unit(ind.unit) if ind.unit is not None else None
    if unit is None or not str(unit).strip():
        hint = f"; the unit of indicator {indicator} is '{expected.symbol}'" if expected else ""
        raise IndexInputError(f"indicator {indicator}: the unit is missing{hint}")
    if expected is None:
        known = next((u.id for u in fw.units.values() if u.matches(str(unit))), None)
        return known or " ".join(str(unit).split())
    if not expected.matches(str(unit)):
        raise IndexInputError(
            f"indicator {indicator}: the unit '{unit}' is not the indicator's unit "
            f"'{expected.symbol}' ({expected.name})"
        )
    return expected.id


def unit_symbol(unit: str | None, framework: SingaporeIndex | None = None) -> str | None:
    """How a stored unit is shown: the symbol of a known unit id, else the text as stored."""
    if unit is None:
        return None
    fw = framework or load_singapore_index()
    return fw.units[unit].symbol if unit in fw.units else unit


def enter_value(
    assessment: Assessment,
    indicator: int,
    value: float | None,
    *,
    unit: str | None,
    by: str | None = None,
    evidence: Iterable[Evidence] = (),
    data_sources: Iterable[str] = (),
    species_change: SpeciesChange | None = None,
    obtained: Obtained | None = None,
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """Record a value a person entered and score it from the bands when the table has them.

    A score the assessor gave earlier is dropped, because it judged the previous value.
    """
    assessment._writable()
    fw = framework or load_singapore_index()
    if value is None and unit is None:
        unit_id = None
    else:
        unit_id = resolve_unit(indicator, unit, edition=assessment.edition, framework=fw)
    score = score_value(indicator, value, edition=assessment.edition, bands=bands, framework=fw)
    old = assessment.entry(indicator)
    entry = Entry(
        indicator=indicator,
        status="entered",
        value=None if value is None else float(value),
        unit=unit_id,
        score=score,
        obtained=obtained or Obtained(how="entered", by=by),
        evidence=old.evidence + tuple(evidence),
        data_sources=tuple(dict.fromkeys((*old.data_sources, *data_sources))),
        species_change=species_change,
    )
    return assessment.with_entry(entry)


def enter_form(
    assessment: Assessment,
    indicator: int,
    fields: Mapping[str, Any],
    *,
    by: str | None = None,
    evidence: Iterable[Evidence] = (),
    data_sources: Iterable[str] = (),
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """Record an indicator from its input form; the value is computed from the fields."""
    result = compute_from_form(indicator, fields, edition=assessment.edition)
    obtained = Obtained(
        how="entered",
        by=by,
        method_id=result.method_id,
        method_version=result.method_version,
        form=result.fields,
    )
    change = None
    if result.method_id.endswith("net_change"):
        change = SpeciesChange(
            added=tuple(result.fields.get("species_added", ())),
            lost=tuple(result.fields.get("species_lost", ())),
        )
    fw = framework or load_singapore_index()
    unit = result.unit or indicator_of(indicator, assessment.edition, fw).unit
    return enter_value(
        assessment,
        indicator,
        result.value,
        unit=unit,
        by=by,
        evidence=evidence,
        data_sources=data_sources,
        species_change=change,
        obtained=obtained,
        bands=bands,
        framework=fw,
    )


def record_computed(
    assessment: Assessment,
    computed: IndicatorValue,
    *,
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """Take a value computed from data (spatial, species, batch) into the assessment.

    The entry becomes 'computed', to be confirmed by a person. If the entry is already
    confirmed, the computed value is kept beside it as a proposal and nothing is overwritten.
    """
    assessment._writable()
    if assessment.edition != COMPUTED_EDITION:
        raise AssessmentError(
            f"computed values use the {COMPUTED_EDITION} numbering; this assessment is in the "
            f"{assessment.edition} edition"
        )
    fw = framework or load_singapore_index()
    n = computed.indicator
    unit_id = resolve_unit(n, computed.unit, edition=assessment.edition, framework=fw)
    score = score_value(n, computed.value, edition=assessment.edition, bands=bands, framework=fw)
    obtained = Obtained(
        how="computed",
        method_id=computed.method_id,
        method_version=computed.method_version,
        inputs=computed.inputs,
        warnings=computed.warnings,
    )
    change = SpeciesChange.from_details(computed.details)
    old = assessment.entry(n)
    if old.status == "confirmed":
        if old.value == computed.value and old.obtained == obtained:
            return assessment
        proposal = Proposal(
            value=computed.value,
            unit=unit_id,
            score=score,
            obtained=obtained,
            species_change=change,
        )
        return assessment.with_entry(old.model_copy(update={"proposal": proposal}))
    entry = old.model_copy(
        update={
            "status": "computed",
            "value": computed.value,
            "unit": unit_id,
            "score": score,
            "obtained": obtained,
            "species_change": change,
            "proposal": None,
            "confirmed_by": None,
        }
    )
    return assessment.with_entry(entry)


def confirm(assessment: Assessment, indicator: int, *, by: str) -> Assessment:
    """A person confirms an entry (taking its waiting proposal, if there is one)."""
    assessment._writable()
    entry = assessment.entry(indicator)
    if entry.status == "missing":
        raise AssessmentError(f"indicator {indicator} has nothing to confirm yet")
    if not by or not by.strip():
        raise AssessmentError("a confirmation needs the name of the person confirming")
    update: dict[str, Any] = {"status": "confirmed", "confirmed_by": by, "proposal": None}
    if entry.proposal is not None:
        p = entry.proposal
        update |= {
            "value": p.value,
            "unit": p.unit,
            "score": p.score,
            "obtained": p.obtained,
            "species_change": p.species_change,
        }
    return assessment.with_entry(entry.model_copy(update=update))


def dismiss_proposal(assessment: Assessment, indicator: int) -> Assessment:
    """Keep the confirmed value and drop the recomputed one waiting beside it."""
    entry = assessment.entry(indicator)
    return assessment.with_entry(entry.model_copy(update={"proposal": None}))


def score_by_assessor(
    assessment: Assessment,
    indicator: int,
    score: int,
    *,
    justification: str,
    by: str | None = None,
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """The assessor scores an indicator that has no bands, with a justification."""
    assessment._writable()
    entry = assessment.entry(indicator)
    if entry.status == "missing" and not entry.evidence:
        raise AssessmentError(
            f"indicator {indicator}: record the value (or, for a descriptive indicator, its "
            "form or evidence) before scoring it"
        )
    recorded = assessor_score(
        indicator,
        entry.value,
        score,
        justification=justification,
        edition=assessment.edition,
        bands=bands,
        framework=framework,
    )
    status: EntryStatus = "entered" if entry.status in {"missing", "confirmed"} else entry.status
    obtained = entry.obtained or Obtained(how="entered", by=by)
    return assessment.with_entry(
        entry.model_copy(
            update={"score": recorded, "status": status, "obtained": obtained, "confirmed_by": None}
        )
    )


def add_evidence(assessment: Assessment, indicator: int, *evidence: Evidence) -> Assessment:
    entry = assessment.entry(indicator)
    return assessment.with_entry(entry.model_copy(update={"evidence": entry.evidence + evidence}))


def set_profile(assessment: Assessment, profile: CityProfile) -> Assessment:
    assessment._writable()
    return assessment.model_copy(update={"profile": profile})


def complete(assessment: Assessment) -> Assessment:
    """Mark the assessment completed (read-only from then on)."""
    assessment._writable()
    waiting = [
        e.indicator for e in assessment.entries if e.status == "computed" or e.proposal is not None
    ]
    if waiting:
        raise AssessmentError(
            "computed values still await confirmation for indicator(s) "
            + ", ".join(str(n) for n in waiting)
        )
    if all(e.status == "missing" for e in assessment.entries):
        raise AssessmentError("an assessment with no indicator entered cannot be completed")
    return assessment.model_copy(update={"status": "completed"})
