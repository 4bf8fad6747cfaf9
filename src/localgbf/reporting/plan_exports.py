"""Exports of a plan (JSON, XLSX, bilingual PDF) and of the coverage matrix (XLSX).

The builders are pure: the web and the CLI gather a `PlanExport` (or a coverage matrix with
its labels) from the database and call them. Headings are data (`data/plan_labels.yaml`, en and
zh-hans); vocabulary keys (sectors, statuses, sources) are shown with their labels from the
packaged vocabularies. Every finance total states its currency and the rates used.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from localgbf import __version__
from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.scales import scale
from localgbf.frameworks.text import Text
from localgbf.frameworks.vocabularies import UnknownTerm, vocabulary
from localgbf.reporting.coverage import CoverageMatrix
from localgbf.reporting.finance import FinanceRollUp, Totals
from localgbf.reporting.pdf import CJKFont, ReportDocument

LANGUAGES: tuple[str, ...] = ("en", "zh-hans")
EXPORT_FORMAT = "localgbf.plan"
EXPORT_FORMAT_VERSION = "1"


class LinkOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    framework: str  # "national", "kmgbf" or "plan-of-action"
    framework_version: str
    code: str
    title: Text
    degree: str | None = None


class BudgetOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    amount: Decimal
    currency: str
    source: str
    status: str
    note: str = ""


class ActionOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    title: Text
    description: Text | None = None
    responsible: Text | None = None
    partners: Text | None = None
    start: date | None = None
    end: date | None = None
    status: str
    sectors: tuple[str, ...] = ()
    place: Text | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    local_only: bool = False
    links: tuple[LinkOut, ...] = ()
    budget: tuple[BudgetOut, ...] = ()


class TargetOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    title: Text
    description: Text | None = None
    indicator: Text | None = None
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    target_value: Decimal | None = None
    deadline: date | None = None
    local_only: bool = False
    links: tuple[LinkOut, ...] = ()
    actions: tuple[ActionOut, ...] = ()


class GoalOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    title: Text
    description: Text | None = None
    targets: tuple[TargetOut, ...] = ()


class DocumentOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: Text
    url: str
    language: str = ""


class PlanExport(BaseModel):
    """Everything an export shows of one plan version, as plain data."""

    model_config = ConfigDict(frozen=True)

    government_code: str
    government_name: Text
    kind: Text
    number: int
    status: str
    status_label: Text
    title: Text
    team: Text | None = None
    assessment: Text | None = None
    vision: Text | None = None
    principles: Text | None = None
    implementation: Text | None = None
    period_start: int | None = None
    period_end: int | None = None
    adopting_body: Text | None = None
    adopted_on: date | None = None
    national_framework: str | None = None
    national_framework_title: Text | None = None
    goals: tuple[GoalOut, ...] = ()
    documents: tuple[DocumentOut, ...] = ()
    finance: FinanceRollUp | None = None
    is_demo: bool = False
    generated_on: date


@cache
def _labels() -> dict[str, Text]:
    file = Path(str(resources.files("localgbf.reporting").joinpath("data", "plan_labels.yaml")))
    raw = read_yaml(file)
    try:
        return {str(k): Text.model_validate(v) for k, v in raw["labels"].items()}
    except (KeyError, AttributeError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"malformed labels ({exc})") from exc


def t(key: str, lang: str = "en", **values: object) -> str:
    text = _labels()[key].get(lang)
    return text.format(**values) if values else text


def both(key: str, **values: object) -> str:
    """A heading in both languages: 'Actions / 行动'."""
    en, zh = t(key, "en", **values), t(key, "zh-hans", **values)
    return en if en == zh else f"{en} / {zh}"


def text_in(value: Text | None, lang: str) -> str:
    return value.get(lang) if value is not None else ""


def text_both(value: Text | None, sep: str = " / ") -> str:
    """A text in English and Chinese (once when the two are the same or one is missing)."""
    if value is None:
        return ""
    shown = [value.values[lang] for lang in LANGUAGES if lang in value.values]
    if not shown:
        return str(value)
    return shown[0] if len(set(shown)) == 1 else sep.join(dict.fromkeys(shown))


def term_label(vocab: str, key: str, lang: str) -> str:
    try:
        return vocabulary(vocab).label(key, lang)
    except UnknownTerm:
        return key


def degree_label(key: str | None, lang: str) -> str:
    if not key:
        return ""
    try:
        return scale("alignment").level(key).label.get(lang)
    except KeyError:
        return key


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _link_text(link: LinkOut, lang: str) -> str:
    kind = {"national": "national", "kmgbf": "kmgbf", "plan-of-action": "action_area"}
    prefix = t(kind.get(link.framework, "national"), lang)
    degree = f" ({degree_label(link.degree, lang)})" if link.degree else ""
    return f"{prefix} {link.code}{degree}"


def links_text(links: Iterable[LinkOut], lang: str, local_only: bool = False) -> str:
    if local_only:
        return t("local_only", lang)
    return "; ".join(_link_text(link, lang) for link in links)


def rates_caption(finance: FinanceRollUp, lang: str) -> str:
    if not finance.rates_used:
        return t("no_conversion", lang, currency=finance.currency)
    rates = ", ".join(
        f"{u.currency} {u.year} = {u.rate.normalize():f}"
        + (f" ({u.rate_year})" if u.rate_year != u.year else "")
        for u in finance.rates_used
    )
    return t("converted", lang, currency=finance.currency, rates=rates)


def plan_json(plan: PlanExport) -> dict[str, Any]:
    """The plan as one JSON document (amounts as strings, to keep every cent exact)."""
    body = plan.model_dump(mode="json")
    return {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, **body}


# ---------------------------------------------------------------------------------------- XLSX


def _sheet(book: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCFCE7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    sheet.freeze_panes = "A2"
    for index, _ in enumerate(header):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = 22
    return sheet


def _pair(key: str) -> list[str]:
    return [f"{t(key, 'en')}", f"{t(key, 'zh-hans')}"]


def _walk(plan: PlanExport) -> Iterable[tuple[GoalOut, TargetOut, ActionOut | None]]:
    for goal in plan.goals:
        for target in goal.targets:
            yield goal, target, None
            for action in target.actions:
                yield goal, target, action


def plan_xlsx(plan: PlanExport) -> bytes:
    """The plan as a workbook: the plan, targets, actions, alignment, budget and finance."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    facts = [
        (both("government"), f"{text_both(plan.government_name)} ({plan.government_code})"),
        (both("kind"), text_both(plan.kind)),
        (both("version"), str(plan.number)),
        (both("status"), text_both(plan.status_label)),
        (both("period"), _period(plan)),
        (both("adopting_body"), text_both(plan.adopting_body)),
        (both("adopted_on"), plan.adopted_on.isoformat() if plan.adopted_on else ""),
        (both("national_targets_version"), plan.national_framework or ""),
    ]
    plan_rows: list[list[str]] = [
        [both(k), text_in(v, "en"), text_in(v, "zh-hans")]
        for k, v in (
            ("title", plan.title),
            ("vision", plan.vision),
            ("principles", plan.principles),
            ("team", plan.team),
            ("assessment", plan.assessment),
            ("implementation", plan.implementation),
        )
    ]
    plan_rows += [[k, v, ""] for k, v in facts]
    if plan.is_demo:
        plan_rows.append(["", t("demo", "en"), t("demo", "zh-hans")])
    _sheet(book, "Plan 计划", ["", "English", "中文"], plan_rows)

    _sheet(
        book,
        "Targets 目标",
        [
            both("goal"),
            both("code"),
            *_pair("title"),
            *_pair("indicator"),
            both("unit"),
            both("baseline"),
            both("baseline_year"),
            both("target_value"),
            both("deadline"),
            both("alignment"),
        ],
        (
            [
                goal.code,
                target.code,
                text_in(target.title, "en"),
                text_in(target.title, "zh-hans"),
                text_in(target.indicator, "en"),
                text_in(target.indicator, "zh-hans"),
                target.unit,
                target.baseline_value,
                target.baseline_year,
                target.target_value,
                target.deadline.isoformat() if target.deadline else "",
                links_text(target.links, "en", target.local_only),
            ]
            for goal, target, action in _walk(plan)
            if action is None
        ),
    )
    _sheet(
        book,
        "Actions 行动",
        [
            both("target"),
            both("code"),
            *_pair("title"),
            *_pair("responsible"),
            both("start"),
            both("end"),
            both("status"),
            both("sectors"),
            both("place"),
            both("latitude"),
            both("longitude"),
            both("alignment"),
        ],
        (
            [
                target.code,
                action.code,
                text_in(action.title, "en"),
                text_in(action.title, "zh-hans"),
                text_in(action.responsible, "en"),
                text_in(action.responsible, "zh-hans"),
                action.start.isoformat() if action.start else "",
                action.end.isoformat() if action.end else "",
                text_both_terms("action_status", [action.status]),
                text_both_terms("sectors", action.sectors),
                text_both(action.place),
                action.latitude,
                action.longitude,
                links_text(action.links, "en", action.local_only),
            ]
            for _, target, action in _walk(plan)
            if action is not None
        ),
    )
    link_rows = []
    for _, target, action in _walk(plan):
        owner = action or target
        for link in owner.links:
            link_rows.append(
                [
                    owner.code,
                    both(
                        {"national": "national", "kmgbf": "kmgbf"}.get(
                            link.framework, "action_area"
                        )
                    ),
                    link.framework_version,
                    link.code,
                    text_in(link.title, "en"),
                    text_in(link.title, "zh-hans"),
                    degree_label(link.degree, "en"),
                ]
            )
    _sheet(
        book,
        "Alignment 对应",
        [
            both("owner"),
            both("framework"),
            both("version"),
            both("code"),
            *_pair("linked_to"),
            both("degree"),
        ],
        link_rows,
    )
    _sheet(
        book,
        "Budget 预算",
        [
            both("action"),
            both("year"),
            both("amount"),
            both("currency"),
            both("source"),
            both("status"),
            both("note"),
        ],
        (
            [
                action.code,
                line.year,
                line.amount,
                line.currency,
                text_both_terms("funding_sources", [line.source]),
                text_both_terms("budget_status", [line.status]),
                line.note,
            ]
            for _, _, action in _walk(plan)
            if action is not None
            for line in action.budget
        ),
    )
    if plan.finance is not None:
        _finance_sheet(book, plan.finance, plan.government_code)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_both_terms(vocab: str, keys: Iterable[str]) -> str:
    return "; ".join(
        f"{term_label(vocab, k, 'en')} / {term_label(vocab, k, 'zh-hans')}" for k in keys
    )


