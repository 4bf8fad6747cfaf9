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
they are reported; sums are exact (kept as integers of 10^-12 units: cents times a rate with
up to eight decimals fit exactly).

Roll-up: `own` holds each government's own lines; `total` adds every government below it (a
region includes its cities; a country all its subnational governments). `by_group` attributes
a line to every group its action belongs to (e.g. the KMGBF targets it serves): an action linked
to two targets counts fully under each, so the groups do not add up to the total.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.vocabularies import vocabulary

METHOD_ID = "localgbf.finance.roll_up"
METHOD_VERSION = "1"
CENT = Decimal("0.01")
ZERO = Decimal(0)


class FinanceError(ValueError):
    """Finance input that cannot be used (a negative amount, a rate of zero, ...)."""


class BudgetLine(NamedTuple):
    """One budget line of one action, as the roll-up needs it (a tuple: cheap to make by the
    ten thousand)."""

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


# Sums are kept as integers in units of 10^-SCALE of a currency unit: an amount with cents
# times a rate with up to eight decimals is exact there (finer digits are dropped), and
# integer sums are fast.
SCALE = 12


def _round(scaled: int) -> Decimal:
    return (Decimal(scaled).scaleb(-SCALE)).quantize(CENT, rounding=ROUND_HALF_UP)


def _amounts(values: Sequence[int]) -> Amounts:
    needs, secured, spent = (_round(v) for v in values)
    return Amounts.model_construct(needs=needs, secured=secured, spent=spent, gap=needs - secured)


def _add(into: dict[Any, list[int]], key: Any, values: Sequence[int]) -> None:
    bucket = into.get(key)
    if bucket is None:
        into[key] = list(values)
    else:
        bucket[0] += values[0]
        bucket[1] += values[1]
        bucket[2] += values[2]


def _totals(cells: dict[tuple[str, int], list[int]], detail: bool = True) -> Totals:
    """Totals from sums per (source, year); with `detail`, also per source and per year."""
    total = [0, 0, 0]
    by_source: dict[str, list[int]] = {}
    by_year: dict[int, list[int]] = {}
    for (source, year), values in cells.items():
        if detail:
            _add(by_source, source, values)
            _add(by_year, year, values)
        total[0] += values[0]
        total[1] += values[1]
        total[2] += values[2]
    amounts = _amounts(total)
    return Totals.model_construct(
        needs=amounts.needs,
        secured=amounts.secured,
        spent=amounts.spent,
        gap=amounts.gap,
        by_source={k: _amounts(v) for k, v in sorted(by_source.items())},
        by_year={k: _amounts(v) for k, v in sorted(by_year.items())},
    )


def empty_totals() -> Totals:
    return _totals({})


def _check_line(line: BudgetLine, flags: Mapping[str, Collection[str]]) -> Collection[str]:
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
    return status


