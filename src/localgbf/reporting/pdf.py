"""Bilingual PDF documents: CJK font discovery and a small document with title, headings,
paragraphs, tables and bar rows, on top of fpdf2. Later reports reuse `ReportDocument`.

Chinese needs a font that has its glyphs, embedded in the file (subset by fpdf2). localgbf uses
Noto Sans CJK (Debian package fonts-noto-cjk) or Noto Sans SC; `find_cjk_font` looks for them
under the folders it is given and fails with the package to install when there is none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

FONT_PACKAGE = "fonts-noto-cjk"
DEFAULT_FONT_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts"),)
# Files in order of preference; a collection (.ttc) holds several faces, of which we want SC.
_REGULAR_NAMES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansSC-Regular.ttf",
    "NotoSansSC[wght].ttf",
    "NotoSansCJKSC-Regular.otf",
)
_SC_FAMILY = "Noto Sans CJK SC"

INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (25, 103, 74)
ACCENT_LIGHT = (214, 234, 223)
RULE = (206, 212, 218)
ZEBRA = (246, 248, 247)


class ReportingError(ValueError):
    """A report cannot be built (for example, no font for its languages)."""


class FontNotFoundError(ReportingError):
    pass


@dataclass(frozen=True)
class CJKFont:
    """A font file with Chinese glyphs, and the face to use when it is a collection."""

    regular: Path
    bold: Path | None = None
    face: int = 0


def _sc_face(path: Path) -> int:
    if path.suffix.lower() not in {".ttc", ".otc"}:
        return 0
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == _SC_FAMILY:
                return index
    finally:
        collection.close()
    return 0


def find_cjk_font(search_dirs: Sequence[Path] = DEFAULT_FONT_DIRS) -> CJKFont:
    """Find Noto Sans CJK (Simplified Chinese face) or Noto Sans SC under `search_dirs`."""
    for name in _REGULAR_NAMES:
        for folder in search_dirs:
            if not folder.is_dir():
                continue
            for regular in sorted(folder.rglob(name)):
                bold_path = regular.with_name(regular.name.replace("Regular", "Bold"))
                return CJKFont(
                    regular=regular,
                    bold=bold_path if bold_path.is_file() else None,
                    face=_sc_face(regular),
                )
    where = ", ".join(str(d) for d in search_dirs)
    raise FontNotFoundError(
        f"no Noto Sans CJK or Noto Sans SC font was found under {where}; the PDF needs it to "
        f"show Chinese. Install the Debian package {FONT_PACKAGE} "
        f"(sudo apt-get install {FONT_PACKAGE})"
    )


@dataclass(frozen=True)
class BarRow:
    """One row of a bar chart drawn in the PDF: a label, a value, and an optional baseline."""

    label: str
    value: float | None
    maximum: float
    baseline: float | None = None
    note: str = ""
    muted: bool = False


BAR_ROW_HEIGHT = 5.0
LEGEND_HEIGHT = 6.0


class ReportDocument:
    """An A4 document in one CJK-capable font: title, headings, paragraphs, tables, bars."""

    family = "cjk"

    def __init__(self, font: CJKFont, *, title: str, author: str = "localgbf") -> None:
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.set_margins(16, 16, 16)
        pdf.add_font(self.family, "", str(font.regular), collection_font_number=font.face)
        self.has_bold = font.bold is not None
        if font.bold is not None:
            pdf.add_font(self.family, "B", str(font.bold), collection_font_number=font.face)
        pdf.set_title(title)
        pdf.set_author(author)
        pdf.set_creator("localgbf")
        self.pdf = pdf
        pdf.add_page()

    @property
    def width(self) -> float:
        return float(self.pdf.epw)

    def _font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold and self.has_bold else "", size)

    def title(self, text: str, subtitle: str | None = None) -> None:
        self._font(18, bold=True)
        self.pdf.set_text_color(*ACCENT)
        self.pdf.multi_cell(0, 9, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
        if subtitle:
            self._font(11)
            self.pdf.set_text_color(*MUTED)
            self.pdf.multi_cell(0, 6, subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
        self.pdf.set_draw_color(*ACCENT)
        self.pdf.set_line_width(0.6)
        y = self.pdf.get_y() + 2
        self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
        self.pdf.set_y(y + 4)
        self.pdf.set_text_color(*INK)

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 13.5, 2: 11.5}.get(level, 10.5)
        if self.pdf.get_y() > self.pdf.h - 40:
            self.pdf.add_page()
        self.pdf.ln(2)
        self._font(size, bold=True)
        self.pdf.set_text_color(*(ACCENT if level == 1 else INK))
        self.pdf.multi_cell(
            0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L
        )
        self.pdf.set_text_color(*INK)
        self.pdf.ln(1)

    def paragraph(self, text: str, *, size: float = 9.5, muted: bool = False) -> None:
        self._font(size)
        self.pdf.set_text_color(*(MUTED if muted else INK))
        self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
        self.pdf.set_text_color(*INK)
        self.pdf.ln(1.5)

    def key_values(self, pairs: Sequence[tuple[str, str]], *, size: float = 9.5) -> None:
        """A two-column block of labels and values (no borders); long labels wrap.

        A pair that would not fit on the page starts the next one, so that label and value
        stay side by side."""
        pdf = self.pdf
        label_width = self.width * 0.36
        line = size * 0.55
        for key, value in pairs:
            self._font(size, bold=True)
            label_lines = len(self._lines(key, label_width - 2, line))
            self._font(size)
            value_lines = len(self._lines(value, self.width - label_width, line))
            if pdf.will_page_break(line * max(label_lines, value_lines)):
                pdf.add_page()
            top = pdf.get_y()
            self._font(size, bold=True)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(
                label_width - 2, line, key, new_x=XPos.RIGHT, new_y=YPos.TOP, align=Align.L
            )
            pdf.set_xy(pdf.l_margin + label_width, top)
            self._font(size)
            pdf.set_text_color(*INK)
            pdf.multi_cell(0, line, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
            pdf.set_y(max(pdf.get_y(), top + line * label_lines))
        pdf.ln(2)

    def _lines(self, text: str, width: float, line: float) -> list[str]:
        return cast(list[str], self.pdf.multi_cell(width, line, text, dry_run=True, output="LINES"))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float],
        aligns: Sequence[str] | None = None,
        emphasised: Sequence[int] = (),
        size: float = 8,
    ) -> None:
        """A table whose cells wrap (Chinese too, having no spaces); the header repeats."""
        self._font(size)
        heading_style = FontFace(
            emphasis="B" if self.has_bold else None, color=(255, 255, 255), fill_color=ACCENT
        )
        strong = FontFace(emphasis="B" if self.has_bold else None, fill_color=ACCENT_LIGHT)
        with self.pdf.table(
            col_widths=tuple(widths),
            width=self.width,
            text_align=tuple(aligns) if aligns else "LEFT",
            line_height=size * 0.5,
            wrapmode=WrapMode.WORD,
            headings_style=heading_style,
            cell_fill_color=ZEBRA,
            cell_fill_mode=TableCellFillMode.ROWS,
            borders_layout="HORIZONTAL_LINES",
            padding=1.2,
            align=Align.L,
        ) as table:
            head = table.row()
            for cell in header:
                head.cell(cell)
            for index, values in enumerate(rows):
                row = table.row()
                style = strong if index in emphasised else None
                for cell in values:
                    row.cell(cell, style=style)
        self.pdf.ln(2)

    def bars(self, rows: Sequence[BarRow], *, legend: Sequence[tuple[str, str]] = ()) -> None:
        """Horizontal bars: value in the accent colour, the baseline as a thin dark line.

        Rows are drawn a page at a time: the colours stay in a local graphics context, which
        must open and close on the same page."""
        remaining = list(rows)
        first = True
        while first or remaining:
            room = self.pdf.h - self.pdf.b_margin - self.pdf.get_y()
            if first and legend:
                room -= LEGEND_HEIGHT
            fits = max(0, int(room // BAR_ROW_HEIGHT))
            if remaining and fits == 0:
                self.pdf.add_page()
                continue
            chunk, remaining = remaining[:fits], remaining[fits:]
            with self.pdf.local_context():
                self._bars(chunk, legend if first else ())
            first = False
            if remaining:
                self.pdf.add_page()
        # fpdf2 caches the fill colour: reset what later tables expect.
        self.pdf.set_fill_color(255, 255, 255)
        self.pdf.set_draw_color(*RULE)
        self.pdf.set_text_color(*INK)

    def _bars(self, rows: Sequence[BarRow], legend: Sequence[tuple[str, str]]) -> None:
        pdf = self.pdf
        label_w, bar_w, row_h = self.width * 0.55, self.width * 0.33, BAR_ROW_HEIGHT
        colours = {"current": ACCENT, "baseline": INK, "muted": MUTED}
        if legend:
            self._font(7.5)
            for key, text in legend:
                pdf.set_fill_color(*colours.get(key, ACCENT))
                y = pdf.get_y()
                pdf.rect(pdf.get_x(), y + 1, 6, 2.2 if key != "baseline" else 0.7, style="F")
                pdf.set_x(pdf.get_x() + 8)
                pdf.cell(pdf.get_string_width(text) + 6, 4, text)
            pdf.ln(LEGEND_HEIGHT)
        for row in rows:
            x0, y0 = pdf.l_margin, pdf.get_y()
            self._font(7.5)
            pdf.set_text_color(*(MUTED if row.muted else INK))
            pdf.set_xy(x0, y0)
            pdf.cell(label_w, row_h, _fit(pdf, row.label, label_w - 2))
            bx = x0 + label_w
            pdf.set_fill_color(*RULE)
            pdf.rect(bx, y0 + 1.2, bar_w, row_h - 2.4, style="F")
            if row.value is not None and row.maximum > 0:
                pdf.set_fill_color(*(MUTED if row.muted else ACCENT))
                pdf.rect(bx, y0 + 1.2, bar_w * row.value / row.maximum, row_h - 2.4, style="F")
            if row.baseline is not None and row.maximum > 0:
                pdf.set_draw_color(*INK)
                pdf.set_line_width(0.7)
                bl = bx + bar_w * row.baseline / row.maximum
                pdf.line(bl, y0 + 0.5, bl, y0 + row_h - 0.5)
            pdf.set_xy(bx + bar_w + 2, y0)
            pdf.cell(0, row_h, row.note)
            pdf.set_y(y0 + row_h)
        pdf.set_text_color(*INK)
        pdf.ln(2)

    def footer_note(self, text: str) -> None:
        self.paragraph(text, size=7.5, muted=True)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text` shortened with an ellipsis to fit `width` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"
