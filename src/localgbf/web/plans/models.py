"""Local and regional biodiversity strategies and action plans (LBSAPs), with their versions.

A government has one plan, written as a series of versions (draft → adopted → superseded).
A version holds goals → local targets (SMART) → actions, each target and action linked to
national targets, KMGBF targets and the Plan of Action's action areas (`AlignmentLink`), or
marked local only. Actions carry sectors and budget lines. Finance totals use the country's
conversion table (`ExchangeRate`) to its reporting currency. Capacity needs and offers and
technology-transfer initiatives sit beside the plans.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.core.fields import TranslatedField, as_text
from localgbf.web.frameworks.models import validate_degree


@deconstructible
class VocabularyValidator:
    """A value (or each value of a list) must be a key of the packaged vocabulary `name`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, value: Any) -> None:
        vocab = vocabulary(self.name)
        values = value if isinstance(value, list) else [value]
        unknown = [v for v in values if v not in vocab]
        if unknown:
            raise ValidationError(
                _("%(values)s: not in the list of %(vocabulary)s."),
                params={
                    "values": ", ".join(map(str, unknown)),
                    "vocabulary": vocab.title.get(get_language() or "en"),
                },
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VocabularyValidator) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def _text(value: dict[str, Any] | None, fallback: str = "") -> str:
    text = as_text(value)
    return text.get(get_language() or "en") if text else fallback


class PlanKind(models.TextChoices):
    LBSAP = "lbsap", _("Local biodiversity strategy and action plan (LBSAP)")
    BSAP = "bsap", _("Regional biodiversity strategy and action plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


class Plan(models.Model):
    """A government's plan: the series of its versions."""

    government = models.OneToOneField(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="plan",
        verbose_name=_("government"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.government}"

    def in_force(self) -> PlanVersion | None:
        """The adopted version, or the latest draft when none is adopted yet."""
        versions = list(self.versions.order_by("-number"))
        adopted = [v for v in versions if v.status == PlanStatus.ADOPTED]
        if adopted:
            return adopted[0]
        drafts = [v for v in versions if v.status == PlanStatus.DRAFT]
        return drafts[0] if drafts else None


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    title = TranslatedField(_("title"))
    team = TranslatedField(_("team and stakeholders"), blank=True)
    assessment = TranslatedField(_("biodiversity assessment"), blank=True)
    vision = TranslatedField(_("vision"), blank=True)
    principles = TranslatedField(_("principles"), blank=True)
    implementation = TranslatedField(_("implementation, monitoring and review"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    adopting_body = TranslatedField(_("adopting body"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    national_framework = models.ForeignKey(
        "frameworks.Framework",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_versions",
        verbose_name=_("national targets (version)"),
        limit_choices_to={"kind": "national"},
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="adopted"), name="plan_one_adopted_version"
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="draft"), name="plan_one_draft_version"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_in_order",
            ),
        ]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"{_text(self.title, str(self.plan))} (v{self.number})"

    @property
    def government(self) -> Any:
        return self.plan.government

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        fw = self.national_framework
        if fw is not None and fw.country_id != self.plan.government.country_id:
            raise ValidationError(
                {"national_framework": _("Choose national targets of the government's country.")}
            )


class PlanDocument(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="documents")
    title = TranslatedField(_("title"))
    url = models.URLField(_("address (URL)"), max_length=500)
    language = models.CharField(
        _("language"), max_length=10, blank=True, validators=[VocabularyValidator("languages")]
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return _text(self.title, self.url)


class Goal(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("code"), max_length=20)
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="goal_code_unique")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.code} {_text(self.title)}".strip()


class LocalTarget(models.Model):
    """A SMART local target: indicator, baseline and its year, target value, unit, deadline."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("goal")
    )
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="targets", editable=False
    )
    code = models.CharField(_("code"), max_length=20)
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    indicator = TranslatedField(_("indicator"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    local_only = models.BooleanField(
        _("local only"),
        default=False,
        help_text=_("Serves local needs only; linked to no national or global target."),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="local_target_code_unique")
        ]
        verbose_name = _("local target")
        verbose_name_plural = _("local targets")

    def __str__(self) -> str:
        return f"{self.code} {_text(self.title)}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.version_id = self.goal.version_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.baseline_year and self.deadline and self.deadline.year < self.baseline_year:
            raise ValidationError({"deadline": _("The deadline is before the baseline year.")})

    @property
    def is_smart(self) -> bool:
        """Has what a SMART target needs: indicator, baseline and year, target value, deadline."""
        return bool(
            as_text(self.indicator)
            and self.baseline_value is not None
            and self.baseline_year
            and self.target_value is not None
            and self.deadline
        )


class Action(models.Model):
    target = models.ForeignKey(
        LocalTarget,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("local target"),
    )
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="actions", editable=False
    )
    code = models.CharField(_("code"), max_length=20)
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    responsible = TranslatedField(_("responsible body"), blank=True)
    partners = TranslatedField(_("partners"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        default="planned",
        validators=[VocabularyValidator("action_status")],
    )
    sectors = models.JSONField(
        _("sectors"), default=list, blank=True, validators=[VocabularyValidator("sectors")]
    )
    location_name = TranslatedField(_("place"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    local_only = models.BooleanField(
        _("local only"),
        default=False,
        help_text=_("Serves local needs only; linked to no national or global target."),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="action_code_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="action_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="action_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="action_longitude_range",
            ),
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.code} {_text(self.title)}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.version_id = self.target.version_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The action ends before it starts.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))


class AlignmentLink(models.Model):
    """A local target or an action linked to a national target, a KMGBF target or an action
    area of the Plan of Action, with the degree of alignment (none for action areas)."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="links", editable=False
    )
    target = models.ForeignKey(
        LocalTarget, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    element = models.ForeignKey(
        "frameworks.FrameworkElement",
        on_delete=models.PROTECT,
        related_name="plan_links",
        verbose_name=_("linked to"),
    )
    degree = models.CharField(
        _("degree of alignment"), max_length=20, blank=True, validators=[validate_degree]
    )

    class Meta:
        # Creation order: national targets, then KMGBF targets, then action areas.
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(action__isnull=True))
                | (Q(target__isnull=True) & Q(action__isnull=False)),
                name="alignment_link_one_owner",
            ),
            models.UniqueConstraint(
                fields=["target", "element"],
                condition=Q(target__isnull=False),
                name="alignment_link_target_unique",
            ),
            models.UniqueConstraint(
                fields=["action", "element"],
                condition=Q(action__isnull=False),
                name="alignment_link_action_unique",
            ),
        ]
        verbose_name = _("alignment link")
        verbose_name_plural = _("alignment links")

    def __str__(self) -> str:
        owner = self.target or self.action
        return f"{owner} → {self.element} ({self.degree or '—'})"


