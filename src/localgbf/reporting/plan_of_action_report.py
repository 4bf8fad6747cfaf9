"""The implementation report of the Plan of Action on subnational governments, cities and
other local authorities (decision 15/12, paragraph 3): one entry per action area, 1 to 7.

Pure: the caller (the web app or the CLI) gathers a `ReportInput` of plain records (what the
platform holds for a country's subnational governments, or for a network's members) and
`build_report` counts them. Every figure carries the references (label and address) of the
records behind it, so that a reader of the national report can check each number.

What each action area counts (the activities are those of the decision's annex):
1 plans: governments with an adopted plan, with a draft only, adopted plans that follow the
  national targets, local targets linked to national or KMGBF targets;
2 coordination: consultations held, inputs received and taken up, who gave input, advisory
  committees and networks;
3 finance: money secured (budget status flagged `secured`) by funding source and currency,
  without conversion;
4 capacity: open needs, active offers of governments, offers of advisory committees and
  networks answering a member's need, needs that have at least one matching offer (a
  government's offer on the topic or an organisation's offer naming the need),
  technology-transfer initiatives;
5 CEPA: activities, people reached, bioblitzes, public consultations and published comments;
6 information: Singapore Index applications (completed, draft), governments with a completed
  one, data sets;
7 reporting: commitments, the review outcome of their latest versions, accepted progress
  reports.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from localgbf import __version__
from localgbf.frameworks.plan_of_action import plan_of_action
from localgbf.frameworks.vocabularies import UnknownTerm, vocabulary
from localgbf.reporting.consultation import LANGUAGES, Bilingual, t
from localgbf.reporting.finance import status_flags
from localgbf.reporting.pdf import CJKFont, ReportDocument

EXPORT_FORMAT = "localgbf.plan-of-action-report"
EXPORT_FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Ref:
    """A record behind a figure: a label and an address (absolute or site-relative)."""

    label: str
    url: str


@dataclass(frozen=True)
class PlanFacts:
    ref: Ref
    status: str  # adopted, draft
    follows_national_targets: bool
    targets: int
    targets_linked: int  # linked to a national or KMGBF target


@dataclass(frozen=True)
class MoneyFacts:
    source: str
    currency: str
    amount: Decimal
    status: str
    ref: Ref


@dataclass(frozen=True)
class CepaFacts:
    ref: Ref
    kind: str
    reach: int | None = None


@dataclass(frozen=True)
class ReviewFacts:
    """A commitment (or progress report) and the review state of its latest version."""

    ref: Ref
    state: str  # draft, pending, accepted, returned, superseded


@dataclass(frozen=True)
class GovernmentFacts:
    code: str
    name: Bilingual
    ref: Ref
    plan: PlanFacts | None = None
    money: tuple[MoneyFacts, ...] = ()
    capacity_needs: tuple[Ref, ...] = ()
    capacity_offers: tuple[Ref, ...] = ()
    organisation_offers: tuple[Ref, ...] = ()  # offers of organisations answering its needs
    matched_needs: tuple[Ref, ...] = ()
    technology_transfers: tuple[Ref, ...] = ()
    cepa: tuple[CepaFacts, ...] = ()
    public_consultations: tuple[Ref, ...] = ()
    published_comments: int = 0
    assessments: tuple[ReviewFacts, ...] = ()  # state: completed or draft
    datasets: tuple[Ref, ...] = ()
    commitments: tuple[ReviewFacts, ...] = ()
    progress_reports: tuple[ReviewFacts, ...] = ()


@dataclass(frozen=True)
class ConsultationFacts:
    ref: Ref
    inputs: int
    taken_up: int
    authors: tuple[str, ...]  # codes of the governments and organisations that gave input


@dataclass(frozen=True)
class ReportInput:
    scope: str  # country or network
    code: str
    name: Bilingual
    generated_on: date
    governments: tuple[GovernmentFacts, ...] = ()
    consultations: tuple[ConsultationFacts, ...] = ()
    organisations: tuple[Ref, ...] = ()  # advisory committees and networks in scope
    is_demo: bool = False


@dataclass(frozen=True)
class Figure:
    key: str
    label: Bilingual
    value: int | Decimal | str
    links: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class AreaEntry:
    number: int
    title: Bilingual
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class PlanOfActionReport:
    scope: str
    code: str
    name: Bilingual
    generated_on: date
    areas: tuple[AreaEntry, ...]
    is_demo: bool = False

    def area(self, number: int) -> AreaEntry:
        return next(a for a in self.areas if a.number == number)

    def figure(self, number: int, key: str) -> Figure:
        return next(f for f in self.area(number).figures if f.key == key)


LABELS: dict[str, Bilingual] = {
    "governments": {"en": "Subnational governments covered", "zh-hans": "涵盖的地方政府"},
    "plans_adopted": {"en": "Governments with an adopted plan", "zh-hans": "已通过规划的政府"},
    "plans_draft": {"en": "Governments with a draft plan only", "zh-hans": "仅有规划草案的政府"},
    "plans_following": {
        "en": "Adopted plans that follow the national targets",
        "zh-hans": "对应国家目标的已通过规划",
    },
    "targets_linked": {
        "en": "Local targets of adopted plans linked to national or KMGBF targets",
        "zh-hans": "已通过规划中与国家目标或昆蒙框架目标挂钩的地方目标",
    },
    "targets_total": {
        "en": "Local targets of adopted plans",
        "zh-hans": "已通过规划中的地方目标",
    },
    "consultations": {
        "en": "Consultations on national targets held",
        "zh-hans": "已开展的国家目标征求意见",
    },
    "inputs": {"en": "Inputs received", "zh-hans": "收到的意见"},
    "inputs_taken_up": {
        "en": "Inputs taken up (accepted or partly)",
        "zh-hans": "采纳（含部分采纳）的意见",
    },
    "input_authors": {
        "en": "Governments and organisations that gave input",
        "zh-hans": "提出意见的政府和组织",
    },
    "organisations": {
        "en": "Advisory committees and networks",
        "zh-hans": "咨询委员会和网络",
    },
    "finance_governments": {
        "en": "Governments reporting secured funding",
        "zh-hans": "报告已落实资金的政府",
    },
    "needs_open": {"en": "Open capacity needs", "zh-hans": "未满足的能力需求"},
    "offers_active": {"en": "Active capacity offers", "zh-hans": "有效的能力提供"},
    "offers_organisations": {
        "en": "Capacity offered by networks and advisory committees",
        "zh-hans": "网络和咨询委员会提供的能力支持",
    },
    "needs_matched": {
        "en": "Needs with at least one matching offer",
        "zh-hans": "至少有一项匹配提供的需求",
    },
    "technology_transfers": {
        "en": "Technology-transfer initiatives",
        "zh-hans": "技术转让举措",
    },
    "cepa_activities": {"en": "CEPA activities", "zh-hans": "宣传教育与公众意识活动"},
    "cepa_reach": {"en": "People reached by CEPA activities", "zh-hans": "宣传教育活动覆盖人数"},
    "bioblitzes": {"en": "Citizen-science bioblitzes", "zh-hans": "公民科学生物快速调查"},
    "public_consultations": {
        "en": "Public consultations on draft plans",
        "zh-hans": "规划草案公众意见征集",
    },
    "published_comments": {
        "en": "Public comments published",
        "zh-hans": "已发布的公众意见",
    },
    "assessments_completed": {
        "en": "Singapore Index applications completed",
        "zh-hans": "已完成的新加坡指数评估",
    },
    "assessments_draft": {
        "en": "Singapore Index applications in progress",
        "zh-hans": "进行中的新加坡指数评估",
    },
    "assessed_governments": {
        "en": "Governments with a completed Singapore Index application",
        "zh-hans": "已完成新加坡指数评估的政府",
    },
    "datasets": {"en": "Data sets", "zh-hans": "数据集"},
    "commitments": {"en": "Commitments", "zh-hans": "承诺"},
    "commitments_accepted": {
        "en": "Commitments whose latest version is accepted",
        "zh-hans": "最新版本已接受的承诺",
    },
    "commitments_pending": {
        "en": "Commitments awaiting review",
        "zh-hans": "等待审核的承诺",
    },
    "commitments_returned": {
        "en": "Commitments returned for changes",
        "zh-hans": "退回修改的承诺",
    },
    "commitments_draft": {"en": "Commitments in draft", "zh-hans": "草稿中的承诺"},
    "progress_accepted": {
        "en": "Progress reports accepted",
        "zh-hans": "已接受的进展报告",
    },
}


def _source_label(source: str) -> dict[str, str]:
    try:
        return {lang: vocabulary("funding_sources").label(source, lang) for lang in LANGUAGES}
    except UnknownTerm:
        return {lang: source for lang in LANGUAGES}


def _f(key: str, value: int | Decimal | str, links: Sequence[Ref] = ()) -> Figure:
    return Figure(key, LABELS[key], value, tuple(links))


def _plans(report: ReportInput) -> list[Figure]:
    govs = report.governments
    adopted = [g.plan for g in govs if g.plan and g.plan.status == "adopted"]
    drafts = [g.plan for g in govs if g.plan and g.plan.status == "draft"]
    following = [p for p in adopted if p.follows_national_targets]
    return [
        _f("governments", len(govs), [g.ref for g in govs]),
        _f("plans_adopted", len(adopted), [p.ref for p in adopted]),
        _f("plans_draft", len(drafts), [p.ref for p in drafts]),
        _f("plans_following", len(following), [p.ref for p in following]),
        _f("targets_total", sum(p.targets for p in adopted), [p.ref for p in adopted]),
        _f(
            "targets_linked",
            sum(p.targets_linked for p in adopted),
            [p.ref for p in adopted if p.targets_linked],
        ),
    ]


def _coordination(report: ReportInput) -> list[Figure]:
    cs = report.consultations
    authors = sorted({a for c in cs for a in c.authors})
    return [
        _f("consultations", len(cs), [c.ref for c in cs]),
        _f("inputs", sum(c.inputs for c in cs), [c.ref for c in cs if c.inputs]),
        _f("inputs_taken_up", sum(c.taken_up for c in cs), [c.ref for c in cs if c.taken_up]),
        _f("input_authors", len(authors)),
        _f("organisations", len(report.organisations), report.organisations),
    ]


def _finance(report: ReportInput) -> list[Figure]:
    flags = status_flags()
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    links: dict[tuple[str, str], dict[str, Ref]] = defaultdict(dict)
    governments: dict[str, Ref] = {}
    for g in report.governments:
        for m in g.money:
            if "secured" not in flags.get(m.status, frozenset()):
                continue
            totals[(m.source, m.currency)] += m.amount
            links[(m.source, m.currency)][m.ref.url] = m.ref
            governments[g.code] = g.ref
    figures = [_f("finance_governments", len(governments), list(governments.values()))]
    for (source, currency), amount in sorted(totals.items()):
        label = _source_label(source)
        figures.append(
            Figure(
                f"secured:{source}:{currency}",
                {
                    "en": f"Funding secured, {label['en']} ({currency})",
                    "zh-hans": f"已落实资金：{label['zh-hans']}（{currency}）",
                },
                amount,
                tuple(links[(source, currency)].values()),
            )
        )
    return figures


def _capacity(report: ReportInput) -> list[Figure]:
    govs = report.governments
    needs = [r for g in govs for r in g.capacity_needs]
    offers = [r for g in govs for r in g.capacity_offers]
    organisation_offers = [r for g in govs for r in g.organisation_offers]
    matched = [r for g in govs for r in g.matched_needs]
    transfers = [r for g in govs for r in g.technology_transfers]
    return [
        _f("needs_open", len(needs), needs),
        _f("offers_active", len(offers), offers),
        _f("offers_organisations", len(organisation_offers), organisation_offers),
        _f("needs_matched", len(matched), matched),
        _f("technology_transfers", len(transfers), transfers),
    ]


def _cepa(report: ReportInput) -> list[Figure]:
    activities = [a for g in report.governments for a in g.cepa]
    bioblitzes = [a for a in activities if a.kind == "bioblitz"]
    consultations = [r for g in report.governments for r in g.public_consultations]
    return [
        _f("cepa_activities", len(activities), [a.ref for a in activities]),
        _f(
            "cepa_reach",
            sum(a.reach or 0 for a in activities),
            [a.ref for a in activities if a.reach],
        ),
        _f("bioblitzes", len(bioblitzes), [a.ref for a in bioblitzes]),
        _f("public_consultations", len(consultations), consultations),
        _f(
            "published_comments",
            sum(g.published_comments for g in report.governments),
            consultations,
        ),
    ]


def _information(report: ReportInput) -> list[Figure]:
    govs = report.governments
    completed = [a for g in govs for a in g.assessments if a.state == "completed"]
    drafts = [a for g in govs for a in g.assessments if a.state != "completed"]
    assessed = [g.ref for g in govs if any(a.state == "completed" for a in g.assessments)]
    datasets = [d for g in govs for d in g.datasets]
    return [
        _f("assessments_completed", len(completed), [a.ref for a in completed]),
        _f("assessments_draft", len(drafts), [a.ref for a in drafts]),
        _f("assessed_governments", len(assessed), assessed),
        _f("datasets", len(datasets), datasets),
    ]


def _reporting(report: ReportInput) -> list[Figure]:
    commitments = [c for g in report.governments for c in g.commitments]

    def state(key: str, *states: str) -> Figure:
        rows = [c for c in commitments if c.state in states]
        return _f(key, len(rows), [c.ref for c in rows])

    accepted = [p for g in report.governments for p in g.progress_reports if p.state == "accepted"]
    return [
        _f("commitments", len(commitments), [c.ref for c in commitments]),
        state("commitments_accepted", "accepted"),
        state("commitments_pending", "pending"),
        state("commitments_returned", "returned"),
        state("commitments_draft", "draft"),
        _f("progress_accepted", len(accepted), [p.ref for p in accepted]),
    ]


AREAS = {
    1: _plans,
    2: _coordination,
    3: _finance,
    4: _capacity,
    5: _cepa,
    6: _information,
    7: _reporting,
}


def build_report(data: ReportInput) -> PlanOfActionReport:
    poa = plan_of_action()
    areas = []
    for area in poa.action_areas:
        title = {lang: area.title.get(lang) for lang in LANGUAGES}
        areas.append(AreaEntry(area.number, title, tuple(AREAS[area.number](data))))
    return PlanOfActionReport(
        scope=data.scope,
        code=data.code,
        name=dict(data.name),
        generated_on=data.generated_on,
        areas=tuple(areas),
        is_demo=data.is_demo,
    )


def _value(value: int | Decimal | str) -> Any:
    return f"{value:f}" if isinstance(value, Decimal) else value


def _shown(value: int | Decimal | str) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else value


def report_json(report: PlanOfActionReport) -> dict[str, Any]:
    """The report as one JSON document: one entry per action area (amounts as strings)."""
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "scope": report.scope,
        "code": report.code,
        "name": dict(report.name),
        "generated_on": report.generated_on.isoformat(),
        "is_demo": report.is_demo,
        "action_areas": [
            {
                "number": a.number,
                "title": dict(a.title),
                "figures": [
                    {
                        "key": f.key,
                        "label": dict(f.label),
                        "value": _value(f.value),
                        "links": [{"label": r.label, "url": r.url} for r in f.links],
                    }
                    for f in a.figures
                ],
            }
            for a in report.areas
        ],
    }


def _languages(language: str | None) -> tuple[str, ...]:
    return LANGUAGES if language in (None, "both") else (str(language),)


def _in(value: Bilingual, languages: Sequence[str], sep: str = " / ") -> str:
    return sep.join(
        dict.fromkeys(str(value.get(lang) or "") for lang in languages if value.get(lang))
    )


def _label(key: str, languages: Sequence[str], sep: str = " / ", **values: object) -> str:
    return sep.join(dict.fromkeys(t(key, lang, **values) for lang in languages))


def _heading(report: PlanOfActionReport, languages: Sequence[str]) -> str:
    key = "poa_for_country" if report.scope == "country" else "poa_for_network"
    return " · ".join(t(key, lang, name=report.name.get(lang) or report.code) for lang in languages)


def report_xlsx(report: PlanOfActionReport, language: str | None = None) -> bytes:
    """One sheet with every figure (area, figure, value, links), in one or both languages."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    languages = _languages(language)
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan of Action 行动计划"[:31]
    sheet.append([_label("poa_report", languages)])
    sheet.append([_heading(report, languages), report.generated_on.isoformat()])
    if report.is_demo:
        sheet.append([_label("demo", languages)])
    sheet.append([])
    header = [
        _label("action_area", languages),
        "",
        _label("figure", languages),
        _label("value", languages),
        _label("records", languages),
    ]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCFCE7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for area in report.areas:
        for figure in area.figures:
            value = figure.value
            sheet.append(
                [
                    area.number,
                    _in(area.title, languages),
                    _in(figure.label, languages),
                    float(value) if isinstance(value, Decimal) else value,
                    "\n".join(r.url for r in figure.links),
                ]
            )
    for letter, width in zip("ABCDE", (8, 40, 44, 14, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(report: PlanOfActionReport, *, font: CJKFont, language: str | None = None) -> bytes:
    """An A4 PDF, one section per action area; bilingual unless `language` names one."""
    languages = _languages(language)
    doc = ReportDocument(font, title=t("poa_report", languages[0]))
    doc.title(_label("poa_report", languages, "\n"), _heading(report, languages))
    if report.is_demo:
        doc.paragraph(_label("demo", languages, "\n"), muted=True)
    doc.paragraph(_label("poa_note", languages, "\n"), muted=True)
    for area in report.areas:
        title = _in(area.title, languages, "\n")
        doc.heading(f"{_label('action_area', languages)} {area.number}: {title}")
        doc.table(
            [_label("figure", languages), _label("value", languages), _label("records", languages)],
            [
                [
                    _in(f.label, languages, "\n"),
                    _shown(f.value),
                    "\n".join(r.label for r in f.links[:8])
                    + (f"\n(+{len(f.links) - 8})" if len(f.links) > 8 else ""),
                ]
                for f in area.figures
            ],
            widths=(44, 14, 42),
            aligns=("LEFT", "RIGHT", "LEFT"),
        )
    generated = report.generated_on.isoformat()
    doc.footer_note(
        " ".join(t("generated", lang, version=__version__, date=generated) for lang in languages)
    )
    return doc.output()
