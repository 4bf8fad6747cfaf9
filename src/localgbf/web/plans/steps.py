"""The guided authoring of a plan, following the usual LBSAP steps.

team → biodiversity assessment → vision and goals → targets → actions → implementation.
Each step is one entry of `STEPS`: its key, title, the form editing the version's own fields
(if any), and a test of whether the step has what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.fields import as_text
from localgbf.web.plans.forms import (
    AssessmentStepForm,
    ImplementationStepForm,
    TeamStepForm,
    VisionStepForm,
)
from localgbf.web.plans.models import PlanVersion


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    intro: Promise
    form: type[Any] | None
    done: Callable[[PlanVersion], bool]


def _has(field: str) -> Callable[[PlanVersion], bool]:
    return lambda version: as_text(getattr(version, field)) is not None


STEPS: tuple[Step, ...] = (
    Step(
        "team",
        _("Team"),
        _(
            "Name the plan, the team that writes it and the people consulted, the period it "
            "covers and the version of the national targets it aligns to."
        ),
        TeamStepForm,
        lambda v: as_text(v.team) is not None and bool(v.period_start and v.period_end),
    ),
    Step(
        "assessment",
        _("Biodiversity assessment"),
        _(
            "Summarise what is known of the area's biodiversity: ecosystems, species, pressures "
            "and trends. The latest Singapore Index results are shown when they exist."
        ),
        AssessmentStepForm,
        _has("assessment"),
    ),
    Step(
        "vision",
        _("Vision and goals"),
        _("State where the plan wants the area to be, the principles it follows, and its goals."),
        VisionStepForm,
        lambda v: as_text(v.vision) is not None and v.goals.exists(),
    ),
    Step(
        "targets",
        _("Targets"),
        _(
            "Set measurable local targets for each goal — indicator, baseline and its year, "
            "target value, unit and deadline — and link each to national and KMGBF targets, or "
            "mark it local only."
        ),
        None,
        lambda v: v.targets.exists(),
    ),
    Step(
        "actions",
        _("Actions"),
        _(
            "List the actions that reach each target: who is responsible, with which partners, "
            "when, in which sectors, and with what budget."
        ),
        None,
        lambda v: v.actions.exists(),
    ),
    Step(
        "implementation",
        _("Implementation"),
        _(
            "Say how the plan is carried out, monitored and reviewed, add its documents, and "
            "adopt it when the adopting body has approved it."
        ),
        ImplementationStepForm,
        _has("implementation"),
    ),
)

BY_KEY = {step.key: step for step in STEPS}


def progress(version: PlanVersion) -> list[dict[str, Any]]:
    return [
        {"step": step, "number": index, "done": step.done(version)}
        for index, step in enumerate(STEPS, start=1)
    ]
