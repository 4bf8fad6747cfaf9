"""The vocabularies shipped as data: complete in both languages, sourced, and strict on input."""

import pytest

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.vocabularies import (
    UnknownTerm,
    load_vocabulary,
    vocabulary,
    vocabulary_names,
)

ISSUE_SECTORS = [
    "agriculture",
    "forestry",
    "fisheries",
    "tourism",
    "infrastructure",
    "urban_planning",
    "energy",
    "mining",
    "water",
    "health",
    "finance",
    "education",
    "other",
]


@pytest.mark.parametrize("name", vocabulary_names())
def test_every_vocabulary_has_a_version_a_citation_and_labels_in_english_and_chinese(name):
    vocab = vocabulary(name)
    assert vocab.version and vocab.source["citation"]
    for term in vocab.terms:
        assert term.label.get("en") and term.label.has("zh-hans"), term.key


def test_the_sectors_include_every_sector_the_issue_names():
    assert set(ISSUE_SECTORS) <= set(vocabulary("sectors").keys())


def test_the_funding_sources_are_those_of_the_issue_in_order():
    assert vocabulary("funding_sources").keys() == [
        "own_budget",
        "national_transfer",
        "private",
        "international",
        "philanthropic",
        "blended",
        "other",
    ]


def test_budget_status_is_planned_secured_spent():
    assert vocabulary("budget_status").keys() == ["planned", "secured", "spent"]


def test_currency_keys_are_iso_4217_codes_with_minor_units():
    currencies = vocabulary("currencies")
    codes = currencies.keys()
    assert all(len(code) == 3 and code.isupper() for code in codes)
    assert currencies.term("CNY").label.get("zh-hans") == "人民币"
    assert currencies.term("JPY").minor_units == 0
    assert currencies.term("USD").minor_units == 2


@pytest.mark.parametrize(
    ("written", "key"),
    [("secured", "secured"), ("  Secured ", "secured"), ("已落实", "secured"), ("SPENT", "spent")],
)
def test_resolve_accepts_the_key_either_label_or_an_alias_ignoring_case(written, key):
    assert vocabulary("budget_status").resolve(written).key == key


def test_resolve_names_the_vocabulary_and_the_accepted_keys_when_a_value_is_unknown():
    with pytest.raises(UnknownTerm, match=r"'XYZ' is not a term of the currencies vocabulary"):
        vocabulary("currencies").resolve("XYZ")


def test_an_unknown_vocabulary_lists_the_packaged_ones():
    with pytest.raises(KeyError, match="sectors"):
        vocabulary("colours")


def _write(tmp_path, terms: str):
    path = tmp_path / "v.yaml"
    path.write_text(
        "vocabulary: v\nversion: '1'\ntitle: {en: V, zh-hans: 五}\n"
        "source: {citation: test}\nterms:\n" + terms,
        encoding="utf-8",
    )
    return path


def test_a_term_without_chinese_is_refused(tmp_path):
    path = _write(tmp_path, "- key: a\n  label: {en: A}\n")
    with pytest.raises(
        FrameworkDataError, match=r"record term a: the label has no text in zh-hans"
    ):
        load_vocabulary(path)


def test_two_terms_that_one_spelling_would_name_are_refused(tmp_path):
    path = _write(
        tmp_path,
        "- key: a\n  label: {en: A, zh-hans: 甲}\n- key: b\n  label: {en: B, zh-hans: 乙}\n"
        "  aliases: [a]\n",
    )
    with pytest.raises(FrameworkDataError, match="'a' would name both a and b on import"):
        load_vocabulary(path)


def test_a_file_without_a_citation_is_refused(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("vocabulary: v\nversion: '1'\ntitle: {en: V}\nsource: {}\nterms: []\n")
    with pytest.raises(FrameworkDataError, match="'source' must be a mapping with a 'citation'"):
        load_vocabulary(path)
