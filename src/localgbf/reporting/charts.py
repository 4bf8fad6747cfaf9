"""SVG charts as plain strings, each with a text alternative for screen readers and exports.

The score card chart draws one horizontal bar per indicator (score out of 4), grouped by
component with the subtotals, and marks the baseline score with a dark tick when a baseline is
given. Bars scored by the assessor are hatched and say so in their tooltip; unscored indicators
say "not scored". No script, no external asset: the web page can inline it and the PDF can
carry the same information as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from localgbf.index.scorecard import ScoreCard, ScoreCardRow
from localgbf.reporting.scorecard import t

WIDTH = 760
LABEL_W = 330
BAR_W = 300
ROW_H = 20
HEAD_H = 26
ACCENT = "#19674a"
ASSESSOR = "#7a9a3a"
TRACK = "#e3e8e5"
INK = "#212529"
MUTED = "#6c757d"


@dataclass(frozen=True)
class Chart:
    svg: str
    text: str


def _text_width(text: str) -> int:
    """Rough width in pixels at 12 px: CJK characters are about twice as wide as Latin ones."""
    return sum(12 if ord(ch) >= 0x2E80 else 7 for ch in text)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_text(row: ScoreCardRow, lang: str) -> str:
    name = row.name.get(lang)
    if row.score is None:
        shown = t("chart_not_scored", lang)
    else:
        shown = f"{row.score}/{row.max_score}"
        if row.scored_by == "assessor":
            shown += f" ({t('chart_assessor', lang)})"
    if row.baseline_score is not None:
        shown += f"; {t('baseline', lang)} {row.baseline_score}/{row.max_score}"
    return f"{row.indicator}. {name}: {shown}"


def scorecard_chart(card: ScoreCard, *, lang: str = "en") -> Chart:
    """The indicator scores of a score card as an SVG bar chart and its text alternative."""
    rows = card.rows
    height = 56 + len(card.sections) * HEAD_H + len(rows) * ROW_H + 16
    title = f"{t('chart_title', lang)} — {card.government} {card.reference_year}"
    desc = t(
        "chart_alt", lang, count=card.count, government=card.government, year=card.reference_year
    )
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="sc-title sc-desc" '
        f'font-family="Noto Sans CJK SC, Noto Sans SC, Noto Sans, sans-serif" font-size="12">',
        f'<title id="sc-title">{escape(title)}</title>',
        f'<desc id="sc-desc">{escape(desc)}</desc>',
        '<defs><pattern id="sc-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="'
        + ASSESSOR
        + '"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/>'
        "</pattern></defs>",
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="{INK}">{escape(title)}</text>',
    ]
    legend_y = 38
    legend = [
        (ACCENT, t("chart_current", lang, year=card.reference_year)),
        ("url(#sc-hatch)", t("chart_assessor", lang)),
    ]
    x = 0
    for fill, text in legend:
        parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="14" height="10" fill="{fill}"/>')
        parts.append(f'<text x="{x + 18}" y="{legend_y}" fill="{INK}">{escape(text)}</text>')
        x += 32 + _text_width(text)
    if card.baseline_year is not None:
        parts.append(f'<rect x="{x + 6}" y="{legend_y - 11}" width="3" height="14" fill="{INK}"/>')
        baseline_text = t("chart_baseline", lang, year=card.baseline_year)
        parts.append(
            f'<text x="{x + 16}" y="{legend_y}" fill="{INK}">{escape(baseline_text)}</text>'
        )
    y = 56
    for section in card.sections:
        subtotal = f"{section.points}/{section.max_points} · {section.scored_label(lang)}"
        parts.append(
            f'<text x="0" y="{y + 17}" font-weight="bold" fill="{ACCENT}">'
            f"{escape(section.name.get(lang))}</text>"
        )
        parts.append(
            f'<text x="{WIDTH}" y="{y + 17}" text-anchor="end" fill="{MUTED}">'
            f"{escape(subtotal)}</text>"
        )
        y += HEAD_H
        for row in section.rows:
            parts.append(_bar(row, y, lang))
            y += ROW_H
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), text=scorecard_chart_text(card, lang=lang))


def _bar(row: ScoreCardRow, y: int, lang: str) -> str:
    label = _short(f"{row.indicator}. {row.name.get(lang)}", 46 if lang == "en" else 24)
    out = [f"<g><title>{escape(_row_text(row, lang))}</title>"]
    out.append(f'<text x="0" y="{y + 14}" fill="{INK}">{escape(label)}</text>')
    out.append(f'<rect x="{LABEL_W}" y="{y + 4}" width="{BAR_W}" height="12" fill="{TRACK}"/>')
    if row.score is not None:
        fill = "url(#sc-hatch)" if row.scored_by == "assessor" else ACCENT
        width = BAR_W * row.score / row.max_score
        out.append(
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{width:.1f}" height="12" fill="{fill}"/>'
        )
        note = f"{row.score}"
        if row.score_change is not None and row.score_change != 0:
            note += f" ({row.score_change:+d})"
    else:
        note = t("chart_not_scored", lang)
    if row.baseline_score is not None:
        bx = LABEL_W + BAR_W * row.baseline_score / row.max_score
        out.append(f'<rect x="{bx - 1.5:.1f}" y="{y + 1}" width="3" height="18" fill="{INK}"/>')
    colour = quoteattr(INK if row.score is not None else MUTED)
    note_x = LABEL_W + BAR_W + 10
    out.append(f'<text x="{note_x}" y="{y + 14}" fill={colour}>{escape(note)}</text>')
    out.append("</g>")
    return "".join(out)


def scorecard_chart_text(card: ScoreCard, *, lang: str = "en") -> str:
    """The chart's content as sentences, one line per component and per indicator."""
    lines = [
        t(
            "chart_alt",
            lang,
            count=card.count,
            government=card.government,
            year=card.reference_year,
        ),
        f"{t('total', lang)}: {card.points}/{card.max_points} ({card.scored_label(lang)}).",
    ]
    for section in card.sections:
        lines.append(
            f"{section.name.get(lang)}: {section.points}/{section.max_points} "
            f"({section.scored_label(lang)})."
        )
        lines.extend(_row_text(row, lang) for row in section.rows)
    return "\n".join(lines)
