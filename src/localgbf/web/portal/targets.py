"""Who contributes to a KMGBF target: through which local targets, actions and commitments,
with what progress.

A plan contributes when a local target or an action of its adopted version is linked to the
KMGBF target, or to a national target aligned to it. In the second case the degree shown is
the weaker of the two links (a chain is no stronger than its weakest link), the rule of the
national coverage matrix (`localgbf.reporting.coverage`). A commitment contributes when its
version in force names the target as its primary or as another KMGBF target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.reporting.coverage import alignment_ranks
from localgbf.web.frameworks.models import ElementAlignment, FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import AlignmentLink
from localgbf.web.plans.services import KMGBF_TARGET_KIND
from localgbf.web.portal.visibility import commitments_in_force, plans_in_force, public_reports


@dataclass
class PlanItem:
    kind: str  # "target" or "action"
    code: str
    title: dict[str, Any]
    degree: str
    via: str  # "" for a direct link, else the national target's code
    status: str = ""
    status_label: str = ""


@dataclass
class CommitmentItem:
    reference: str
    pk: int
    title: dict[str, Any]
    primary: bool
    level: str = ""
    level_label: str = ""
    level_colour: str = ""


@dataclass
class Contribution:
    government: Government
    items: list[PlanItem] = field(default_factory=list)
    commitments: list[CommitmentItem] = field(default_factory=list)

    @property
    def actions(self) -> int:
        return sum(1 for i in self.items if i.kind == "action")


def kmgbf_target_element(code: str) -> FrameworkElement | None:
    return FrameworkElement.objects.filter(
        framework__slug="kmgbf", framework__is_current=True, kind=KMGBF_TARGET_KIND, code=code
    ).first()


def contributions(
    element: FrameworkElement, language: str, *, country: Government | None = None
) -> list[Contribution]:
    """Every government contributing to the KMGBF target `element`, by name."""
    ranks = alignment_ranks()
    aligned = {
        pk: (code, degree)
        for pk, code, degree in ElementAlignment.objects.filter(aligned_to=element).values_list(
            "element_id", "element__code", "degree"
        )
    }
    links = AlignmentLink.objects.filter(
        version__in=plans_in_force(), element_id__in=[element.pk, *aligned]
    ).select_related("target", "action", "version__plan__government")
    commitments = (
        commitments_in_force()
        .filter(Q(primary_global=element) | Q(other_global=element))
        .select_related("commitment__government")
        .distinct()
    )
    if country is not None:
        inside = Q(pk=country.pk) | Q(path__startswith=f"{country.path}/")
        governments = Government.objects.filter(inside)
        links = links.filter(version__plan__government__in=governments)
        commitments = commitments.filter(commitment__government__in=governments)
    statuses = vocabulary("action_status")
    out: dict[int, Contribution] = {}
    for link in links:
        government = link.version.plan.government
        entry = out.setdefault(government.pk, Contribution(government))
        via, degree = "", link.degree
        if link.element_id in aligned:
            via, through = aligned[link.element_id]
            if through and degree and ranks.get(through, 0) < ranks.get(degree, 0):
                degree = through
        owner = link.target or link.action
        assert owner is not None
        item = PlanItem(
            "target" if link.target_id else "action", owner.code, owner.title, degree, via
        )
        if link.action is not None:
            item.status = link.action.status
            item.status_label = statuses.label(link.action.status, language)
        entry.items.append(item)
    versions = list(commitments)
    reports = public_reports().filter(commitment__in=[v.commitment_id for v in versions])
    latest: dict[int, str] = {}
    for commitment, level in reports.order_by("commitment_id", "-period_end", "-pk").values_list(
        "commitment_id", "level"
    ):
        latest.setdefault(commitment, level)
    progress = scale("progress")
    for version in versions:
        government = version.commitment.government
        entry = out.setdefault(government.pk, Contribution(government))
        commitment = CommitmentItem(
            version.commitment.reference,
            version.commitment_id,
            version.title,
            version.primary_global_id == element.pk,
        )
        level = latest.get(version.commitment_id)
        if level:
            commitment.level = level
            commitment.level_label = progress.level(level).label.get(language)
            commitment.level_colour = progress.level(level).colour or ""
        entry.commitments.append(commitment)
    for entry in out.values():
        entry.items.sort(key=lambda i: (i.kind != "target", i.via, i.code))
    return sorted(out.values(), key=lambda c: c.government.path)
