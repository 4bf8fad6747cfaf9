"""The national focal point's coverage matrix: national targets × subnational governments.

Inputs are plain records of the plans in force in one country: each local target and action
with the links its authors made to national targets and to KMGBF targets, each link with a
degree of alignment (the `alignment` scale: high > medium > low).

Rules (one place, used by the web page, the XLSX export and `localgbf coverage`):

1. **Effective links of an action.** For national targets, the action's own links when it has
   any, otherwise those of the local target it serves; the same, separately, for KMGBF targets.
   A local-only action or target counts towards no national or global target (and an action
   serving a local-only target inherits nothing).
2. **Through national targets.** A link to national target N with degree d1, where N is aligned
   to KMGBF target T with degree d2, also covers T with the weaker of d1 and d2 (a chain is no
   stronger than its weakest link). A direct link to T counts as made.
3. **Cells.** Government G covers national target N when a local target or an action of G's
   plan is effectively linked to N; the cell gives the number of G's actions linked to N and the
   best degree among G's links to N.
   Actions that end up linked to no target (local only, or serving a local-only target) are
   counted as `unaligned_actions`: most local actions are local-specific, and that is fine.
4. **Uncovered KMGBF targets.** The KMGBF targets that no local target or action of any plan
   in the country covers, directly or through a national target.
5. **Finance.** The country's figures are the sums over its subnational governments' budget
   lines (see `localgbf.reporting.finance`); the finance behind a national target is that of the
   actions effectively linked to it (an action linked to two targets counts under both).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.scales import scale
from localgbf.reporting.finance import (
    Amounts,
    BudgetLine,
    FinanceRollUp,
    RateTable,
    empty_totals,
    roll_up,
)

NATIONAL_GROUP = "national:"
KMGBF_GROUP = "kmgbf:"


class Link(NamedTuple):
    """A link to a national or KMGBF target, by code, with its degree of alignment."""

    code: str
    degree: str


class TargetLinks(NamedTuple):
    """A plan's local target: its id, whether it is local only, and its links."""

    id: str
    government: str
    local_only: bool = False
    national: tuple[Link, ...] = ()
    kmgbf: tuple[Link, ...] = ()


class ActionLinks(NamedTuple):
    """A plan's action: its id, the local target it serves, and its own links."""

    id: str
    government: str
    target: str
    local_only: bool = False
    national: tuple[Link, ...] = ()
    kmgbf: tuple[Link, ...] = ()


class CoverageError(ValueError):
    """Coverage input that does not fit together (an action of an unknown target, ...)."""


def alignment_ranks() -> dict[str, int]:
    """Degree key -> rank (higher is stronger), from the packaged alignment scale."""
    return {lvl.key: int(lvl.rank or 0) for lvl in scale("alignment").levels}


class Cell(NamedTuple):
    """One government's coverage of one national target (a tuple: there are thousands)."""

    government: str
    actions: int
    best_alignment: str


class NationalTargetRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    cells: tuple[Cell, ...]
    actions: int
    finance: Amounts


class KmgbfCoverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    governments: int
    actions: int
    best_alignment: str | None
    finance: Amounts


