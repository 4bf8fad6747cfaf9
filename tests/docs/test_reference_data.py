"""Packaged reference data: every text in several languages is whole.

YAML reads an unquoted comma inside a flow mapping as the start of another key, so
`{en: Coordinates 0, 0, zh-hans: ...}` silently becomes the English "Coordinates 0" plus a stray
key. Language mappings must hold language codes only, each with a text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "localgbf"
LANGUAGES = {"en", "zh-hans", "fr", "es", "ar", "ru"}
DATA_FILES = sorted(p for p in PACKAGE.rglob("*.yaml") if "data" in p.relative_to(PACKAGE).parts)


def language_maps(node: Any, where: str) -> list[tuple[str, dict]]:
    """Every mapping that has an `en` and a `zh-hans` key, with its place in the file."""
    found = []
    if isinstance(node, dict):
        if "en" in node and "zh-hans" in node:
            found.append((where, node))
        for key, value in node.items():
            found += language_maps(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += language_maps(value, f"{where}[{index}]")
    return found


def test_there_is_reference_data_to_check():
    assert len(DATA_FILES) > 20


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_multilingual_text_holds_languages_only(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where, text in language_maps(data, path.name):
        stray = set(text) - LANGUAGES - {"official"}
        assert not stray, (
            f"{where}: keys {sorted(map(str, stray))} are not languages (quote the text)"
        )
        empty = [k for k in LANGUAGES & set(text) if not isinstance(text[k], str) or not text[k]]
        assert not empty, f"{where}: no text for {empty}"
