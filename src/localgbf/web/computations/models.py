"""Computations of the data-driven Singapore Index indicators, and class maps cities edit.

A `Computation` names the government's uploaded datasets for each input of an assessment
recipe; the background job `computations.assess` turns them into a recipe, runs
`localgbf.assess.run_assessment`, keeps the result and hands the values to the government's
assessments as computation records. Nothing is kept from a run that failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from localgbf.web.computations.roles import ROLES
from localgbf.web.core.fields import TranslatedField


class SavedClassMap(models.Model):
    """A city's own class map: a preset whose roles an officer changed, kept per government.

    `definition` holds the class map in the format of `localgbf.spatial.classmap` (the same
    document a city would write as YAML); the job writes it to a file for the recipe.
    """

    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="class_maps",
        verbose_name=_("government"),
    )
    title = TranslatedField(_("title"))
    base = models.CharField(_("edited from"), max_length=60)
    definition = models.JSONField(_("class map"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["government", "pk"]
        verbose_name = _("class map")
        verbose_name_plural = _("class maps")

    def __str__(self) -> str:
        return str(self.title.get("en") or self.title.get("zh-hans") or self.base)

    def yaml_text(self) -> str:
        return yaml.safe_dump(self._ordered(), allow_unicode=True, sort_keys=False)

    def _ordered(self) -> dict[str, Any]:
        """The document with its keys in the order it was made in: PostgreSQL's jsonb gives
        keys back in an order of its own, and the file's checksum must not depend on the
        database. Rebuilt from the preset, roles and title; kept as stored if that differs."""
        from localgbf.web.computations.services import class_map_definition

        try:
            roles = {int(c["code"]): list(c.get("roles", [])) for c in self.definition["classes"]}
            rebuilt = class_map_definition(self.base, roles, dict(self.definition.get("name", {})))
        except (KeyError, TypeError, ValueError):  # the preset cannot rebuild it: as stored
            return dict(self.definition)
        return rebuilt if rebuilt == self.definition else dict(self.definition)

    def write(self, folder: Path) -> Path:
        path = folder / f"class-map-{self.government.code}.yaml"
        path.write_text(self.yaml_text(), encoding="utf-8")
        return path


class Computation(models.Model):
    government = models.ForeignKey(
        "governments.Government",
        on_delete=models.CASCADE,
        related_name="computations",
        verbose_name=_("government"),
    )
    edition = models.CharField(_("Singapore Index edition"), max_length=10, default="2021")
    class_map_preset = models.CharField(_("class-map preset"), max_length=60, blank=True)
    class_map = models.ForeignKey(
        SavedClassMap,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="computations",
        verbose_name=_("edited class map"),
    )
    subunit_field = models.CharField(_("sub-unit name field"), max_length=100, blank=True)
    gap_m = models.FloatField(_("connectivity gap (m)"), null=True, blank=True)
    species = models.BooleanField(_("species indicators"), default=False)
    year_from = models.PositiveSmallIntegerField(_("survey from"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("survey to"), null=True, blank=True)
    job = models.OneToOneField(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="computation"
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("computation")
        verbose_name_plural = _("computations")

    def __str__(self) -> str:
        return f"{self.government.code} · {_('computation')} #{self.pk}"

    @property
    def status(self) -> str:
        if self.result is not None:
            return "succeeded"
        return self.job.status if self.job is not None else "queued"

    @property
    def class_map_label(self) -> str:
        if self.class_map is not None:
            return str(self.class_map)
        return self.class_map_preset

    def dataset_for(self, role: str) -> Any:
        found = next((i for i in self.inputs.all() if i.role == role), None)
        return found.dataset if found is not None else None

    def indicator_numbers(self) -> list[int]:
        return [v["indicator"] for v in (self.result or {}).get("indicators", [])]


class ComputationInput(models.Model):
    """Which uploaded dataset fills which input of a computation."""

    computation = models.ForeignKey(Computation, on_delete=models.CASCADE, related_name="inputs")
    role = models.CharField(
        _("input"), max_length=30, choices=[(k, r.label) for k, r in ROLES.items()]
    )
    dataset = models.ForeignKey(
        "datasets.Dataset", on_delete=models.PROTECT, related_name="computation_inputs"
    )

    class Meta:
        ordering = ["computation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["computation", "role"], name="computation_one_per_role")
        ]
        verbose_name = _("computation input")
        verbose_name_plural = _("computation inputs")

    def __str__(self) -> str:
        return f"{self.computation_id} · {self.role} · {self.dataset_id}"
