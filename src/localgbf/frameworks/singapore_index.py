"""The Singapore Index on Cities' Biodiversity: editions, components, indicators, units, bands.

Both editions live side by side and are never mixed: the 2021 Handbook (28 indicators, maximum
112 points) and the 2014 User's Manual (23 indicators, maximum 92). An indicator's score bands are
`None` wherever the reference data has none; such indicators are scored by the assessor. The
bands that do exist carry their source ids and confidence, and are checked on load: exactly one
band per score 0-4, ordered with the value, and not overlapping (printed gaps such as 6.9 | 7.0
are allowed; resolving them is the scoring rule's job, in `localgbf.index.scoring`).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.records import FrameworkRecord
from localgbf.frameworks.resources import data_path, read_yaml
from localgbf.frameworks.text import Text

Direction = Literal["higher-is-better", "lower-is-better"]
SCORES: tuple[int, ...] = (0, 1, 2, 3, 4)
POINTS_PER_INDICATOR = max(SCORES)
DEFAULT_EDITION = "2021"

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Source(BaseModel):
    model_config = _FROZEN

    id: str
    title: str
    url: tuple[str, ...] = ()
    seen: str | None = None


class Unit(BaseModel):
    """A unit an indicator value is given in, with the physically possible range of values."""

    model_config = _FROZEN

    id: str
    symbol: str
    name: Text
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    aliases: tuple[str, ...] = ()

    def matches(self, spelled: str) -> bool:
        """Whether `spelled` (as a user wrote it) names this unit."""
        wanted = " ".join(spelled.split()).casefold()
        return wanted in {s.casefold() for s in (self.id, self.symbol, *self.aliases)}

    def range_text(self) -> str:
        """The accepted range in words, e.g. '0 to 100 %' or 'any whole number (species)'."""
        whole = ", whole numbers" if self.integer else ""
        low, high = self.minimum, self.maximum
        if low is not None and high is not None:
            return f"{low:g} to {high:g} {self.symbol}{whole}"
        if low is not None:
            return f"{low:g} {self.symbol} or more{whole}"
        if high is not None:
            return f"up to {high:g} {self.symbol}{whole}"
        kind = "whole number" if self.integer else "number"
        return f"any {kind} ({self.symbol})"


class Band(BaseModel):
    """One printed score band: the range of values that earns `score` points."""

    model_config = _FROZEN

    score: int = Field(ge=0, le=POINTS_PER_INDICATOR)
    text: str
    lower: float | None
    lower_inclusive: bool | None
    upper: float | None
    upper_inclusive: bool | None
    source: tuple[str, ...] = Field(min_length=1)
    page: str | None = None
    confidence: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Band:
        for side in ("lower", "upper"):
            if getattr(self, side) is not None and getattr(self, f"{side}_inclusive") is None:
                raise ValueError(f"{side}_inclusive must be true or false when {side} is given")
        if self.lower is not None and self.upper is not None:
            if self.lower > self.upper:
                raise ValueError(f"lower {self.lower} is above upper {self.upper}")
            if self.lower == self.upper and not (self.lower_inclusive and self.upper_inclusive):
                raise ValueError(f"the band {self.text!r} contains no value")
        return self

    def contains(self, value: Decimal | float) -> bool:
        x = Decimal(str(value))
        if self.lower is not None:
            low = Decimal(str(self.lower))
            if x < low or (x == low and not self.lower_inclusive):
                return False
        if self.upper is not None:
            high = Decimal(str(self.upper))
            if x > high or (x == high and not self.upper_inclusive):
                return False
        return True


def band_problems(table: tuple[Band, ...], direction: str | None = None) -> list[str]:
    """What is wrong with a band table, as sentences (empty when it is sound).

    Sound means: exactly one band per score 0-4; ordered, i.e. the scores rise (or fall)
    steadily with the value; only the extreme bands open-ended; neighbours do not overlap.
    Gaps between neighbours are allowed: the printed tables have them.
    """
    scores = sorted(b.score for b in table)
    if scores != list(SCORES):
        return [f"needs exactly one band per score 0-4, found scores {scores}"]
    by_score = sorted(table, key=lambda b: b.score)
    keys = [b.lower if b.lower is not None else float("-inf") for b in by_score]
    if keys == sorted(keys) and len(set(keys)) == len(keys):
        order, rising = by_score, True
    elif keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys):
        order, rising = list(reversed(by_score)), False
    else:
        return ["bands are not ordered: the scores must rise or fall steadily with the value"]
    problems: list[str] = []
    if direction == "higher-is-better" and not rising:
        problems.append("the indicator is higher-is-better but the scores fall as the value rises")
    if direction == "lower-is-better" and rising:
        problems.append("the indicator is lower-is-better but the scores rise with the value")
    for i, band in enumerate(order):
        if band.lower is None and i != 0:
            problems.append(f"band {band.text!r} (score {band.score}) has no lower bound")
        if band.upper is None and i != len(order) - 1:
            problems.append(f"band {band.text!r} (score {band.score}) has no upper bound")
    for below, above in pairwise(order):
        if below.upper is None or above.lower is None:
            continue
        touching = below.upper == above.lower and below.upper_inclusive and above.lower_inclusive
        if below.upper > above.lower or touching:
            problems.append(
                f"bands {below.text!r} (score {below.score}) and {above.text!r} "
                f"(score {above.score}) overlap"
            )
    return problems


class Bands(BaseModel):
    """The band table of one indicator in one edition."""

    model_config = _FROZEN

    decimals: int = Field(ge=0, le=6, description="Precision the bands are printed at.")
    note: str | None = None
    table: tuple[Band, ...]

    def ordered(self) -> tuple[Band, ...]:
        """The bands from the lowest values to the highest."""
        return tuple(
            sorted(self.table, key=lambda b: b.lower if b.lower is not None else float("-inf"))
        )

    def for_score(self, score: int) -> Band:
        return next(b for b in self.table if b.score == score)


class Indicator(BaseModel):
    model_config = _FROZEN

    number: int = Field(ge=1)
    component: str
    name: Text
    measures: Text | None = None
    formula: Text | None = None
    data_needed: Text
    unit: str | None = None
    direction: Direction | None = None
    source: tuple[str, ...] = ()
    confidence: str | None = None
    bands: Bands | None = None
    bands_status: str | None = None
    reference_notes: str | None = None

    @model_validator(mode="after")
    def _check_bands(self) -> Indicator:
        if self.bands is not None:
            problems = band_problems(self.bands.table, self.direction)
            if problems:
                raise ValueError("; ".join(problems))
        return self


class Component(BaseModel):
    model_config = _FROZEN

    id: str
    name: Text
    source: tuple[str, ...] = ()


class EditionComponent(BaseModel):
    model_config = _FROZEN

    component: str
    indicators: tuple[int, ...]


class Edition(BaseModel):
    model_config = _FROZEN

    edition: str
    document: str
    max_total: int
    status: str | None = None
    band_table_version: str
    components: tuple[EditionComponent, ...]
    indicators: tuple[Indicator, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.indicators)

    def has(self, number: int) -> bool:
        return any(i.number == number for i in self.indicators)

    def indicator(self, number: int) -> Indicator:
        for ind in self.indicators:
            if ind.number == number:
                return ind
        raise KeyError(
            f"indicator {number} is not in the {self.edition} edition "
            f"(indicators {self.numbers[0]}-{self.numbers[-1]})"
        )

    def banded(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.indicators if i.bands is not None)


class SingaporeIndex(BaseModel):
    model_config = _FROZEN

    slug: str
    version: str
    title: Text
    source: dict[str, str]
    translation: Text
    units: dict[str, Unit]
    components: tuple[Component, ...]
    editions: tuple[Edition, ...]
    sources: dict[str, Source]

    def edition(self, edition: str) -> Edition:
        for ed in self.editions:
            if ed.edition == edition:
                return ed
        known = ", ".join(e.edition for e in self.editions)
        raise KeyError(f"unknown Singapore Index edition {edition!r}; known editions: {known}")

    def unit(self, unit_id: str) -> Unit:
        return self.units[unit_id]

    def component(self, component_id: str) -> Component:
        return next(c for c in self.components if c.id == component_id)

    def records(self, edition: str = DEFAULT_EDITION) -> list[FrameworkRecord]:
        """Components and indicators of one edition as the catalogue's common records."""
        ed = self.edition(edition)
        common = {"framework": self.slug, "version": ed.edition}
        out = [
            FrameworkRecord(
                **common, kind="component", code=c.component, title=self.component(c.component).name
            )
            for c in ed.components
        ]
        out += [
            FrameworkRecord(
                **common,
                kind="indicator",
                code=str(i.number),
                title=i.name,
                parent=f"{self.slug}:{i.component}",
                text=i.measures,
            )
            for i in ed.indicators
        ]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "framework": self.slug,
            "version": self.version,
            "title": self.title.as_dict(),
            "source": self.source,
            "components": [c.model_dump(mode="json") for c in self.components],
            "units": {k: u.model_dump(mode="json") for k, u in self.units.items()},
            "editions": [e.model_dump(mode="json") for e in self.editions],
            "sources": {k: s.model_dump(mode="json") for k, s in self.sources.items()},
        }


