"""A government's species data: imports into its species store, fetches from GBIF and
iNaturalist, and the summary its species page shows.

The records themselves live in the government's species store (a folder of Parquet files kept
by `localgbf.species`, under `<LOCALGBF_FILE_STORE>/species/<code>/`); these rows say who
brought what, when, with which result, and keep the citation of every fetched data set.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    OCCURRENCES = "occurrences", _("Occurrence records")
    CHECKLIST = "checklist", _("Checklist")


class SpeciesImport(models.Model):
    """One uploaded file (a dataset) imported into the species store, all or nothing."""

    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="species_imports",
        verbose_name=_("government"),
    )
    dataset = models.ForeignKey(
        "datasets.Dataset", on_delete=models.PROTECT, related_name="species_imports"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    format = models.CharField(_("format"), max_length=20, blank=True)
    job = models.OneToOneField(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="species_import"
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    store_entry = models.CharField(_("store entry"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("species import")
        verbose_name_plural = _("species imports")

    def __str__(self) -> str:
        return f"{self.government.code} · {self.dataset.filename}"

    @property
    def status(self) -> str:
        if self.result is not None:
            return "succeeded"
        return self.job.status if self.job is not None else "queued"


class Service(models.TextChoices):
    GBIF = "gbif", "GBIF"
    INATURALIST = "inaturalist", "iNaturalist"


class FetchMethod(models.TextChoices):
    SEARCH = "search", _("Occurrence search")
    DOWNLOAD = "download", _("GBIF download (with a DOI)")
    OBSERVATIONS = "observations", _("Research-grade observations")


class Fetch(models.Model):
    """Records fetched from a web service for the government's boundary.

    A failed fetch is started again as a new job on the same row: the connector resumes from
    the pages it saved, and the import refuses records already in the store.
    """

    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="species_fetches",
        verbose_name=_("government"),
    )
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    method = models.CharField(_("method"), max_length=12, choices=FetchMethod.choices)
    boundary = models.ForeignKey(
        "datasets.Dataset",
        on_delete=models.PROTECT,
        related_name="species_fetches",
        verbose_name=_("boundary"),
    )
    year_from = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to"), null=True, blank=True)
    groups = models.JSONField(_("taxon groups"), default=list, blank=True)
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    store_entry = models.CharField(_("store entry"), max_length=40, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("fetch")
        verbose_name_plural = _("fetches")

    def __str__(self) -> str:
        return f"{self.government.code} · {self.get_service_display()} · {self.pk}"

    @property
    def status(self) -> str:
        if self.result is not None:
            return "succeeded"
        return self.job.status if self.job is not None else "queued"


class SpeciesSummary(models.Model):
    """What the species page shows, computed in the background after every import."""

    government = models.OneToOneField(
        "governments.Government", on_delete=models.CASCADE, related_name="species_summary"
    )
    data = models.JSONField(default=dict)
    boundary = models.ForeignKey(
        "datasets.Dataset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("species summary")
        verbose_name_plural = _("species summaries")

    def __str__(self) -> str:
        return f"{self.government.code} · {self.computed_at:%Y-%m-%d %H:%M}"
