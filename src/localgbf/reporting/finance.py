"""Finance of plans: budget lines converted to one reporting currency and summed up the hierarchy.

What the figures mean (the same on every page, export and command):

- **needs**: every budget line, whatever its status: what the actions cost;
- **secured**: the lines whose status counts as secured (secured or spent);
- **spent**: the lines whose status counts as spent;
- **gap**: needs minus secured.

Which status counts as what is data (`flags` of the `budget_status` vocabulary), passed in.

Conversion: a line of `amount` in currency C in year Y is worth `amount × rate(Y, C)` in the
reporting currency, where the rate is the number of reporting-currency units for one unit of C.
Lines already in the reporting currency are not converted. When year Y has no rate for C, the
rate of the nearest year is used (the earlier one when two are as near) and a warning says so;
a currency with no rate in any year cannot be converted, so its lines are left out of every
total, listed under `unconverted` and named in a warning. Totals are rounded to cents only when
they are reported; sums are exact decimals.

Roll-up: `own` holds each government's own lines; `total` adds every government below it (a
region includes its cities; a country all its subnational governments). `by_group` attributes
a line to every group its action belongs to (e.g. the KMGBF targets it serves): an action linked
to two targets counts fully under each, so the groups do not add up to the total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.vocabularies import vocabulary

METHOD_ID = "localgbf.finance.roll_up"
METHOD_VERSION = "1"
CENT = Decimal("0.01")
ZERO = Decimal(0)
K = TypeVar("K", str, int)


class FinanceError(ValueError):
    """Finance input that cannot be used (a negative amount, a rate of zero, ...)."""


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One budget line of one action, as the roll-up needs it."""

    government: str
    action: str
    year: int
    amount: Decimal
    currency: str
    source: str
    status: str


