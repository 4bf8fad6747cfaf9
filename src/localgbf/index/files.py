"""Score-card files: a whole assessment given as YAML or JSON indicator values.

The format is documented in docs/index.md, with an example in examples/scorecard.yaml::

    government: SG-NE             # code of the government
    edition: "2021"               # optional, 2021 by default
    reference_year: 2024
    status: completed             # optional: draft (default) or completed
    entered_by: A. Officer        # optional
    profile: {population: 930000, area_km2: 104.0}   # optional, Part I of the index
    values:
      - indicator: 1
        value: 18.4
        unit: percent
        sources: [Land cover 2023, city GIS office]
        evidence: [{link: "https://..."}, {note: "..."}, {file: lc.tif, sha256: "..."}]
      - indicator: 5
        unit: species
        added: [Copsychus saularis]    # the value is computed: added minus lost
        lost: []
      - indicator: 16
        unit: percent
        form: {biodiversity_spending: 12.5e6, city_budget: 9.1e8}
      - indicator: 17
        unit: category
        score: 3
        justification: LBSAP adopted in 2022, aligned with the NBSAP

Every entry names its unit. A score may be given only for an indicator without bands, and
needs a justification. Errors name the file and the line; nothing is returned unless the whole
file is valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from localgbf.frameworks.singapore_index import (
    DEFAULT_EDITION,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.index.assessment import (
    Assessment,
    CityProfile,
    Evidence,
    complete,
    enter_form,
    enter_value,
    new_assessment,
    resolve_unit,
    score_by_assessor,
)
from localgbf.index.bands import BandTable
from localgbf.index.datafile import LineDict, line_of, read_data_file
from localgbf.index.errors import IndexInputError, ScorecardFileError
from localgbf.index.species_change import SpeciesChange, is_species_change_indicator

TOP_KEYS = {
    "government",
    "edition",
    "reference_year",
    "status",
    "entered_by",
    "profile",
    "values",
}
ENTRY_KEYS = {
    "indicator",
    "value",
    "unit",
    "sources",
    "evidence",
    "form",
    "added",
    "lost",
    "previous_year",
    "score",
    "justification",
}
EVIDENCE_KINDS = ("file", "link", "note")


def load_assessment_file(
    path: Path,
    *,
    bands: BandTable | None = None,
    framework: SingaporeIndex | None = None,
) -> Assessment:
    """Read a score-card file into a scored `Assessment` (all or nothing)."""
    file = str(path)
    data = read_data_file(path, ScorecardFileError)
    if not isinstance(data, LineDict):
        raise ScorecardFileError(file, "must hold a mapping with government, year and values", 1)
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise ScorecardFileError(file, f"unknown key(s) {', '.join(unknown)}", data.line)
    for key in ("government", "reference_year", "values"):
        if key not in data:
            raise ScorecardFileError(file, f"the key '{key}' is missing", data.line)
    fw = framework or load_singapore_index()
    edition = str(data.get("edition", DEFAULT_EDITION))
    if bands is not None and bands.edition != edition:
        raise ScorecardFileError(
            file, f"the band table {bands.version} is for {bands.edition}, the file for {edition}"
        )
    year = data["reference_year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise ScorecardFileError(file, "'reference_year' must be a year such as 2024", data.line)
    profile = None
    if data.get("profile") is not None:
        try:
            profile = CityProfile.model_validate(dict(data["profile"]))
        except (ValidationError, TypeError, ValueError) as exc:
            raise ScorecardFileError(
                file, f"profile: {_first_error(exc)}", line_of(data["profile"], data.line)
            ) from exc
    try:
        assessment = new_assessment(
            str(data["government"]), year, edition=edition, profile=profile, framework=fw
        )
    except (IndexInputError, ValidationError) as exc:
        raise ScorecardFileError(file, _first_error(exc), data.line) from exc
    values = data["values"]
    if not isinstance(values, list):
        raise ScorecardFileError(file, "'values' must be a list of indicator entries", data.line)
    seen: dict[int, int] = {}
    by = data.get("entered_by")
    for item in values:
        line = line_of(item, data.line)
        if not isinstance(item, LineDict):
            raise ScorecardFileError(file, "each value must be a mapping", line)
        try:
            number = _indicator_number(item, assessment, seen)
            assessment = _apply(assessment, number, item, by=by, bands=bands, fw=fw)
        except (IndexInputError, ValidationError) as exc:
            raise ScorecardFileError(file, _first_error(exc), line) from exc
        seen[number] = item.line
    status = data.get("status", "draft")
    if status not in ("draft", "completed"):
        raise ScorecardFileError(file, "'status' must be draft or completed", data.line)
    if status == "completed":
        try:
            assessment = complete(assessment)
        except IndexInputError as exc:
            raise ScorecardFileError(file, str(exc), data.line) from exc
    return assessment


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}" if where else str(err["msg"])
    return str(exc)


def _indicator_number(item: LineDict, assessment: Assessment, seen: dict[int, int]) -> int:
    unknown = sorted(set(item) - ENTRY_KEYS)
    if unknown:
        raise IndexInputError(f"unknown key(s) {', '.join(unknown)}")
    number = item.get("indicator")
    if isinstance(number, bool) or not isinstance(number, int):
        raise IndexInputError("'indicator' must be an indicator number")
    if not 1 <= number <= len(assessment.entries):
        raise IndexInputError(
            f"indicator {number} is not an indicator of the {assessment.edition} edition "
            f"(1-{len(assessment.entries)})"
        )
    if number in seen:
        raise IndexInputError(f"indicator {number} already appears on line {seen[number]}")
    return number


def _evidence(raw: Any, number: int) -> tuple[Evidence, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise IndexInputError(f"indicator {number}: 'evidence' must be a list")
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Evidence(kind="note", text=item))
            continue
        kinds = [k for k in EVIDENCE_KINDS if isinstance(item, dict) and k in item]
        if len(kinds) != 1:
            raise IndexInputError(
                f"indicator {number}: each evidence item is one of "
                f"{{file: name}}, {{link: url}} or {{note: text}}"
            )
        out.append(Evidence(kind=kinds[0], text=str(item[kinds[0]]), sha256=item.get("sha256")))
    return tuple(out)


def _sources(raw: Any, number: int) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
        raise IndexInputError(f"indicator {number}: 'sources' must be a list of texts")
    return tuple(raw)


def _apply(
    assessment: Assessment,
    number: int,
    item: LineDict,
    *,
    by: str | None,
    bands: BandTable | None,
    fw: SingaporeIndex,
) -> Assessment:
    evidence = _evidence(item.get("evidence"), number)
    sources = _sources(item.get("sources"), number)
    kinds = [k for k in ("value", "form", "added") if k in item]
    if len(kinds) > 1:
        raise IndexInputError(
            f"indicator {number}: give one of 'value', 'form' or 'added'/'lost', not "
            + " and ".join(kinds)
        )
    unit = item.get("unit")
    resolve_unit(number, unit, edition=assessment.edition, framework=fw)
    common: dict[str, Any] = {"evidence": evidence, "data_sources": sources, "bands": bands}
    if "form" in item:
        form = item["form"]
        if not isinstance(form, dict):
            raise IndexInputError(f"indicator {number}: 'form' must be a mapping of fields")
        assessment = enter_form(assessment, number, form, by=by, framework=fw, **common)
    elif "added" in item or "lost" in item:
        if not is_species_change_indicator(number, assessment.edition, fw):
            raise IndexInputError(
                f"indicator {number} is not a change-in-species indicator; "
                "'added' and 'lost' do not apply"
            )
        change = SpeciesChange(
            added=tuple(_names(item.get("added"), number, "added")),
            lost=tuple(_names(item.get("lost"), number, "lost")),
            previous_year=item.get("previous_year"),
        )
        both = {n.casefold() for n in change.added} & {n.casefold() for n in change.lost}
        if both:
            raise IndexInputError(
                f"indicator {number}: listed as both added and lost: {', '.join(sorted(both))}"
            )
        assessment = enter_value(
            assessment,
            number,
            change.net,
            unit=unit,
            by=by,
            species_change=change,
            framework=fw,
            **common,
        )
    else:
        value = item.get("value")
        if isinstance(value, bool) or (value is not None and not isinstance(value, int | float)):
            raise IndexInputError(f"indicator {number}: 'value' must be a number, not {value!r}")
        assessment = enter_value(
            assessment, number, value, unit=unit, by=by, framework=fw, **common
        )
    if "score" in item or "justification" in item:
        assessment = score_by_assessor(
            assessment,
            number,
            item.get("score"),  # type: ignore[arg-type]
            justification=str(item.get("justification") or ""),
            by=by,
            bands=bands,
            framework=fw,
        )
    return assessment


def _names(raw: Any, number: int, key: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise IndexInputError(f"indicator {number}: '{key}' must be a list of species names")
    unique: dict[str, str] = {}
    for name in raw:
        clean = " ".join(name.split())
        unique.setdefault(clean.casefold(), clean)
    return list(unique.values())
