"""Bodies that are not governments (advisory committees, networks, partner institutions) and
the register of communication, education and public-awareness (CEPA) activities.

Decision 15/12 (Plan of Action on subnational governments, cities and other local authorities)
names advisory committees of subnational governments and of local authorities (action area
2(c), paragraph 6) and networks supporting them (section D); action area 5 asks for public
participation and awareness. These models hold those channels.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.fields import TranslatedField, as_text


class OrganisationKind(models.TextChoices):
    ADVISORY_SUBNATIONAL = (
        "advisory_subnational",
        _("Advisory committee of subnational governments"),
    )
    ADVISORY_LOCAL = "advisory_local", _("Advisory committee of cities and local authorities")
    NETWORK = "network", _("Network of cities and regions")
    PARTNER = "partner", _("Partner institution")


class Organisation(models.Model):
    """A body with member governments and its own staff; it is not a government."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    name = TranslatedField(_("name"))
    description = TranslatedField(_("description"), blank=True)
    country = models.ForeignKey(
        "governments.Government",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations_based",
        help_text=_("Leave empty for an international body."),
    )
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        text = as_text(self.name)
        return text.get(language or get_language() or "en") if text else self.code


class Share(models.TextChoices):
    """What a member government lets the organisation's staff read before it is public."""

    PLANS = "plans", _("plans")
    ASSESSMENTS = "assessments", _("assessments")
    COMMITMENTS = "commitments", _("commitments")


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    shares = models.JSONField(
        _("shared with the organisation"),
        default=list,
        blank=True,
        help_text=_("Any of: plans, assessments, commitments."),
    )
    joined = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "government__code"]
        verbose_name = _("member government")
        verbose_name_plural = _("member governments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "government"], name="organisation_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} · {self.government.code}"

    def shares_topic(self, topic: str) -> bool:
        return topic in (self.shares or [])


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STAFF = "staff", _("Staff")


class OrganisationStaff(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=StaffRole.choices)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="organisation_staff_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation.code}"


class CepaKind(models.TextChoices):
    EVENT = "event", _("Event")
    CAMPAIGN = "campaign", _("Campaign")
    BIOBLITZ = "bioblitz", _("Citizen-science bioblitz (e.g. City Nature Challenge)")
    SCHOOL = "school", _("School programme")
    OTHER = "other", _("Other activity")


class Audience(models.TextChoices):
    PUBLIC = "public", _("General public")
    SCHOOLS = "schools", _("Pupils and teachers")
    YOUTH = "youth", _("Young people")
    BUSINESS = "business", _("Businesses")
    OFFICIALS = "officials", _("Officials and decision makers")
    COMMUNITIES = "communities", _("Indigenous peoples and local communities")
    SCIENTISTS = "scientists", _("Researchers and naturalists")


