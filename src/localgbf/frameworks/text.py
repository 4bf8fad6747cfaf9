"""Multilingual text as carried by every framework record and most database records.

A text holds one string per language code (BCP 47 as Django spells it: `en`, `zh-hans`, `ar`,
`es`, `fr`, `ru`) and says in which languages the string is the official one. At least one
language is required. A display in a language that is missing falls back to English (or, for a
text written only in another language, to that language) and says so, so the UI can mark it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator

UN_LANGUAGES: tuple[str, ...] = ("en", "zh-hans", "ar", "es", "fr", "ru")
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class Rendered:
    """A text as shown in one language."""

    text: str
    language: str
    requested: str
    official: bool

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested


class Text(BaseModel):
    """Language code -> string, plus the languages whose string is official.

    In data files a text is written as a mapping::

        title:
          en: Reduce threats to biodiversity
          zh-hans: 减少对生物多样性的威胁
          official: [zh-hans]
    """

    model_config = ConfigDict(frozen=True)

    values: dict[str, str]
    official: frozenset[str] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _from_mapping(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"values": {FALLBACK_LANGUAGE: data}}
        if isinstance(data, dict) and "values" not in data:
            official = data.get("official") or []
            if isinstance(official, str):
                official = [official]
            values = {k: v for k, v in data.items() if k != "official" and v not in (None, "")}
            return {"values": values, "official": frozenset(official)}
        return data

    @model_validator(mode="after")
    def _check(self) -> Text:
        unknown = set(self.values) - set(UN_LANGUAGES)
        if unknown:
            raise ValueError(
                f"unknown language code(s) {sorted(unknown)}; use {list(UN_LANGUAGES)}"
            )
        if not any(isinstance(v, str) and v.strip() for v in self.values.values()):
            raise ValueError("a text is required in at least one language")
        stray = set(self.official) - set(self.values)
        if stray:
            raise ValueError(f"marked official in {sorted(stray)} but has no text there")
        for lang, value in self.values.items():
            if not isinstance(value, str):
                raise ValueError(f"text in {lang} must be a string")
        return self

    def has(self, language: str) -> bool:
        return language in self.values

    @property
    def fallback_language(self) -> str:
        if FALLBACK_LANGUAGE in self.values:
            return FALLBACK_LANGUAGE
        return next(lang for lang in UN_LANGUAGES if lang in self.values)

    def render(self, language: str) -> Rendered:
        """The text in `language`, or the fallback text marked as such."""
        lang = language if language in self.values else self.fallback_language
        return Rendered(
            text=self.values[lang],
            language=lang,
            requested=language,
            official=lang in self.official,
        )

    def get(self, language: str) -> str:
        return self.render(language).text

    def __str__(self) -> str:
        return self.values[self.fallback_language]

    @model_serializer
    def as_dict(self) -> dict[str, Any]:
        """The flat form used in data files and JSON: language -> text, plus `official`."""
        out: dict[str, Any] = dict(self.values)
        out["official"] = sorted(self.official)
        return out
