"""Workflow rules of Singapore Index assessments that are not a model method.

Every change to an assessment goes through `change()`: it applies one operation of the engine
(`localgbf.index.assessment`) to the assessment as the officer saw it, refuses the change when
someone saved a newer version meanwhile, stores the result checked through the engine's model,
and writes the audit entry, all in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from localgbf.index import assessment as si
from localgbf.index.bands import BandTable, default_band_table
from localgbf.index.rescore import ScoreDifference, apply_rescore, rescore_preview
from localgbf.index.scorecard import ScoreCard, build_scorecard
from localgbf.index.scoring import check_value
from localgbf.index.totals import baseline_of
from localgbf.provenance import IndicatorValue
from localgbf.web.assessments.models import (
    Assessment,
    AssessmentStatus,
    BandTableVersion,
    ComputationRecord,
    ComputationSource,
    ComputationStatus,
)
from localgbf.web.governments import audit
from localgbf.web.governments.models import AuditEntry, Government

Operation = Callable[[si.Assessment], si.Assessment]


class AssessmentConflict(Exception):
    """A change made from a version of the assessment that is no longer the current one."""


class DuplicateAssessment(ValueError):
    pass


class ComputationError(ValueError):
    """A computed value that cannot be recorded or taken into an assessment."""


def by_name(user: Any) -> str:
    """How a person is named inside the assessment data (who entered, who confirmed)."""
    return str(user.get_username())


def current_band_version(edition: str) -> BandTableVersion | None:
    """The newest band table imported for `edition`, or None when the packaged one applies."""
    return BandTableVersion.objects.filter(edition=edition).order_by("-pk").first()


def current_band_table(edition: str) -> BandTable:
    """The band table that scores `edition` from now on."""
    row = current_band_version(edition)
    return row.band_table() if row is not None else default_band_table(edition)


def starting_profile(government: Government) -> si.CityProfile:
    """Part I, begun with what the platform already knows about the government."""
    parent = government.parent.display_name("en") if government.parent else None
    return si.CityProfile(
        location=parent,
        area_km2=float(government.area_km2) if government.area_km2 is not None else None,
        population=government.population,
    )


def create_assessment(
    government: Government, *, edition: str, reference_year: int, user: Any
) -> Assessment:
    taken = Assessment.objects.filter(
        government=government, edition=edition, reference_year=reference_year
    )
    duplicate = _(
        "%(government)s already has an assessment for %(year)s in the %(edition)s edition."
    ) % {"government": government, "year": reference_year, "edition": edition}
    if taken.exists():
        raise DuplicateAssessment(duplicate)
    pure = si.new_assessment(
        government.code,
        reference_year,
        edition=edition,
        profile=starting_profile(government),
    )
    try:
        with transaction.atomic():
            row = Assessment.objects.create(
                government=government,
                edition=edition,
                reference_year=reference_year,
                status=AssessmentStatus.DRAFT,
                data=pure.model_dump(mode="json"),
                created_by=user,
            )
            audit.record(
                user,
                "assessment.create",
                row,
                after={"edition": edition, "reference_year": reference_year, "version": 1},
            )
    except IntegrityError:
        raise DuplicateAssessment(duplicate) from None
    return row


def _conflict(row: Assessment) -> AssessmentConflict:
    last = (
        AuditEntry.objects.filter(object_type=Assessment._meta.label, object_id=str(row.pk))
        .select_related("actor")
        .first()
    )
    who = (last.actor.get_full_name() or last.actor.get_username()) if last and last.actor else "?"
    when = timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M") if last else "?"
    return AssessmentConflict(
        _(
            "Your change was not saved: %(who)s saved this assessment at %(when)s, after you "
            "opened the page. The page now shows the current version; check it and make your "
            "change again."
        )
        % {"who": who, "when": when}
    )


def _audit_view(pure: si.Assessment, indicator: int | None, version: int) -> dict[str, Any]:
    out: dict[str, Any] = {"version": version, "status": pure.status}
    if indicator is not None:
        out["indicator"] = indicator
        out["entry"] = pure.entry(indicator).model_dump(mode="json")
    return out


def change(
    row: Assessment,
    operation: Operation,
    *,
    expected_version: int,
    user: Any,
    action: str,
    indicator: int | None = None,
    audit_extra: dict[str, Any] | None = None,
) -> Assessment:
    """Apply `operation` to the assessment as it was at `expected_version`, and save it.

    Raises `AssessmentConflict` when the stored version is newer, and the engine's
    `IndexInputError` when the operation refuses its input; nothing is saved then.
    """
    if expected_version != row.version:
        raise _conflict(row)
    before = row.pure()
    after = operation(before)
    checked = si.Assessment.model_validate(after.model_dump(mode="json"))
    now = timezone.now()
    fields: dict[str, Any] = {
        "data": checked.model_dump(mode="json"),
        "status": checked.status,
        "version": F("version") + 1,
        "updated_at": now,
    }
    if checked.status == AssessmentStatus.COMPLETED and before.status != checked.status:
        fields |= {"completed_by": user, "completed_at": now}
    with transaction.atomic():
        saved = Assessment.objects.filter(pk=row.pk, version=expected_version).update(**fields)
        if not saved:
            raise _conflict(row)
        row.refresh_from_db()
        row.pure()
        audit.record(
            user,
            f"assessment.{action}",
            row,
            before=_audit_view(before, indicator, expected_version),
            after=_audit_view(checked, indicator, row.version) | (audit_extra or {}),
        )
    return row


# --- computed values -------------------------------------------------------------------------


def add_computations(
    government: Government,
    values: Iterable[IndicatorValue],
    source: str,
    job: Any = None,
) -> list[ComputationRecord]:
    """Record values computed from data for `government`; officers take them into a draft.

    All or nothing: a value with an unknown indicator, a unit that is not the indicator's or a
    value outside its physical range refuses the whole batch. `source` is "job" or "batch";
    `job` is the background job that computed them, when there is one.
    """
    if source not in ComputationSource.values:
        known = ", ".join(ComputationSource.values)
        raise ComputationError(f"unknown computation source {source!r}; use one of {known}")
    checked = list(values)
    for value in checked:
        if not isinstance(value, IndicatorValue):
            raise ComputationError(f"expected IndicatorValue objects, got {type(value).__name__}")
        si.resolve_unit(value.indicator, value.unit, edition=si.COMPUTED_EDITION)
        if value.value is not None:
            check_value(value.indicator, value.value, edition=si.COMPUTED_EDITION)
    actor = getattr(job, "created_by", None)
    records = []
    with transaction.atomic():
        for value in checked:
            record = ComputationRecord.objects.create(
                government=government,
                indicator=value.indicator,
                value=value.model_dump(mode="json"),
                source=source,
                job=job,
            )
            audit.record(
                actor,
                "computation.add",
                record,
                after={"indicator": value.indicator, "value": value.value, "source": source},
            )
            records.append(record)
    return records


def pending_computations(government: Government) -> list[ComputationRecord]:
    return list(
        ComputationRecord.objects.filter(government=government, status=ComputationStatus.PENDING)
    )


def take_computation(
    record: ComputationRecord, row: Assessment, *, expected_version: int, user: Any
) -> Assessment:
    """Take a pending computed value into a draft; it waits there for confirmation."""
    if record.government_id != row.government_id:
        raise ComputationError(_("This computed value belongs to another government."))
    bands = current_band_table(row.edition)
    value = record.indicator_value()
    with transaction.atomic():
        taken = ComputationRecord.objects.filter(
            pk=record.pk, status=ComputationStatus.PENDING
        ).update(
            status=ComputationStatus.TAKEN,
            assessment=row,
            decided_by=user,
            decided_at=timezone.now(),
        )
        if not taken:
            raise ComputationError(_("This computed value has already been taken or dismissed."))
        row = change(
            row,
            lambda a: si.record_computed(a, value, bands=bands),
            expected_version=expected_version,
            user=user,
            action="take_computed",
            indicator=value.indicator,
            audit_extra={"computation": record.pk},
        )
    return row


def dismiss_computation(record: ComputationRecord, *, user: Any) -> None:
    with transaction.atomic():
        dismissed = ComputationRecord.objects.filter(
            pk=record.pk, status=ComputationStatus.PENDING
        ).update(status=ComputationStatus.DISMISSED, decided_by=user, decided_at=timezone.now())
        if not dismissed:
            raise ComputationError(_("This computed value has already been taken or dismissed."))
        record.refresh_from_db()
        audit.record(
            user,
            "computation.dismiss",
            record,
            before={"status": ComputationStatus.PENDING},
            after={"status": ComputationStatus.DISMISSED},
        )


# --- score cards and rescoring ---------------------------------------------------------------


def baseline_for(row: Assessment) -> Assessment | None:
    """The government's baseline (its first completed assessment of the edition), when it
    comes before `row`; None for the baseline itself and for earlier assessments."""
    completed = Assessment.objects.filter(
        government=row.government, edition=row.edition, status=AssessmentStatus.COMPLETED
    ).select_related("government")
    rows = {r.reference_year: r for r in completed}
    first = baseline_of(
        [r.pure() for r in rows.values()], government=row.government.code, edition=row.edition
    )
    if first is None or first.reference_year >= row.reference_year:
        return None
    return rows[first.reference_year]


def government_label(government: Government) -> str:
    """The government's name in English and Chinese, as bilingual score cards show it."""
    en, zh = government.display_name("en"), government.display_name("zh-hans")
    return en if en == zh else f"{en} · {zh}"