def roll_up(
    lines: Iterable[BudgetLine],
    rates: RateTable,
    *,
    parents: Mapping[str, str | None],
    groups: Mapping[str, Collection[str]] | None = None,
    flags: Mapping[str, Collection[str]] | None = None,
    detail: Collection[str] | None = None,
) -> FinanceRollUp:
    """Convert `lines` with `rates` and sum them per government, up the hierarchy and per group.

    `parents` maps each government code to its parent's code (None at the top); every
    government of a line must be in it. `groups` maps an action to the groups it counts under.
    `detail` names the governments whose totals are also broken down per source and per year;
    when it is None, every government and every group is broken down. The others carry their
    totals only, which keeps a country of a thousand cities fast.
    """
    flags = flags if flags is not None else status_flags()
    groups = groups or {}
    masks = {key: ("need" in f, "secured" in f, "spent" in f) for key, f in flags.items()}
    group_detail = detail is None
    # (government, source, year) -> [needs, secured, spent]; groups likewise when broken
    # down, otherwise per set of groups first (most actions share theirs).
    own: dict[tuple[str, str, int], list[int]] = {}
    by_group: dict[tuple[str, str, int], list[int]] = {}
    per_set: dict[tuple[str, ...], list[int]] = {}
    used: dict[tuple[int, str], RateUse] = {}
    missing: dict[tuple[str, int], list[Decimal]] = {}
    rate_cache: dict[tuple[int, str], tuple[Decimal, int] | None] = {}
    reporting = rates.currency
    groups_of = groups.get

    for line in lines:
        amount, currency, year, status = line.amount, line.currency, line.year, line.status
        if amount < 0 or status not in masks:
            _check_line(line, flags)
        key = (year, currency)
        if key not in rate_cache:
            rate_cache[key] = rates.lookup(year, currency)
        found = rate_cache[key]
        if found is None:
            missing.setdefault((currency, year), []).append(amount)
            continue
        if currency != reporting:
            if key not in used:
                used[key] = RateUse(year=year, currency=currency, rate=found[0], rate_year=found[1])
            amount = amount * found[0]
        value = int(amount.scaleb(SCALE))
        need, secured, spent = masks[status]
        n, s, p = (value if need else 0), (value if secured else 0), (value if spent else 0)
        cell = (line.government, line.source, year)
        bucket = own.get(cell)
        if bucket is None:
            own[cell] = [n, s, p]
        else:
            bucket[0] += n
            bucket[1] += s
            bucket[2] += p
        members = groups_of(line.action)
        if members:
            if group_detail:
                for group in members:
                    _add(by_group, (group, line.source, year), (n, s, p))
            else:
                # Actions that count under the same groups are summed together first.
                _add(per_set, members if isinstance(members, tuple) else tuple(members), (n, s, p))
    group_sums: dict[str, list[int]] = {}
    for members, sums in per_set.items():
        for group in members:
            _add(group_sums, group, sums)

    own_cells: dict[str, dict[tuple[str, int], list[int]]] = {}
    for (government, source, year), sums in own.items():
        own_cells.setdefault(government, {})[(source, year)] = sums
    total_cells: dict[str, dict[tuple[str, int], list[int]]] = {}
    for government, cells in own_cells.items():
        node: str | None = government
        seen: set[str] = set()
        while node is not None:
            if node in seen:
                raise FinanceError(f"the hierarchy loops at {node}")
            seen.add(node)
            into = total_cells.setdefault(node, {})
            for source_year, sums in cells.items():
                _add(into, source_year, sums)
            if node not in parents:
                raise FinanceError(f"government {node} is not in the hierarchy given")
            node = parents[node]
    group_cells: dict[str, dict[tuple[str, int], list[int]]] = {}
    for (group, source, year), sums in by_group.items():
        group_cells.setdefault(group, {})[(source, year)] = sums

    warnings = [
        f"{u.currency} has no rate for {u.year}; the {u.rate_year} rate ({u.rate}) was used"
        for u in sorted(used.values(), key=lambda u: (u.currency, u.year))
        if u.rate_year != u.year
    ]
    unconverted = tuple(
        Unconverted(
            currency=c, year=y, amount=sum(a, ZERO).quantize(CENT, ROUND_HALF_UP), lines=len(a)
        )
        for (c, y), a in sorted(missing.items())
    )
    warnings += [
        f"{u.lines} line(s) of {u.amount} {u.currency} in {u.year} are left out: the "
        f"conversion table has no rate to {rates.currency} for {u.currency}"
        for u in unconverted
    ]
    chosen = None if detail is None else set(detail)

    def wanted(key: str) -> bool:
        return chosen is None or key in chosen

    return FinanceRollUp.model_construct(
        currency=rates.currency,
        own={k: _totals(v, wanted(k)) for k, v in sorted(own_cells.items())},
        total={k: _totals(v, wanted(k)) for k, v in sorted(total_cells.items())},
        by_group={
            **{k: _totals(v) for k, v in sorted(group_cells.items())},
            **{k: _totals({("", 0): v}, False) for k, v in sorted(group_sums.items())},
        },
        rates_used=tuple(sorted(used.values(), key=lambda u: (u.currency, u.year))),
        unconverted=unconverted,
        warnings=tuple(warnings),
        method_id=METHOD_ID,
        method_version=METHOD_VERSION,
    )


def regroup(parts: Mapping[str, Amounts], into: Mapping[str, str]) -> dict[str, Amounts]:
    """Sum amounts kept per key (e.g. per funding source) into coarser groups (e.g. the
    elements of KMGBF Target 19); keys not in `into` are left out."""
    sums: dict[str, list[Decimal]] = {}
    for key, amounts in parts.items():
        group = into.get(key)
        if group is None:
            continue
        bucket = sums.setdefault(group, [ZERO, ZERO, ZERO])
        bucket[0] += amounts.needs
        bucket[1] += amounts.secured
        bucket[2] += amounts.spent
    return {
        group: Amounts(needs=n, secured=s, spent=p, gap=n - s)
        for group, (n, s, p) in sorted(sums.items())
    }


def target19_of_sources() -> dict[str, str]:
    """Funding source type -> the KMGBF Target 19 element it serves first, from the data."""
    prefix = "kmgbf:"
    out = {}
    for term in vocabulary("funding_sources").terms:
        first = next((r for r in term.related if r.startswith(f"{prefix}T19")), None)
        if first is not None:
            out[term.key] = first[len(prefix) :]
    return out


def rates_statement(result: FinanceRollUp) -> str:
    """One line stating the conversion, for a total's caption: 'CNY; USD 2025 at 7.2, ...'."""
    parts = [f"{u.currency} {u.year} at {u.rate.normalize():f}" for u in result.rates_used]
    return result.currency + (f"; {', '.join(parts)}" if parts else "")
