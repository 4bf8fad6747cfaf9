"""The bilingual PDF score card and the CJK font it embeds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from localgbf.reporting.pdf import FontNotFoundError, find_cjk_font
from localgbf.reporting.scorecard import scorecard_pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
requires_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


@pytest.fixture(scope="module")
def pdf(card) -> bytes:
    return scorecard_pdf(card, font=find_cjk_font())


def test_the_noto_cjk_font_is_found_with_its_simplified_chinese_face():
    font = find_cjk_font()
    assert "Noto" in font.regular.name
    if font.regular.suffix == ".ttc":
        from fontTools.ttLib import TTFont

        assert (
            TTFont(str(font.regular), fontNumber=font.face)["name"].getDebugName(1).endswith("SC")
        )


def test_without_a_cjk_font_the_error_names_the_debian_package(tmp_path):
    with pytest.raises(FontNotFoundError, match=r"Install the Debian package fonts-noto-cjk"):
        find_cjk_font([tmp_path])


def test_the_pdf_embeds_the_chinese_font(pdf):
    assert pdf.startswith(b"%PDF-")
    assert b"/FontFile2" in pdf or b"/FontFile3" in pdf
    assert b"NotoSansCJK" in pdf


@requires_poppler
def test_the_pdf_reads_in_both_languages_and_labels_assessor_scores(pdf, tmp_path):
    path = tmp_path / "card.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Singapore Index score card" in text
    assert "新加坡城市生物多样性指数评分卡" in text
    assert "城市自然区域比例" in text
    assert "53 / 112" in text
    assert "已评分 21/28 项" in text
    assert "scored by the assessor" in text and "由评估人员评分" in text


@requires_poppler
def test_the_first_page_renders_to_an_image_for_people_to_look_at(pdf, tmp_path):
    path = tmp_path / "card.pdf"
    path.write_bytes(pdf)
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / "scorecard-pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(path), str(prefix)],
        check=True,
    )
    [image] = ARTIFACTS.glob("scorecard-pdf-*1.png")
    assert image.stat().st_size > 20_000
