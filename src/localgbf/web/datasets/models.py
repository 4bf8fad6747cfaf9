"""Files a government uploads (land cover, boundaries, occurrences, checklists, ...)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localgbf.web.datasets.store import FileStore


class DatasetKind(models.TextChoices):
    LANDCOVER = "landcover", _("Land cover (GeoTIFF)")
    BOUNDARY = "boundary", _("Boundary (GeoPackage, GeoJSON, zipped Shapefile)")
    SUBUNITS = "subunits", _("Sub-units: districts, wards (vector)")
    PROTECTED = "protected", _("Protected or secured areas (vector)")
    PARKS = "parks", _("Parks and recreational spaces (vector)")
    RESTORED = "restored", _("Restored habitat (vector)")
    DEGRADED = "degraded", _("Degraded habitat (vector)")
    BARRIERS = "barriers", _("Barriers to connectivity (vector or raster)")
    POPULATION = "population", _("Population (GeoTIFF)")
    CANOPY = "canopy", _("Tree canopy (GeoTIFF)")
    OCCURRENCES = (
        "occurrences",
        _("Species occurrences (Darwin Core Archive, GBIF or iNaturalist CSV)"),
    )
    CHECKLIST = "checklist", _("Species checklist (GRIIS Darwin Core or CSV)")
    SENSITIVE = "sensitive", _("Sensitive species list (CSV)")
    OTHER = "other", _("Other evidence")


def file_store() -> FileStore:
    return FileStore(Path(settings.LOCALGBF_FILE_STORE))


class Dataset(models.Model):
    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="datasets",
        verbose_name=_("government"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DatasetKind.choices)
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    metadata = models.JSONField(_("what the file holds"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "kind", "sha256"], name="dataset_once_per_government"
            )
        ]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return f"{self.title} ({self.filename})"

    @property
    def path(self) -> Path:
        return file_store().path_for(self.sha256, self.filename)
