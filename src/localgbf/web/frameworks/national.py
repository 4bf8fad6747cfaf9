"""A country's NBSAP national targets: read from the template (CSV/XLSX) or the CBD Online
Reporting Tool's national-target JSON, and stored as a new version of a framework of kind
`national`, each target aligned to KMGBF targets with a degree of alignment.

Reading (`read_national_targets`) is pure and checks everything; storing
(`import_national_targets`) is all-or-nothing. A newer version never replaces an older one:
plans written against the old version keep pointing at its targets.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.frameworks.scales import Level, scale
from localgbf.frameworks.text import UN_LANGUAGES, Text
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.frameworks.models import (
    ElementAlignment,
    Framework,
    FrameworkElement,
    FrameworkKind,
)
from localgbf.web.frameworks.tabular import ImportFileError, Row, read_table, template_xlsx
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government, GovernmentKind

ELEMENT_KIND = "national_target"
ORT_SCHEMA = "nationalTarget7"
ORT_LANGUAGES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-hans": "zh-hans"}
ORT_KEPT_FIELDS = (
    "degreeOfAlignmentInfo",
    "mainPolicyOfMeasureOrActionInfo",
    "headlineIndicators",
    "binaryIndicators",
    "componentIndicators",
    "complementaryIndicators",
    "implementingConsiderations",
    "hasNonStateActors",
)
TARGET_PREFIX = re.compile(r"^(gbf-target-|target\s*|t|目标|行动目标)", re.IGNORECASE)
GOAL_PREFIX = re.compile(r"^(gbf-goal-|goal\s*|目标)", re.IGNORECASE)
LINK_SEPARATOR = re.compile(r"\s*[:：=]\s*")


@dataclass(frozen=True)
class NationalTargetRecord:
    """One national target as read from a file, checked but not yet stored."""

    code: str
    title: dict[str, str]
    text: dict[str, str] = field(default_factory=dict)
    kmgbf_targets: tuple[tuple[str, str], ...] = ()
    kmgbf_goals: tuple[str, ...] = ()
    external_id: str = ""
    external_version: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NationalTargetsFile:
    name: str
    sha256: str
    format: str
    targets: tuple[NationalTargetRecord, ...]
    government: str | None = None  # the country the file says it belongs to, when it says


def kmgbf_target_code(text: str) -> str | None:
    """'3', 'T3', 'Target 3', 'GBF-TARGET-3' -> '3'; None when it is not a KMGBF target."""
    code = TARGET_PREFIX.sub("", text.strip()).strip()
    return code if code in {t.code for t in kmgbf().targets} else None


def kmgbf_goal_code(text: str) -> str | None:
    code = GOAL_PREFIX.sub("", text.strip()).strip().upper()
    return code if code in {g.code for g in kmgbf().goals} else None


def degree_key(text: str) -> str | None:
    """A degree of alignment as written: key, label in either language or thesaurus term id."""
    wanted = text.strip().casefold()
    for level in scale("alignment").levels:
        names = [level.key, *level.label.values.values(), level.term_id or ""]
        if any(wanted == n.casefold() for n in names if n):
            return level.key
    return None


def parse_links(
    row: Row, key: str, resolve: Callable[[str], str | None], what: str
) -> tuple[tuple[str, str], ...]:
    """'3:high; 12:medium' -> (('3', 'high'), ('12', 'medium')), naming the cell on error."""
    links: dict[str, str] = {}
    for part in row.split(key):
        pieces = LINK_SEPARATOR.split(part, maxsplit=1)
        if len(pieces) != 2 or not pieces[1]:
            raise row.error(key, f"{part!r} needs a degree of alignment, e.g. '3:high'")
        code = resolve(pieces[0])
        if code is None:
            raise row.error(key, f"{pieces[0]!r} is not {what}")
        degree = degree_key(pieces[1])
        if degree is None:
            raise row.error(
                key,
                f"{pieces[1]!r} is not a degree of alignment; use "
                f"{', '.join(scale('alignment').keys())}",
            )
        if code in links:
            raise row.error(key, f"{pieces[0]!r} is listed twice")
        links[code] = degree
    return tuple(links.items())


def _kmgbf_what() -> str:
    return f"a KMGBF target (1 to {len(kmgbf().targets)})"


def _from_table(data: bytes, name: str) -> tuple[list[NationalTargetRecord], str | None]:
    columns = vocabulary("columns_national_targets")
    records = []
    seen: dict[str, int] = {}
    for row in read_table(data, name, columns):
        code = row.get("code")
        if code in seen:
            raise row.error("code", f"{code!r} is also the code of row {seen[code]}")
        seen[code] = row.number
        title = row.text("title_en", "title_zh")
        if not title:
            raise row.error("title_en", "give the title in English, in Chinese or in both")
        goals = []
        for part in row.split("kmgbf_goals"):
            goal = kmgbf_goal_code(part)
            if goal is None:
                raise row.error("kmgbf_goals", f"{part!r} is not a KMGBF goal (A to D)")
            goals.append(goal)
        records.append(
            NationalTargetRecord(
                code=code,
                title=title,
                text=row.text("description_en", "description_zh"),
                kmgbf_targets=parse_links(row, "kmgbf_targets", kmgbf_target_code, _kmgbf_what()),
                kmgbf_goals=tuple(dict.fromkeys(goals)),
            )
        )
    return records, None


def _plain(value: str) -> str:
    """Rich text of the ORT (HTML) as plain text."""
    text = re.sub(r"<\s*(br|/p|/li)\s*/?>", "\n", value, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _lstring(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": _plain(value)} if value.strip() else {}
    if not isinstance(value, dict):
        return {}
    out = {}
    for lang, text in value.items():
        code = ORT_LANGUAGES.get(str(lang).lower(), str(lang).lower())
        if code in UN_LANGUAGES and isinstance(text, str) and text.strip():
            out[code] = _plain(text)
    return out


def _ort_items(doc: Any, name: str) -> list[Any]:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key in ("Items", "items", "documents", "docs", "records"):
            if isinstance(doc.get(key), list):
                return list(doc[key])
        return [doc]
    raise ImportFileError(name, "holds neither a national target record nor a list of them")


def _term_id(value: Any) -> str:
    return str(value.get("identifier") or "") if isinstance(value, dict) else str(value or "")


def _ort_record(item: Any, number: int, name: str) -> tuple[NationalTargetRecord, str | None]:
    def error(problem: str, where: str | None = None) -> ImportFileError:
        return ImportFileError(
            name, problem, row=number, column=where, row_name="record", column_name="field"
        )

    if not isinstance(item, dict):
        raise error("is not a JSON object")
    inner = item.get("body")
    body: dict[str, Any] = inner if isinstance(inner, dict) else item
    head = body.get("header")
    header: dict[str, Any] = head if isinstance(head, dict) else {}
    schema = header.get("schema")
    if schema and schema != ORT_SCHEMA:
        raise error(f"is a {schema} record, not a national target ({ORT_SCHEMA})", "header")
    identifier = str(item.get("identifier") or header.get("identifier") or "")
    revision = item.get("revision", item.get("latestRevision", ""))
    title = _lstring(body.get("title"))
    if not title:
        raise error("has no title", "title")
    sequence = body.get("sequence")
    code = str(sequence) if sequence not in (None, "") else str(number)
    targets: dict[str, str] = {}
    for index, link in enumerate(body.get("globalTargetAlignment") or []):
        where = f"globalTargetAlignment[{index}]"
        target = kmgbf_target_code(_term_id(link))
        if target is None:
            raise error(f"{_term_id(link)!r} is not {_kmgbf_what()}", where)
        degree_id = _term_id(link.get("degreeOfAlignment")) if isinstance(link, dict) else ""
        degree = degree_key(degree_id)
        if degree is None:
            raise error(
                f"{degree_id!r} is not a degree of alignment term "
                "(GBF-DEGREE-OF-ALIGNMENT: high, medium or low)",
                f"{where}.degreeOfAlignment",
            )
        targets[target] = degree
    goals = []
    for index, link in enumerate(body.get("globalGoalAlignment") or []):
        goal = kmgbf_goal_code(_term_id(link))
        if goal is None:
            raise error(f"{_term_id(link)!r} is not a KMGBF goal", f"globalGoalAlignment[{index}]")
        goals.append(goal)
    kept = {k: body[k] for k in ORT_KEPT_FIELDS if body.get(k) not in (None, "", [], {})}
    record = NationalTargetRecord(
        code=code,
        title=title,
        text=_lstring(body.get("description")),
        kmgbf_targets=tuple(targets.items()),
        kmgbf_goals=tuple(dict.fromkeys(goals)),
        external_id=identifier,
        external_version=str(revision) if revision not in (None, "") else "",
        details={"ort": kept} if kept else {},
    )
    government = _term_id(body.get("government")) or None
    return record, government


def _from_ort_json(data: bytes, name: str) -> tuple[list[NationalTargetRecord], str | None]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(name, f"is not valid JSON ({exc})") from None
    except RecursionError:
        raise ImportFileError(name, "is nested too deeply to be read") from None
    records = []
    governments = set()
    seen: dict[str, int] = {}
    for number, item in enumerate(_ort_items(doc, name), start=1):
        record, government = _ort_record(item, number, name)
        if record.code in seen:
            raise ImportFileError(
                name,
                f"sequence {record.code} is also that of record {seen[record.code]}",
                row=number,
                row_name="record",
            )
        seen[record.code] = number
        records.append(record)
        if government:
            governments.add(government.lower())
    if len(governments) > 1:
        raise ImportFileError(name, f"holds targets of several countries: {sorted(governments)}")
    return records, next(iter(governments), None)


READERS: dict[str, tuple[str, Callable[[bytes, str], Any]]] = {
    ".csv": ("csv", _from_table),
    ".xlsx": ("xlsx", _from_table),
    ".json": ("ort-json", _from_ort_json),
}


def read_national_targets(data: bytes, name: str) -> NationalTargetsFile:
    """Read and check national targets from a template (CSV/XLSX) or ORT JSON file's bytes."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in READERS:
        raise ImportFileError(name, f"use a CSV, XLSX or ORT JSON file, not {suffix or 'this'}")
    fmt, reader = READERS[suffix]
    records, government = reader(data, name)
    if not records:
        raise ImportFileError(name, "holds no national target")
    return NationalTargetsFile(
        name=PurePath(name).name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        targets=tuple(records),
        government=government,
    )


