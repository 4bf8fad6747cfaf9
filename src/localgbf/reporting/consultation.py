"""The record of a consultation on national targets: inputs, responses, the targets' diff.

Pure: the web app gathers a `ConsultationRecord` (plain data: texts as {"en", "zh-hans"}
mappings, evidence as labels with addresses) and these functions turn it into a bilingual PDF
or an XLSX workbook. `targets_diff` compares two versions of national targets by code.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from localgbf import __version__
from localgbf.frameworks.errors import FrameworkDataError
from localgbf.frameworks.resources import read_yaml
from localgbf.reporting.pdf import CJKFont, ReportDocument

LANGUAGES: tuple[str, ...] = ("en", "zh-hans")
Bilingual = Mapping[str, str]


@cache
def _labels() -> dict[str, dict[str, str]]:
    file = Path(
        str(resources.files("localgbf.reporting").joinpath("data", "participation_labels.yaml"))
    )
    raw = read_yaml(file)
    try:
        items = raw["labels"].items()
        labels = {str(k): {lang: str(v[lang]) for lang in LANGUAGES} for k, v in items}
        odd = [str(k) for k, v in items if set(v) != set(LANGUAGES)]
    except (KeyError, AttributeError, TypeError) as exc:
        raise FrameworkDataError(str(file), f"malformed labels ({exc})") from exc
    if odd:
        raise FrameworkDataError(
            str(file), f"labels with keys other than {', '.join(LANGUAGES)}: {', '.join(odd)}"
        )
    return labels


def t(key: str, lang: str = "en", **values: object) -> str:
    text = _labels()[key][lang]
    return text.format(**values) if values else text


def both(key: str, **values: object) -> str:
    """A label in both languages: 'Inputs / 意见'."""
    en, zh = t(key, "en", **values), t(key, "zh-hans", **values)
    return en if en == zh else f"{en} / {zh}"


def text_both(value: Bilingual | None, sep: str = " / ") -> str:
    """A text in English and Chinese (once when the two are equal or one is missing)."""
    shown = [str(value[lang]) for lang in LANGUAGES if value and value.get(lang)]
    return sep.join(dict.fromkeys(shown))


@dataclass(frozen=True)
class TargetText:
    """A national target of one version: its code, title and text in each language."""

    code: str
    title: Bilingual
    text: Bilingual = field(default_factory=dict)


@dataclass(frozen=True)
class DiffRow:
    code: str
    change: str  # added, removed, changed, unchanged, proposed
    before: Bilingual = field(default_factory=dict)
    after: Bilingual = field(default_factory=dict)


def _wording(target: TargetText) -> dict[str, str]:
    return {
        lang: " — ".join(p for p in (target.title.get(lang), target.text.get(lang)) if p)
        for lang in LANGUAGES
        if target.title.get(lang) or target.text.get(lang)
    }


def targets_diff(before: Sequence[TargetText], after: Sequence[TargetText]) -> list[DiffRow]:
    """Targets of `after` against `before`, matched by code, in the order of `before` and then
    the new codes in the order of `after`. A target changes when its title or text changes in
    any language."""
    old = {t.code: t for t in before}
    new = {t.code: t for t in after}
    rows = []
    for code, target in old.items():
        if code not in new:
            rows.append(DiffRow(code, "removed", before=_wording(target)))
            continue
        a, b = _wording(target), _wording(new[code])
        rows.append(DiffRow(code, "unchanged" if a == b else "changed", before=a, after=b))
    rows += [DiffRow(c, "added", after=_wording(t)) for c, t in new.items() if c not in old]
    return rows


@dataclass(frozen=True)
class EvidenceRef:
    label: str
    url: str


@dataclass(frozen=True)
class InputRow:
    number: int
    target_code: str  # empty for a proposed new target
    stance: str  # support, change, new
    author: Bilingual
    text: str
    language: str
    submitted_on: date
    proposal: str = ""
    evidence: tuple[EvidenceRef, ...] = ()
    response: str = ""  # accepted, partly, not_accepted, or empty
    response_reason: str = ""


@dataclass(frozen=True)
class ConsultationRecord:
    title: Bilingual
    country: Bilingual
    country_code: str
    framework_version: str
    opens_on: date
    closes_on: date
    status: str  # open, closed, scheduled
    generated_on: date
    questions: Mapping[str, Sequence[str]] = field(default_factory=dict)
    result_version: str = ""
    inputs: tuple[InputRow, ...] = ()
    diff: tuple[DiffRow, ...] = ()
    consulted: tuple[TargetText, ...] = ()  # the targets as consulted on
    is_demo: bool = False
    url: str = ""

    @property
    def answered(self) -> int:
        return sum(1 for i in self.inputs if i.response)

    @property
    def taken_up(self) -> int:
        return sum(1 for i in self.inputs if i.response in ("accepted", "partly"))

    def changes(self) -> list[DiffRow]:
        """The diff when a resulting version exists, otherwise the proposals taken up."""
        if self.result_version:
            return [d for d in self.diff if d.change != "unchanged"]
        current = {t.code: _wording(t) for t in self.consulted}
        return [
            DiffRow(
                i.target_code or "+",
                "proposed",
                before=current.get(i.target_code, {}),
                after={i.language: i.proposal or i.text},
            )
            for i in self.inputs
            if i.response in ("accepted", "partly")
        ]


def _response(row: InputRow, lang: str) -> str:
    return t(row.response, lang) if row.response else t("no_response", lang)


def _evidence(row: InputRow) -> str:
    return "\n".join(f"{e.label} <{e.url}>" for e in row.evidence)


def _summary(record: ConsultationRecord, lang: str) -> str:
    return t(
        "inputs_count",
        lang,
        n=len(record.inputs),
        answered=record.answered,
        taken=record.taken_up,
    )


def consultation_xlsx(record: ConsultationRecord) -> bytes:
    """The record as a workbook: the consultation, its inputs and responses, the changes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)

    def sheet(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        ws = book.create_sheet(title[:31])
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DCFCE7")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            ws.append(list(row))
        ws.freeze_panes = "A2"
        for index in range(len(header)):
            ws.column_dimensions[ws.cell(row=1, column=index + 1).column_letter].width = 26

    facts: list[list[str]] = [
        [both("consultation"), record.title.get("en", ""), record.title.get("zh-hans", "")],
        [both("country"), record.country.get("en", ""), record.country.get("zh-hans", "")],
        [both("period"), f"{record.opens_on} – {record.closes_on}", ""],
        [both("status"), t(record.status, "en"), t(record.status, "zh-hans")],
        [both("version_consulted"), record.framework_version, ""],
        [
            both("version_resulting"),
            record.result_version or t("none_yet", "en"),
            record.result_version or t("none_yet", "zh-hans"),
        ],
        [both("summary"), _summary(record, "en"), _summary(record, "zh-hans")],
    ]
    for lang_index, lang in enumerate(LANGUAGES):
        for q in record.questions.get(lang, ()):
            facts.append(
                [both("questions"), q, ""] if lang_index == 0 else [both("questions"), "", q]
            )
    if record.is_demo:
        facts.append(["", t("demo", "en"), t("demo", "zh-hans")])
    sheet("Consultation 征求意见", [both("field"), t("english"), t("chinese", "zh-hans")], facts)
    sheet(
        "Inputs 意见",
        [
            both("number"),
            both("target"),
            both("input"),
            both("from"),
            both("language"),
            both("comment"),
            both("proposal"),
            both("evidence"),
            both("submitted"),
            both("response"),
            both("reasons"),
        ],
        [
            [
                i.number,
                i.target_code or both("new_target"),
                both(i.stance),
                text_both(i.author),
                i.language,
                i.text,
                i.proposal,
                _evidence(i),
                i.submitted_on.isoformat(),
                both(i.response) if i.response else both("no_response"),
                i.response_reason,
            ]
            for i in record.inputs
        ],
    )
    sheet(
        "Changes 变化",
        [
            both("target"),
            both("status"),
            *[f"{t('before')} ({lang})" for lang in LANGUAGES],
            *[f"{t('after')} ({lang})" for lang in LANGUAGES],
        ],
        [
            [
                d.code,
                both(d.change),
                *[d.before.get(lang, "") for lang in LANGUAGES],
                *[d.after.get(lang, "") for lang in LANGUAGES],
            ]
            for d in record.changes()
        ],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def consultation_pdf(record: ConsultationRecord, *, font: CJKFont) -> bytes:
    """The record as an A4 PDF, every heading and label in English and Chinese."""
    doc = ReportDocument(font, title=record.title.get("en") or record.title.get("zh-hans", ""))
    doc.title(
        text_both(record.title, "\n"), f"{both('consultation')} · {text_both(record.country)}"
    )
    if record.is_demo:
        doc.paragraph(f"{t('demo', 'en')}\n{t('demo', 'zh-hans')}", muted=True)
    doc.key_values(
        [
            (both("period"), f"{record.opens_on.isoformat()} – {record.closes_on.isoformat()}"),
            (both("status"), both(record.status)),
            (both("version_consulted"), record.framework_version),
            (both("version_resulting"), record.result_version or both("none_yet")),
            (both("summary"), f"{_summary(record, 'en')}\n{_summary(record, 'zh-hans')}"),
        ]
    )
    if any(record.questions.get(lang) for lang in LANGUAGES):
        doc.heading(both("questions"), 2)
        for lang in LANGUAGES:
            for q in record.questions.get(lang, ()):
                doc.paragraph(f"• {q}")
    doc.heading(both("inputs"))
    for i in record.inputs:
        doc.heading(
            f"{i.number}. {i.target_code or both('new_target')} · {both(i.stance)} · "
            f"{text_both(i.author)}",
            2,
        )
        pairs = [(both("comment"), i.text)]
        if i.proposal:
            pairs.append((both("proposal"), i.proposal))
        if i.evidence:
            pairs.append((both("evidence"), _evidence(i)))
        pairs += [
            (both("submitted"), i.submitted_on.isoformat()),
            (both("response"), f"{_response(i, 'en')} / {_response(i, 'zh-hans')}"),
        ]
        if i.response_reason:
            pairs.append((both("reasons"), i.response_reason))
        doc.key_values(pairs, size=8.5)
    changes = record.changes()
    doc.heading(both("diff"))
    if not record.result_version:
        doc.paragraph(f"{t('diff_none', 'en')}\n{t('diff_none', 'zh-hans')}", muted=True)
    if changes:
        doc.table(
            [both("target"), both("status"), both("before"), both("after")],
            [
                [d.code, both(d.change), text_both(d.before, "\n"), text_both(d.after, "\n")]
                for d in changes
            ],
            widths=(12, 16, 36, 36),
        )
    generated = record.generated_on.isoformat()
    doc.footer_note(
        f"{t('generated', 'en', version=__version__, date=generated)} "
        f"{t('generated', 'zh-hans', version=__version__, date=generated)}"
        + (f"\n{record.url}" if record.url else "")
    )
    return doc.output()
