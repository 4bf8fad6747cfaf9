"""Background jobs kept in the platform's own database.

Why not Celery or RQ: those need a broker server, and localgbf must run on one machine with
only its embedded SQLite database. A job is a row; `localgbf worker` claims queued rows one at
a time with a conditional UPDATE (safe on SQLite and PostgreSQL alike), runs the registered
handler, and writes progress and the result back to the row, where the pages read them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    progress = models.FloatField(_("progress"), default=0.0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    government = models.ForeignKey(
        "governments.Government",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.progress, 0.0), 1.0))

    def report(self, fraction: float, message: str = "") -> None:
        """Store progress from inside a running handler (one small UPDATE)."""
        self.progress = fraction
        self.message = message[:300]
        Job.objects.filter(pk=self.pk).update(progress=fraction, message=self.message)

    def as_status(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "kind": self.kind,
            "status": self.status,
            "status_label": str(self.get_status_display()),
            "progress": self.percent,
            "message": self.message,
            "error": self.error if self.status == JobStatus.FAILED else "",
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "now": timezone.now().isoformat(),
        }
