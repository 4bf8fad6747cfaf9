"""Subnational contributions rolled up into the seventh national report (NR7) to the CBD.

Pure computation: the web and the CLI gather a `NationalReportInput` for one country (its
national targets with their KMGBF alignments, the plans of its subnational governments, and the
actions and accepted commitments with their links, progress levels and KPIs) and call
`national_report()`. Exports (CSV, XLSX, bilingual PDF) are in `national_report_files`.

Rules (the data file `data/national_report.yaml` holds the lists and the wording):

1. **Section III, per national target N.** The contributions aligned to N: actions (their
   effective links, as the plans' coverage matrix counts them) and accepted commitments (their
   primary and other national targets). Counts of actions, commitments and distinct governments.
2. **Section IV, per KMGBF target T (and goal G).** A contribution counts for T when it is
   linked to T directly or to a national target aligned to T; the same for goals.
3. **Progress levels.** The distribution over the NR7 scale of the commitments' levels, each
   commitment at the level of its latest accepted progress report, `unknown` when it has none.
4. **KPI aggregates.** The commitments' KPIs grouped by unit (spelling normalised: case, spaces).
   For additive units the sums of baselines, latest reported values and targets (a sum is shown
   only when every KPI of the group has the value); for every unit the number of KPIs, how many
   were reported, and the mean share of the way from baseline to target,
   (latest − baseline) / (target − baseline), over the KPIs that have all three and a target
   different from the baseline. Non-additive units (shares, indices) get no sums.
5. **Examples.** Up to `examples_per_row` per row: commitments first (most advanced level
   first), then actions, each by government and title.
6. **Section II.** Subnational governments by kind and their plans by plan kind and status (the
   adopted version counts; a plan with only a draft counts as a draft).
7. **Binary indicators.** For each rule of the data file, among the governments of the listed
   kinds: none with an adopted plan and none with a draft → `none`; drafts but none adopted →
   `drafts_only`; all adopted → `all`; otherwise `some`; mapped to a binary answer key.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.scales import scale
from localgbf.frameworks.text import Text

RULES_FILE = "national_report.yaml"
UNKNOWN_LEVEL = "unknown"
Situation = Literal["none", "drafts_only", "some", "all"]


class NationalReportError(ValueError):
    """Roll-up input that does not fit together (a level not on the NR7 scale, ...)."""


# ------------------------------------------------------------------------------------- rules


class BinaryRule(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: str
    questions: tuple[str, ...] = ()
    government_kinds: tuple[str, ...]
    basis: Text
    answers: dict[str, str]


class ReportRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    method_id: str
    examples_per_row: int
    non_additive_units: frozenset[str]
    binary_suggestions: tuple[BinaryRule, ...]
    labels: dict[str, Text]

    def label(self, key: str, lang: str = "en", **values: object) -> str:
        text = self.labels[key].get(lang)
        return text.format(**values) if values else text


def load_report_rules(path: Path | None = None) -> ReportRules:
    """Read the roll-up rules and labels (the packaged file by default)."""
    file = path or Path(str(resources.files("localgbf.reporting").joinpath("data", RULES_FILE)))
    raw = read_yaml(file)
    try:
        rules = ReportRules.model_validate(
            {
                **raw,
                "non_additive_units": frozenset(
                    normalise_unit(str(u)) for u in raw["non_additive_units"]
                ),
            }
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"malformed roll-up rules ({exc})") from exc
    answers = set(scale("binary_answer").keys())
    situations = {"none", "drafts_only", "some", "all"}
    for rule in rules.binary_suggestions:
        if set(rule.answers) != situations or not set(rule.answers.values()) <= answers:
            raise FrameworkDataError(
                str(file),
                f"answers must map each of {sorted(situations)} to a binary answer key",
                f"indicator {rule.indicator}",
            )
    return rules


@cache
def report_rules() -> ReportRules:
    return load_report_rules()


def normalise_unit(unit: str) -> str:
    return " ".join(unit.split()).casefold()


# ------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Element:
    """A national target, KMGBF target or goal: code, title and (for national targets) what
    it is aligned to."""

    code: str
    title: Text
    kmgbf_targets: tuple[str, ...] = ()
    kmgbf_goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class KpiFigures:
    unit: str
    target: Decimal
    baseline: Decimal | None = None
    latest: Decimal | None = None


@dataclass(frozen=True)
class Contribution:
    """An action of a plan in force or an accepted commitment, with its effective links."""

    kind: Literal["action", "commitment"]
    id: str
    government: str
    government_name: Text
    title: Text
    national: tuple[str, ...] = ()
    kmgbf_targets: tuple[str, ...] = ()
    kmgbf_goals: tuple[str, ...] = ()
    level: str | None = None  # commitments: NR7 level of the latest accepted report
    kpis: tuple[KpiFigures, ...] = ()


@dataclass(frozen=True)
class PlanState:
    """A subnational government and the state of its plan (`None` when it has none)."""

    government: str
    government_kind: str
    plan_kind: str | None = None
    status: Literal["adopted", "draft"] | None = None


@dataclass(frozen=True)
class NationalReportInput:
    country: str
    country_name: Text
    national_targets: tuple[Element, ...]
    kmgbf_targets: tuple[Element, ...]
    kmgbf_goals: tuple[Element, ...]
    governments: tuple[PlanState, ...]
    contributions: tuple[Contribution, ...] = ()
    national_framework: str | None = None  # "slug (version)" of the national targets used
    is_demo: bool = False


# ----------------------------------------------------------------------------------- outputs


class LevelCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: str
    count: int


class KpiAggregate(BaseModel):
    model_config = ConfigDict(frozen=True)

    unit: str
    additive: bool
    kpis: int
    reported: int
    baseline: Decimal | None = None
    latest: Decimal | None = None
    target: Decimal | None = None
    mean_achieved: float | None = None


class Example(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["action", "commitment"]
    government: str
    government_name: Text
    title: Text
    level: str | None = None


class RollUpRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    title: Text
    actions: int
    commitments: int
    governments: int
    levels: tuple[LevelCount, ...]
    kpis: tuple[KpiAggregate, ...]
    examples: tuple[Example, ...]


class PlanCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    government_kind: str
    plan_kind: str
    status: str
    count: int


class BinarySuggestion(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: str
    questions: tuple[str, ...]
    basis: Text
    governments: int
    adopted: int
    drafts: int
    share: float | None
    situation: Situation
    answer: str


class PlansSection(BaseModel):
    model_config = ConfigDict(frozen=True)

    governments_by_kind: dict[str, int]
    plans: tuple[PlanCount, ...]


class NationalReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    country: str
    country_name: Text
    national_framework: str | None
    method_id: str
    method_version: str
    is_demo: bool
    section_ii: PlansSection
    section_iii: tuple[RollUpRow, ...]
    section_iv_targets: tuple[RollUpRow, ...]
    section_iv_goals: tuple[RollUpRow, ...]
    binary: tuple[BinarySuggestion, ...]


# ------------------------------------------------------------------------------- computation


def _levels(entries: Sequence[Contribution]) -> tuple[LevelCount, ...]:
    keys = scale("progress").keys()
    counts = Counter(e.level or UNKNOWN_LEVEL for e in entries if e.kind == "commitment")
    unknown = set(counts) - set(keys)
    if unknown:
        raise NationalReportError(
            f"progress level(s) {', '.join(sorted(unknown))} are not on the NR7 scale; use one "
            f"of {', '.join(keys)}"
        )
    return tuple(LevelCount(level=k, count=counts.get(k, 0)) for k in keys)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    items = list(values)
    if not items or any(v is None for v in items):
        return None
    return sum((v for v in items if v is not None), Decimal(0))


def _kpis(entries: Sequence[Contribution], rules: ReportRules) -> tuple[KpiAggregate, ...]:
    groups: dict[str, list[KpiFigures]] = {}
    shown: dict[str, str] = {}
    for entry in entries:
        for kpi in entry.kpis:
            key = normalise_unit(kpi.unit)
            groups.setdefault(key, []).append(kpi)
            shown.setdefault(key, " ".join(kpi.unit.split()))
    out = []
    for key in sorted(groups):
        kpis = groups[key]
        additive = key not in rules.non_additive_units
        shares = [
            float((k.latest - k.baseline) / (k.target - k.baseline))
            for k in kpis
            if k.latest is not None and k.baseline is not None and k.target != k.baseline
        ]
        out.append(
            KpiAggregate(
                unit=shown[key],
                additive=additive,
                kpis=len(kpis),
                reported=sum(1 for k in kpis if k.latest is not None),
                baseline=_sum(k.baseline for k in kpis) if additive else None,
                latest=_sum(k.latest for k in kpis) if additive else None,
                target=_sum(k.target for k in kpis) if additive else None,
                mean_achieved=sum(shares) / len(shares) if shares else None,
            )
        )
    return tuple(out)


def _examples(entries: Sequence[Contribution], limit: int) -> tuple[Example, ...]:
    order = {k: i for i, k in enumerate(scale("progress").keys())}
    commitments = heapq.nsmallest(
        limit,
        (e for e in entries if e.kind == "commitment"),
        key=lambda e: (order.get(e.level or UNKNOWN_LEVEL, len(order)), e.government, e.id),
    )
    actions = heapq.nsmallest(
        limit - len(commitments),
        (e for e in entries if e.kind == "action"),
        key=lambda e: (e.government, e.id),
    )
    return tuple(
        Example(
            kind=e.kind,
            government=e.government,
            government_name=e.government_name,
            title=e.title,
            level=e.level if e.kind == "commitment" else None,
        )
        for e in [*commitments, *actions][:limit]
    )


def _row(element: Element, entries: Sequence[Contribution], rules: ReportRules) -> RollUpRow:
    return RollUpRow(
        code=element.code,
        title=element.title,
        actions=sum(1 for e in entries if e.kind == "action"),
        commitments=sum(1 for e in entries if e.kind == "commitment"),
        governments=len({e.government for e in entries}),
        levels=_levels(entries),
        kpis=_kpis(entries, rules),
        examples=_examples(entries, rules.examples_per_row),
    )


def _situation(adopted: int, drafts: int, total: int) -> Situation:
    if adopted == 0:
        return "drafts_only" if drafts else "none"
    return "all" if adopted == total else "some"


def _binary(governments: Sequence[PlanState], rules: ReportRules) -> tuple[BinarySuggestion, ...]:
    out = []
    for rule in rules.binary_suggestions:
        chosen = [g for g in governments if g.government_kind in rule.government_kinds]
        adopted = sum(1 for g in chosen if g.status == "adopted")
        drafts = sum(1 for g in chosen if g.status == "draft")
        situation = _situation(adopted, drafts, len(chosen))
        out.append(
            BinarySuggestion(
                indicator=rule.indicator,
                questions=rule.questions,
                basis=rule.basis,
                governments=len(chosen),
                adopted=adopted,
                drafts=drafts,
                share=adopted / len(chosen) if chosen else None,
                situation=situation,
                answer=rule.answers[situation],
            )
        )
    return tuple(out)


def _plans(governments: Sequence[PlanState]) -> PlansSection:
    by_kind = Counter(g.government_kind for g in governments)
    plans = Counter(
        (g.government_kind, g.plan_kind, g.status)
        for g in governments
        if g.plan_kind is not None and g.status is not None
    )
    return PlansSection(
        governments_by_kind=dict(sorted(by_kind.items())),
        plans=tuple(
            PlanCount(government_kind=k, plan_kind=p, status=s, count=n)
            for (k, p, s), n in sorted(plans.items())
        ),
    )


def national_report(data: NationalReportInput, rules: ReportRules | None = None) -> NationalReport:
    """Roll the contributions of `data` up into sections II, III and IV (see the rules above)."""
    rules = rules or report_rules()
    national_codes = {n.code for n in data.national_targets}
    stray = sorted({c for e in data.contributions for c in e.national} - national_codes)
    if stray:
        raise NationalReportError(
            f"contributions name national target(s) {', '.join(stray)}, which are not among the "
            f"country's national targets ({', '.join(sorted(national_codes)) or 'none'})"
        )
    via_targets = {n.code: n.kmgbf_targets for n in data.national_targets}
    via_goals = {n.code: n.kmgbf_goals for n in data.national_targets}

    def through(
        entry: Contribution, own: tuple[str, ...], via: Mapping[str, tuple[str, ...]]
    ) -> set[str]:
        return set(own) | {code for n in entry.national for code in via.get(n, ())}

    by_national: dict[str, list[Contribution]] = {}
    by_target: dict[str, list[Contribution]] = {}
    by_goal: dict[str, list[Contribution]] = {}
    for entry in data.contributions:
        for code in set(entry.national):
            by_national.setdefault(code, []).append(entry)
        for code in through(entry, entry.kmgbf_targets, via_targets):
            by_target.setdefault(code, []).append(entry)
        for code in through(entry, entry.kmgbf_goals, via_goals):
            by_goal.setdefault(code, []).append(entry)

    def rows(
        elements: Sequence[Element], found: Mapping[str, list[Contribution]]
    ) -> tuple[RollUpRow, ...]:
        return tuple(_row(el, found.get(el.code, []), rules) for el in elements)

    return NationalReport(
        country=data.country,
        country_name=data.country_name,
        national_framework=data.national_framework,
        method_id=rules.method_id,
        method_version=rules.version,
        is_demo=data.is_demo,
        section_ii=_plans(data.governments),
        section_iii=rows(data.national_targets, by_national),
        section_iv_targets=rows(data.kmgbf_targets, by_target),
        section_iv_goals=rows(data.kmgbf_goals, by_goal),
        binary=_binary(data.governments, rules),
    )