def scorecard_for(row: Assessment) -> tuple[ScoreCard, Assessment | None]:
    """The score card of `row` against its baseline, naming the government rather than its code."""
    baseline = baseline_for(row)
    card = build_scorecard(row.pure(), baseline=baseline.pure() if baseline else None)
    return card.model_copy(update={"government": government_label(row.government)}), baseline


def latest_completed(government: Government) -> tuple[Assessment, ScoreCard] | None:
    """The government's most recent completed assessment and its score card, if any.

    For other apps (the plans' assessment step): completed assessments are public, so this
    needs no user.
    """
    row = (
        Assessment.objects.filter(government=government, status=AssessmentStatus.COMPLETED)
        .select_related("government")
        .order_by("-reference_year", "-pk")
        .first()
    )
    if row is None:
        return None
    return row, scorecard_for(row)[0]


def scorecard_digest(card: ScoreCard) -> str:
    text = json.dumps(card.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rescore_differences(row: Assessment) -> tuple[ScoreDifference, ...]:
    """What the current band table would change in a draft (nothing for a completed one)."""
    if not row.is_draft:
        return ()
    return rescore_preview(row.pure(), current_band_table(row.edition))


def rescore(
    row: Assessment, indicators: Iterable[int], *, expected_version: int, user: Any
) -> Assessment:
    table = current_band_table(row.edition)
    chosen = sorted(set(indicators))
    return change(
        row,
        lambda a: apply_rescore(a, table, indicators=chosen),
        expected_version=expected_version,
        user=user,
        action="rescore",
        audit_extra={"indicators": chosen, "band_table": table.version},
    )
