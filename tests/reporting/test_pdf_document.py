"""Page breaks in the PDF building blocks: nothing is lost or split across pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from localgbf.reporting.pdf import BarRow, ReportDocument, find_cjk_font

requires_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def pages_of(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@requires_pdftotext
def test_a_label_and_its_value_stay_on_the_same_page(tmp_path):
    doc = ReportDocument(find_cjk_font(), title="Key values")
    doc.title("Key values")
    pairs = [
        (f"Label {i:03d}", f"Value {i:03d} 指标数值 " + "word " * (i % 7) * 12) for i in range(90)
    ]
    doc.key_values(pairs)
    pages = pages_of(doc.output(), tmp_path)
    assert len(pages) > 2
    for i in range(90):
        [page] = [p for p in pages if f"Label {i:03d}" in p]
        assert f"Value {i:03d}" in page


@requires_pdftotext
def test_bars_running_over_several_pages_are_all_drawn(tmp_path):
    """150 rows of 5 mm on A4 pages of 265 mm usable height (297 - 2 x 16 mm margins): 53 rows
    fill a page, fewer under the title and legend, so three pages; each row on exactly one."""
    doc = ReportDocument(find_cjk_font(), title="Bars")
    doc.title("Bars")
    rows = [BarRow(f"Bar {i:03d}", value=i % 5, maximum=4, note=f"{i % 5}/4") for i in range(150)]
    doc.bars(rows, legend=[("current", "Now"), ("baseline", "Baseline")])
    doc.paragraph("After the chart")
    pages = pages_of(doc.output(), tmp_path)
    assert len(pages) == 3
    found = [re.findall(r"Bar (\d{3})", page) for page in pages]
    assert sorted(int(n) for page in found for n in page) == list(range(150))
    assert [len(page) for page in found[1:]] == [53, 150 - 53 - len(found[0])]
    assert "After the chart" in pages[-1]
