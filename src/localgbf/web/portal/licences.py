"""The licences open data may be published under, and the citation of a download.

Read from `data/open_data.yaml` (SPDX identifiers and addresses, names in en and zh-hans).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text

DATA_FILE = Path(__file__).resolve().parent / "data" / "open_data.yaml"


class Licence(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    url: str
    name: Text
    terms: Text


class OpenDataRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    source: dict[str, str]
    default: str
    licences: tuple[Licence, ...]
    citation: Text
    titles: dict[str, Text]

    def licence(self, key: str | None) -> Licence:
        """The licence `key`, or the default one for an unknown or empty key."""
        found = {lic.key: lic for lic in self.licences}
        return found.get(key or "", found[self.default])

    def cite(self, *, publisher: str, title: str, url: str, on: date, language: str = "en") -> str:
        return self.citation.get(language).format(
            publisher=publisher, title=title, url=url, year=on.year, date=on.isoformat()
        )

    def title(self, scope: str, name: str, language: str = "en") -> str:
        return self.titles[scope].get(language).format(name=name)


@cache
def open_data_rules() -> OpenDataRules:
    rules = OpenDataRules.model_validate(read_yaml(DATA_FILE))
    if rules.default not in {lic.key for lic in rules.licences}:
        raise ValueError(f"{DATA_FILE}: the default licence {rules.default!r} is not listed")
    return rules


def licence_choices() -> list[tuple[str, str]]:
    return [(lic.key, f"{lic.key} — {lic.name.get('en')}") for lic in open_data_rules().licences]
