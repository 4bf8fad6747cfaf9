"""Every UI string has its Chinese translation, and the catalogues compile."""

from pathlib import Path

from localgbf.web.i18n_compile import parse_po, read_entries

LOCALE = Path(__file__).resolve().parents[2] / "src" / "localgbf" / "web" / "locale"
ZH = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_msgid_has_a_chinese_translation():
    untranslated = [e.msgid for e in read_entries(ZH) if e.msgid and not e.translated]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"


def test_the_compiled_catalogue_holds_every_entry():
    entries = read_entries(ZH)
    assert len(parse_po(ZH)) == len(entries)
    assert len(entries) > 100


def test_the_chinese_catalogue_uses_one_plural_form():
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in ZH.read_text(encoding="utf-8")
