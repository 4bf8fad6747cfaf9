import pytest
from pydantic import ValidationError

from localgbf.frameworks.text import Text


def test_a_text_in_the_requested_language_is_shown_as_is():
    text = Text.model_validate({"en": "Cities", "zh-hans": "城市", "official": ["en"]})
    shown = text.render("zh-hans")
    assert (shown.text, shown.is_fallback, shown.official) == ("城市", False, False)


def test_a_missing_language_falls_back_to_english_and_says_so():
    shown = Text.model_validate({"en": "Cities"}).render("fr")
    assert (shown.text, shown.language, shown.is_fallback) == ("Cities", "en", True)


def test_a_text_written_only_in_chinese_falls_back_to_chinese():
    shown = Text.model_validate({"zh-hans": "城市"}).render("en")
    assert (shown.text, shown.language, shown.is_fallback) == ("城市", "zh-hans", True)


def test_official_languages_must_have_a_text():
    with pytest.raises(ValidationError, match=r"marked official in \['zh-hans'\]"):
        Text.model_validate({"en": "Cities", "official": ["zh-hans"]})


def test_unknown_language_codes_are_refused():
    with pytest.raises(ValidationError, match="unknown language code"):
        Text.model_validate({"en": "Cities", "klingon": "x"})


def test_an_empty_text_is_refused():
    with pytest.raises(ValidationError, match="at least one language"):
        Text.model_validate({"en": "  "})
