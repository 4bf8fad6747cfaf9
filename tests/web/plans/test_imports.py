"""Importing actions and budget lines into a draft: all rows or none, problems by row/column."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.frameworks.tabular import ImportFileError
from localgbf.web.plans.imports import import_actions, import_budget_lines
from localgbf.web.plans.models import Action, BudgetLine, PlanVersion

ACTIONS = "target,code,title_en,title_zh,start,end,status,sectors,national_targets,kmgbf_targets,local_only\n"
BUDGET = "action,year,amount,currency,source,status\n"


@pytest.fixture
def draft(demo):
    return PlanVersion.objects.get(plan__government__code="CNKMG", status="draft")


def test_actions_are_added_with_their_links(draft, users):
    rows = (
        ACTIONS
        + "1.1,9.1,Reed bed,芦苇床,2026-01-01,2026-12-31,进行中,水务; agriculture,2:高,2:medium,no\n"
    )
    assert import_actions(draft, rows.encode(), "a.csv", users["city_officer"]) == 1
    action = Action.objects.get(version=draft, code="9.1")
    assert (action.status, action.sectors) == ("in_progress", ["water", "agriculture"])
    assert {(link.element.kind, link.element.code, link.degree) for link in action.links.all()} == {
        ("national_target", "2", "high"),
        ("target", "2", "medium"),
    }


def test_budget_lines_are_added(draft, users):
    rows = (
        BUDGET + "1.1.1,2027,1500000,CNY,own_budget,planned\n3.1.1,2027,50000,USD,国际资金,已落实\n"
    )
    assert import_budget_lines(draft, rows.encode(), "b.csv", users["city_officer"]) == 2
    line = BudgetLine.objects.get(action__version=draft, action__code="3.1.1", year=2027)
    assert (line.amount, line.currency, line.source, line.status) == (
        50000,
        "USD",
        "international",
        "secured",
    )


@pytest.mark.parametrize(
    ("importer", "rows", "message"),
    [
        (
            import_actions,
            ACTIONS + "1.1,9.1,A,,,,,,,,\n7.7,9.2,B,,,,,,,,\n",
            r"x\.csv, row 3, column A \(target\): '7\.7' is not a local target of this plan",
        ),
        (
            import_actions,
            ACTIONS + "1.1,9.1,A,,,,,,99:high,,\n",
            r"row 2, column I \(national_targets\): '99' is not a national target",
        ),
        (
            import_actions,
            ACTIONS + "1.1,9.1,A,,2027-01-01,2026-01-01,,,,,\n",
            r"row 2, column F \(end\): the action ends \(2026-01-01\) before it starts \(2027-01-01\)",
        ),
        (
            import_actions,
            ACTIONS + "1.1,9.1,A,,,,,,,12:high,yes\n",
            r"row 2, column K \(local_only\): a local-only action cannot be linked to targets",
        ),
        (
            import_budget_lines,
            BUDGET
            + "1.1.1,2027,100,CNY,own_budget,planned\n1.1.1,2027,-5,CNY,own_budget,planned\n",
            r"x\.csv, row 3, column C \(amount\): -5 is negative",
        ),
        (
            import_budget_lines,
            BUDGET + "1.1.1,2027,100,XYZ,own_budget,planned\n",
            r"row 2, column D \(currency\): 'XYZ' is not a term of the currencies vocabulary",
        ),
        (
            import_budget_lines,
            BUDGET + "9.9.9,2027,100,CNY,own_budget,planned\n",
            r"row 2, column A \(action\): '9\.9\.9' is not an action of this plan",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_file(draft, users, importer, rows, message):
    before = (Action.objects.count(), BudgetLine.objects.count())
    with pytest.raises(ImportFileError, match=message):
        importer(draft, rows.encode(), "x.csv", users["city_officer"])
    assert (Action.objects.count(), BudgetLine.objects.count()) == before


def test_the_import_page_shows_the_problem(client_as):
    upload = SimpleUploadedFile(
        "b.csv", (BUDGET + "1.1.1,2027,100,XYZ,own_budget,planned\n").encode()
    )
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/plan/v2/import/", {"file": upload, "what": "budget_lines"}
    )
    assert "b.csv, row 2, column D (currency)" in response.content.decode()


def test_an_adopted_version_refuses_imports(demo, users):
    adopted = PlanVersion.objects.get(plan__government__code="CNKMG", status="adopted")
    with pytest.raises(ImportFileError, match="only a draft version can be imported into"):
        import_budget_lines(adopted, BUDGET.encode(), "b.csv", users["city_officer"])


def test_the_templates_have_bilingual_headers(client_as):
    body = (
        client_as("anonymous")
        .get("/en/plans/templates/budget-lines.csv")
        .content.decode("utf-8-sig")
    )
    assert body.startswith("Action code / 行动编号,Year / 年份,Amount / 金额,Currency / 货币")