def load_national_targets(path: Path) -> NationalTargetsFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot be read ({exc.strerror})") from None
    return read_national_targets(data, path.name)


def national_slug(country: Government) -> str:
    return f"nbsap-{country.code.lower()}"


def _title(country: Government) -> dict[str, str]:
    title = {}
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            title[lang] = _("National targets of %(country)s") % {
                "country": country.display_name(lang)
            }
    return title


def _free_version(slug: str, wanted: str | None) -> str:
    taken = set(Framework.objects.filter(slug=slug).values_list("version", flat=True))
    if wanted:
        return wanted
    base = timezone.localdate().isoformat()
    label, n = base, 1
    while label in taken:
        n += 1
        label = f"{base}.{n}"
    return label


def _country_matches(country: Government, said: str) -> bool:
    return said.lower() in {country.code.lower(), (country.iso_3166 or "").lower()}


@transaction.atomic
def import_national_targets(
    parsed: NationalTargetsFile,
    *,
    country: Government,
    version: str | None = None,
    user: Any = None,
) -> Framework:
    """Store `parsed` as a new version of `country`'s national targets, and audit it."""
    framework = store_national_targets(parsed, country=country, version=version, user=user)
    audit.record(
        user,
        "national.import",
        framework,
        government=country,
        after={"version": framework.version, "file": parsed.name, "targets": len(parsed.targets)},
    )
    return framework


