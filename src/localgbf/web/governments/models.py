from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.fields import TranslatedField, as_text


class GovernmentKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGION = "region", _("Region, state or province")
    CITY = "city", _("City or municipality")
    LOCAL = "local", _("Other local authority")


# Which kinds may sit under which: a city may sit directly under its country.
ALLOWED_PARENTS: dict[str, set[str]] = {
    GovernmentKind.COUNTRY: set(),
    GovernmentKind.REGION: {GovernmentKind.COUNTRY, GovernmentKind.REGION},
    GovernmentKind.CITY: {GovernmentKind.COUNTRY, GovernmentKind.REGION},
    GovernmentKind.LOCAL: {GovernmentKind.COUNTRY, GovernmentKind.REGION, GovernmentKind.CITY},
}


class Government(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short unique code used in addresses, e.g. an ISO 3166 or UN/LOCODE code."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=GovernmentKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = TranslatedField(_("name"))
    iso_3166 = models.CharField(_("ISO 3166 code"), max_length=10, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Derived on save: the root country and the chain of codes from it ("CN/CN-YN/CNKMG"),
    # so that "everything under X" is one indexed query at any depth.
    country = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    path = models.CharField(max_length=500, editable=False, db_index=True, default="")
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("government")
        verbose_name_plural = _("governments")

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        text = as_text(self.name)
        if text is None:
            return self.code
        return text.get(language or get_language() or "en")

    def clean(self) -> None:
        if self.parent_id is None:
            if self.kind != GovernmentKind.COUNTRY:
                raise ValidationError({"parent": _("Only a country may have no parent.")})
            return
        parent = self.parent
        assert parent is not None
        if parent.kind not in ALLOWED_PARENTS[self.kind]:
            raise ValidationError(
                {
                    "parent": _("A %(kind)s cannot sit under a %(parent)s.")
                    % {"kind": self.get_kind_display(), "parent": parent.get_kind_display()}
                }
            )
        node: Government | None = parent
        while node is not None:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError({"parent": _("A government cannot sit under itself.")})
            node = node.parent
        if self.boundary:
            from localgbf.web.governments.boundaries import clean_boundary

            self.boundary = clean_boundary(self.boundary)

    def save(self, *args: Any, **kwargs: Any) -> None:
        old_path = self.path
        parent = self.parent
        self.path = f"{parent.path}/{self.code}" if parent else self.code
        super().save(*args, **kwargs)
        country_id = parent.country_id if parent else self.pk
        if self.country_id != country_id:
            self.country_id = country_id
            Government.objects.filter(pk=self.pk).update(country_id=country_id)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def ancestors(self) -> list[Government]:
        """Parents from the country down to this government's parent."""
        chain: list[Government] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def descendants(self) -> models.QuerySet[Government]:
        """Every government below this one, at any depth."""
        return Government.objects.filter(path__startswith=f"{self.path}/")

    def is_under(self, other: Government) -> bool:
        return self.path.startswith(f"{other.path}/")


class Role(models.TextChoices):
    OFFICER = "officer", _("Officer")
    VIEWER = "viewer", _("Viewer")
    REVIEWER = "reviewer", _("Reviewer (national focal point)")
    NETWORK_ADMIN = "network_admin", _("Network administrator")


class Membership(models.Model):
    """A user's role in a government; a network administrator's role is platform-wide."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    government = models.ForeignKey(
        Government,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("government"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "government", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(Q(role="network_admin") & Q(government__isnull=True))
                | (~Q(role="network_admin") & Q(government__isnull=False)),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.government.code if self.government else _("platform")
        return f"{self.user} · {self.get_role_display()} · {where}"

    def clean(self) -> None:
        if self.role == Role.REVIEWER and self.government and self.government.kind != "country":
            raise ValidationError(
                {"government": _("Reviewers are national focal points: choose a country.")}
            )


class AuditEntry(models.Model):
    """Who did what to which record, when, with the values before and after."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=64)
    government = models.ForeignKey(
        Government, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    object_type = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("audit entries are never changed once written")
        super().save(*args, **kwargs)
