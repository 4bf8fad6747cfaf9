"""Frameworks in the database, so that plans and commitments can link to their records.

The packaged frameworks (KMGBF, Plan of Action, Singapore Index) are copied in after every
migration; a country's NBSAP targets are imported as frameworks of kind `national`. Each
version is kept: a plan written against one version keeps pointing at it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.scales import scale
from localgbf.web.core.fields import TranslatedField, as_text


def validate_degree(value: str) -> None:
    """A degree of alignment is a level of the packaged `alignment` scale (or blank)."""
    keys = scale("alignment").keys()
    if value and value not in keys:
        raise ValidationError(
            _("%(value)s is not a degree of alignment; use one of %(keys)s."),
            params={"value": value, "keys": ", ".join(keys)},
        )


class FrameworkKind(models.TextChoices):
    GLOBAL = "global", _("Global framework")
    PLAN_OF_ACTION = "plan_of_action", _("Plan of Action")
    INDEX = "index", _("Assessment index")
    NATIONAL = "national", _("National targets (NBSAP)")
    LEGACY = "legacy", _("Earlier framework")


class Framework(models.Model):
    slug = models.SlugField(_("identifier"), max_length=60)
    version = models.CharField(_("version"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=FrameworkKind.choices)
    title = TranslatedField(_("title"))
    country = models.ForeignKey(
        "governments.Government",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="national_frameworks",
        verbose_name=_("country"),
    )
    source = models.JSONField(_("source"), default=dict, blank=True)
    is_current = models.BooleanField(_("current version"), default=True)
    packaged = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="framework_version_unique")
        ]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        text = as_text(self.title)
        title = text.get(get_language() or "en") if text else self.slug
        return f"{title} ({self.version})"


class FrameworkElement(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    kind = models.CharField(_("kind"), max_length=40)
    code = models.CharField(_("code"), max_length=40)
    title = TranslatedField(_("title"))
    text = TranslatedField(_("text"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(default=0)
    # Where an imported element came from: the CBD Online Reporting Tool's record identifier
    # and revision (needed to point a stakeholder commitment at a published national target),
    # and the record's other fields that localgbf keeps but does not model.
    external_id = models.CharField(_("external identifier"), max_length=100, blank=True)
    external_version = models.CharField(_("external version"), max_length=40, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "kind", "code"], name="framework_element_unique"
            )
        ]
        verbose_name = _("framework element")
        verbose_name_plural = _("framework elements")

    def __str__(self) -> str:
        text = as_text(self.title)
        return f"{self.code} {text.get(get_language() or 'en') if text else ''}".strip()


class ElementAlignment(models.Model):
    """An element of one framework aligned to an element of another, e.g. a national target
    to a KMGBF target, with the degree of alignment of the NR7 template (blank for goals)."""

    element = models.ForeignKey(
        FrameworkElement, on_delete=models.CASCADE, related_name="alignments"
    )
    aligned_to = models.ForeignKey(
        FrameworkElement,
        on_delete=models.PROTECT,
        related_name="aligned_from",
        verbose_name=_("aligned to"),
    )
    degree = models.CharField(
        _("degree of alignment"), max_length=20, blank=True, validators=[validate_degree]
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "aligned_to"], name="element_alignment_unique"
            )
        ]
        verbose_name = _("alignment")
        verbose_name_plural = _("alignments")

    def __str__(self) -> str:
        return f"{self.element.code} → {self.aligned_to.code} ({self.degree or '—'})"
