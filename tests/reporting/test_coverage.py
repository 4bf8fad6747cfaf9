"""The coverage matrix on a hand-worked country.

National targets: N1 → KMGBF T3 high and T1 low; N2 → T12 medium; N3 → nothing.
Yunnan (CN-YN) holds Kunming (CNKMG) and Dali (CNDLU).

Local targets: t1 (Kunming) → N1 high; t2 (Kunming) local only; t3 (Dali) → T19 low;
t4 (Yunnan) → N2 low.
Actions:
- a1 (Kunming, t1), no links of its own: inherits N1 high, hence T3 high and T1 low;
- a2 (Kunming, t1) → N1 medium and T12 high: T3 medium, T1 low (weakest link), T12 high;
- a3 (Kunming, t2): serves a local-only target, so it covers nothing;
- a4 (Kunming, t1) marked local only: covers nothing;
- a5 (Dali, t3) → N2 high: T12 medium (N2's alignment is the weaker link); it has no KMGBF
  link of its own, so it inherits t3's T19 low;
- a6 (Yunnan, t4), no links: inherits N2 low, hence T12 low.

Budget lines (CNY, rate USD 2025 = 7): a1 100 planned; a2 10 USD secured (= 70); a3 5 planned;
a5 50 spent; a6 20 planned.
"""

from decimal import Decimal as D

import pytest

from localgbf.reporting.coverage import (
    ActionLinks,
    CoverageError,
    Link,
    TargetLinks,
    coverage_matrix,
)
from localgbf.reporting.finance import BudgetLine, RateTable

PARENTS = {"CN": None, "CN-YN": "CN", "CNKMG": "CN-YN", "CNDLU": "CN-YN"}
ALIGNMENTS = {"N1": [Link("3", "high"), Link("1", "low")], "N2": [Link("12", "medium")]}
TARGETS = [
    TargetLinks("t1", "CNKMG", national=(Link("N1", "high"),)),
    TargetLinks("t2", "CNKMG", local_only=True),
    TargetLinks("t3", "CNDLU", kmgbf=(Link("19", "low"),)),
    TargetLinks("t4", "CN-YN", national=(Link("N2", "low"),)),
]
ACTIONS = [
    ActionLinks("a1", "CNKMG", "t1"),
    ActionLinks("a2", "CNKMG", "t1", national=(Link("N1", "medium"),), kmgbf=(Link("12", "high"),)),
    ActionLinks("a3", "CNKMG", "t2"),
    ActionLinks("a4", "CNKMG", "t1", local_only=True),
    ActionLinks("a5", "CNDLU", "t3", national=(Link("N2", "high"),)),
    ActionLinks("a6", "CN-YN", "t4"),
]
LINES = [
    BudgetLine("CNKMG", "a1", 2025, D("100"), "CNY", "own_budget", "planned"),
    BudgetLine("CNKMG", "a2", 2025, D("10"), "USD", "international", "secured"),
    BudgetLine("CNKMG", "a3", 2025, D("5"), "CNY", "own_budget", "planned"),
    BudgetLine("CNDLU", "a5", 2025, D("50"), "CNY", "national_transfer", "spent"),
    BudgetLine("CN-YN", "a6", 2025, D("20"), "CNY", "own_budget", "planned"),
]


def build(**changes):
    args = dict(
        country="CN",
        national_targets=["N1", "N2", "N3"],
        national_alignments=ALIGNMENTS,
        kmgbf_targets=["1", "2", "3", "12", "19"],
        targets=TARGETS,
        actions=ACTIONS,
        budget_lines=LINES,
        rates=RateTable("CNY", {(2025, "USD"): D("7")}),
        parents=PARENTS,
    )
    args.update(changes)
    return coverage_matrix(**args)


@pytest.fixture(scope="module")
def matrix():
    return build()