@dataclass(frozen=True)
class RateTable:
    """Rates to one reporting currency: (year, currency) -> reporting units per unit."""

    currency: str
    rates: Mapping[tuple[int, str], Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (year, currency), rate in self.rates.items():
            if rate <= 0:
                raise FinanceError(f"the rate of {currency} in {year} must be more than zero")

    def lookup(self, year: int, currency: str) -> tuple[Decimal, int] | None:
        """The rate for `currency` in `year` and the year it was taken from, or None."""
        if currency == self.currency:
            return Decimal(1), year
        exact = self.rates.get((year, currency))
        if exact is not None:
            return exact, year
        years = [y for (y, c) in self.rates if c == currency]
        if not years:
            return None
        nearest = min(years, key=lambda y: (abs(y - year), y))
        return self.rates[(nearest, currency)], nearest


def status_flags() -> dict[str, frozenset[str]]:
    """Budget status key -> what it counts as (`need`, `secured`, `spent`), from the data."""
    return {t.key: frozenset(t.flags) for t in vocabulary("budget_status").terms}


class Amounts(BaseModel):
    model_config = ConfigDict(frozen=True)

    needs: Decimal
    secured: Decimal
    spent: Decimal
    gap: Decimal


class Totals(Amounts):
    by_source: dict[str, Amounts]
    by_year: dict[int, Amounts]


class RateUse(BaseModel):
    """A rate that a total used: `rate_year` differs from `year` when the nearest was taken."""

    model_config = ConfigDict(frozen=True)

    year: int
    currency: str
    rate: Decimal
    rate_year: int


class Unconverted(BaseModel):
    model_config = ConfigDict(frozen=True)

    currency: str
    year: int
    amount: Decimal
    lines: int


class FinanceRollUp(BaseModel):
    model_config = ConfigDict(frozen=True)

    currency: str
    own: dict[str, Totals]
    total: dict[str, Totals]
    by_group: dict[str, Totals]
    rates_used: tuple[RateUse, ...]
    unconverted: tuple[Unconverted, ...]
    warnings: tuple[str, ...]
    method_id: str = METHOD_ID
    method_version: str = METHOD_VERSION

    def totals_of(self, government: str) -> Totals:
        """Totals of a government and everything below it (zero when it has no lines)."""
        return self.total.get(government) or empty_totals()


class _Acc:
    """Running sums for one total: needs, secured, spent, per source and per year."""

    __slots__ = ("by_source", "by_year", "values")

    def __init__(self) -> None:
        self.values = [ZERO, ZERO, ZERO]
        self.by_source: dict[str, list[Decimal]] = {}
        self.by_year: dict[int, list[Decimal]] = {}

    def add(self, amounts: tuple[Decimal, Decimal, Decimal], source: str, year: int) -> None:
        for bucket in (
            self.values,
            self.by_source.setdefault(source, [ZERO, ZERO, ZERO]),
            self.by_year.setdefault(year, [ZERO, ZERO, ZERO]),
        ):
            bucket[0] += amounts[0]
            bucket[1] += amounts[1]
            bucket[2] += amounts[2]

    def merge(self, other: _Acc) -> None:
        for i in range(3):
            self.values[i] += other.values[i]
        _merge_buckets(self.by_source, other.by_source)
        _merge_buckets(self.by_year, other.by_year)

    def totals(self) -> Totals:
        return Totals(
            **_amounts(self.values).model_dump(),
            by_source={k: _amounts(v) for k, v in sorted(self.by_source.items())},
            by_year={k: _amounts(v) for k, v in sorted(self.by_year.items())},
        )


def _merge_buckets(mine: dict[K, list[Decimal]], theirs: dict[K, list[Decimal]]) -> None:
    for key, values in theirs.items():
        bucket = mine.setdefault(key, [ZERO, ZERO, ZERO])
        for i in range(3):
            bucket[i] += values[i]


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _amounts(values: list[Decimal]) -> Amounts:
    needs, secured, spent = (_round(v) for v in values)
    return Amounts(needs=needs, secured=secured, spent=spent, gap=needs - secured)


def empty_totals() -> Totals:
    return _Acc().totals()


def roll_up(
    lines: Iterable[BudgetLine],
    rates: RateTable,
    *,
    parents: Mapping[str, str | None],
    groups: Mapping[str, Collection[str]] | None = None,
    flags: Mapping[str, Collection[str]] | None = None,
) -> FinanceRollUp:
    """Convert `lines` with `rates` and sum them per government, up the hierarchy and per group.

    `parents` maps each government code to its parent's code (None at the top); every
    government of a line must be in it. `groups` maps an action to the groups it counts under.
    """
    flags = flags if flags is not None else status_flags()
    groups = groups or {}
    own: dict[str, _Acc] = defaultdict(_Acc)
    by_group: dict[str, _Acc] = defaultdict(_Acc)
    used: dict[tuple[int, str], RateUse] = {}
    missing: dict[tuple[str, int], list[Decimal]] = {}
    rate_cache: dict[tuple[int, str], tuple[Decimal, int] | None] = {}

    for line in lines:
        if line.amount < 0:
            raise FinanceError(
                f"action {line.action} of {line.government}: the amount of {line.year} is "
                f"negative ({line.amount} {line.currency})"
            )
        status = flags.get(line.status)
        if status is None:
            raise FinanceError(
                f"action {line.action} of {line.government}: unknown budget status "
                f"{line.status!r}; use one of {', '.join(flags)}"
            )
        key = (line.year, line.currency)
        if key not in rate_cache:
            rate_cache[key] = rates.lookup(line.year, line.currency)
        found = rate_cache[key]
        if found is None:
            missing.setdefault((line.currency, line.year), []).append(line.amount)
            continue
        rate, rate_year = found
        if line.currency != rates.currency and key not in used:
            used[key] = RateUse(
                year=line.year, currency=line.currency, rate=rate, rate_year=rate_year
            )
        value = line.amount * rate
        amounts = (
            value if "need" in status else ZERO,
            value if "secured" in status else ZERO,
            value if "spent" in status else ZERO,
        )
        own[line.government].add(amounts, line.source, line.year)
        for group in groups.get(line.action, ()):
            by_group[group].add(amounts, line.source, line.year)

    total: dict[str, _Acc] = defaultdict(_Acc)
    for government, acc in own.items():
        node: str | None = government
        seen: set[str] = set()
        while node is not None:
            if node in seen:
                raise FinanceError(f"the hierarchy loops at {node}")
            seen.add(node)
            total[node].merge(acc)
            if node not in parents:
                raise FinanceError(f"government {node} is not in the hierarchy given")
            node = parents[node]

    warnings = [
        f"{u.currency} has no rate for {u.year}; the {u.rate_year} rate ({u.rate}) was used"
        for u in sorted(used.values(), key=lambda u: (u.currency, u.year))
        if u.rate_year != u.year
    ]
    unconverted = tuple(
        Unconverted(currency=c, year=y, amount=_round(sum(a, ZERO)), lines=len(a))
        for (c, y), a in sorted(missing.items())
    )
    warnings += [
        f"{u.lines} line(s) of {u.amount} {u.currency} in {u.year} are left out: the "
        f"conversion table has no rate to {rates.currency} for {u.currency}"
        for u in unconverted
    ]
    return FinanceRollUp(
        currency=rates.currency,
        own={k: v.totals() for k, v in sorted(own.items())},
        total={k: v.totals() for k, v in sorted(total.items())},
        by_group={k: v.totals() for k, v in sorted(by_group.items())},
        rates_used=tuple(sorted(used.values(), key=lambda u: (u.currency, u.year))),
        unconverted=unconverted,
        warnings=tuple(warnings),
    )


def rates_statement(result: FinanceRollUp) -> str:
    """One line stating the conversion, for a total's caption: 'CNY; USD 2025 at 7.2, ...'."""
    parts = [f"{u.currency} {u.year} at {u.rate.normalize():f}" for u in result.rates_used]
    return result.currency + (f"; {', '.join(parts)}" if parts else "")