def _totals_rows(label: str, totals: Totals) -> list[Any]:
    return [label, totals.needs, totals.secured, totals.spent, totals.gap]


def _finance_sheet(book: Any, finance: FinanceRollUp, government: str) -> None:
    totals = finance.totals_of(government)
    rows: list[list[Any]] = [_totals_rows(both("total"), totals)]
    rows += [
        [
            text_both_terms("funding_sources", [k]),
            a.needs,
            a.secured,
            a.spent,
            a.gap,
        ]
        for k, a in totals.by_source.items()
    ]
    rows += [[str(y), a.needs, a.secured, a.spent, a.gap] for y, a in totals.by_year.items()]
    rows.append([])
    rows.append([rates_caption(finance, "en")])
    rows.append([rates_caption(finance, "zh-hans")])
    rows += [[w] for w in finance.warnings]
    _sheet(
        book,
        f"Finance 资金 ({finance.currency})",
        ["", both("needs"), both("secured"), both("spent"), both("gap")],
        rows,
    )


def _period(plan: PlanExport) -> str:
    if plan.period_start and plan.period_end:
        return f"{plan.period_start}–{plan.period_end}"
    return str(plan.period_start or plan.period_end or "")


# ----------------------------------------------------------------------------------------- PDF


def plan_pdf(plan: PlanExport, *, font: CJKFont) -> bytes:
    """The plan as a bilingual A4 PDF (each text in English and Chinese, CJK font embedded)."""
    doc = ReportDocument(font, title=f"{plan.title.get('en')} (v{plan.number})")
    doc.title(
        text_both(plan.title, "\n"),
        f"{text_both(plan.government_name)} · {text_both(plan.kind)} · "
        f"{both('version')} {plan.number} · {text_both(plan.status_label)}",
    )
    if plan.is_demo:
        doc.paragraph(f"{t('demo', 'en')}\n{t('demo', 'zh-hans')}", muted=True)
    doc.key_values(
        [
            (both("period"), _period(plan) or "—"),
            (both("adopting_body"), text_both(plan.adopting_body) or "—"),
            (both("adopted_on"), plan.adopted_on.isoformat() if plan.adopted_on else "—"),
            (
                both("national_targets_version"),
                text_both(plan.national_framework_title) + f" ({plan.national_framework})"
                if plan.national_framework
                else "—",
            ),
        ]
    )
    for key in ("vision", "principles", "team", "assessment"):
        value = getattr(plan, key)
        if value is not None:
            doc.heading(both(key), 2)
            for lang in LANGUAGES:
                if value.has(lang):
                    doc.paragraph(value.get(lang))
    for goal in plan.goals:
        doc.heading(f"{both('goal')} {goal.code}: {text_both(goal.title)}")
        for target in goal.targets:
            doc.heading(f"{target.code} {text_both(target.title)}", 2)
            doc.key_values(_target_facts(target), size=8.5)
            if target.actions:
                doc.table(
                    [
                        both("code"),
                        both("action"),
                        both("responsible"),
                        both("status"),
                        both("alignment"),
                    ],
                    [
                        [
                            a.code,
                            text_both(a.title, "\n"),
                            text_both(a.responsible, "\n"),
                            text_both_terms("action_status", [a.status]).replace(" / ", "\n"),
                            links_text(a.links, "en", a.local_only)
                            + "\n"
                            + links_text(a.links, "zh-hans", a.local_only),
                        ]
                        for a in target.actions
                    ],
                    widths=(10, 34, 20, 14, 22),
                )
    if plan.finance is not None:
        _pdf_finance(doc, plan.finance, plan.government_code)
    for key, value in (("implementation", plan.implementation),):
        if value is not None:
            doc.heading(both(key))
            for lang in LANGUAGES:
                if value.has(lang):
                    doc.paragraph(value.get(lang))
    if plan.documents:
        doc.heading(both("documents"), 2)
        for d in plan.documents:
            doc.paragraph(f"{text_both(d.title)} — {d.url}", size=8.5)
    doc.footer_note(
        f"{t('generated', 'en', version=__version__, date=plan.generated_on.isoformat())} "
        f"{t('generated', 'zh-hans', version=__version__, date=plan.generated_on.isoformat())}"
    )
    return doc.output()


