"""Input forms: for each indicator, exactly the data its formula needs, and the value from them.

The forms are data (`data/forms.yaml`): fields with their kind, unit, range and labels in en and
zh-hans, and the computation that turns them into the indicator value. Computations are a
registry keyed by name, so a form picks one by name and the code holds no per-indicator branch.
Where the data has no formula (basis `descriptive`), the form records facts and yields no value;
the assessor then enters the value and the score.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.singapore_index import (
    DEFAULT_EDITION,
    SingaporeIndex,
    load_singapore_index,
)
from localgbf.frameworks.text import Text
from localgbf.index.errors import IndexInputError
from localgbf.index.resources import index_data_path

FieldKind = Literal["number", "numbers", "integer", "boolean", "year", "text", "names"]
Basis = Literal["formula", "formula-2014", "descriptive"]
FORM_METHOD_PREFIX = "si-form-"


class FormError(IndexInputError):
    """A form field that is missing, unknown or has a value of the wrong kind or range."""


class FormField(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: FieldKind
    label: Text
    help: Text | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    required: bool = True


class IndicatorForm(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: int
    basis: Basis
    computation: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    unit: str | None = None
    fields: tuple[FormField, ...]

    def field(self, field_id: str) -> FormField:
        return next(f for f in self.fields if f.id == field_id)

    @property
    def computes_value(self) -> bool:
        return self.computation != "none"


class Forms(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    edition: str
    source: str
    bases: dict[str, Text]
    forms: dict[int, IndicatorForm]


class FormResult(BaseModel):
    """The value a form yields, with the cleaned fields it came from."""

    model_config = ConfigDict(frozen=True)

    indicator: int
    value: float | None
    unit: str | None
    basis: Basis
    method_id: str
    method_version: str
    fields: dict[str, Any]


def _total(values: dict[str, Any], names: list[str]) -> float:
    return math.fsum(float(values[n]) for n in names if values.get(n) is not None)


def _share_percent(form: IndicatorForm, values: dict[str, Any]) -> float:
    part = _total(values, form.arguments["part"])
    whole = _total(values, form.arguments["whole"])
    if whole <= 0:
        names = " + ".join(form.arguments["whole"])
        raise FormError(f"indicator {form.indicator}: {names} must be more than 0")
    return part / whole * 100.0


def _per_thousand(form: IndicatorForm, values: dict[str, Any]) -> float:
    part = _total(values, form.arguments["part"])
    people = float(values[form.arguments["people"]])
    if people <= 0:
        raise FormError(
            f"indicator {form.indicator}: {form.arguments['people']} must be more than 0"
        )
    return part / (people / 1000.0)


def _coherence(form: IndicatorForm, values: dict[str, Any]) -> float:
    """Landscape coherence in percent: sum of squared group areas / (total area) squared."""
    groups = [float(a) for a in values[form.arguments["groups"]]]
    total = math.fsum(groups)
    if total <= 0:
        raise FormError(f"indicator {form.indicator}: the group areas must add up to more than 0")
    return math.fsum(a * a for a in groups) / (total * total) * 100.0


def _net_change(form: IndicatorForm, values: dict[str, Any]) -> float:
    added = values.get(form.arguments["added"]) or []
    lost = values.get(form.arguments["lost"]) or []
    both = {n.casefold() for n in added} & {n.casefold() for n in lost}
    if both:
        raise FormError(
            f"indicator {form.indicator}: listed as both added and lost: {', '.join(sorted(both))}"
        )
    return float(len(added) - len(lost))


def _count(form: IndicatorForm, values: dict[str, Any]) -> float:
    items = values.get(form.arguments["items"])
    return float(len(items) if isinstance(items, list) else int(items or 0))


COMPUTATIONS: dict[str, Callable[[IndicatorForm, dict[str, Any]], float]] = {
    "share_percent": _share_percent,
    "per_thousand": _per_thousand,
    "coherence": _coherence,
    "net_change": _net_change,
    "count": _count,
}


def _check_form(file: str, form: IndicatorForm, fw: SingaporeIndex, edition: str) -> None:
    record = f"form of indicator {form.indicator}"
    ed = fw.edition(edition)
    if not ed.has(form.indicator):
        raise FrameworkDataError(file, f"indicator {form.indicator} is not in {edition}", record)
    ids = [f.id for f in form.fields]
    if len(set(ids)) != len(ids):
        raise FrameworkDataError(file, "a field id appears twice", record)
    if form.computation != "none" and form.computation not in COMPUTATIONS:
        raise FrameworkDataError(file, f"unknown computation {form.computation!r}", record)
    for arg in form.arguments.values():
        for name in arg if isinstance(arg, list) else [arg]:
            if name not in ids:
                raise FrameworkDataError(
                    file, f"the computation uses unknown field {name!r}", record
                )
    framework_unit = ed.indicator(form.indicator).unit
    if form.computes_value and framework_unit is not None and form.unit != framework_unit:
        raise FrameworkDataError(
            file, f"unit {form.unit!r} differs from the indicator's unit {framework_unit!r}", record
        )
    for unit in [form.unit, *(f.unit for f in form.fields)]:
        if unit is not None and unit not in fw.units:
            raise FrameworkDataError(file, f"unknown unit {unit!r}", record)


@cache
def input_forms(edition: str = DEFAULT_EDITION) -> Forms:
    """The input forms of an edition (2021 only, today)."""
    file = index_data_path("forms.yaml")
    raw = read_yaml(file)
    if str(raw.get("edition")) != edition:
        raise IndexInputError(f"localgbf has no input forms for the {edition} edition")
    fw = load_singapore_index()
    forms: dict[int, IndicatorForm] = {}
    for n, item in enumerate(raw.get("forms") or [], start=1):
        try:
            form = IndicatorForm.model_validate(item)
        except ValidationError as exc:
            raise FrameworkDataError(str(file), str(exc.errors()[0]["msg"]), f"form #{n}") from exc
        _check_form(str(file), form, fw, edition)
        forms[form.indicator] = form
    try:
        bases = {k: Text.model_validate(v) for k, v in (raw.get("bases") or {}).items()}
    except ValueError as exc:
        raise FrameworkDataError(str(file), str(exc), "bases") from exc
    return Forms(
        version=str(raw["version"]),
        edition=edition,
        source=str(raw.get("source", "")),
        bases=bases,
        forms=forms,
    )


def form_for(indicator: int, edition: str = DEFAULT_EDITION) -> IndicatorForm:
    forms = input_forms(edition).forms
    if indicator not in forms:
        raise FormError(f"indicator {indicator} has no input form in the {edition} edition")
    return forms[indicator]


def _clean(form: IndicatorForm, spec: FormField, raw: Any) -> Any:
    where = f"indicator {form.indicator}, field '{spec.id}'"
    cleaner = _CLEANERS[spec.kind]
    value = cleaner(where, raw)
    checked = value if isinstance(value, list) else [value]
    if spec.kind in {"number", "numbers", "integer"}:
        for x in checked:
            if spec.minimum is not None and x < spec.minimum:
                raise FormError(f"{where}: {x:g} is below the minimum {spec.minimum:g}")
            if spec.maximum is not None and x > spec.maximum:
                raise FormError(f"{where}: {x:g} is above the maximum {spec.maximum:g}")
    return value


def _number(where: str, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, numbers.Real) or not math.isfinite(raw):
        raise FormError(f"{where}: expected a number, got {raw!r}")
    return float(raw)


def _integer(where: str, raw: Any) -> int:
    number = _number(where, raw)
    if number != int(number):
        raise FormError(f"{where}: expected a whole number, got {raw!r}")
    return int(number)


def _numbers(where: str, raw: Any) -> list[float]:
    if not isinstance(raw, list) or not raw:
        raise FormError(f"{where}: expected a non-empty list of numbers")
    return [_number(where, x) for x in raw]


def _boolean(where: str, raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise FormError(f"{where}: expected true or false, got {raw!r}")
    return raw


def _year(where: str, raw: Any) -> int:
    year = _integer(where, raw)
    if not 1800 <= year <= 2200:
        raise FormError(f"{where}: {year} is not a plausible year")
    return year


def _text(where: str, raw: Any) -> str:
    if not isinstance(raw, str):
        raise FormError(f"{where}: expected text, got {raw!r}")
    return raw.strip()


def _names(where: str, raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise FormError(f"{where}: expected a list of names")
    seen: dict[str, str] = {}
    for name in raw:
        clean = " ".join(name.split())
        seen.setdefault(clean.casefold(), clean)
    return list(seen.values())


_CLEANERS: dict[str, Callable[[str, Any], Any]] = {
    "number": _number,
    "numbers": _numbers,
    "integer": _integer,
    "boolean": _boolean,
    "year": _year,
    "text": _text,
    "names": _names,
}


def compute_from_form(
    indicator: int, fields: Mapping[str, Any], *, edition: str = DEFAULT_EDITION
) -> FormResult:
    """Check a form's fields and compute the indicator value from them (None if descriptive)."""
    forms = input_forms(edition)
    form = form_for(indicator, edition)
    known = {f.id for f in form.fields}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise FormError(
            f"indicator {indicator}: unknown field(s) {', '.join(unknown)}; "
            f"the form has {', '.join(sorted(known))}"
        )
    values: dict[str, Any] = {}
    for spec in form.fields:
        raw = fields.get(spec.id)
        if raw is None or raw == "":
            if spec.required:
                raise FormError(f"indicator {indicator}: the field '{spec.id}' is required")
            continue
        values[spec.id] = _clean(form, spec, raw)
    value = COMPUTATIONS[form.computation](form, values) if form.computes_value else None
    return FormResult(
        indicator=indicator,
        value=value,
        unit=form.unit,
        basis=form.basis,
        method_id=f"{FORM_METHOD_PREFIX}{form.computation}",
        method_version=forms.version,
        fields=values,
    )
