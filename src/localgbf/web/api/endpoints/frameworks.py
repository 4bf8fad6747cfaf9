"""The KMGBF targets, the codes the `kmgbf_target` filters accept, with who contributes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.web.api.auth import READ
from localgbf.web.api.errors import ERRORS
from localgbf.web.api.schemas import KmgbfTargetOut
from localgbf.web.frameworks.models import ElementAlignment
from localgbf.web.plans.models import AlignmentLink
from localgbf.web.plans.services import KMGBF_TARGET_KIND
from localgbf.web.portal.visibility import commitments_in_force, plans_in_force

router = Router(tags=["frameworks"])


def contributors() -> dict[str, set[int]]:
    """KMGBF target code → governments whose adopted plan or accepted commitment contributes."""
    to_kmgbf: dict[int, set[str]] = defaultdict(set)
    for element, code in ElementAlignment.objects.filter(
        aligned_to__kind=KMGBF_TARGET_KIND, aligned_to__framework__slug="kmgbf"
    ).values_list("element_id", "aligned_to__code"):
        to_kmgbf[element].add(code)
    out: dict[str, set[int]] = defaultdict(set)
    for element, kind, code, government in (
        AlignmentLink.objects.filter(version__in=plans_in_force())
        .values_list("element_id", "element__kind", "element__code", "version__plan__government_id")
        .distinct()
    ):
        if kind == KMGBF_TARGET_KIND:
            out[code].add(government)
        for aligned in to_kmgbf.get(element, ()):
            out[aligned].add(government)
    versions = commitments_in_force()
    for code, government in versions.filter(primary_global__isnull=False).values_list(
        "primary_global__code", "commitment__government_id"
    ):
        out[code].add(government)
    for code, government in versions.filter(other_global__isnull=False).values_list(
        "other_global__code", "commitment__government_id"
    ):
        out[code].add(government)
    return out


@router.get(
    "/kmgbf-targets",
    response={200: list[KmgbfTargetOut], **ERRORS},
    auth=READ,
    summary="The 23 KMGBF targets and how many governments contribute to each",
)
def list_kmgbf_targets(request: HttpRequest) -> Any:
    found = contributors()
    return [
        {
            "code": t.code,
            "title": dict(t.title.values),
            "governments": len(found.get(t.code, ())),
            "portal_url": reverse("portal-target", args=[t.code]),
        }
        for t in kmgbf().targets
    ]