def _problem(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()
    )


def _parse(file: Path, model: type[Any], data: Any, record: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FrameworkDataError(str(file), _problem(exc), record) from exc


def _parse_edition(file: Path, raw: Any) -> Edition:
    if not isinstance(raw, dict) or "edition" not in raw:
        raise FrameworkDataError(str(file), "every edition needs an 'edition' key", "editions")
    name = str(raw["edition"])
    indicators = raw.get("indicators")
    if not isinstance(indicators, list):
        raise FrameworkDataError(str(file), "'indicators' must be a list", f"edition {name}")
    parsed = tuple(
        _parse(file, Indicator, item, f"edition {name}, indicator {_number_of(item, n)}")
        for n, item in enumerate(indicators, start=1)
    )
    fields = {k: v for k, v in raw.items() if k != "indicators"}
    fields["edition"] = name
    fields["indicators"] = ()
    shell = _parse(file, Edition, fields, f"edition {name}")
    return shell.model_copy(update={"indicators": parsed})


def _number_of(item: Any, position: int) -> str:
    if isinstance(item, dict) and "number" in item:
        return str(item["number"])
    return f"#{position} (no number)"


def _check_integrity(file: Path, si: SingaporeIndex) -> None:
    where = str(file)
    component_ids = {c.id for c in si.components}

    def known_sources(ids: tuple[str, ...], record: str) -> None:
        for sid in ids:
            if sid not in si.sources:
                raise FrameworkDataError(where, f"cites source {sid}, which is not listed", record)

    seen_editions: set[str] = set()
    for ed in si.editions:
        if ed.edition in seen_editions:
            raise FrameworkDataError(where, "the edition appears twice", f"edition {ed.edition}")
        seen_editions.add(ed.edition)
        numbers = [i.number for i in ed.indicators]
        if len(set(numbers)) != len(numbers):
            raise FrameworkDataError(
                where, "an indicator number appears twice", f"edition {ed.edition}"
            )
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            raise FrameworkDataError(
                where, "indicators must be numbered 1..n without gaps", f"edition {ed.edition}"
            )
        if ed.max_total != POINTS_PER_INDICATOR * len(numbers):
            raise FrameworkDataError(
                where,
                f"max_total {ed.max_total} is not "
                f"{POINTS_PER_INDICATOR} x {len(numbers)} indicators",
                f"edition {ed.edition}",
            )
        membership: dict[int, str] = {}
        for comp in ed.components:
            if comp.component not in component_ids:
                raise FrameworkDataError(
                    where, f"unknown component {comp.component!r}", f"edition {ed.edition}"
                )
            for n in comp.indicators:
                if n not in numbers:
                    raise FrameworkDataError(
                        where,
                        f"component {comp.component} lists indicator {n}, which does not exist",
                        f"edition {ed.edition}",
                    )
                if n in membership:
                    raise FrameworkDataError(
                        where,
                        f"indicator {n} is in two components ({membership[n]}, {comp.component})",
                        f"edition {ed.edition}",
                    )
                membership[n] = comp.component
        for ind in ed.indicators:
            record = f"edition {ed.edition}, indicator {ind.number}"
            if ind.number not in membership:
                raise FrameworkDataError(where, "the indicator is in no component", record)
            if membership[ind.number] != ind.component:
                raise FrameworkDataError(
                    where,
                    f"says component {ind.component} but is listed under {membership[ind.number]}",
                    record,
                )
            if ind.unit is not None and ind.unit not in si.units:
                raise FrameworkDataError(where, f"unknown unit {ind.unit!r}", record)
            known_sources(ind.source, record)
            for band in ind.bands.table if ind.bands else ():
                known_sources(band.source, f"{record}, band {band.score}")


def load_singapore_index(path: Path | None = None) -> SingaporeIndex:
    """Load and validate a Singapore Index data file (the packaged one, cached, by default)."""
    if path is None:
        return _packaged()
    return _load(path)


@cache
def _packaged() -> SingaporeIndex:
    return _load(data_path("singapore_index.yaml"))


def _load(file: Path) -> SingaporeIndex:
    raw = read_yaml(file)
    for key in ("framework", "version", "name", "translation", "units", "components", "editions"):
        if key not in raw or raw[key] is None:
            raise FrameworkDataError(str(file), f"the key '{key}' is missing")
    for key in ("units", "sources"):
        if not isinstance(raw.get(key), dict):
            raise FrameworkDataError(str(file), f"'{key}' must be a mapping")
    if not isinstance(raw["editions"], list) or not isinstance(raw["components"], list):
        raise FrameworkDataError(str(file), "'editions' and 'components' must be lists")
    units = {
        uid: _parse(file, Unit, {"id": uid, **(spec or {})}, f"unit {uid}")
        for uid, spec in raw["units"].items()
    }
    sources = {
        sid: _parse(file, Source, {"id": sid, **(spec or {})}, f"source {sid}")
        for sid, spec in raw["sources"].items()
    }
    components = tuple(
        _parse(file, Component, item, f"component {n}")
        for n, item in enumerate(raw["components"], start=1)
    )
    si = SingaporeIndex(
        slug=str(raw["framework"]),
        version=str(raw["version"]),
        title=_parse(file, Text, raw["name"], "name"),
        source={k: str(v) for k, v in (raw.get("source") or {}).items()},
        translation=_parse(file, Text, raw["translation"], "translation"),
        units=units,
        components=components,
        editions=tuple(_parse_edition(file, ed) for ed in raw["editions"]),
        sources=sources,
    )
    _check_integrity(file, si)
    return si


def singapore_index_framework() -> SingaporeIndex:
    """The packaged Singapore Index, as the framework catalogue expects it."""
    return load_singapore_index()
