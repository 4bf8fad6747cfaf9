"""Small workflow rules of the portal: saving a public profile, finding a government."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from localgbf.web.governments import audit
from localgbf.web.governments.models import Government
from localgbf.web.portal.forms import PublicProfileForm
from localgbf.web.portal.models import PublicProfile

PROFILE_FIELDS = ["introduction", "seat_latitude", "seat_longitude", "data_licence"]


@transaction.atomic
def save_profile(form: PublicProfileForm, user: Any) -> PublicProfile:
    before = None
    if form.instance.pk is not None:
        before = audit.snapshot(PublicProfile.objects.get(pk=form.instance.pk), PROFILE_FIELDS)
    profile: PublicProfile = form.save(commit=False)
    profile.updated_by = user if getattr(user, "is_authenticated", False) else None
    profile.save()
    audit.record(
        user,
        "portal.profile.edit",
        profile,
        government=profile.government,
        before=before,
        after=audit.snapshot(profile, PROFILE_FIELDS),
    )
    return profile


def find_governments(query: str, *, limit: int) -> list[Government]:
    """Governments whose code or name (in any language) contains `query`, any case.

    Names are matched in Python: SQLite keeps JSON text with non-ASCII characters escaped, so
    a database lookup would miss Chinese names there.
    """
    needle = query.strip().lower()
    if not needle:
        return []
    matching = [
        pk
        for pk, code, name in Government.objects.order_by("path").values_list("pk", "code", "name")
        if needle in code.lower() or any(needle in str(v).lower() for v in (name or {}).values())
    ][:limit]
    found = Government.objects.filter(pk__in=matching).select_related("parent")
    return sorted(found, key=lambda g: g.path)


def page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1