class GovernmentFinance(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    needs: Decimal
    secured: Decimal
    gap: Decimal


class CoverageMatrix(BaseModel):
    model_config = ConfigDict(frozen=True)

    country: str
    national_targets: tuple[NationalTargetRow, ...]
    kmgbf: tuple[KmgbfCoverage, ...]
    kmgbf_targets_uncovered: tuple[str, ...]
    currency: str
    needs: Decimal
    secured: Decimal
    gap: Decimal
    by_government: tuple[GovernmentFinance, ...]
    actions: int
    unaligned_actions: int
    finance: FinanceRollUp

    def to_json(self) -> dict[str, Any]:
        """The document `localgbf coverage COUNTRY --json` prints (shape fixed by issue 7)."""
        return {
            "country": self.country,
            "national_targets": [
                {
                    "code": row.code,
                    "governments": [
                        {
                            "code": c.government,
                            "actions": c.actions,
                            "best_alignment": c.best_alignment,
                        }
                        for c in row.cells
                    ],
                }
                for row in self.national_targets
            ],
            "kmgbf_targets_uncovered": list(self.kmgbf_targets_uncovered),
            "finance": {
                "currency": self.currency,
                "needs": _number(self.needs),
                "secured": _number(self.secured),
                "gap": _number(self.gap),
                "by_government": [
                    {"code": g.code, "needs": _number(g.needs), "secured": _number(g.secured)}
                    for g in self.by_government
                ],
            },
        }


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


L = TypeVar("L")


def effective_links(own: Sequence[L], served: Sequence[L]) -> Sequence[L]:
    """Rule 1 for one kind of target (national, or KMGBF): an action's own links when it has
    any, otherwise those of the local target it serves (empty for a local-only target)."""
    return own if own else served


def _best(links: Iterable[Link], ranks: Mapping[str, int]) -> dict[str, str]:
    """Code -> strongest degree among `links`."""
    best: dict[str, str] = {}
    for link in links:
        if link.degree not in ranks:
            raise CoverageError(
                f"{link.degree!r} is not a degree of alignment; use one of {', '.join(ranks)}"
            )
        current = best.get(link.code)
        if current is None or ranks[link.degree] > ranks[current]:
            best[link.code] = link.degree
    return best


def _through_national(
    national: Mapping[str, str],
    alignments: Mapping[str, Sequence[Link]],
    ranks: Mapping[str, int],
) -> list[Link]:
    derived = []
    for code, degree in national.items():
        for link in alignments.get(code, ()):
            weaker = degree if ranks[degree] <= ranks[link.degree] else link.degree
            derived.append(Link(link.code, weaker))
    return derived


def coverage_matrix(
    *,
    country: str,
    national_targets: Sequence[str],
    national_alignments: Mapping[str, Sequence[Link]],
    kmgbf_targets: Sequence[str],
    targets: Iterable[TargetLinks],
    actions: Iterable[ActionLinks],
    budget_lines: Iterable[BudgetLine],
    rates: RateTable,
    parents: Mapping[str, str | None],
    ranks: Mapping[str, int] | None = None,
) -> CoverageMatrix:
    """Build the matrix for `country` from the plans in force (see the module's rules).

    `national_targets` are the codes of the national framework version, in order;
    `national_alignments` maps each to its KMGBF target links; `parents` is the hierarchy of
    every government that holds a plan, up to the country.
    """
    ranks = ranks or alignment_ranks()
    # code -> government -> [actions, best degree]
    national_cells: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    kmgbf_cells: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    groups: dict[str, tuple[str, ...]] = {}

    def mark(
        cells: dict[str, dict[str, list[Any]]], best: Mapping[str, str], gov: str, count: int
    ) -> None:
        for code, degree in best.items():
            cell = cells[code].setdefault(gov, [0, degree])
            cell[0] += count
            if ranks[degree] > ranks[cell[1]]:
                cell[1] = degree

    # target id -> (national links, direct KMGBF links), strongest degree per code, and a
    # signature of those links: targets with the same links resolve their actions alike.
    target_links: dict[str, tuple[Any, dict[str, str], dict[str, str]]] = {}
    for target in targets:
        if target.local_only:
            target_links[target.id] = (None, {}, {})
            continue
        national = _best(target.national, ranks)
        direct = _best(target.kmgbf, ranks)
        signature = (frozenset(national.items()), frozenset(direct.items()))
        target_links[target.id] = (signature, national, direct)
        kmgbf = _best(
            (*target.kmgbf, *_through_national(national, national_alignments, ranks)), ranks
        )
        mark(national_cells, national, target.government, 0)
        mark(kmgbf_cells, kmgbf, target.government, 0)

    # Most actions share their link sets (most inherit their target's, and many targets have
    # the same links): resolve each distinct (target links, own national links, own KMGBF
    # links) once, and count actions per government and resolved links.
    resolved: dict[Any, tuple[dict[str, str], dict[str, str], tuple[str, ...]] | None] = {}
    chains: dict[Any, tuple[dict[str, str], dict[str, str], tuple[str, ...]]] = {}
    counts: dict[tuple[str, Any], int] = defaultdict(int)
    action_count = unaligned = 0
    for action in actions:
        action_count += 1
        if action.local_only:
            unaligned += 1
            continue
        served = target_links.get(action.target)
        if served is None:
            raise CoverageError(f"action {action.id} serves an unknown target {action.target}")
        key = (served[0], action.national, action.kmgbf)
        if key in resolved:
            found = resolved[key]
        else:
            _signature, inherited_national, inherited_direct = served
            national = dict(
                effective_links(
                    list(_best(action.national, ranks).items()), [*inherited_national.items()]
                )
            )
            direct = dict(
                effective_links(
                    list(_best(action.kmgbf, ranks).items()), [*inherited_direct.items()]
                )
            )
            chain_key = (frozenset(national.items()), frozenset(direct.items()))
            chain = chains.get(chain_key)
            if chain is None:
                kmgbf = _best(
                    (
                        *(Link(c, d) for c, d in direct.items()),
                        *_through_national(national, national_alignments, ranks),
                    ),
                    ranks,
                )
                names = (
                    *(NATIONAL_GROUP + c for c in national),
                    *(KMGBF_GROUP + c for c in kmgbf),
                )
                chain = chains[chain_key] = (national, kmgbf, names)
            found = resolved[key] = chain if chain[2] else None
        if found is None:
            unaligned += 1
            continue
        counts[(action.government, id(found))] += 1
        groups[action.id] = found[2]
    by_id = {id(chain): chain for chain in chains.values()}
    for (government, chain_id), count in counts.items():
        national, kmgbf, _names = by_id[chain_id]
        mark(national_cells, national, government, count)
        mark(kmgbf_cells, kmgbf, government, count)

    finance = roll_up(budget_lines, rates, parents=parents, groups=groups, detail=[country])
    rows = []
    for code in national_targets:
        cells = national_cells.get(code, {})
        rows.append(
            NationalTargetRow.model_construct(
                code=code,
                cells=tuple(Cell(gov, n, degree) for gov, (n, degree) in sorted(cells.items())),
                actions=sum(n for n, _ in cells.values()),
                finance=finance.by_group.get(NATIONAL_GROUP + code) or empty_totals(),
            )
        )
    kmgbf_rows = []
    for code in kmgbf_targets:
        cells = kmgbf_cells.get(code, {})
        degrees = [d for _, d in cells.values()]
        kmgbf_rows.append(
            KmgbfCoverage.model_construct(
                code=code,
                governments=len(cells),
                actions=sum(n for n, _ in cells.values()),
                best_alignment=max(degrees, key=lambda d: ranks[d]) if degrees else None,
                finance=finance.by_group.get(KMGBF_GROUP + code) or empty_totals(),
            )
        )
    subnational = [g for g in finance.own if g != country]
    by_government = tuple(
        GovernmentFinance.model_construct(
            code=g,
            needs=finance.own[g].needs,
            secured=finance.own[g].secured,
            gap=finance.own[g].gap,
        )
        for g in sorted(subnational)
    )
    needs = sum((g.needs for g in by_government), Decimal("0.00"))
    secured = sum((g.secured for g in by_government), Decimal("0.00"))
    return CoverageMatrix.model_construct(
        country=country,
        national_targets=tuple(rows),
        kmgbf=tuple(kmgbf_rows),
        kmgbf_targets_uncovered=tuple(c for c in kmgbf_targets if not kmgbf_cells.get(c)),
        currency=finance.currency,
        needs=needs,
        secured=secured,
        gap=needs - secured,
        by_government=by_government,
        actions=action_count,
        unaligned_actions=unaligned,
        finance=finance,
    )


class GroupCell(NamedTuple):
    """The cells of several governments taken together (e.g. a region and its cities)."""

    governments: int
    actions: int
    best_alignment: str


def group_cells(
    matrix: CoverageMatrix,
    group_of: Mapping[str, str],
    ranks: Mapping[str, int] | None = None,
) -> dict[tuple[str, str], GroupCell]:
    """(group, national target code) -> the governments of the group that cover the target,
    their actions and the best degree. Governments not in `group_of` are left out."""
    ranks = ranks or alignment_ranks()
    acc: dict[tuple[str, str], list[Any]] = {}
    for row in matrix.national_targets:
        for cell in row.cells:
            group = group_of.get(cell.government)
            if group is None:
                continue
            entry = acc.setdefault((group, row.code), [0, 0, cell.best_alignment])
            entry[0] += 1
            entry[1] += cell.actions
            if ranks[cell.best_alignment] > ranks[entry[2]]:
                entry[2] = cell.best_alignment
    return {key: GroupCell(n, a, d) for key, (n, a, d) in acc.items()}