@transaction.atomic
def store_national_targets(
    parsed: NationalTargetsFile,
    *,
    country: Government,
    version: str | None = None,
    user: Any = None,
) -> Framework:
    """Store `parsed` as a new version of `country`'s national targets (the current one)."""
    if country.kind != GovernmentKind.COUNTRY:
        raise ImportFileError(
            parsed.name, f"national targets belong to a country; {country.code} is not one"
        )
    if parsed.government and not _country_matches(country, parsed.government):
        raise ImportFileError(
            parsed.name,
            f"the records are those of {parsed.government!r}, not of {country.code}",
        )
    slug = national_slug(country)
    label = _free_version(slug, version)
    if Framework.objects.filter(slug=slug, version=label).exists():
        raise ImportFileError(
            parsed.name, f"version {label} of {slug} exists already; give another version label"
        )
    global_fw = Framework.objects.filter(slug="kmgbf", is_current=True).first()
    if global_fw is None:
        raise ImportFileError(parsed.name, "the KMGBF is not in the database; run migrate")
    global_elements = {
        (e.kind, e.code): e for e in global_fw.elements.filter(kind__in=("target", "goal"))
    }
    framework = Framework.objects.create(
        slug=slug,
        version=label,
        kind=FrameworkKind.NATIONAL,
        title=_title(country),
        country=country,
        source={
            "file": parsed.name,
            "sha256": parsed.sha256,
            "format": parsed.format,
            "imported_at": timezone.now().isoformat(timespec="seconds"),
            "imported_by": getattr(user, "username", "") or "",
        },
        is_current=True,
    )
    Framework.objects.filter(slug=slug).exclude(pk=framework.pk).update(is_current=False)
    elements = FrameworkElement.objects.bulk_create(
        FrameworkElement(
            framework=framework,
            kind=ELEMENT_KIND,
            code=record.code,
            title=Text(values=record.title).as_dict(),
            text=Text(values=record.text).as_dict() if record.text else {},
            order=order,
            external_id=record.external_id,
            external_version=record.external_version,
            details=record.details,
        )
        for order, record in enumerate(parsed.targets)
    )
    ElementAlignment.objects.bulk_create(
        _alignments(zip(elements, parsed.targets, strict=True), global_elements)
    )
    return framework


