"""The national roll-up (`national_report.NationalReport`) as CSV, XLSX and a bilingual PDF.

Pure builders: a report in, bytes out. Headings come from `data/national_report.yaml` (en and
zh-hans); level and answer labels from the packaged NR7 scales. Titles of targets and goals are
written in both languages; the KMGBF titles have no official Chinese yet and say so nowhere
else than the framework data, so the English is the reference.

The CSV is long ("tidy"): one measure per row (`section, code, measure, value`), easy to
filter and pivot; the XLSX has one sheet per section for people.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from localgbf import __version__
from localgbf.frameworks.scales import scale
from localgbf.frameworks.text import Text
from localgbf.reporting.national_report import (
    KpiAggregate,
    NationalReport,
    ReportRules,
    RollUpRow,
    report_rules,
)
from localgbf.reporting.pdf import BarRow, CJKFont, ReportDocument

LANGUAGES = ("en", "zh-hans")
SECTIONS = (
    ("III", "section_iii"),
    ("IV-targets", "section_iv_targets"),
    ("IV-goals", "section_iv_goals"),
)


def _both(rules: ReportRules, key: str) -> str:
    en, zh = rules.label(key, "en"), rules.label(key, "zh-hans")
    return en if en == zh else f"{en} / {zh}"


def _text_both(value: Text | None, sep: str = " / ") -> str:
    if value is None:
        return ""
    shown = [value.values[lang] for lang in LANGUAGES if lang in value.values]
    return sep.join(dict.fromkeys(shown)) if shown else str(value)


def _key_label(rules: ReportRules, prefix: str, key: str) -> str:
    """A government kind, plan kind or status in both languages (the key when unlabelled)."""
    name = f"{prefix}:{key}"
    return _both(rules, name) if name in rules.labels else key


def _scale_label(scale_key: str, key: str | None, sep: str = " / ") -> str:
    if not key:
        return ""
    try:
        label = scale(scale_key).level(key).label
    except KeyError:
        return key
    return _text_both(label, sep)


def _number(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _kpi_cells(k: KpiAggregate) -> list[str]:
    return [
        k.unit,
        str(k.kpis),
        str(k.reported),
        _number(k.baseline),
        _number(k.latest),
        _number(k.target),
        "" if k.mean_achieved is None else f"{k.mean_achieved:.0%}",
    ]


def _rows_of(report: NationalReport) -> Iterable[tuple[str, RollUpRow]]:
    for section, attr in SECTIONS:
        for row in getattr(report, attr):
            yield section, row


# ----------------------------------------------------------------------------------------- CSV


def national_report_csv(report: NationalReport) -> bytes:
    """One measure per line: section, code, title (en), title (zh-hans), measure, value.

    UTF-8 with a byte-order mark, so that spreadsheet programs show the Chinese correctly.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "code", "title_en", "title_zh", "measure", "value"])
    for kind, count in report.section_ii.governments_by_kind.items():
        writer.writerow(["II", kind, "", "", "governments", count])
    for p in report.section_ii.plans:
        writer.writerow(
            ["II", p.government_kind, "", "", f"plans:{p.plan_kind}:{p.status}", p.count]
        )
    for section, row in _rows_of(report):
        title = [row.title.get("en"), row.title.values.get("zh-hans", "")]
        base = [section, row.code, *title]
        writer.writerow([*base, "actions", row.actions])
        writer.writerow([*base, "commitments", row.commitments])
        writer.writerow([*base, "governments", row.governments])
        for level in row.levels:
            writer.writerow([*base, f"level:{level.level}", level.count])
        for k in row.kpis:
            unit = k.unit
            writer.writerow([*base, f"kpi[{unit}]:count", k.kpis])
            writer.writerow([*base, f"kpi[{unit}]:reported", k.reported])
            for name in ("baseline", "latest", "target"):
                value = getattr(k, name)
                if value is not None:
                    writer.writerow([*base, f"kpi[{unit}]:{name}_sum", _number(value)])
            if k.mean_achieved is not None:
                writer.writerow([*base, f"kpi[{unit}]:mean_achieved", _number(k.mean_achieved)])
    for b in report.binary:
        base = ["binary", b.indicator, b.basis.get("en"), b.basis.values.get("zh-hans", "")]
        writer.writerow([*base, "governments", b.governments])
        writer.writerow([*base, "adopted", b.adopted])
        writer.writerow([*base, "drafts", b.drafts])
        writer.writerow([*base, "suggested_answer", b.answer])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---------------------------------------------------------------------------------------- XLSX


