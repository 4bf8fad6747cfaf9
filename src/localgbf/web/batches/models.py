"""Batch assessments of a country's governments, launched from the country's national layers.

A `BatchRun` is one launch: which uploaded layers and options, which governments, and the job
that runs it on Dask (`localgbf.batch`). A `BatchItem` is one government's outcome: its result
document (what `localgbf assess --json` prints), or the error that stopped it, and how many
values it pre-filled as computation records of the government's assessments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from localgbf.web.governments.models import Government


class BatchRun(models.Model):
    country = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="batch_runs",
        verbose_name=_("country"),
    )
    landcover = models.ForeignKey(
        "datasets.Dataset",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("national land cover"),
    )
    boundaries = models.ForeignKey(
        "datasets.Dataset",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("government outlines"),
    )
    occurrences = models.ForeignKey(
        "datasets.Dataset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("species occurrences"),
    )
    checklist = models.ForeignKey(
        "datasets.Dataset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("species checklist"),
    )
    inputs = models.JSONField(
        _("inputs as launched"),
        default=list,
        help_text=_(
            "Role, title, file name and checksum of every layer, kept even if a dataset is deleted."
        ),
    )
    code_field = models.CharField(_("code field"), max_length=100)
    name_field = models.CharField(_("name field"), max_length=100, blank=True)
    class_map = models.CharField(_("class map"), max_length=60)
    edition = models.CharField(_("Singapore Index edition"), max_length=10, default="2021")
    year_from = models.PositiveSmallIntegerField(_("survey from"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("survey to"), null=True, blank=True)
    codes = models.JSONField(_("governments asked for"), default=list)
    job = models.OneToOneField(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="batch_run",
        verbose_name=_("job"),
    )
    cluster = models.CharField(_("ran on"), max_length=200, blank=True)
    seconds = models.FloatField(_("wall time (s)"), null=True, blank=True)
    not_found = models.JSONField(_("governments without an outline"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("launched by"),
    )
    created_at = models.DateTimeField(_("launched"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("batch assessment")
        verbose_name_plural = _("batch assessments")

    def __str__(self) -> str:
        return f"{self.country.code} batch #{self.pk}"

    def tally(self) -> dict[str, int]:
        """Governments per outcome and values pre-filled (reads the prefetched items)."""
        items = list(self.items.all())
        return {
            "governments": len(items),
            "done": sum(i.status != ItemStatus.FAILED for i in items),
            "failed": sum(i.status == ItemStatus.FAILED for i in items),
            "records": sum(i.records for i in items),
        }

    @property
    def government(self) -> Government:
        """The country: what the audit log files a batch under."""
        return self.country


class ItemStatus(models.TextChoices):
    DONE = "done", _("Assessed")
    SKIPPED = "skipped", _("Kept from an earlier attempt")
    FAILED = "failed", _("Failed")


class BatchItem(models.Model):
    batch = models.ForeignKey(
        BatchRun, on_delete=models.CASCADE, related_name="items", verbose_name=_("batch")
    )
    code = models.CharField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    government = models.ForeignKey(
        "governments.Government",
        null=True,
        on_delete=models.SET_NULL,
        related_name="batch_items",
        verbose_name=_("government"),
    )
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices)
    error = models.TextField(_("error"), blank=True)
    seconds = models.FloatField(_("time (s)"), null=True, blank=True)
    peak_mib = models.FloatField(_("worker memory peak (MiB)"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    records = models.PositiveIntegerField(_("values pre-filled"), default=0)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "code"], name="batch_item_once_per_code")
        ]
        verbose_name = _("batch result")
        verbose_name_plural = _("batch results")

    def __str__(self) -> str:
        return f"{self.code} · {self.get_status_display()}"
