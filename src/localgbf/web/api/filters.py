"""Filters shared by the list endpoints: where (government, country) and which framework target.

A local target or an action counts for KMGBF target T when it is linked to T, or to a national
target aligned to T; an action also counts through the local target it serves. A local-only
item counts for none (as in the national coverage matrix).
"""

from __future__ import annotations

from enum import Enum

from django.db.models import Q

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.web.frameworks.models import ElementAlignment, FrameworkElement
from localgbf.web.plans.models import AlignmentLink
from localgbf.web.plans.services import KMGBF_TARGET_KIND

KmgbfTarget = Enum(  # type: ignore[misc]
    "KmgbfTarget", {f"T{t.code}": t.code for t in kmgbf().targets}, type=str
)


def place(field: str, *, government: str | None, country: str | None) -> Q:
    """Rows of the government `government` and/or of the country `country` (at any depth);
    `field` is the path to the government from the rows' model."""
    prefix = f"{field}__" if field else ""
    q = Q()
    if government:
        q &= Q(**{f"{prefix}code": government})
    if country:
        q &= Q(**{f"{prefix}code": country}) | Q(**{f"{prefix}path__startswith": f"{country}/"})
    return q


def kmgbf_element_ids(code: str) -> list[int]:
    """The KMGBF target `code` and every national target aligned to it."""
    target = FrameworkElement.objects.filter(
        framework__slug="kmgbf", framework__is_current=True, kind=KMGBF_TARGET_KIND, code=code
    ).values_list("pk", flat=True)
    aligned = ElementAlignment.objects.filter(aligned_to__in=target).values_list(
        "element_id", flat=True
    )
    return [*target, *aligned]


def linked_targets(code: str) -> Q:
    links = AlignmentLink.objects.filter(
        element_id__in=kmgbf_element_ids(code), target__isnull=False
    )
    return Q(pk__in=links.values("target_id"), local_only=False)


def linked_actions(code: str) -> Q:
    links = AlignmentLink.objects.filter(element_id__in=kmgbf_element_ids(code))
    return Q(local_only=False) & (
        Q(pk__in=links.filter(action__isnull=False).values("action_id"))
        | Q(
            target_id__in=links.filter(target__isnull=False, target__local_only=False).values(
                "target_id"
            )
        )
    )


def linked_versions(code: str) -> Q:
    links = AlignmentLink.objects.filter(element_id__in=kmgbf_element_ids(code))
    return Q(pk__in=links.values("version_id"))


def commitment_version_about(code: str) -> Q:
    """Commitment versions naming KMGBF target `code`, as primary or other target."""
    target = Q(
        framework__slug="kmgbf", framework__is_current=True, kind=KMGBF_TARGET_KIND, code=code
    )
    elements = FrameworkElement.objects.filter(target).values("pk")
    return Q(primary_global__in=elements) | Q(other_global__in=elements)