def _sheet(book: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
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
        sheet.column_dimensions[letter].width = 40 if index in (1, 2) else 16


def national_report_xlsx(report: NationalReport, rules: ReportRules | None = None) -> bytes:
    """Sheets: plans (II), national targets (III), KMGBF targets and goals (IV), KPI
    aggregates, examples, binary indicators. Headings in English and Chinese."""
    from openpyxl import Workbook

    rules = rules or report_rules()
    book = Workbook()
    book.remove(book.active)

    def b(key: str) -> str:
        return _both(rules, key)

    _sheet(
        book,
        "II",
        [b("kind"), b("plans"), b("status"), b("count")],
        [
            *[
                [_key_label(rules, "kind", k), b("governments_by_kind"), "", n]
                for k, n in report.section_ii.governments_by_kind.items()
            ],
            *[
                [
                    _key_label(rules, "kind", p.government_kind),
                    _key_label(rules, "plan", p.plan_kind),
                    _key_label(rules, "status", p.status),
                    p.count,
                ]
                for p in report.section_ii.plans
            ],
        ],
    )
    levels = scale("progress").keys()
    for section, attr in SECTIONS:
        _sheet(
            book,
            section,
            [
                b("code"),
                "Title",
                "标题",
                b("actions"),
                b("commitments"),
                b("governments"),
                *[_scale_label("progress", k) for k in levels],
            ],
            [
                [
                    r.code,
                    r.title.get("en"),
                    r.title.values.get("zh-hans", ""),
                    r.actions,
                    r.commitments,
                    r.governments,
                    *[lc.count for lc in r.levels],
                ]
                for r in getattr(report, attr)
            ],
        )
    _sheet(
        book,
        "KPI",
        [
            b("section"),
            b("code"),
            b("unit"),
            b("count"),
            b("reported"),
            b("baseline"),
            b("latest"),
            b("target"),
            b("achieved"),
        ],
        [
            [
                section,
                row.code,
                k.unit,
                k.kpis,
                k.reported,
                k.baseline,
                k.latest,
                k.target,
                k.mean_achieved,
            ]
            for section, row in _rows_of(report)
            for k in row.kpis
        ],
    )
    _sheet(
        book,
        "Examples",
        [b("section"), b("code"), b("entry"), b("government"), b("title"), b("level")],
        [
            [
                section,
                row.code,
                _both(rules, e.kind),
                _text_both(e.government_name),
                _text_both(e.title),
                _scale_label("progress", e.level),
            ]
            for section, row in _rows_of(report)
            for e in row.examples
        ],
    )
    _sheet(
        book,
        "Binary",
        [
            b("indicator"),
            b("questions"),
            b("basis"),
            b("total"),
            b("with_plan"),
            b("drafts"),
            b("share"),
            b("answer"),
        ],
        [
            [
                s.indicator,
                ", ".join(s.questions),
                _text_both(s.basis),
                s.governments,
                s.adopted,
                s.drafts,
                s.share,
                _scale_label("binary_answer", s.answer),
            ]
            for s in report.binary
        ],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------- PDF


def _keep_together(doc: ReportDocument, *, height: float) -> None:
    """Start a new page unless `height` mm fit on this one (the bar chart of `ReportDocument`
    must not break across pages)."""
    pdf = doc.pdf
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()


def _pdf_rows(doc: ReportDocument, rules: ReportRules, rows: Sequence[RollUpRow]) -> None:
    levels = scale("progress").levels
    for row in rows:
        if not (row.actions or row.commitments):
            continue
        doc.heading(f"{row.code} {_text_both(row.title, chr(10))}", 2)
        doc.key_values(
            [
                (_both(rules, "actions"), str(row.actions)),
                (_both(rules, "commitments"), str(row.commitments)),
                (_both(rules, "governments"), str(row.governments)),
            ],
            size=8.5,
        )
        if row.commitments:
            total = max(row.commitments, 1)
            _keep_together(doc, height=5.0 * len(row.levels) + 4)
            doc.bars(
                [
                    BarRow(
                        label=_text_both(level.label),
                        value=float(lc.count),
                        maximum=float(total),
                        note=str(lc.count),
                    )
                    for level, lc in zip(levels, row.levels, strict=True)
                ]
            )
        if row.kpis:
            doc.table(
                [
                    _both(rules, k)
                    for k in (
                        "unit",
                        "count",
                        "reported",
                        "baseline",
                        "latest",
                        "target",
                        "achieved",
                    )
                ],
                [_kpi_cells(k) for k in row.kpis],
                widths=(12, 10, 12, 16, 16, 16, 18),
                aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            )
        if row.examples:
            doc.table(
                [_both(rules, "entry"), _both(rules, "government"), _both(rules, "title")],
                [
                    [
                        _both(rules, e.kind)
                        + (f"\n{_scale_label('progress', e.level, chr(10))}" if e.level else ""),
                        _text_both(e.government_name, "\n"),
                        _text_both(e.title, "\n"),
                    ]
                    for e in row.examples
                ],
                widths=(24, 22, 54),
            )


def national_report_pdf(
    report: NationalReport,
    *,
    font: CJKFont,
    generated_on: date,
    rules: ReportRules | None = None,
) -> bytes:
    """The roll-up as an A4 PDF in English and Chinese (CJK font embedded)."""
    rules = rules or report_rules()
    doc = ReportDocument(font, title=f"{rules.label('report')}: {report.country_name.get('en')}")
    doc.title(
        f"{rules.label('report', 'en')}\n{rules.label('report', 'zh-hans')}",
        _text_both(report.country_name)
        + (f" · {report.national_framework}" if report.national_framework else ""),
    )
    if report.is_demo:
        doc.paragraph(f"{rules.label('demo')}\n{rules.label('demo', 'zh-hans')}", muted=True)
    doc.paragraph(f"{rules.label('basis_note')}\n{rules.label('basis_note', 'zh-hans')}", size=8.5)

    doc.heading(_both(rules, "section_ii"))
    doc.table(
        [
            _both(rules, "kind"),
            _both(rules, "plans"),
            _both(rules, "status"),
            _both(rules, "count"),
        ],
        [
            *[
                [_key_label(rules, "kind", kind), _both(rules, "governments_by_kind"), "", str(n)]
                for kind, n in report.section_ii.governments_by_kind.items()
            ],
            *[
                [
                    _key_label(rules, "kind", p.government_kind),
                    _key_label(rules, "plan", p.plan_kind),
                    _key_label(rules, "status", p.status),
                    str(p.count),
                ]
                for p in report.section_ii.plans
            ],
        ],
        widths=(22, 40, 20, 18),
        aligns=("LEFT", "LEFT", "LEFT", "RIGHT"),
    )
    doc.heading(_both(rules, "binary"), 2)
    doc.table(
        [
            _both(rules, "indicator"),
            _both(rules, "basis"),
            _both(rules, "with_plan"),
            _both(rules, "answer"),
        ],
        [
            [
                f"{s.indicator} ({', '.join(s.questions)})",
                _text_both(s.basis, "\n"),
                f"{s.adopted} / {s.governments}"
                + (f" ({s.share:.0%})" if s.share is not None else ""),
                _scale_label("binary_answer", s.answer),
            ]
            for s in report.binary
        ],
        widths=(16, 50, 16, 18),
    )
    for key, attr in (
        ("section_iii", "section_iii"),
        ("section_iv_targets", "section_iv_targets"),
        ("section_iv_goals", "section_iv_goals"),
    ):
        doc.heading(_both(rules, key))
        rows = getattr(report, attr)
        if not any(r.actions or r.commitments for r in rows):
            doc.paragraph(f"{rules.label('none')} {rules.label('none', 'zh-hans')}", muted=True)
        _pdf_rows(doc, rules, rows)
    stamp = {"version": __version__, "date": generated_on.isoformat()}
    doc.footer_note(
        f"{rules.label('generated', 'en', **stamp)} {rules.label('generated', 'zh-hans', **stamp)} "
        f"{report.method_id} {report.method_version}"
    )
    return doc.output()