def _alignments(
    pairs: Iterable[tuple[FrameworkElement, NationalTargetRecord]],
    global_elements: dict[tuple[str, str], FrameworkElement],
) -> list[ElementAlignment]:
    out = []
    for element, record in pairs:
        for code, degree in record.kmgbf_targets:
            out.append(
                ElementAlignment(
                    element=element, aligned_to=global_elements[("target", code)], degree=degree
                )
            )
        for code in record.kmgbf_goals:
            out.append(
                ElementAlignment(element=element, aligned_to=global_elements[("goal", code)])
            )
    return out


def template_workbook() -> bytes:
    """The XLSX template, with instructions and the KMGBF targets and degrees for reference."""
    fw = kmgbf()
    levels = scale("alignment").levels
    return template_xlsx(
        vocabulary("columns_national_targets"),
        sheet="national_targets",
        instructions=Text(
            values={
                "en": _instructions("en"),
                "zh-hans": _instructions("zh-hans"),
            }
        ),
        reference=[
            (
                "KMGBF 全球框架",
                ["Target / 行动目标", "English", "中文"],
                [[t.code, t.title.get("en"), t.title.get("zh-hans")] for t in fw.targets],
            ),
            (
                "Alignment 一致程度",
                ["Degree / 程度", "English", "中文"],
                [
                    [lvl.key, _level_text(lvl, "en", ": "), _level_text(lvl, "zh-hans", "：")]
                    for lvl in levels
                ],
            ),
        ],
    )


def _level_text(level: Level, lang: str, colon: str) -> str:
    meaning = level.meaning.get(lang) if level.meaning else ""
    return f"{level.label.get(lang)}{colon}{meaning}"


def _instructions(lang: str) -> str:
    with translation.override(lang):
        return _(
            "One national target per row of the first sheet. Keep the header row; the columns "
            "are explained below. Import the file on the platform or with `localgbf national "
            "import FILE --country CODE`."
        )
