"""A commitment drafted from a plan's local targets and actions, which stay linked to it.

What is carried over, as a first draft the officer completes:
- title and description from the targets (and the chosen actions, as the proposed actions);
- a KPI from each chosen target that has a target value and a unit (its indicator, baseline,
  target value and deadline); a target without a target value gives no KPI and is named;
- alignment: the KMGBF targets and national targets the targets and actions are linked to, the
  strongest-linked one as primary (ties: framework order);
- timeline from the earliest start to the latest end of the actions (else the targets'
  latest deadline as the end); partners from the actions; funding sources from their budgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from localgbf.frameworks.scales import scale
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.models import CommitmentVersion, Kpi
from localgbf.web.commitments.services import check_government, create_commitment
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, AlignmentLink, BudgetLine, LocalTarget

LANGUAGES = ("en", "zh-hans")
KMGBF_KINDS = ("target", "goal")
NATIONAL_KIND = "national_target"


@dataclass
class FromPlan:
    version: CommitmentVersion
    without_kpi: list[str]  # codes of the chosen targets that gave no KPI


def _joined(values: Sequence[dict[str, Any] | None], sep: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        parts = [str(v[lang]).strip() for v in values if v and str(v.get(lang) or "").strip()]
        if parts:
            out[lang] = sep.join(dict.fromkeys(parts))
    return out


def _ranked(links: Sequence[AlignmentLink]) -> list[FrameworkElement]:
    ranks = {lvl.key: int(lvl.rank or 0) for lvl in scale("alignment").levels}
    best: dict[int, tuple[int, FrameworkElement]] = {}
    for link in links:
        rank = ranks.get(link.degree, 0)
        if link.element_id not in best or rank > best[link.element_id][0]:
            best[link.element_id] = (rank, link.element)
    ordered = sorted(best.values(), key=lambda item: (-item[0], item[1].order, item[1].pk))
    return [element for _rank, element in ordered]


def _check_owned(
    government: Government, targets: Sequence[LocalTarget], actions: Sequence[Action]
) -> None:
    if not targets and not actions:
        raise CommitmentError(_("Choose at least one local target or action of the plan."))
    items: list[Any] = [*targets, *actions]
    stray = [str(item) for item in items if item.version.plan.government_id != government.pk]
    if stray:
        raise CommitmentError(
            _("Not in the plan of %(name)s: %(items)s.")
            % {"name": government, "items": ", ".join(stray)}
        )


@transaction.atomic
def create_from_plan(
    government: Government,
    user: Any,
    *,
    targets: Sequence[LocalTarget],
    actions: Sequence[Action] = (),
) -> FromPlan:
    check_government(government)
    _check_owned(government, targets, actions)
    links = list(
        AlignmentLink.objects.filter(target__in=targets).select_related("element__framework")
    ) + list(AlignmentLink.objects.filter(action__in=actions).select_related("element__framework"))
    global_links = [
        link
        for link in links
        if link.element.framework.slug == "kmgbf" and link.element.kind in KMGBF_KINDS
    ]
    national_links = [link for link in links if link.element.kind == NATIONAL_KIND]
    kmgbf = _ranked(global_links)
    national = _ranked(national_links)
    starts = [a.start for a in actions if a.start]
    ends = [a.end for a in actions if a.end] or [t.deadline for t in targets if t.deadline]
    sources = sorted(
        set(BudgetLine.objects.filter(action__in=actions).values_list("source", flat=True))
    )
    title = _joined([t.title for t in targets] or [a.title for a in actions], "; ")
    description = _joined(
        [t.description or t.title for t in targets]
        + [
            {lang: f"{a.code} {txt}" for lang, txt in (a.title or {}).items() if lang in LANGUAGES}
            for a in actions
        ],
        "\n\n",
    )
    version = create_commitment(
        government,
        user,
        fields={
            "title": title,
            "description": description,
            "timeline_start": min(starts) if starts else None,
            "timeline_end": max(ends) if ends else None,
            "primary_global": kmgbf[0] if kmgbf else None,
            "primary_national": national[0] if national else None,
            "partners": _joined([a.partners for a in actions], "; "),
            "funding_sources": sources,
            "is_linked_to_nbsap": bool(national),
        },
        m2m={"other_global": kmgbf[1:], "other_national": national[1:]},
    )
    commitment = version.commitment
    commitment.plan_targets.set(targets)
    commitment.plan_actions.set(actions)
    without_kpi = []
    made = 0
    for target in targets:
        if target.target_value is None or not target.unit:
            without_kpi.append(target.code)
            continue
        made += 1
        Kpi.objects.create(
            version=version,
            code=f"K{made}",
            title=target.indicator or target.title,
            unit=target.unit,
            baseline_value=target.baseline_value,
            baseline_year=target.baseline_year,
            target_value=target.target_value,
            deadline=target.deadline,
            source_target=target,
            order=made,
        )
    audit.record(
        user,
        "commitment.from_plan",
        version,
        government=government,
        after={
            "targets": [t.code for t in targets],
            "actions": [a.code for a in actions],
            "without_kpi": without_kpi,
        },
    )
    return FromPlan(version=version, without_kpi=without_kpi)
