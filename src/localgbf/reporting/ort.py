"""Stakeholder commitments as the CBD Online Reporting Tool's `stakeholderCommitment` JSON.

Pure: the web and the CLI gather an `OrtCommitment` per accepted commitment (its text, its
alignments by CBD thesaurus identifier, the government's designated official contact) and
`ort_document()` returns the record as the ORT expects it. The rules come from the ORT's type
and edit form (see `../shared/reference/ort_stakeholder_commitment.md`), the term identifiers
from `data/ort_terms.yaml`:

- a city or other local authority uses the *local* jurisdiction term, a region the
  *sub-national* one, each with the government's name in `customValue` and exactly one
  jurisdiction country;
- the coverage is the government's own country (`coverageScope: national`), so the commitment
  names the country's published national target it serves (`primaryNationalTarget`, an ORT
  record reference: the national targets must have been imported from the ORT);
- exactly one primary global alignment; the others go to `otherGlobalAlignments`;
- the booleans the form requires are always written; a field whose condition is false is left
  out (next steps unless open-ended, dates when open-ended, the NBSAP countries unless linked,
  Target 15 information unless reporting on it, progress information unless tracked);
- the contact block is the government's official contact for CBD submissions, never a user
  account. Internal notes are never exported.

Every document is checked against `data/ort_stakeholder_commitment.schema.json` before it is
returned, so an export is either valid or refused with the reason.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.frameworks.text import Text
from localgbf.frameworks.vocabularies import UnknownTerm, vocabulary

SCHEMA_FILE = "ort_stakeholder_commitment.schema.json"
TERMS_FILE = "ort_terms.yaml"
GLOBAL_ID = re.compile(r"^GBF-(GOAL-[A-D]|TARGET-[0-9]{2})$")
# Fixed time stamp of zip members, so that the same commitments give the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


class OrtExportError(ValueError):
    """A commitment cannot be written as an ORT record; the message names it and the field."""


def _data_file(name: str) -> Path:
    return Path(str(resources.files("localgbf.reporting").joinpath("data", name)))


class Jurisdiction(BaseModel):
    model_config = ConfigDict(frozen=True)

    identifier: str
    needs_name: bool
    max_countries: int


class OrtTerms(BaseModel):
    """The identifiers and phrases the exporter writes (from `data/ort_terms.yaml`)."""

    model_config = ConfigDict(frozen=True)

    version: str
    schema_name: str = Field(alias="schema")
    languages: dict[str, str]
    jurisdictions: dict[str, Jurisdiction]
    jurisdiction_by_government_kind: dict[str, str]
    organization_type_other: str
    organization_type_labels: dict[str, Text]
    coverage_scope: str
    phrases: dict[str, Text]


def load_ort_terms(path: Path | None = None) -> OrtTerms:
    """Read the ORT terms file (the packaged one by default)."""
    file = path or _data_file(TERMS_FILE)
    raw = read_yaml(file)
    try:
        org = raw["organization_type"]
        terms = OrtTerms.model_validate(
            {
                **{k: raw[k] for k in ("version", "schema", "languages", "coverage_scope")},
                "jurisdictions": raw["jurisdictions"],
                "jurisdiction_by_government_kind": raw["jurisdiction_by_government_kind"],
                "organization_type_other": org["other"],
                "organization_type_labels": org["custom_value_by_government_kind"],
                "phrases": raw["phrases"],
            }
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"malformed ORT terms ({exc})") from exc
    for kind, key in terms.jurisdiction_by_government_kind.items():
        if key not in terms.jurisdictions:
            raise FrameworkDataError(
                str(file), f"names an unknown jurisdiction {key!r}", f"government kind {kind}"
            )
    return terms


@cache
def ort_terms() -> OrtTerms:
    return load_ort_terms()


def load_ort_schema(path: Path | None = None) -> dict[str, Any]:
    """The JSON Schema of the record (the packaged one by default)."""
    file = path or _data_file(SCHEMA_FILE)
    try:
        return dict(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise FrameworkDataError(str(file), f"is not a readable JSON schema ({exc})") from exc


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_ort_schema())


def schema_errors(document: Mapping[str, Any]) -> list[str]:
    """What makes `document` invalid against the packaged schema (empty when it is valid)."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]


# ------------------------------------------------------------------------------------ inputs


class OrtContact(BaseModel):
    """The government's designated official contact for CBD submissions."""

    model_config = ConfigDict(frozen=True)

    first_name: str
    last_name: str
    designation: Text
    department: Text
    organization: Text
    organization_acronym: Text | None = None
    address: Text
    city: Text
    state: Text
    postal_code: str
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...]
    websites: tuple[str, ...] = ()