def test_the_json_has_the_shape_of_the_issue_with_hand_worked_figures(matrix):
    """Kunming: 100 + 70 + 5 = 175 needed, 70 secured; Dali 50/50; Yunnan 20/0.
    Country: 245 needed, 120 secured, gap 125."""
    assert matrix.to_json() == {
        "country": "CN",
        "national_targets": [
            {
                "code": "N1",
                "governments": [{"code": "CNKMG", "actions": 2, "best_alignment": "high"}],
            },
            {
                "code": "N2",
                "governments": [
                    {"code": "CN-YN", "actions": 1, "best_alignment": "low"},
                    {"code": "CNDLU", "actions": 1, "best_alignment": "high"},
                ],
            },
            {"code": "N3", "governments": []},
        ],
        "kmgbf_targets_uncovered": ["2"],
        "finance": {
            "currency": "CNY",
            "needs": 245,
            "secured": 120,
            "gap": 125,
            "by_government": [
                {"code": "CN-YN", "needs": 20, "secured": 0},
                {"code": "CNDLU", "needs": 50, "secured": 50},
                {"code": "CNKMG", "needs": 175, "secured": 70},
            ],
        },
    }


def test_kmgbf_coverage_goes_through_national_targets_at_the_weaker_degree(matrix):
    by_code = {k.code: k for k in matrix.kmgbf}
    assert (by_code["3"].governments, by_code["3"].actions, by_code["3"].best_alignment) == (
        1,
        2,
        "high",
    )
    assert by_code["1"].best_alignment == "low"
    assert (by_code["12"].governments, by_code["12"].actions, by_code["12"].best_alignment) == (
        3,
        3,
        "high",
    )


def test_an_action_inherits_its_targets_links_of_each_kind_it_has_none_of(matrix):
    """a5 links to N2 itself but to no KMGBF target: it counts under t3's T19 (low)."""
    t19 = next(k for k in matrix.kmgbf if k.code == "19")
    assert (t19.governments, t19.actions, t19.best_alignment) == (1, 1, "low")
    assert t19.finance.needs == D("50.00")


def test_a_local_target_without_actions_still_covers_its_kmgbf_target():
    matrix = build(actions=[])
    t19 = next(k for k in matrix.kmgbf if k.code == "19")
    assert (t19.governments, t19.actions, t19.best_alignment) == (1, 0, "low")


def test_the_finance_behind_each_target_counts_the_actions_linked_to_it(matrix):
    """N1: a1 100 + a2 70 = 170 needed, 70 secured; N2: a5 50 + a6 20 = 70, 50 secured;
    T12: a2 70 + a5 50 + a6 20 = 140."""
    rows = {r.code: r for r in matrix.national_targets}
    assert (rows["N1"].finance.needs, rows["N1"].finance.secured) == (D("170.00"), D("70.00"))
    assert (rows["N2"].finance.needs, rows["N2"].finance.secured) == (D("70.00"), D("50.00"))
    assert rows["N3"].finance.needs == D("0.00")
    assert next(k for k in matrix.kmgbf if k.code == "12").finance.needs == D("140.00")


def test_local_only_actions_and_actions_of_local_only_targets_are_counted_apart(matrix):
    assert (matrix.actions, matrix.unaligned_actions) == (6, 2)


def test_an_unknown_degree_is_refused():
    with pytest.raises(CoverageError, match="'strong' is not a degree of alignment"):
        build(actions=[ActionLinks("a", "CNKMG", "t1", national=(Link("N1", "strong"),))])


def test_an_action_of_an_unknown_target_is_refused():
    with pytest.raises(CoverageError, match="action a serves an unknown target t9"):
        build(actions=[ActionLinks("a", "CNKMG", "t9")])


# -- the fast path against the rules, action by action --------------------------------------

RANKS = {"high": 3, "medium": 2, "low": 1}
NATIONAL = ["N1", "N2", "N3", "N4"]
KMGBF = [str(n) for n in range(1, 9)]
GOVERNMENTS = ["G1", "G2", "G3"]


