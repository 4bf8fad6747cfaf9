"""Progress reports: start one for a period (pre-filled from the last one, evidence included),
record the KPI values with their units, attach evidence files.

A period whose report has been accepted is closed: a second report for it (or for a period
overlapping it) is refused. So is a period overlapping a report still being written or
reviewed — continue that one. Values are saved all at once or not at all; a value in another
unit than its KPI's is refused with both units named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from localgbf.frameworks.scales import scale
from localgbf.reporting.national_report import normalise_unit
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.models import (
    Commitment,
    Evidence,
    Kpi,
    ProgressReport,
    ProgressValue,
)
from localgbf.web.commitments.review import OPEN_STATES, ReviewState
from localgbf.web.commitments.services import editable
from localgbf.web.datasets.models import file_store
from localgbf.web.governments import audit


@dataclass(frozen=True)
class ValueInput:
    """A value for one KPI as a user typed it (text, so that the error can quote it)."""

    value: str
    unit: str
    note: str = ""


def _period(start: date, end: date) -> str:
    return f"{start.isoformat()} – {end.isoformat()}"


def _check_period(commitment: Commitment, start: date, end: date, exclude: int | None) -> None:
    if end < start:
        raise CommitmentError(
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"start": start.isoformat(), "end": end.isoformat()}
        )
    overlapping = commitment.reports.filter(period_start__lte=end, period_end__gte=start)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    accepted = overlapping.filter(state=ReviewState.ACCEPTED).first()
    if accepted is not None:
        raise CommitmentError(
            _(
                "The progress of %(ref)s for %(period)s is already accepted; a period is "
                "reported once. Choose a period after %(end)s."
            )
            % {
                "ref": commitment.reference,
                "period": _period(accepted.period_start, accepted.period_end),
                "end": accepted.period_end.isoformat(),
            }
        )
    open_report = overlapping.filter(state__in=OPEN_STATES).first()
    if open_report is not None:
        raise CommitmentError(
            _("A report for %(period)s is already %(state)s: continue with it.")
            % {
                "period": _period(open_report.period_start, open_report.period_end),
                "state": open_report.get_state_display().lower(),
            }
        )


@transaction.atomic
def start_report(
    commitment: Commitment, user: Any, *, period_start: date, period_end: date
) -> ProgressReport:
    """A draft report for the period, pre-filled from the commitment's last report."""
    _check_period(commitment, period_start, period_end, exclude=None)
    version = commitment.accepted_version() or commitment.latest_version()
    if version is None:
        raise CommitmentError(_("This commitment has no version yet."))
    last = commitment.reports.order_by("-period_end", "-pk").first()
    report = ProgressReport.objects.create(
        commitment=commitment,
        version=version,
        period_start=period_start,
        period_end=period_end,
        narrative=dict(last.narrative) if last else {},
        level=last.level if last else "",
        based_on=last,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if last is not None:
        kpis = {k.code: k for k in version.kpis.all()}
        for old in last.values.select_related("kpi"):
            kpi = kpis.get(old.kpi.code)
            if kpi is not None:
                ProgressValue.objects.create(
                    report=report, kpi=kpi, value=old.value, unit=old.unit, note=old.note
                )
        for item in last.evidence.all():
            Evidence.objects.create(
                report=report,
                title=item.title,
                filename=item.filename,
                sha256=item.sha256,
                size=item.size,
                uploaded_by=item.uploaded_by,
            )
    audit.record(
        user,
        "progress.start",
        report,
        after={
            "period": _period(period_start, period_end),
            "version": version.number,
            "prefilled_from": last.pk if last else None,
        },
    )
    return report


def _parse_value(kpi: Kpi, given: ValueInput) -> Decimal:
    try:
        value = Decimal(given.value.strip().replace(",", ""))
    except InvalidOperation:
        raise CommitmentError(
            _("KPI %(code)s, value: %(value)r is not a number.")
            % {"code": kpi.code, "value": given.value}
        ) from None
    if not value.is_finite():
        raise CommitmentError(_("KPI %(code)s, value: not a number.") % {"code": kpi.code})
    return value


def _check_unit(kpi: Kpi, given: ValueInput) -> str:
    unit = " ".join(given.unit.split()) or kpi.unit
    if normalise_unit(unit) != normalise_unit(kpi.unit):
        raise CommitmentError(
            _(
                "KPI %(code)s, unit: the value is given in %(given)s, but the KPI is measured "
                "in %(unit)s. Convert it to %(unit)s."
            )
            % {"code": kpi.code, "given": unit, "unit": kpi.unit}
        )
    return kpi.unit


@transaction.atomic
def save_progress(
    report: ProgressReport,
    user: Any,
    *,
    narrative: dict[str, str],
    level: str,
    values: Mapping[str, ValueInput],
) -> ProgressReport:
    """Replace the report's narrative, level and values (by KPI code); all or nothing."""
    editable(report)
    levels = scale("progress").keys()
    if level and level not in levels:
        raise CommitmentError(
            _("%(level)s is not a level of progress; use one of %(keys)s.")
            % {"level": level, "keys": ", ".join(levels)}
        )
    kpis = {k.code: k for k in report.version.kpis.all()}
    unknown = sorted(set(values) - set(kpis))
    if unknown:
        raise CommitmentError(
            _("%(codes)s: no such KPI in version %(number)s of the commitment.")
            % {"codes": ", ".join(unknown), "number": report.version.number}
        )
    parsed = []
    problems = []
    for code, given in values.items():
        if not given.value.strip():
            continue
        kpi = kpis[code]
        try:
            parsed.append((kpi, _parse_value(kpi, given), _check_unit(kpi, given), given.note))
        except CommitmentError as exc:
            problems.append(str(exc))
    if problems:
        raise CommitmentError(" ".join(problems))
    before = {
        "level": report.level,
        "values": {v.kpi.code: str(v.value) for v in report.values.select_related("kpi")},
    }
    report.narrative = narrative
    report.level = level
    report.save(update_fields=["narrative", "level", "updated_at"])
    report.values.all().delete()
    for kpi, value, unit, note in parsed:
        ProgressValue.objects.create(report=report, kpi=kpi, value=value, unit=unit, note=note)
    audit.record(
        user,
        "progress.edit",
        report,
        before=before,
        after={"level": level, "values": {k.code: str(v) for k, v, _u, _n in parsed}},
    )
    return report


def add_evidence(report: ProgressReport, user: Any, upload: UploadedFile, title: str) -> Evidence:
    """Keep the file once in the content-addressed store and attach it to the report."""
    editable(report)
    name = Path(upload.name or "evidence").name
    stored = file_store().put(upload, name, max_bytes=settings.LOCALGBF_MAX_UPLOAD_BYTES)
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                report=report,
                title=title.strip(),
                filename=name,
                sha256=stored.sha256,
                size=stored.size,
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            )
            audit.record(user, "progress.evidence_add", evidence, government=report.government)
    except BaseException:
        if stored.created:
            stored.path.unlink(missing_ok=True)
        raise
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, user: Any) -> None:
    """Detach a file from a report (the bytes stay in the store: other records may use them)."""
    editable(evidence.report)
    audit.record(
        user,
        "progress.evidence_remove",
        evidence,
        government=evidence.report.government,
        before={"filename": evidence.filename, "sha256": evidence.sha256},
    )
    evidence.delete()


def evidence_path(evidence: Evidence) -> Path:
    return file_store().path_for(evidence.sha256, evidence.filename)
