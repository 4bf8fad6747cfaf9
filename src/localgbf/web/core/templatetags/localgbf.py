"""Template helpers: multilingual text with honest markers, and small formatting aids."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from localgbf.frameworks.text import Text
from localgbf.web.core.fields import as_text

register = template.Library()

LANGUAGE_NAMES = {
    "en": "English",
    "zh-hans": "中文",
    "ar": "العربية",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
}


def _as_text(value: Any) -> Text | None:
    if isinstance(value, Text):
        return value
    if isinstance(value, dict):
        return as_text(value)
    return None


@register.filter
def tr(value: Any) -> SafeString | str:
    """Text in the page's language; a fallback or an unofficial translation is marked."""
    text = _as_text(value)
    if text is None:
        return "" if value in (None, {}) else str(value)
    shown = text.render(get_language() or "en")
    if shown.is_fallback:
        name = LANGUAGE_NAMES.get(shown.language, shown.language)
        return format_html(
            '<span lang="{}">{}</span> <abbr class="marker" title="{}">{}</abbr>',
            shown.language,
            shown.text,
            _("Not yet available in this language; shown in %(language)s.") % {"language": name},
            shown.language.split("-")[0].upper(),
        )
    if text.official and not shown.official:
        return format_html(
            '{} <abbr class="marker marker-working" title="{}">{}</abbr>',
            shown.text,
            _("Working translation by localgbf, not the official text."),
            _("unofficial"),
        )
    return shown.text


@register.filter
def plain(value: Any) -> str:
    """Text in the page's language without markers (for titles and attributes)."""
    text = _as_text(value)
    if text is None:
        return "" if value in (None, {}) else str(value)
    return text.get(get_language() or "en")


@register.filter
def thousands(value: Any) -> str:
    if value in (None, ""):
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}"


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """`{{ mapping|get_item:"zh-hans" }}`: dictionary lookup for keys with a dash."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None