def _reference(targets, actions, alignments):
    """The module's rules applied to each action on its own, without any sharing."""

    def best(links):
        out = {}
        for code, degree in links:
            if code not in out or RANKS[degree] > RANKS[out[code]]:
                out[code] = degree
        return out

    def through(national):
        return [
            (link.code, min(degree, link.degree, key=RANKS.__getitem__))
            for code, degree in national.items()
            for link in alignments.get(code, ())
        ]

    national_cells, kmgbf_cells = {}, {}

    def put(cells, found, government, n):
        for code, degree in found.items():
            count, current = cells.get((code, government), (0, degree))
            cells[(code, government)] = (count + n, max(current, degree, key=RANKS.__getitem__))

    for t in targets:
        if not t.local_only:
            national = best(t.national)
            put(national_cells, national, t.government, 0)
            put(kmgbf_cells, best([*t.kmgbf, *through(national)]), t.government, 0)
    served = {t.id: t for t in targets}
    unaligned, groups = 0, {}
    for a in actions:
        target = served[a.target]
        if a.local_only:
            unaligned += 1
            continue
        national = best(a.national or ((), target.national)[not target.local_only])
        direct = a.kmgbf or ((), target.kmgbf)[not target.local_only]
        kmgbf = best([*direct, *through(national)])
        if not national and not kmgbf:
            unaligned += 1
            continue
        put(national_cells, national, a.government, 1)
        put(kmgbf_cells, kmgbf, a.government, 1)
        groups[a.id] = {f"national:{c}" for c in national} | {f"kmgbf:{c}" for c in kmgbf}
    return national_cells, kmgbf_cells, unaligned, groups


def _links(draw, codes):
    from hypothesis import strategies as st

    return tuple(
        Link(code, degree)
        for code, degree in draw(
            st.lists(st.tuples(st.sampled_from(codes), st.sampled_from(list(RANKS))), max_size=3)
        )
    )


def test_the_matrix_matches_the_rules_applied_action_by_action():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @st.composite
    def plans(draw):
        alignments = {code: list(_links(draw, KMGBF)) for code in NATIONAL if draw(st.booleans())}
        targets = [
            TargetLinks(
                f"t{i}",
                draw(st.sampled_from(GOVERNMENTS)),
                draw(st.booleans()) and draw(st.booleans()),
                _links(draw, NATIONAL),
                _links(draw, KMGBF),
            )
            for i in range(draw(st.integers(1, 6)))
        ]
        actions = []
        for i in range(draw(st.integers(0, 25))):
            target = draw(st.sampled_from(targets))
            actions.append(
                ActionLinks(
                    f"a{i}",
                    target.government,
                    target.id,
                    draw(st.integers(0, 5)) == 0,
                    _links(draw, NATIONAL) if draw(st.booleans()) else (),
                    _links(draw, KMGBF) if draw(st.booleans()) else (),
                )
            )
        return alignments, targets, actions

    @settings(max_examples=300, deadline=None)
    @given(plans())
    def check(case):
        alignments, targets, actions = case
        lines = [
            BudgetLine(a.government, a.id, 2025, D(100 + n), "CNY", "own_budget", "planned")
            for n, a in enumerate(actions)
        ]
        matrix = coverage_matrix(
            country="C",
            national_targets=NATIONAL,
            national_alignments=alignments,
            kmgbf_targets=KMGBF,
            targets=targets,
            actions=actions,
            budget_lines=lines,
            rates=RateTable("CNY"),
            parents={"C": None, **dict.fromkeys(GOVERNMENTS, "C")},
            ranks=RANKS,
        )
        national, kmgbf, unaligned, groups = _reference(targets, actions, alignments)
        assert {
            (row.code, c.government): (c.actions, c.best_alignment)
            for row in matrix.national_targets
            for c in row.cells
        } == national
        for row in matrix.kmgbf:
            mine = {g: v for (code, g), v in kmgbf.items() if code == row.code}
            assert row.governments == len(mine)
            assert row.actions == sum(n for n, _ in mine.values())
            degrees = [d for _, d in mine.values()]
            assert row.best_alignment == (max(degrees, key=RANKS.__getitem__) if degrees else None)
        assert matrix.unaligned_actions == unaligned
        assert matrix.actions == len(actions)
        for row in matrix.national_targets:
            expected = sum(
                (
                    line.amount
                    for line in lines
                    if f"national:{row.code}" in groups.get(line.action, ())
                ),
                D(0),
            )
            assert row.finance.needs == expected

    check()