def _target_facts(target: TargetOut) -> list[tuple[str, str]]:
    facts = []
    if target.indicator is not None:
        facts.append((both("indicator"), text_both(target.indicator)))
    if target.baseline_value is not None:
        year = f" ({target.baseline_year})" if target.baseline_year else ""
        facts.append(
            (both("baseline"), f"{target.baseline_value.normalize():f} {target.unit}{year}")
        )
    if target.target_value is not None:
        by = f" ({target.deadline.isoformat()})" if target.deadline else ""
        facts.append(
            (both("target_value"), f"{target.target_value.normalize():f} {target.unit}{by}")
        )
    aligned = [links_text(target.links, lang, target.local_only) for lang in LANGUAGES]
    facts.append((both("alignment"), "\n".join(aligned) if aligned[0] else both("none")))
    return facts


def _pdf_finance(doc: ReportDocument, finance: FinanceRollUp, government: str) -> None:
    totals = finance.totals_of(government)
    doc.heading(f"{both('finance')} ({finance.currency})")
    rows = [
        [
            both("total"),
            money(totals.needs),
            money(totals.secured),
            money(totals.spent),
            money(totals.gap),
        ]
    ]
    rows += [
        [
            text_both_terms("funding_sources", [k]),
            money(a.needs),
            money(a.secured),
            money(a.spent),
            money(a.gap),
        ]
        for k, a in totals.by_source.items()
    ]
    doc.table(
        ["", both("needs"), both("secured"), both("spent"), both("gap")],
        rows,
        widths=(36, 16, 16, 16, 16),
        aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        emphasised=(0,),
    )
    doc.paragraph(rates_caption(finance, "en"), size=8, muted=True)
    doc.paragraph(rates_caption(finance, "zh-hans"), size=8, muted=True)
    for warning in finance.warnings:
        doc.paragraph(warning, size=8, muted=True)


