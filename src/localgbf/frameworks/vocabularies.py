"""Controlled vocabularies shipped as data: sectors, funding sources, statuses, currencies, ...

Each vocabulary is one YAML file in `frameworks/data/vocabularies/` with a version, a source
citation and a list of terms. A term has a stable `key` (what the database stores), a label in
English and Chinese, and optionally a description, alternative spellings accepted on import
(`aliases`), references to framework records (`related`), flags that computations read
(`flags`, e.g. which budget status counts as secured) and a few typed extras. Nothing here
imports Django.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import data_path, parse_records, read_yaml
from localgbf.frameworks.text import Text

VOCABULARY_DIR = "vocabularies"
REQUIRED_LANGUAGES = ("en", "zh-hans")


class UnknownTerm(ValueError):
    """A value is not a term of a vocabulary; the message lists the accepted keys."""


class Term(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: Text
    description: Text | None = None
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    # Typed extras used by some vocabularies: currencies (minor units), import columns.
    minor_units: int | None = None
    required: bool = False
    example: str | None = None


class Vocabulary(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    version: str
    title: Text
    source: dict[str, str]
    terms: tuple[Term, ...]

    def __contains__(self, key: object) -> bool:
        return any(t.key == key for t in self.terms)

    def keys(self) -> list[str]:
        return [t.key for t in self.terms]

    def term(self, key: str) -> Term:
        for t in self.terms:
            if t.key == key:
                return t
        raise UnknownTerm(
            f"{key!r} is not a term of the {self.key} vocabulary; use one of "
            f"{', '.join(self.keys())}"
        )

    def label(self, key: str, language: str) -> str:
        return self.term(key).label.get(language)

    def choices(self, language: str) -> list[tuple[str, str]]:
        return [(t.key, t.label.get(language)) for t in self.terms]

    def resolve(self, value: str) -> Term:
        """The term a user wrote: its key, its label in any language or an alias.

        Matching ignores case and surrounding spaces, so a spreadsheet may say `Secured`,
        `secured` or `已落实`.
        """
        wanted = value.strip().casefold()
        for t in self.terms:
            names = [t.key, *t.label.values.values(), *t.aliases]
            if any(wanted == name.strip().casefold() for name in names):
                return t
        raise UnknownTerm(
            f"{value!r} is not a term of the {self.key} vocabulary; use one of "
            f"{', '.join(self.keys())}"
        )


def _check(file: Path, vocab: Vocabulary) -> None:
    seen: set[str] = set()
    spellings: dict[str, str] = {}
    for term in vocab.terms:
        if term.key in seen:
            raise FrameworkDataError(str(file), "two terms share this key", f"term {term.key}")
        seen.add(term.key)
        missing = [lang for lang in REQUIRED_LANGUAGES if not term.label.has(lang)]
        if missing:
            raise FrameworkDataError(
                str(file), f"the label has no text in {', '.join(missing)}", f"term {term.key}"
            )
        for name in (term.key, *term.label.values.values(), *term.aliases):
            folded = name.strip().casefold()
            other = spellings.setdefault(folded, term.key)
            if other != term.key:
                raise FrameworkDataError(
                    str(file),
                    f"{name!r} would name both {other} and {term.key} on import",
                    f"term {term.key}",
                )


def load_vocabulary(path: Path) -> Vocabulary:
    """Load and validate one vocabulary file."""
    raw = read_yaml(path)
    for key in ("vocabulary", "version", "title", "source", "terms"):
        if key not in raw:
            raise FrameworkDataError(str(path), f"the key '{key}' is missing")
    if not isinstance(raw["source"], dict) or "citation" not in raw["source"]:
        raise FrameworkDataError(str(path), "'source' must be a mapping with a 'citation'")
    try:
        title = Text.model_validate(raw["title"])
    except ValueError as exc:
        raise FrameworkDataError(str(path), str(exc), "title") from exc
    vocab = Vocabulary(
        key=str(raw["vocabulary"]),
        version=str(raw["version"]),
        title=title,
        source={k: str(v) for k, v in raw["source"].items()},
        terms=tuple(parse_records(path, raw["terms"], Term, "terms", key="key")),
    )
    _check(path, vocab)
    return vocab


def vocabulary_names() -> list[str]:
    folder = data_path(VOCABULARY_DIR)
    return sorted(p.stem for p in folder.glob("*.yaml"))


@cache
def vocabulary(name: str) -> Vocabulary:
    """A packaged vocabulary by file name, e.g. `vocabulary("sectors")`; loaded once."""
    path = data_path(VOCABULARY_DIR) / f"{name}.yaml"
    if not path.exists():
        raise KeyError(
            f"no vocabulary named {name!r}; the packaged ones are {', '.join(vocabulary_names())}"
        )
    vocab = load_vocabulary(path)
    if vocab.key != name:
        raise FrameworkDataError(str(path), f"declares vocabulary {vocab.key!r}, not {name!r}")
    return vocab
