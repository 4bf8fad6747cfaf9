"""Singapore Index assessments in the database, with band tables and computed values.

An assessment row holds the engine's pure model (`localgbf.index.assessment.Assessment`) as
JSON and checks it through that model whenever it is loaded or saved; the status is mirrored in
a column so that lists can filter on it. `version` grows by one on every save: a change made
from an older version is refused (see `services.change`), so two officers never silently
overwrite each other.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as PydanticValidationError

from localgbf.index import assessment as si
from localgbf.index.bands import BandTable
from localgbf.provenance import IndicatorValue


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


class AssessmentDataError(ValueError):
    """Stored assessment data that the engine's model refuses, or that contradicts its row."""


class Assessment(models.Model):
    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.PROTECT,
        related_name="si_assessments",
        verbose_name=_("government"),
    )
    edition = models.CharField(_("edition"), max_length=8)
    reference_year = models.PositiveSmallIntegerField(_("reference year"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        db_index=True,
    )
    data = models.JSONField(_("assessment data"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-reference_year", "edition", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "edition", "reference_year"],
                name="si_assessment_once_per_year",
            )
        ]
        verbose_name = _("Singapore Index assessment")
        verbose_name_plural = _("Singapore Index assessments")

    def __str__(self) -> str:
        return f"{self.government.code} · Singapore Index {self.edition} · {self.reference_year}"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    def pure(self) -> si.Assessment:
        """The stored data as the engine's model, checked against this row."""
        return self.check_data(self.data)

    def check_data(self, data: Any) -> si.Assessment:
        try:
            model = si.Assessment.model_validate(data)
        except PydanticValidationError as exc:
            raise AssessmentDataError(
                f"assessment {self.pk}: the stored data is not a valid assessment ({exc})"
            ) from exc
        expected = (self.government.code, self.edition, self.reference_year, self.status)
        found = (model.government, model.edition, model.reference_year, model.status)
        if expected != found:
            raise AssessmentDataError(
                f"assessment {self.pk}: the data says {found} but the row says {expected}"
            )
        return model

    def clean(self) -> None:
        try:
            self.check_data(self.data)
        except AssessmentDataError as exc:
            raise ValidationError({"data": str(exc)}) from exc

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_data(self.data)
        super().save(*args, **kwargs)


class BandTableVersion(models.Model):
    """A band table a network administrator imported; the newest of an edition scores.

    `table` is the effective table from then on: the previous one with the file's indicators
    laid over it (`BandTable.overlay`), so that every version can be scored with on its own.
    """

    edition = models.CharField(_("edition"), max_length=8, db_index=True)
    version = models.CharField(_("version"), max_length=120)
    source = models.TextField(_("source"))
    indicators = models.JSONField(_("indicators in the file"), default=list)
    table = models.JSONField(_("band table"))
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "version"], name="si_band_table_version")
        ]
        verbose_name = _("band table version")
        verbose_name_plural = _("band table versions")

    def __str__(self) -> str:
        return f"{self.edition} · {self.version}"

    def band_table(self) -> BandTable:
        return BandTable.model_validate(self.table)


class ComputationSource(models.TextChoices):
    JOB = "job", _("Background job")
    BATCH = "batch", _("Batch run")


class ComputationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be taken into an assessment")
    TAKEN = "taken", _("Taken into an assessment")
    DISMISSED = "dismissed", _("Dismissed")


class ComputationRecord(models.Model):
    """An indicator value computed from data for a government, waiting for an officer.

    The spatial, species, batch and connector features add these through
    `services.add_computations`; an officer takes one into a draft assessment, where it waits
    for confirmation and never overwrites a confirmed value.
    """

    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="si_computations",
        verbose_name=_("government"),
    )
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    value = models.JSONField(_("computed value"))
    source = models.CharField(_("source"), max_length=12, choices=ComputationSource.choices)
    job = models.ForeignKey(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("job"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ComputationStatus.choices,
        default=ComputationStatus.PENDING,
        db_index=True,
    )
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="computations",
        verbose_name=_("assessment"),
    )
    created_at = models.DateTimeField(_("computed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["indicator", "-created_at", "-pk"]
        verbose_name = _("computation record")
        verbose_name_plural = _("computation records")

    def __str__(self) -> str:
        method = f"{self.value.get('method_id')} {self.value.get('method_version')}"
        return f"{self.government.code} · indicator {self.indicator} · {method}"

    def indicator_value(self) -> IndicatorValue:
        return IndicatorValue.model_validate(self.value)


class ScoreCardFile(models.Model):
    """A score card rendered in the background (PDF), kept in the file store by checksum.

    `digest` is the SHA-256 of the score card it shows: a change to the assessment, its
    baseline or the band table gives a new digest, hence a new file.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scorecard_files"
    )
    digest = models.CharField(max_length=64)
    format = models.CharField(max_length=8)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "digest", "format"], name="si_scorecard_file_once"
            )
        ]
        verbose_name = _("score card file")
        verbose_name_plural = _("score card files")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.format} · {self.digest[:12]}"