# ------------------------------------------------------------------------------ coverage XLSX


def coverage_xlsx(
    matrix: CoverageMatrix,
    *,
    national_titles: Mapping[str, Text],
    kmgbf_titles: Mapping[str, Text],
    government_names: Mapping[str, Text],
) -> bytes:
    """The coverage matrix as a workbook: the matrix (a government per row, a national target
    per column, 'actions · degree' per cell), KMGBF coverage with its finance, uncovered
    targets, and the finance per government."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    codes = [row.code for row in matrix.national_targets]
    cells = {(c.government, row.code): c for row in matrix.national_targets for c in row.cells}
    governments = sorted({g for g, _ in cells})
    _sheet(
        book,
        "Matrix 矩阵",
        [both("government"), "", *codes],
        [
            [
                g,
                text_both(government_names.get(g)),
                *[
                    f"{cells[(g, c)].actions} · {degree_label(cells[(g, c)].best_alignment, 'en')}"
                    if (g, c) in cells
                    else ""
                    for c in codes
                ],
            ]
            for g in governments
        ],
    )
    _sheet(
        book,
        "National 国家目标",
        [
            both("code"),
            "English",
            "中文",
            both("governments"),
            both("actions_count"),
            both("needs"),
            both("secured"),
        ],
        (
            [
                row.code,
                text_in(national_titles.get(row.code), "en"),
                text_in(national_titles.get(row.code), "zh-hans"),
                len(row.cells),
                row.actions,
                row.finance.needs,
                row.finance.secured,
            ]
            for row in matrix.national_targets
        ),
    )
    _sheet(
        book,
        "KMGBF 全球目标",
        [
            both("code"),
            "English",
            "中文",
            both("governments"),
            both("actions_count"),
            both("best_alignment"),
            both("needs"),
            both("secured"),
        ],
        (
            [
                k.code,
                text_in(kmgbf_titles.get(k.code), "en"),
                text_in(kmgbf_titles.get(k.code), "zh-hans"),
                k.governments,
                k.actions,
                degree_label(k.best_alignment, "en"),
                k.finance.needs,
                k.finance.secured,
            ]
            for k in matrix.kmgbf
        ),
    )
    _sheet(
        book,
        "Uncovered 未覆盖",
        [both("code"), "English", "中文"],
        (
            [c, text_in(kmgbf_titles.get(c), "en"), text_in(kmgbf_titles.get(c), "zh-hans")]
            for c in matrix.kmgbf_targets_uncovered
        ),
    )
    finance_rows: list[list[Any]] = [[both("total"), "", matrix.needs, matrix.secured, matrix.gap]]
    finance_rows += [
        [g.code, text_both(government_names.get(g.code)), g.needs, g.secured, g.gap]
        for g in matrix.by_government
    ]
    finance_rows += [
        [],
        [rates_caption(matrix.finance, "en")],
        [rates_caption(matrix.finance, "zh-hans")],
    ]
    finance_rows += [[w] for w in matrix.finance.warnings]
    finance_rows.append([t("unaligned", "en", n=matrix.unaligned_actions)])
    _sheet(
        book,
        f"Finance 资金 ({matrix.currency})",
        [both("government"), "", both("needs"), both("secured"), both("gap")],
        finance_rows,
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
