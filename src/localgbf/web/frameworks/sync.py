"""Copy the packaged frameworks into the database (idempotent; new versions are added)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from localgbf.frameworks import catalog
from localgbf.web.frameworks.models import Framework, FrameworkElement, FrameworkKind

KINDS = {
    "kmgbf": FrameworkKind.GLOBAL,
    "plan-of-action": FrameworkKind.PLAN_OF_ACTION,
    "singapore-index": FrameworkKind.INDEX,
}


def available_slugs() -> list[str]:
    """Packaged frameworks whose loader is importable in this build."""
    slugs = []
    for slug in catalog.PACKAGED:
        try:
            catalog.get(slug)
        except ImportError:
            continue
        slugs.append(slug)
    return slugs


@transaction.atomic
def sync_packaged_frameworks() -> list[Framework]:
    synced = []
    for slug in available_slugs():
        fw = catalog.get(slug)
        framework, created = Framework.objects.get_or_create(
            slug=slug,
            version=fw.version,
            defaults={
                "kind": KINDS[slug],
                "title": fw.title.as_dict(),
                "packaged": True,
            },
        )
        if created:
            Framework.objects.filter(slug=slug).exclude(pk=framework.pk).update(is_current=False)
            by_id: dict[str, FrameworkElement] = {}
            for order, rec in enumerate(fw.records()):
                element = FrameworkElement.objects.create(
                    framework=framework,
                    kind=rec.kind,
                    code=rec.code,
                    title=rec.title.as_dict(),
                    text=rec.text.as_dict() if rec.text else {},
                    parent=by_id.get(rec.parent) if rec.parent else None,
                    order=order,
                )
                by_id[rec.id] = element
        synced.append(framework)
    return synced


def sync_after_migrate(**kwargs: Any) -> None:
    using = kwargs.get("using")
    if using and using != "default":
        return
    sync_packaged_frameworks()
