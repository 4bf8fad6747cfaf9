"""Commitments of subnational governments, their KPIs and progress reports, as reviewed by the
country's national focal points (see `review.py`) and exported to the CBD's Online Reporting
Tool (ORT) as stakeholder commitments.

A `Commitment` is the series; its content lives in numbered `CommitmentVersion`s carrying every
field of the ORT record. An accepted version is locked: changing it means a new version, which
is reviewed again (the accepted one stays in force until the new one is accepted). Progress is
reported per period (`ProgressReport`): a value for each KPI, a narrative, evidence files and a
level of progress on the NR7 scale; each report is reviewed too.

The ORT's contact block comes only from the government's `OfficialContact`, entered by its
officers for that purpose, never from user accounts.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.scales import scale
from localgbf.web.commitments.review import OPEN_STATES, Reviewable, ReviewState
from localgbf.web.core.fields import TranslatedField, as_text
from localgbf.web.plans.models import VocabularyValidator


def _text(value: dict[str, Any] | None, fallback: str = "") -> str:
    text = as_text(value)
    return text.get(get_language() or "en") if text else fallback


def validate_progress_level(value: str) -> None:
    keys = scale("progress").keys()
    if value and value not in keys:
        raise ValidationError(
            _("%(value)s is not a level of progress; use one of %(keys)s."),
            params={"value": value, "keys": ", ".join(keys)},
        )


def validate_emails(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of e-mail addresses."))
    for item in value:
        validate_email(item)


class Commitment(models.Model):
    """A government's commitment: the series of its versions, reports and links to its plan."""

    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("government"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    # The ORT record identifier (header.identifier): one per commitment, kept across versions.
    ort_identifier = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan_targets = models.ManyToManyField(
        "plans.LocalTarget",
        blank=True,
        related_name="commitments",
        verbose_name=_("local targets of the plan"),
    )
    plan_actions = models.ManyToManyField(
        "plans.Action",
        blank=True,
        related_name="commitments",
        verbose_name=_("actions of the plan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["government__code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "number"], name="commitment_number_unique"
            )
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        latest = self.latest_version()
        return f"{self.reference} {_text(latest.title) if latest else ''}".strip()

    @property
    def reference(self) -> str:
        return f"{self.government.code}-C{self.number}"

    def latest_version(self) -> CommitmentVersion | None:
        return self.versions.order_by("-number").first()

    def accepted_version(self) -> CommitmentVersion | None:
        """The version in force: the latest accepted one."""
        return self.versions.filter(state=ReviewState.ACCEPTED).order_by("-number").first()

    def open_version(self) -> CommitmentVersion | None:
        """The version being written or reviewed (draft, pending or returned), if any."""
        return self.versions.filter(state__in=OPEN_STATES).order_by("-number").first()


class CommitmentVersion(Reviewable):
    """The content of a commitment at one version: every field of the ORT record."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    title = TranslatedField(_("title"))
    description = TranslatedField(
        _("description"),
        help_text=_("Scope and proposed actions; the drivers of biodiversity loss addressed."),
    )
    timeline_start = models.DateField(_("start"), null=True, blank=True)
    timeline_end = models.DateField(_("end"), null=True, blank=True)
    is_open_ended = models.BooleanField(_("open-ended"), default=False)
    next_steps = TranslatedField(_("next steps"), blank=True)
    performance = TranslatedField(
        _("performance information"),
        blank=True,
        help_text=_("Measures of success besides the KPIs below, if any."),
    )
    endorsements = TranslatedField(_("endorsements"), blank=True)
    coverage_other = TranslatedField(_("biomes or ecosystems covered"), blank=True)
    is_linked_to_nbsap = models.BooleanField(
        _("mentioned in the national biodiversity strategy and action plan"), default=False
    )
    primary_global = models.ForeignKey(
        "frameworks.FrameworkElement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("primary KMGBF goal or target"),
    )
    other_global = models.ManyToManyField(
        "frameworks.FrameworkElement",
        blank=True,
        related_name="+",
        verbose_name=_("other KMGBF goals and targets"),
    )
    primary_national = models.ForeignKey(
        "frameworks.FrameworkElement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("primary national target"),
    )
    other_national = models.ManyToManyField(
        "frameworks.FrameworkElement",
        blank=True,
        related_name="+",
        verbose_name=_("other national targets"),
    )
    alignment_information = TranslatedField(_("more about the alignment"), blank=True)
    indicators = models.ManyToManyField(
        "frameworks.FrameworkElement",
        blank=True,
        related_name="+",
        verbose_name=_("monitoring-framework indicators"),
    )
    funding_sources = models.JSONField(
        _("funding sources"),
        default=list,
        blank=True,
        validators=[VocabularyValidator("funding_sources")],
    )
    funding_details = TranslatedField(_("more about the funding"), blank=True)
    is_funding_sufficient = models.BooleanField(_("the funding is sufficient"), default=False)
    international_frameworks = TranslatedField(
        _("other agreements contributed to"),
        blank=True,
        help_text=_("Sustainable Development Goals, other conventions and instruments."),
    )
    partners = TranslatedField(
        _("partners"), blank=True, help_text=_("Name and place of each partner organisation.")
    )
    is_reporting_on_target15 = models.BooleanField(
        _("will report on KMGBF Target 15"), default=False
    )
    target15_information = TranslatedField(_("what will be reported on Target 15"), blank=True)
    is_progress_tracked = models.BooleanField(_("progress is tracked"), default=True)
    progress_information = TranslatedField(
        _("how progress is tracked"),
        blank=True,
        help_text=_("Format, frequency and public availability of progress tracking."),
    )
    progress_tracking_url = models.URLField(_("where progress is published"), blank=True)
    implementation_strategies = TranslatedField(_("implementation strategies"), blank=True)
    additional_information = TranslatedField(_("additional information"), blank=True)
    notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Never exported or published.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commitment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="commitment_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["commitment"],
                condition=Q(state__in=["draft", "pending", "returned"]),
                name="commitment_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(timeline_end__isnull=True)
                | Q(timeline_start__isnull=True)
                | Q(timeline_end__gte=F("timeline_start")),
                name="commitment_timeline_in_order",
            ),
        ]
        verbose_name = _("commitment version")
        verbose_name_plural = _("commitment versions")

    def __str__(self) -> str:
        return f"{self.commitment.reference} v{self.number} {_text(self.title)}".strip()

    @property
    def government(self) -> Any:
        return self.commitment.government

    def clean(self) -> None:
        if self.timeline_start and self.timeline_end and self.timeline_end < self.timeline_start:
            raise ValidationError({"timeline_end": _("The commitment ends before it starts.")})
        if self.is_open_ended and (self.timeline_start or self.timeline_end):
            raise ValidationError(
                {"is_open_ended": _("An open-ended commitment has no dates; clear them.")}
            )


class Kpi(models.Model):
    """A key performance indicator of a commitment version: baseline, target, unit, deadline."""

    version = models.ForeignKey(CommitmentVersion, on_delete=models.CASCADE, related_name="kpis")
    code = models.CharField(_("code"), max_length=20)
    title = TranslatedField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=40)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    source_target = models.ForeignKey(
        "plans.LocalTarget",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("from the local target"),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="kpi_code_unique")]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return f"{self.code} {_text(self.title)} ({self.unit})".strip()


class CommitmentDocument(models.Model):
    version = models.ForeignKey(
        CommitmentVersion, on_delete=models.CASCADE, related_name="documents"
    )
    title = TranslatedField(_("title"))
    url = models.URLField(_("address (URL)"), max_length=500)

    class Meta:
        ordering = ["version", "pk"]
        verbose_name = _("commitment document")
        verbose_name_plural = _("commitment documents")

    def __str__(self) -> str:
        return _text(self.title, self.url)


class ProgressReport(Reviewable):
    """Progress of a commitment over one period, measured on the KPIs of one version."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reports")
    version = models.ForeignKey(
        CommitmentVersion,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("measured against version"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    narrative = TranslatedField(_("narrative"), blank=True)
    level = models.CharField(
        _("level of progress"), max_length=30, blank=True, validators=[validate_progress_level]
    )
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pre-filled from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commitment", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="progress_period_in_order"
            )
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.commitment.reference} · {self.period_label()}"

    def period_label(self) -> str:
        """ "2025" for a calendar year, else "2025-07-01 – 2026-06-30"."""
        start, end = self.period_start, self.period_end
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (
            1,
            1,
            12,
            31,
        ):
            return str(start.year)
        return f"{start.isoformat()} – {end.isoformat()}"

    @property
    def government(self) -> Any:
        return self.commitment.government

    def level_label(self) -> str:
        if not self.level:
            return ""
        return scale("progress").level(self.level).label.get(get_language() or "en")


class ProgressValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    kpi = models.ForeignKey(Kpi, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "kpi__order", "kpi__pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kpi"], name="progress_value_once_per_kpi")
        ]
        verbose_name = _("progress value")
        verbose_name_plural = _("progress values")

    def __str__(self) -> str:
        return f"{self.kpi.code} = {self.value} {self.unit}"


class Evidence(models.Model):
    """A file attached to a progress report, kept once in the datasets' content-addressed store."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.title or self.filename


class OfficialContact(models.Model):
    """The person a government designates for its submissions to the CBD (the ORT's contact
    block). Entered by its officers for that purpose: the only personal data that goes out."""

    government = models.OneToOneField(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="cbd_contact",
        verbose_name=_("government"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    designation = TranslatedField(_("position"))
    department = TranslatedField(_("department"))
    organization = TranslatedField(
        _("organisation"), help_text=_("The official name of the government body.")
    )
    organization_acronym = TranslatedField(_("acronym"), blank=True)
    address = TranslatedField(_("address"))
    city = TranslatedField(_("city"))
    state = TranslatedField(_("state or province"))
    postal_code = models.CharField(_("postal code"), max_length=20)
    phones = models.JSONField(_("telephone numbers"), default=list, blank=True)
    emails = models.JSONField(_("e-mail addresses"), default=list, validators=[validate_emails])
    websites = models.JSONField(_("websites"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("official contact for CBD submissions")
        verbose_name_plural = _("official contacts for CBD submissions")

    def __str__(self) -> str:
        return f"{self.government.code}: {_text(self.designation)}"


class ReviewSettings(models.Model):
    """A country's review settings: whether submissions are accepted without waiting."""

    country = models.OneToOneField(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="review_settings",
        limit_choices_to={"kind": "country"},
    )
    auto_accept = models.BooleanField(
        _("accept future submissions automatically"),
        default=False,
        help_text=_(
            "Submissions from this country's governments are accepted as soon as they arrive."
        ),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return f"{self.country.code}: auto_accept={self.auto_accept}"
