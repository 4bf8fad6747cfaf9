"""Score card exports: CSV, XLSX (a sheet per language), a bilingual PDF, and plain text.

All builders take a `localgbf.index.scorecard.ScoreCard` and return text or bytes. Scores the
assessor entered are marked in every format (a 'scored by' column, and '*' after the score in
the PDF and the text), so they are never mistaken for scores computed from bands. Headings are
data (`data/scorecard_labels.yaml`, en and zh-hans).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text
from localgbf.index.labels import label
from localgbf.index.scorecard import ScoreCard, ScoreCardRow
from localgbf.reporting.pdf import BarRow, CJKFont, ReportDocument

LANGUAGES: tuple[str, ...] = ("en", "zh-hans")
ASSESSOR_MARK = "*"
PROPOSAL_MARK = "†"


@cache
def _labels() -> dict[str, Text]:
    package = resources.files("localgbf.reporting")
    file = Path(str(package.joinpath("data", "scorecard_labels.yaml")))
    raw = read_yaml(file)
    try:
        return {key: Text.model_validate(value) for key, value in raw["labels"].items()}
    except (KeyError, AttributeError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"malformed labels ({exc})") from exc


def t(key: str, lang: str = "en", **values: object) -> str:
    """The heading `key` in `lang` (English where missing), with `{placeholders}` filled."""
    text = _labels()[key].get(lang)
    return text.format(**values) if values else text


def both(key: str, **values: object) -> str:
    """A heading in English and Chinese, as the bilingual PDF shows it: 'Total / 总分'."""
    en, zh = t(key, "en", **values), t(key, "zh-hans", **values)
    return en if en == zh else f"{en} / {zh}"


def format_value(value: float | None) -> str:
    """A value as shown to people: thousands grouped, at most two decimals."""
    if value is None:
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _value_text(row: ScoreCardRow) -> str:
    """The value with its unit; empty when there is no value (a descriptive indicator)."""
    if row.value is None:
        return ""
    return f"{format_value(row.value)} {row.unit or ''}".strip()


def _score_text(row: ScoreCardRow) -> str:
    if row.score is None:
        return ""
    mark = ASSESSOR_MARK if row.scored_by == "assessor" else ""
    return f"{row.score}{mark}"


def _columns(card: ScoreCard) -> list[str]:
    keys = [
        "kind",
        "component",
        "indicator",
        "name",
        "value",
        "unit",
        "score",
        "max_score",
        "band",
        "scored_by",
        "status",
        "justification",
        "method",
        "band_table",
    ]
    if card.baseline_year is not None:
        keys += ["baseline_score", "change"]
    return keys


def _records(card: ScoreCard, lang: str) -> list[dict[str, Any]]:
    """One mapping per indicator, subtotal and total row; raw numbers, labels in `lang`."""
    out: list[dict[str, Any]] = []
    for section in card.sections:
        component = section.name.get(lang)
        for row in section.rows:
            out.append(
                {
                    "kind": t("kind_indicator", lang),
                    "component": component,
                    "indicator": row.indicator,
                    "name": row.name.get(lang),
                    "value": row.value,
                    "unit": row.unit or "",
                    "score": row.score,
                    "max_score": row.max_score,
                    "band": row.band or "",
                    "scored_by": label("scored_by", row.scored_by, lang),
                    "status": label("status", row.status, lang),
                    "justification": row.justification or "",
                    "method": row.method or "",
                    "band_table": row.band_table_version or "",
                    "baseline_score": row.baseline_score,
                    "change": row.score_change,
                }
            )
        out.append(
            {
                "kind": t("kind_subtotal", lang),
                "component": component,
                "score": section.points,
                "max_score": section.max_points,
                "status": section.scored_label(lang),
                "baseline_score": section.baseline_points,
                "change": (
                    section.points - section.baseline_points
                    if section.baseline_points is not None
                    else None
                ),
            }
        )
    out.append(
        {
            "kind": t("kind_total", lang),
            "score": card.points,
            "max_score": card.max_points,
            "status": card.scored_label(lang),
            "baseline_score": card.baseline_points,
            "change": (
                card.points - card.baseline_points if card.baseline_points is not None else None
            ),
        }
    )
    return out


def scorecard_csv(card: ScoreCard, *, lang: str = "en") -> str:
    """The score card as CSV: one row per indicator, then the subtotals and the total."""
    keys = _columns(card)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([t(k, lang) for k in keys])
    for record in _records(card, lang):
        writer.writerow(["" if record.get(k) is None else record.get(k) for k in keys])
    return buffer.getvalue()


def scorecard_xlsx(card: ScoreCard) -> bytes:
    """The score card as an XLSX workbook: one sheet per language and an 'About' sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="19674A")
    subtotal_fill = PatternFill("solid", fgColor="D6EADF")
    workbook = Workbook()
    widths = {"name": 48, "component": 28, "justification": 48, "band": 16, "method": 24}
    for index, lang in enumerate(LANGUAGES):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = t("title", lang)[:31] if lang == "en" else "评分卡"
        summary = [
            (t("title", lang), card.title.get(lang)),
            (t("government", lang), card.government),
            (t("edition", lang), card.edition),
            (t("reference_year", lang), card.reference_year),
            (t("assessment_status", lang), label("assessment_status", card.status, lang)),
            (t("total", lang), f"{card.points} / {card.max_points} ({card.scored_label(lang)})"),
        ]
        for key, value in summary:
            sheet.append([key, value])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([])
        keys = _columns(card)
        sheet.append([t(k, lang) for k in keys])
        header_row = sheet.max_row
        for col in range(1, len(keys) + 1):
            cell = sheet.cell(row=header_row, column=col)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header_fill
        for record in _records(card, lang):
            sheet.append([record.get(k) for k in keys])
            if record["kind"] != t("kind_indicator", lang):
                for col in range(1, len(keys) + 1):
                    sheet.cell(row=sheet.max_row, column=col).font = Font(bold=True)
                    sheet.cell(row=sheet.max_row, column=col).fill = subtotal_fill
        for col, key in enumerate(keys, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = widths.get(key, 12)
            for cells in sheet.iter_rows(min_row=header_row, min_col=col, max_col=col):
                cells[0].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    about = workbook.create_sheet(f"{t('sheet_about', 'en')} · {t('sheet_about', 'zh-hans')}")
    for lang in LANGUAGES:
        for key, value in _about(card, lang):
            about.append([key, value])
            about.cell(row=about.max_row, column=1).font = Font(bold=True)
        about.append([])
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 110
    for cells in about.iter_rows(min_col=2, max_col=2):
        cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _about(card: ScoreCard, lang: str) -> list[tuple[str, str]]:
    rows = [
        (t("rule", lang), f"{card.rule}: {card.rule_summary.get(lang)}"),
        (t("band_table", lang), ", ".join(card.band_table_versions)),
        (t("sources", lang), f"{card.citation}\n{card.bands_source}".strip()),
        (t("data_version", lang), card.data_version),
        (t("translation", lang), card.translation_note.get(lang)),
        ("", t("assessor_note", lang)),
    ]
    if any(r.proposal_waiting for r in card.rows):
        rows.append(("", t("proposal_note", lang)))
    return rows


def _both_labels(group: str, key: str) -> str:
    return f"{label(group, key, 'en')}\n{label(group, key, 'zh-hans')}"


def _pdf_rows(card: ScoreCard, section_index: int) -> tuple[list[list[str]], list[int]]:
    section = card.sections[section_index]
    baseline = card.baseline_year is not None
    rows: list[list[str]] = []
    for row in section.rows:
        cells = [
            f"{row.indicator}{PROPOSAL_MARK if row.proposal_waiting else ''}",
            f"{row.name.get('en')}\n{row.name.get('zh-hans')}",
            _value_text(row),
            _score_text(row),
            row.band or "",
            _both_labels("scored_by", row.scored_by),
        ]
        if baseline:
            cells += [
                "" if row.baseline_score is None else str(row.baseline_score),
                "" if row.score_change is None else f"{row.score_change:+d}",
            ]
        rows.append(cells)
    subtotal = [
        "",
        both("subtotal"),
        "",
        f"{section.points}/{section.max_points}",
        "",
        f"{section.scored_label('en')}\n{section.scored_label('zh-hans')}",
    ]
    if baseline:
        change = (
            section.points - section.baseline_points
            if section.baseline_points is not None
            else None
        )
        subtotal += [
            "" if section.baseline_points is None else str(section.baseline_points),
            "" if change is None else f"{change:+d}",
        ]
    rows.append(subtotal)
    return rows, [len(rows) - 1]


def scorecard_pdf(card: ScoreCard, *, font: CJKFont) -> bytes:
    """The score card as a bilingual (en and zh-hans) A4 PDF with the Chinese font embedded."""
    doc = ReportDocument(font, title=f"{t('title')} {card.government} {card.reference_year}")
    doc.title(
        both("title"),
        f"{card.title.get('en')} · {card.title.get('zh-hans')} — {card.document}",
    )
    scored = f"{card.scored_label('en')} · {card.scored_label('zh-hans')}"
    total = f"{card.points} / {card.max_points}  ({scored})"
    pairs = [
        (both("government"), card.government),
        (both("edition"), card.edition),
        (both("reference_year"), str(card.reference_year)),
        (
            both("assessment_status"),
            f"{label('assessment_status', card.status, 'en')} · "
            f"{label('assessment_status', card.status, 'zh-hans')}",
        ),
        (both("total"), total),
    ]
    if card.baseline_year is not None and card.baseline_points is not None:
        change = card.points - card.baseline_points
        common = (
            f"; {card.change_on_common:+d} {t('on_common', 'en', n=card.common_scored)}"
            if card.change_on_common is not None
            else ""
        )
        pairs.append(
            (
                both("since_baseline", year=card.baseline_year),
                f"{card.baseline_points} → {card.points} ({change:+d}{common})",
            )
        )
    doc.key_values(pairs)
    doc.bars(
        [
            BarRow(
                label=f"{s.name.get('en')} · {s.name.get('zh-hans')}",
                value=s.points,
                maximum=s.max_points,
                baseline=s.baseline_points,
                note=f"{s.points}/{s.max_points}",
            )
            for s in card.sections
        ],
        legend=_legend(card),
    )
    baseline = card.baseline_year is not None
    header = [
        both("indicator"),
        both("name"),
        both("value"),
        both("score"),
        both("band"),
        both("scored_by"),
    ]
    widths: list[float] = [12, 66, 24, 14, 26, 36]
    aligns = ["CENTER", "LEFT", "RIGHT", "CENTER", "LEFT", "LEFT"]
    if baseline:
        header += [both("baseline"), both("change")]
        widths = [10, 54, 20, 12, 22, 30, 15, 15]
        aligns += ["CENTER", "CENTER"]
    for index, section in enumerate(card.sections):
        doc.heading(f"{section.name.get('en')} / {section.name.get('zh-hans')}")
        rows, emphasised = _pdf_rows(card, index)
        doc.table(header, rows, widths=widths, aligns=aligns, emphasised=emphasised)
    doc.paragraph(f"{t('assessor_note', 'en')}\n{t('assessor_note', 'zh-hans')}", muted=True)
    justified = [r for r in card.rows if r.scored_by == "assessor" and r.justification]
    if justified:
        doc.heading(both("justification"), level=2)
        doc.table(
            [both("indicator"), both("justification")],
            [[str(r.indicator), r.justification or ""] for r in justified],
            widths=[14, 164],
            aligns=["CENTER", "LEFT"],
        )
    doc.heading(both("not_scored"), level=2)
    missing = [r for r in card.rows if r.score is None]
    if missing:
        doc.table(
            [both("indicator"), both("name"), both("status")],
            [
                [
                    str(r.indicator),
                    f"{r.name.get('en')}\n{r.name.get('zh-hans')}",
                    _both_labels("status", r.status),
                ]
                for r in missing
            ],
            widths=[14, 124, 40],
            aligns=["CENTER", "LEFT", "LEFT"],
        )
    else:
        doc.paragraph(f"{t('none_missing', 'en')} {t('none_missing', 'zh-hans')}")
    doc.heading(both("about"), level=2)
    for lang in LANGUAGES:
        doc.key_values(_about(card, lang), size=8)
    doc.footer_note(f"{t('generated_by', 'en')} · {t('generated_by', 'zh-hans')}")
    return doc.output()


def _legend(card: ScoreCard) -> list[tuple[str, str]]:
    legend = [("current", f"{t('chart_current', 'en', year=card.reference_year)}")]
    if card.baseline_year is not None:
        legend.append(("baseline", both("chart_baseline", year=card.baseline_year)))
    return legend


def scorecard_text(card: ScoreCard, *, lang: str = "en") -> str:
    """The score card as plain text for a terminal."""
    lines = [
        f"{t('title', lang)}: {card.government}, {card.reference_year} "
        f"({t('edition', lang)} {card.edition}, "
        f"{label('assessment_status', card.status, lang)})",
        f"{t('total', lang)}: {card.points}/{card.max_points} — {card.scored_label(lang)}",
    ]
    if card.baseline_year is not None and card.baseline_points is not None:
        lines.append(
            f"{t('since_baseline', lang, year=card.baseline_year)}: "
            f"{card.baseline_points} → {card.points} ({card.points - card.baseline_points:+d})"
        )
    for section in card.sections:
        lines.append("")
        lines.append(
            f"{section.name.get(lang)}: {section.points}/{section.max_points} "
            f"({section.scored_label(lang)})"
        )
        for row in section.rows:
            lines.append("  " + _text_row(row, lang))
    lines.append("")
    lines.append(t("assessor_note", lang))
    lines.append(f"{t('rule', lang)}: {card.rule} — {card.rule_summary.get(lang)}")
    return "\n".join(lines)


def _text_row(row: ScoreCardRow, lang: str) -> str:
    value = _value_text(row) or "—"
    score = _score_text(row) or "—"
    parts = [f"{row.indicator:>2}. {row.name.get(lang)}", f"{value}", f"{score}/{row.max_score}"]
    if row.band:
        parts.append(f"[{row.band}]")
    if row.scored_by == "assessor":
        parts.append(f"({label('scored_by', 'assessor', lang)})")
    if row.score is None:
        parts.append(f"({label('status', row.status, lang)}, {label('scored_by', 'none', lang)})")
    if row.score_change is not None:
        parts.append(f"({t('change', lang)} {row.score_change:+d})")
    return " · ".join(parts)