class CepaActivity(models.Model):
    """One communication, education or public-awareness activity of a government."""

    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="cepa_activities",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CepaKind.choices)
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    start = models.DateField(_("date"))
    end = models.DateField(_("until"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    reach = models.PositiveIntegerField(
        _("people reached"), null=True, blank=True, help_text=_("Participants or visitors.")
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. en, zh-hans.")
    )
    url = models.URLField(_("web page"), blank=True)
    actions = models.ManyToManyField(
        "plans.Action", verbose_name=_("plan actions"), blank=True, related_name="cepa_activities"
    )
    kmgbf_targets = models.ManyToManyField(
        "frameworks.FrameworkElement",
        verbose_name=_("KMGBF targets"),
        blank=True,
        related_name="cepa_activities",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("CEPA activity")
        verbose_name_plural = _("CEPA activities")

    def __str__(self) -> str:
        text = as_text(self.title)
        return text.get(get_language() or "en") if text else f"CEPA {self.pk}"


class Stance(models.TextChoices):
    SUPPORT = "support", _("Supports the target")
    CHANGE = "change", _("Proposes changes")
    NEW = "new", _("Proposes a new target")


class Response(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Consultation(models.Model):
    """A country's consultation on a version of its national targets (NBSAP), open for a
    period to its subnational governments, advisory committees and networks (decision 15/12,
    action areas 1(a) and 2(a))."""

    country = models.ForeignKey(
        "governments.Government",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("national targets consulted on (version)"),
        on_delete=models.PROTECT,
        related_name="consultations",
        limit_choices_to={"kind": "national"},
    )
    result_framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("resulting national targets (version)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "national"},
    )
    title = TranslatedField(_("title"))
    questions = TranslatedField(_("questions"), blank=True, help_text=_("One question per line."))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    is_public = models.BooleanField(
        _("the record is public"),
        default=False,
        help_text=_("Inputs, responses and the resulting changes, for anyone to read."),
    )
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("NBSAP consultation")
        verbose_name_plural = _("NBSAP consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_period_in_order",
            )
        ]

    def __str__(self) -> str:
        text = as_text(self.title)
        return text.get(get_language() or "en") if text else f"Consultation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("consultation", args=[self.pk])

    @property
    def government(self) -> Any:
        return self.country

    def is_open_on(self, day: date) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    def status_on(self, day: date) -> str:
        if self.closed_at is not None or day > self.closes_on:
            return "closed"
        return "open" if day >= self.opens_on else "scheduled"

    def question_list(self, language: str) -> list[str]:
        text = as_text(self.questions)
        return [q.strip() for q in (text.get(language) if text else "").splitlines() if q.strip()]


class ConsultationInput(models.Model):
    """One input to a consultation, per national target, by a government or an organisation,
    with the records it points to as evidence, and the national side's response to it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="inputs")
    element = models.ForeignKey(
        "frameworks.FrameworkElement",
        verbose_name=_("national target"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation_inputs",
    )
    stance = models.CharField(_("input"), max_length=10, choices=Stance.choices)
    proposal = models.TextField(
        _("proposed wording"), blank=True, help_text=_("The target as you would write it.")
    )
    text = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=8, default="en")
    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("on behalf of (government)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_inputs",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of (organisation)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_inputs",
    )
    evidence_targets = models.ManyToManyField(
        "plans.LocalTarget", verbose_name=_("local targets"), blank=True, related_name="+"
    )
    evidence_assessments = models.ManyToManyField(
        "assessments.Assessment",
        verbose_name=_("Singapore Index assessments"),
        blank=True,
        related_name="+",
    )
    evidence_budget = models.ManyToManyField(
        "plans.BudgetLine", verbose_name=_("finance figures"), blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    response = models.CharField(_("response"), max_length=14, choices=Response.choices, blank=True)
    response_reason = models.TextField(_("reasons"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("consultation input")
        verbose_name_plural = _("consultation inputs")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(government__isnull=False, organisation__isnull=True)
                    | models.Q(government__isnull=True, organisation__isnull=False)
                ),
                name="consultation_input_one_author",
            ),
            models.CheckConstraint(
                condition=models.Q(stance="new") | models.Q(element__isnull=False),
                name="consultation_input_names_target",
            ),
        ]

    def __str__(self) -> str:
        target = self.element.code if self.element_id else "+"
        return f"{self.consultation_id} · {target} · {self.get_stance_display()}"

    @property
    def author(self) -> Any:
        return self.government or self.organisation

    @property
    def taken_up(self) -> bool:
        return self.response in (Response.ACCEPTED, Response.PARTLY)


class PublicConsultation(models.Model):
    """A government's public consultation on a draft version of its plan (decision 15/12,
    action area 5): anyone reads it; a visitor who confirms an e-mail address comments per
    target or action; the government's officers moderate and answer."""

    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="public_consultations",
    )
    version = models.ForeignKey(
        "plans.PlanVersion",
        verbose_name=_("plan version"),
        on_delete=models.CASCADE,
        related_name="public_consultations",
    )
    introduction = TranslatedField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="public_consultation_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.government.code} · {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("public-consultation", args=[self.pk])

    def is_open_on(self, day: date) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    def status_on(self, day: date) -> str:
        if self.closed_at is not None or day > self.closes_on:
            return "closed"
        return "open" if day >= self.opens_on else "scheduled"


class CommentStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mail address not yet confirmed")
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class PublicComment(models.Model):
    """A visitor's comment on a target or an action of a draft plan (or on the plan as a
    whole). The text is stored as typed and always shown escaped."""

    consultation = models.ForeignKey(
        PublicConsultation, on_delete=models.CASCADE, related_name="comments"
    )
    target = models.ForeignKey(
        "plans.LocalTarget",
        verbose_name=_("target"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    action = models.ForeignKey(
        "plans.Action",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("your name (shown)"), max_length=80)
    email = models.EmailField(_("your e-mail address (never shown)"))
    text = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommentStatus.choices,
        default=CommentStatus.UNCONFIRMED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    answer = models.TextField(_("the government's answer"), blank=True)
    led_to_change = models.BooleanField(_("the plan was changed in response"), default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | models.Q(action__isnull=True),
                name="public_comment_one_subject",
            )
        ]

    def __str__(self) -> str:
        subject = self.target or self.action
        return f"{self.name} · {subject.code if subject else '—'}"

    @property
    def government(self) -> Any:
        return self.consultation.government

    @property
    def subject_code(self) -> str:
        subject = self.target or self.action
        return subject.code if subject is not None else ""


class SupportNote(models.Model):
    """A note from an organisation's staff to one of its member governments.

    Section D of decision 15/12 asks networks to support their members; a note is the lightest
    form of that support. Only the member's officers and the organisation's staff read it; it may
    point at one of the member's records the member shares with the organisation.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="support_notes"
    )
    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("member government"),
        on_delete=models.CASCADE,
        related_name="support_notes",
    )
    text = models.TextField(_("note"))
    language = models.CharField(_("language"), max_length=8, default="en")
    plan_version = models.ForeignKey(
        "plans.PlanVersion",
        verbose_name=_("plan version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_notes",
    )
    assessment = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_notes",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    reply = models.TextField(_("reply"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support note")
        verbose_name_plural = _("support notes")

    def __str__(self) -> str:
        return f"{self.organisation.code} → {self.government.code}: {self.text[:60]}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def subject(self) -> tuple[str, str] | None:
        """(label, address) of the record the note is about, if any."""
        if self.plan_version_id:
            version = self.plan_version
            return str(version), reverse(
                "plan-version", args=[self.government.code, version.number]
            )
        if self.assessment_id:
            return str(self.assessment), reverse("assessment", args=[self.assessment_id])
        if self.commitment_id:
            return self.commitment.reference, reverse("commitment", args=[self.commitment_id])
        return None


class OrganisationOffer(models.Model):
    """Capacity an organisation offers a member government, in answer to one of its needs.

    The plans app's offers belong to governments; an organisation is not one, so its offers live
    here and name the need they answer (which makes them matched by construction).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="capacity_offers"
    )
    need = models.ForeignKey(
        "plans.CapacityNeed",
        verbose_name=_("need answered"),
        on_delete=models.CASCADE,
        related_name="organisation_offers",
    )
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contact = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("still offered"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("organisation's capacity offer")
        verbose_name_plural = _("organisations' capacity offers")

    def __str__(self) -> str:
        text = as_text(self.title)
        return text.get(get_language() or "en") if text else f"offer {self.pk}"

    @property
    def government(self) -> Any:
        """The member government the offer is for (audit entries are filed under it)."""
        return self.need.government
