"""What the public portal keeps of its own: a government's public profile and its map layers.

Everything else the portal shows is read from the apps that own it (governments, plans,
commitments, assessments), filtered to what is public.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.fields import TranslatedField
from localgbf.web.portal.licences import open_data_rules


def validate_licence(value: str) -> None:
    keys = [lic.key for lic in open_data_rules().licences]
    if value and value not in keys:
        raise ValidationError(
            _("%(value)s is not a licence offered here; use one of %(keys)s."),
            params={"value": value, "keys": ", ".join(keys)},
        )


class PublicProfile(models.Model):
    """What a government says about itself to the public, where its seat is, and the licence
    of its open data."""

    government = models.OneToOneField(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="public_profile",
        verbose_name=_("government"),
    )
    introduction = TranslatedField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences for visitors: the place, its nature, what the plan is for."),
    )
    seat_latitude = models.DecimalField(
        _("latitude of the seat of government"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Marks the government on maps while no boundary has been uploaded."),
    )
    seat_longitude = models.DecimalField(
        _("longitude of the seat of government"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    data_licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        blank=True,
        validators=[validate_licence],
        help_text=_("Under which terms anyone may reuse the data published here."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(seat_latitude__isnull=True)
                | Q(seat_latitude__gte=-90, seat_latitude__lte=90),
                name="public_profile_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(seat_longitude__isnull=True)
                | Q(seat_longitude__gte=-180, seat_longitude__lte=180),
                name="public_profile_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government.code}: public profile"

    def clean(self) -> None:
        if (self.seat_latitude is None) != (self.seat_longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))

    @property
    def licence_key(self) -> str:
        return self.data_licence or open_data_rules().default


class MapLayerKind(models.TextChoices):
    PROTECTED = "protected", _("Protected or secured areas")
    PARKS = "parks", _("Parks and recreational spaces")


class MapLayer(models.Model):
    """A government's protected areas or parks, read from an uploaded dataset, reprojected to
    longitude/latitude and simplified for drawing (built in the background, once per file)."""

    government = models.ForeignKey(
        "governments.Government", on_delete=models.CASCADE, related_name="map_layers"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MapLayerKind.choices)
    dataset = models.ForeignKey(
        "datasets.Dataset", on_delete=models.CASCADE, related_name="map_layers"
    )
    geometry = models.JSONField(_("geometry (GeoJSON, WGS 84)"))
    features = models.PositiveIntegerField(_("features"))
    warnings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["government", "kind", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["dataset"], name="map_layer_once_per_dataset")
        ]
        verbose_name = _("map layer")
        verbose_name_plural = _("map layers")

    def __str__(self) -> str:
        return f"{self.government.code} · {self.kind} · {self.features}"