class OrtReference(BaseModel):
    """A national target as the ORT knows it: its record identifier and revision."""

    model_config = ConfigDict(frozen=True)

    code: str
    identifier: str = ""
    version: str = ""


class OrtKpi(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: Text
    unit: str
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target: Decimal
    deadline: date | None = None


class OrtDocumentLink(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: Text
    url: str


class OrtCommitment(BaseModel):
    """One accepted commitment with everything its ORT record carries."""

    model_config = ConfigDict(frozen=True)

    identifier: str  # UUID, stable across versions of the commitment
    reference: str  # how localgbf names it in messages, e.g. "CNKMG-C1"
    government_code: str
    government_kind: str
    government_name: Text
    country_code: str  # ISO 3166-1 alpha-2 of the country
    contact: OrtContact | None
    title: Text
    description: Text
    timeline_start: date | None = None
    timeline_end: date | None = None
    is_open_ended: bool = False
    next_steps: Text | None = None
    performance: Text | None = None
    kpis: tuple[OrtKpi, ...] = ()
    endorsements: Text | None = None
    coverage_other: Text | None = None
    is_linked_to_nbsap: bool = False
    primary_global: str  # CBD thesaurus identifier, e.g. GBF-TARGET-12
    other_global: tuple[str, ...] = ()
    primary_national: OrtReference | None = None
    other_national: tuple[OrtReference, ...] = ()
    alignment_information: Text | None = None
    indicators: tuple[str, ...] = ()  # ORT indicator identifiers, e.g. GBF-INDICATOR-12.1
    funding_sources: tuple[str, ...] = ()  # keys of the funding_sources vocabulary
    funding_details: Text | None = None
    is_funding_sufficient: bool = False
    international_frameworks: Text | None = None
    partners: Text | None = None
    is_reporting_on_target15: bool = False
    target15_information: Text | None = None
    is_progress_tracked: bool = False
    progress_information: Text | None = None
    progress_tracking_url: str = ""
    implementation_strategies: Text | None = None
    additional_information: Text | None = None
    documents: tuple[OrtDocumentLink, ...] = ()


# ----------------------------------------------------------------------------------- writing


def _lstring(text: Text | None, terms: OrtTerms) -> dict[str, str] | None:
    if text is None:
        return None
    out = {
        terms.languages[lang]: value.strip()
        for lang, value in text.values.items()
        if lang in terms.languages and value.strip()
    }
    return out or None


def _rich(text: Text | None, terms: OrtTerms) -> dict[str, str] | None:
    """Plain text as the HTML a rich-text field holds: escaped, one paragraph per block."""
    plain = _lstring(text, terms)
    if plain is None:
        return None
    return {
        lang: "".join(
            f"<p>{html.escape(block.strip()).replace(chr(10), '<br>')}</p>"
            for block in re.split(r"\n\s*\n", value)
            if block.strip()
        )
        for lang, value in plain.items()
    }


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _kpi_line(kpi: OrtKpi, lang: str, terms: OrtTerms) -> str:
    def say(key: str) -> str:
        return terms.phrases[key].get(lang)

    parts = [f"{kpi.title.get(lang)} ({kpi.unit})" if kpi.unit else kpi.title.get(lang)]
    if kpi.baseline is not None:
        year = f" ({kpi.baseline_year})" if kpi.baseline_year else ""
        parts.append(f"{say('baseline')} {_number(kpi.baseline)}{year}")
    deadline = f" {say('by')} {kpi.deadline.isoformat()}" if kpi.deadline else ""
    parts.append(f"{say('target')} {_number(kpi.target)}{deadline}")
    return "; ".join(parts)


def _performance(commitment: OrtCommitment, terms: OrtTerms) -> Text | None:
    languages = _languages_of(commitment)
    values: dict[str, str] = {}
    for lang in languages:
        blocks = []
        if commitment.performance is not None and commitment.performance.has(lang):
            blocks.append(commitment.performance.get(lang))
        if commitment.kpis:
            lines = [f"- {_kpi_line(k, lang, terms)}" for k in commitment.kpis]
            blocks.append("\n".join([terms.phrases["kpis"].get(lang), *lines]))
        if blocks:
            values[lang] = "\n\n".join(blocks)
    return Text(values=values) if values else None


def _funding(commitment: OrtCommitment, terms: OrtTerms) -> Text | None:
    vocab = vocabulary("funding_sources")
    values: dict[str, str] = {}
    for lang in _languages_of(commitment):
        blocks = []
        if commitment.funding_sources:
            try:
                labels = [vocab.label(key, lang) for key in commitment.funding_sources]
            except UnknownTerm as exc:
                raise OrtExportError(f"{commitment.reference}: fundingSource: {exc}") from exc
            blocks.append(_labelled(terms.phrases["funding_sources"].get(lang), labels))
        if commitment.funding_details is not None and commitment.funding_details.has(lang):
            blocks.append(commitment.funding_details.get(lang))
        if blocks:
            values[lang] = "\n".join(blocks)
    return Text(values=values) if values else None


def _labelled(phrase: str, items: list[str]) -> str:
    """'Funding sources: a; b' (a full-width colon takes no space, as Chinese writes it)."""
    space = "" if phrase.endswith("：") else " "
    return f"{phrase}{space}{'; '.join(items)}"


def _languages_of(commitment: OrtCommitment) -> list[str]:
    """The languages the commitment is written in: those of its title."""
    return [lang for lang in commitment.title.values if commitment.title.values[lang].strip()]


def _country(code: str) -> dict[str, str]:
    return {"identifier": code.strip().lower()}


def _reference(ref: OrtReference, commitment: OrtCommitment, field: str) -> dict[str, Any]:
    if not ref.identifier:
        raise OrtExportError(
            f"{commitment.reference}: {field}: national target {ref.code} has no ORT record "
            "identifier; import the country's national targets from the ORT's JSON so that "
            "the commitment can point at the published record"
        )
    out: dict[str, Any] = {"identifier": ref.identifier}
    if ref.version:
        out["version"] = ref.version
    return out


def _require(commitment: OrtCommitment, field: str, value: object, why: str) -> None:
    if value in (None, "", (), []):
        raise OrtExportError(f"{commitment.reference}: {field}: {why}")


def _contact_block(
    commitment: OrtCommitment, terms: OrtTerms, jurisdiction: dict[str, Any]
) -> dict[str, Any]:
    contact = commitment.contact
    if contact is None:
        raise OrtExportError(
            f"{commitment.reference}: contact: {commitment.government_code} has no official "
            "contact for CBD submissions; an officer enters it on the government's profile"
        )
    custom = terms.organization_type_labels.get(commitment.government_kind)
    block: dict[str, Any] = {
        "firstName": contact.first_name.strip(),
        "lastName": contact.last_name.strip(),
        "designation": _lstring(contact.designation, terms),
        "department": _lstring(contact.department, terms),
        "organization": _lstring(contact.organization, terms),
        "organizationAcronym": _lstring(contact.organization_acronym, terms),
        "organizationType": {
            "identifier": terms.organization_type_other,
            "customValue": _lstring(custom, terms),
        },
        "address": _lstring(contact.address, terms),
        "city": _lstring(contact.city, terms),
        "state": _lstring(contact.state, terms),
        "postalCode": {
            lang: contact.postal_code.strip() for lang in _ort_languages(commitment, terms)
        },
        "country": _country(commitment.country_code),
        "phones": [p.strip() for p in contact.phones if p.strip()],
        "emails": [e.strip() for e in contact.emails if e.strip()],
        "websites": [{"url": url} for url in contact.websites if url.strip()],
        "jurisdiction": jurisdiction,
        "jurisdictionCountries": [_country(commitment.country_code)],
    }
    for field in ("firstName", "lastName", "emails", "postalCode"):
        _require(commitment, field, block[field], "the official contact has none")
    return block


def _ort_languages(commitment: OrtCommitment, terms: OrtTerms) -> list[str]:
    return [terms.languages[lang] for lang in _languages_of(commitment)]


def _jurisdiction(commitment: OrtCommitment, terms: OrtTerms) -> dict[str, Any]:
    key = terms.jurisdiction_by_government_kind.get(commitment.government_kind)
    if key is None:
        raise OrtExportError(
            f"{commitment.reference}: jurisdiction: a {commitment.government_kind} is not a "
            "stakeholder of the ORT (only cities, local authorities and regions export)"
        )
    term = terms.jurisdictions[key]
    out: dict[str, Any] = {"identifier": term.identifier}
    if term.needs_name:
        out["customValue"] = _lstring(commitment.government_name, terms)
    return out


def ort_document(commitment: OrtCommitment, terms: OrtTerms | None = None) -> dict[str, Any]:
    """The ORT `stakeholderCommitment` record of one accepted commitment.

    Raises `OrtExportError` naming the commitment and the field when something the ORT
    requires is missing (no official contact, a national target without an ORT identifier...).
    """
    terms = terms or ort_terms()
    c = commitment
    _require(c, "country", c.country_code, "the government has no country code")
    if not GLOBAL_ID.match(c.primary_global or ""):
        raise OrtExportError(
            f"{c.reference}: primaryGlobalAlignment: {c.primary_global!r} is not a KMGBF goal "
            "or target identifier (GBF-GOAL-A … GBF-TARGET-23)"
        )
    _require(c, "primaryNationalTarget", c.primary_national, "no national target is named")
    assert c.primary_national is not None
    doc: dict[str, Any] = {
        "header": {
            "identifier": c.identifier,
            "schema": terms.schema_name,
            "languages": _ort_languages(c, terms),
        },
        **_contact_block(c, terms, _jurisdiction(c, terms)),
        "title": _lstring(c.title, terms),
        "description": _rich(c.description, terms),
    }
    if c.is_open_ended:
        _require(c, "nextStepsInformation", c.next_steps, "an open-ended commitment needs them")
        doc["isOpenEnded"] = True
        doc["nextStepsInformation"] = _lstring(c.next_steps, terms)
    else:
        _require(c, "timelineStartDate", c.timeline_start, "give a start date or open-ended")
        assert c.timeline_start is not None
        doc["timelineStartDate"] = c.timeline_start.isoformat()
        if c.timeline_end is not None:
            if c.timeline_end < c.timeline_start:
                raise OrtExportError(f"{c.reference}: timelineEndDate: before the start date")
            doc["timelineEndDate"] = c.timeline_end.isoformat()
    doc["performanceInformation"] = _lstring(_performance(c, terms), terms)
    doc["endorsementsInformation"] = _lstring(c.endorsements, terms)
    doc["coverageScope"] = terms.coverage_scope
    doc["coverageCountries"] = [_country(c.country_code)]
    other = _lstring(c.coverage_other, terms)
    doc["coverageOther"] = [other] if other else None
    doc["isLinkedToNbsap"] = c.is_linked_to_nbsap
    if c.is_linked_to_nbsap:
        doc["linkedToNbsapCountries"] = [_country(c.country_code)]
    doc["primaryGlobalAlignment"] = {"identifier": c.primary_global}
    doc["primaryNationalTarget"] = _reference(c.primary_national, c, "primaryNationalTarget")
    others = [g for g in dict.fromkeys(c.other_global) if g != c.primary_global]
    bad = [g for g in others if not GLOBAL_ID.match(g)]
    if bad:
        raise OrtExportError(
            f"{c.reference}: otherGlobalAlignments: not KMGBF identifiers: {', '.join(bad)}"
        )
    doc["otherGlobalAlignments"] = [{"identifier": g} for g in others]
    doc["otherNationalTargets"] = [
        _reference(r, c, "otherNationalTargets")
        for r in c.other_national
        if r.code != c.primary_national.code
    ]
    doc["alignmentInformation"] = _lstring(c.alignment_information, terms)
    doc["indicators"] = [{"identifier": i} for i in dict.fromkeys(c.indicators)]
    doc["fundingSource"] = _lstring(_funding(c, terms), terms)
    doc["isFundingSufficient"] = c.is_funding_sufficient
    doc["internationalFrameworks"] = _lstring(c.international_frameworks, terms)
    _require(c, "partners", _lstring(c.partners, terms), "the ORT asks for the partners")
    doc["partners"] = _lstring(c.partners, terms)
    doc["isReportingOnTarget15"] = c.is_reporting_on_target15
    if c.is_reporting_on_target15:
        _require(c, "target15Information", c.target15_information, "needed when reporting")
        doc["target15Information"] = _lstring(c.target15_information, terms)
    doc["isProgressTracked"] = c.is_progress_tracked
    if c.is_progress_tracked:
        _require(c, "progressInformation", c.progress_information, "needed when tracked")
        doc["progressInformation"] = _lstring(c.progress_information, terms)
        if c.progress_tracking_url.strip():
            doc["progressTrackingUrl"] = {
                lang: c.progress_tracking_url.strip() for lang in _ort_languages(c, terms)
            }
    doc["implementationStrategies"] = _lstring(c.implementation_strategies, terms)
    doc["additionalInformation"] = _lstring(c.additional_information, terms)
    doc["additionalDocuments"] = [
        {"url": d.url, "name": d.title.get(_languages_of(c)[0])} for d in c.documents
    ]
    document = {k: v for k, v in doc.items() if v not in (None, [], {})}
    problems = schema_errors(document)
    if problems:
        raise OrtExportError(
            f"{c.reference}: the record does not match the ORT schema: {'; '.join(problems)}"
        )
    return document


# ------------------------------------------------------------------------------------- files


def ort_filename(commitment: OrtCommitment) -> str:
    """`<government>-<reference>-<first 8 of the identifier>.json`, safe on every system."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{commitment.reference}").strip("-")
    return f"{stem}-{commitment.identifier[:8]}.json"


def ort_json(document: Mapping[str, Any]) -> bytes:
    """The record as UTF-8 JSON (Chinese kept readable), with a final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def ort_zip(files: Iterable[tuple[str, Mapping[str, Any]]]) -> bytes:
    """A zip of the records, by file name; the same records give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, document in sorted(files, key=lambda item: item[0]):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, ort_json(document))
    return buffer.getvalue()