class BudgetLine(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, validators=[VocabularyValidator("currencies")]
    )
    source = models.CharField(
        _("funding source type"),
        max_length=30,
        validators=[VocabularyValidator("funding_sources")],
    )
    status = models.CharField(
        _("status"), max_length=20, validators=[VocabularyValidator("budget_status")]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative")
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.action.code} {self.year} {self.amount} {self.currency}"


class ReportingCurrency(models.Model):
    """The currency in which a country's plans' finance is totalled."""

    country = models.OneToOneField(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="reporting_currency",
        limit_choices_to={"kind": "country"},
    )
    currency = models.CharField(
        _("reporting currency"), max_length=3, validators=[VocabularyValidator("currencies")]
    )

    class Meta:
        verbose_name = _("reporting currency")
        verbose_name_plural = _("reporting currencies")

    def __str__(self) -> str:
        return f"{self.country.code}: {self.currency}"


class ExchangeRate(models.Model):
    """Units of the country's reporting currency for one unit of `currency` in `year`."""

    country = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="exchange_rates",
        limit_choices_to={"kind": "country"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    currency = models.CharField(
        _("currency"), max_length=3, validators=[VocabularyValidator("currencies")]
    )
    rate = models.DecimalField(_("rate"), max_digits=20, decimal_places=8)
    source = models.CharField(_("source of the rate"), max_length=200, blank=True)

    class Meta:
        ordering = ["country", "currency", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "year", "currency"], name="exchange_rate_unique"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
        ]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")

    def __str__(self) -> str:
        return f"{self.country.code} {self.year} {self.currency} {self.rate}"


class CapacityNeed(models.Model):
    government = models.ForeignKey(
        "governments.Government", on_delete=models.CASCADE, related_name="capacity_needs"
    )
    topic = models.CharField(
        _("topic"), max_length=40, validators=[VocabularyValidator("capacity_topics")]
    )
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[VocabularyValidator("languages")]
    )
    is_open = models.BooleanField(_("still open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("capacity need")
        verbose_name_plural = _("capacity needs")

    def __str__(self) -> str:
        return _text(self.title, self.topic)


class CapacityOffer(models.Model):
    government = models.ForeignKey(
        "governments.Government", on_delete=models.CASCADE, related_name="capacity_offers"
    )
    provider = TranslatedField(
        _("offered by"),
        blank=True,
        help_text=_("A university, agency or organisation working with the government, if any."),
    )
    topic = models.CharField(
        _("topic"), max_length=40, validators=[VocabularyValidator("capacity_topics")]
    )
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[VocabularyValidator("languages")]
    )
    contact = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("still offered"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("capacity offer")
        verbose_name_plural = _("capacity offers")

    def __str__(self) -> str:
        return _text(self.title, self.topic)


class TechnologyTransfer(models.Model):
    """A technology-transfer or technical and scientific cooperation initiative."""

    government = models.ForeignKey(
        "governments.Government", on_delete=models.CASCADE, related_name="technology_transfers"
    )
    topic = models.CharField(
        _("topic"), max_length=40, validators=[VocabularyValidator("capacity_topics")]
    )
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    partners = TranslatedField(_("partners"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        default="planned",
        validators=[VocabularyValidator("action_status")],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="technology_transfer_dates_in_order",
            )
        ]
        verbose_name = _("technology-transfer initiative")
        verbose_name_plural = _("technology-transfer initiatives")

    def __str__(self) -> str:
        return _text(self.title, self.topic)
