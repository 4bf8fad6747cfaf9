"""Bodies that are not governments (advisory committees, networks, partner institutions) and
the register of communication, education and public-awareness (CEPA) activities.

Decision 15/12 (Plan of Action on subnational governments, cities and other local authorities)
names advisory committees of subnational governments and of local authorities (action area
2(c), paragraph 6) and networks supporting them (section D); action area 5 asks for public
participation and awareness. These models hold those channels.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
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
