"""The participation demo: a network and an advisory committee with member governments, the
network's staff account (`network.staff`), and CEPA activities of Kunming and Shenzhen.

Idempotent: records are matched on their codes and titles and updated in place.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from localgbf.web.core.demo import DEMO_PASSWORD, DemoContext
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.participation import demo_data as data
from localgbf.web.participation.models import (
    CepaActivity,
    Organisation,
    OrganisationMember,
    OrganisationStaff,
)
from localgbf.web.plans.models import Action as PlanAction


def _pair(value: tuple[str, str]) -> dict[str, str]:
    return {"en": value[0], "zh-hans": value[1]}


def _organisations(ctx: DemoContext) -> None:
    for spec in data.ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            code=spec["code"],
            defaults={
                "kind": spec["kind"],
                "name": _pair(spec["name"]),
                "description": _pair(spec["description"]),
                "country": Government.objects.get(code=spec["country"]),
                "is_demo": True,
            },
        )
        for code, shares, joined in spec["members"]:
            OrganisationMember.objects.update_or_create(
                organisation=org,
                government=Government.objects.get(code=code),
                defaults={"shares": shares, "joined": date.fromisoformat(joined)},
            )
        ctx.objects[f"organisation:{org.code}"] = org

    username, first, last, org_code, role = data.NETWORK_STAFF
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    OrganisationStaff.objects.update_or_create(
        organisation=Organisation.objects.get(code=org_code), user=user, defaults={"role": role}
    )
    ctx.objects[f"user:{username}"] = user
    ctx.accounts.append((username, "Network staff", org_code))


def _activities() -> None:
    targets = {
        e.code: e
        for e in FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind="target"
        )
    }
    for spec in data.CEPA:
        government = Government.objects.get(code=spec["government"])
        activity = CepaActivity.objects.filter(
            government=government, title__en=spec["title"][0]
        ).first() or CepaActivity(government=government)
        activity.kind = spec["kind"]
        activity.title = _pair(spec["title"])
        activity.description = _pair(spec["description"])
        activity.start = date.fromisoformat(spec["start"])
        activity.end = date.fromisoformat(spec["end"]) if spec["end"] else None
        activity.audience = spec["audience"]
        activity.reach = spec["reach"]
        activity.languages = spec["languages"]
        activity.url = spec["url"]
        activity.save()
        plan = government.plan if hasattr(government, "plan") else None
        version = plan.in_force() if plan is not None else None
        actions = (
            PlanAction.objects.filter(version=version, code__in=spec["actions"])
            if version is not None
            else PlanAction.objects.none()
        )
        activity.actions.set(actions)
        activity.kmgbf_targets.set([targets[c] for c in spec["targets"] if c in targets])


def build(ctx: DemoContext) -> None:
    _organisations(ctx)
    _activities()
