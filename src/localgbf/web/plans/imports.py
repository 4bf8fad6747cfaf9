"""Imports into a draft plan version: actions, and budget lines, from the CSV/XLSX templates.

Each importer checks every row first (unknown target codes, negative amounts, unknown
currencies, dates out of order, ...) and stores nothing when one row is wrong; the error names
the file, the row and the column.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction

from localgbf.frameworks.vocabularies import UnknownTerm, Vocabulary, vocabulary
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.frameworks.national import kmgbf_target_code, parse_links
from localgbf.web.frameworks.tabular import ImportFileError, Row, read_table
from localgbf.web.governments import audit
from localgbf.web.plans.models import Action, AlignmentLink, BudgetLine, PlanVersion
from localgbf.web.plans.services import KMGBF_TARGET_KIND, NATIONAL_TARGET_KIND, require_draft

CENT = Decimal("0.01")


def _require_draft(version: PlanVersion, name: str) -> None:
    if not version.is_draft:
        raise ImportFileError(name, "only a draft version can be imported into")
    require_draft(version)


@transaction.atomic
def import_actions(version: PlanVersion, data: bytes, name: str, user: Any) -> int:
    """Add (or update, by code) actions of `version` from an actions sheet."""
    _require_draft(version, name)
    rows = read_table(data, name, vocabulary("columns_actions"))
    targets = {t.code: t for t in version.targets.all()}
    national = {
        e.code: e
        for e in FrameworkElement.objects.filter(
            framework_id=version.national_framework_id, kind=NATIONAL_TARGET_KIND
        )
    }
    kmgbf = {
        e.code: e
        for e in FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind=KMGBF_TARGET_KIND
        )
    }
    statuses, sectors = vocabulary("action_status"), vocabulary("sectors")
    seen: dict[str, int] = {}
    prepared = []
    for row in rows:
        code = row.get("code")
        if code in seen:
            raise row.error("code", f"{code!r} is also the code of row {seen[code]}")
        seen[code] = row.number
        target = targets.get(row.get("target"))
        if target is None:
            raise row.error(
                "target",
                f"{row.get('target')!r} is not a local target of this plan; the targets are "
                f"{', '.join(targets) or 'none yet'}",
            )
        title = row.text("title_en", "title_zh")
        if not title:
            raise row.error("title_en", "give the title in English, in Chinese or in both")
        start, end = row.date("start"), row.date("end")
        if start and end and end < start:
            raise row.error("end", f"the action ends ({end}) before it starts ({start})")
        national_links = parse_links(
            row,
            "national_targets",
            lambda text: text.strip() if text.strip() in national else None,
            "a national target of the version this plan follows",
        )
        kmgbf_links = parse_links(row, "kmgbf_targets", kmgbf_target_code, "a KMGBF target")
        local_only = row.flag("local_only")
        if local_only and (national_links or kmgbf_links):
            raise row.error("local_only", "a local-only action cannot be linked to targets")
        prepared.append(
            (
                code,
                target,
                {
                    "title": title,
                    "responsible": {"en": row.get("responsible")} if row.get("responsible") else {},
                    "start": start,
                    "end": end,
                    "status": row.term("status", statuses) if row.get("status") else "planned",
                    "sectors": [
                        _term(row, "sectors", part, sectors) for part in row.split("sectors")
                    ],
                    "local_only": local_only,
                },
                [(national[c], d) for c, d in national_links]
                + [(kmgbf[c], d) for c, d in kmgbf_links],
            )
        )
    for code, target, fields, links in prepared:
        action = Action.objects.filter(version=version, code=code).first() or Action(code=code)
        action.target = target
        for key, value in fields.items():
            setattr(action, key, value)
        action.save()
        action.links.exclude(element__kind="action_area").delete()
        AlignmentLink.objects.bulk_create(
            AlignmentLink(version=version, action=action, element=e, degree=d) for e, d in links
        )
    audit.record(
        user,
        "plan.import.actions",
        version,
        government=version.plan.government,
        after={"file": name, "rows": len(prepared)},
    )
    return len(prepared)


def _term(row: Row, key: str, value: str, vocab: Vocabulary) -> str:
    try:
        return vocab.resolve(value).key
    except UnknownTerm as exc:
        raise row.error(key, str(exc)) from None


@transaction.atomic
def import_budget_lines(version: PlanVersion, data: bytes, name: str, user: Any) -> int:
    """Add budget lines to the actions of `version` from a budget sheet."""
    _require_draft(version, name)
    rows = read_table(data, name, vocabulary("columns_budget_lines"))
    actions = {a.code: a for a in version.actions.all()}
    currencies = vocabulary("currencies")
    sources, statuses = vocabulary("funding_sources"), vocabulary("budget_status")
    lines = []
    for row in rows:
        action = actions.get(row.get("action"))
        if action is None:
            raise row.error("action", f"{row.get('action')!r} is not an action of this plan")
        amount = row.decimal("amount")
        if amount < 0:
            raise row.error("amount", f"{amount} is negative; an amount is zero or more")
        lines.append(
            BudgetLine(
                action=action,
                year=row.integer("year", low=1990, high=2100),
                amount=amount.quantize(CENT),
                currency=row.term("currency", currencies),
                source=row.term("source", sources),
                status=row.term("status", statuses),
                note=row.get("note")[:300],
            )
        )
    BudgetLine.objects.bulk_create(lines)
    audit.record(
        user,
        "plan.import.budget",
        version,
        government=version.plan.government,
        after={"file": name, "rows": len(lines)},
    )
    return len(lines)


IMPORTERS: dict[str, Callable[[PlanVersion, bytes, str, Any], int]] = {
    "actions": import_actions,
    "budget_lines": import_budget_lines,
}
