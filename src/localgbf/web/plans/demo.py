"""The plans demo: China's (made-up) national targets in two versions, the plans of a province
and five cities in several states, budgets in three currencies, the conversion table, and
capacity needs and offers. Idempotent: what exists already is left as it is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from localgbf.web.core.demo import DemoContext
from localgbf.web.frameworks.models import Framework, FrameworkElement
from localgbf.web.frameworks.national import (
    NationalTargetRecord,
    NationalTargetsFile,
    national_slug,
    store_national_targets,
)
from localgbf.web.governments.models import Government
from localgbf.web.plans import demo_data as data
from localgbf.web.plans.models import (
    Action,
    AlignmentLink,
    BudgetLine,
    CapacityNeed,
    CapacityOffer,
    ExchangeRate,
    Goal,
    LocalTarget,
    Plan,
    PlanDocument,
    PlanStatus,
    PlanVersion,
    ReportingCurrency,
    TechnologyTransfer,
)
from localgbf.web.plans.services import copy_version, plan_kind_for

CURRENT_VERSION = "2024-demo"
PREVIOUS_VERSION = "2016-demo"


def _text(pair: tuple[str, str] | None) -> dict[str, str]:
    return {"en": pair[0], "zh-hans": pair[1]} if pair else {}


def _national(country: Government, version: str, rows: list[dict[str, Any]]) -> Framework:
    existing = Framework.objects.filter(slug=national_slug(country), version=version).first()
    if existing is not None:
        return existing
    parsed = NationalTargetsFile(
        name="demo",
        sha256="",
        format="demo",
        targets=tuple(
            NationalTargetRecord(
                code=row["code"],
                title={"en": row["en"], "zh-hans": row["zh"]},
                kmgbf_targets=tuple(row["targets"].items()),
                kmgbf_goals=tuple(row["goals"]),
            )
            for row in rows
        ),
    )
    framework = store_national_targets(parsed, country=country, version=version)
    framework.source = {**framework.source, "note": data.DEMO_NOTE}
    framework.save(update_fields=["source"])
    return framework


class _Lookups:
    """Framework elements by code, read once for the whole demo."""

    def __init__(self, frameworks: dict[str, Framework]) -> None:
        self.national = {
            fw.pk: {e.code: e for e in fw.elements.filter(kind="national_target")}
            for fw in frameworks.values()
        }
        self.kmgbf = {
            e.code: e
            for e in FrameworkElement.objects.filter(
                framework__slug="kmgbf", framework__is_current=True, kind="target"
            )
        }
        self.areas = {
            e.code: e
            for e in FrameworkElement.objects.filter(
                framework__slug="plan-of-action", framework__is_current=True, kind="action_area"
            )
        }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


class _Builder:
    """Creates one version's goals, targets, actions, links and budgets from demo data, with
    one bulk insert per kind of record."""

    def __init__(self, version: PlanVersion, lookups: _Lookups) -> None:
        self.version = version
        self.national = lookups.national.get(version.national_framework_id or 0, {})
        self.kmgbf = lookups.kmgbf
        self.areas = lookups.areas
        self.links: list[AlignmentLink] = []
        self.lines: list[BudgetLine] = []

    def _link(self, spec: dict[str, Any], owner: dict[str, Any]) -> None:
        for elements, key in ((self.national, "nt"), (self.kmgbf, "gt")):
            for code, degree in (spec.get(key) or {}).items():
                self.links.append(
                    AlignmentLink(
                        version=self.version, element=elements[code], degree=degree, **owner
                    )
                )
        for number in spec.get("areas") or []:
            self.links.append(
                AlignmentLink(version=self.version, element=self.areas[str(number)], **owner)
            )

    def action(self, target: LocalTarget, spec: dict[str, Any], order: int) -> Action:
        return Action(
            target=target,
            version=self.version,
            code=spec["code"],
            title={"en": spec["en"], "zh-hans": spec["zh"]},
            responsible=_text(spec.get("responsible")),
            partners=_text(spec.get("partners")),
            start=_date(spec.get("start")),
            end=_date(spec.get("end")),
            status=spec.get("status", "planned"),
            sectors=spec.get("sectors", []),
            location_name=_text(spec.get("place")),
            latitude=_decimal(spec.get("lat")),
            longitude=_decimal(spec.get("lon")),
            local_only=spec.get("local_only", False),
            order=order,
        )

    def add_actions(self, pairs: list[tuple[Action, dict[str, Any]]]) -> None:
        Action.objects.bulk_create(action for action, _ in pairs)
        for action, spec in pairs:
            self._link(spec, {"action": action})
            for year, amount, currency, source, status, note in spec.get("budget", []):
                self.lines.append(
                    BudgetLine(
                        action=action,
                        year=year,
                        amount=Decimal(amount),
                        currency=currency,
                        source=source,
                        status=status,
                        note=note,
                    )
                )

    def goals(self, goals: list[dict[str, Any]]) -> None:
        goal_objects = [
            Goal(
                version=self.version,
                code=g["code"],
                title={"en": g["en"], "zh-hans": g["zh"]},
                order=order,
            )
            for order, g in enumerate(goals)
        ]
        Goal.objects.bulk_create(goal_objects)
        targets = [
            (
                LocalTarget(
                    goal=goal,
                    version=self.version,
                    code=t["code"],
                    title={"en": t["en"], "zh-hans": t["zh"]},
                    indicator=_text(t.get("indicator")),
                    unit=t.get("unit", ""),
                    baseline_value=_decimal(t.get("baseline")),
                    baseline_year=t.get("baseline_year"),
                    target_value=_decimal(t.get("target")),
                    deadline=_date(t.get("deadline")),
                    local_only=t.get("local_only", False),
                    order=order,
                ),
                t,
            )
            for goal, g in zip(goal_objects, goals, strict=True)
            for order, t in enumerate(g["targets"])
        ]
        LocalTarget.objects.bulk_create(target for target, _ in targets)
        actions = []
        for target, spec in targets:
            self._link(spec, {"target": target})
            actions += [
                (self.action(target, a, i), a) for i, a in enumerate(spec.get("actions", []))
            ]
        self.add_actions(actions)
        self.save()

    def save(self) -> None:
        AlignmentLink.objects.bulk_create(self.links)
        BudgetLine.objects.bulk_create(self.lines)
        self.links, self.lines = [], []


def _plan(
    government: Government,
    spec: dict[str, Any],
    frameworks: dict[str, Framework],
    lookups: _Lookups,
) -> Plan:
    plan = Plan.objects.create(government=government, kind=plan_kind_for(government))
    adopted = spec.get("adopted")
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        status=PlanStatus.ADOPTED if adopted else PlanStatus.DRAFT,
        title=_text(spec["title"]),
        team=_text(spec.get("team")),
        assessment=_text(spec.get("assessment")),
        vision=_text(spec.get("vision")),
        principles=_text(spec.get("principles")),
        implementation=_text(spec.get("implementation")),
        period_start=spec["period"][0],
        period_end=spec["period"][1],
        adopted_on=date.fromisoformat(adopted[0]) if adopted else None,
        adopting_body=_text(adopted[1]) if adopted else {},
        national_framework=frameworks[spec.get("national", "current")],
    )
    for order, (title, url, language) in enumerate(spec.get("documents", [])):
        PlanDocument.objects.create(
            version=version, title=_text(title), url=url, language=language, order=order
        )
    _Builder(version, lookups).goals(spec["goals"])
    return plan


def _kunming_draft(plan: Plan, user: Any, lookups: _Lookups) -> None:
    """Version 2 of Kunming's plan: a copy of version 1 with one more action."""
    copy = copy_version(plan, user).version
    copy.title = {
        "en": "Kunming Biodiversity Strategy and Action Plan 2021–2030 (2026 revision)",
        "zh-hans": "昆明市生物多样性保护战略与行动计划（2021—2030年）（2026年修订稿）",
    }
    copy.save(update_fields=["title"])
    target = copy.targets.get(code="2.1")
    builder = _Builder(copy, lookups)
    addition = data.KUNMING_V2_ADDITION
    builder.add_actions([(builder.action(target, addition, target.actions.count()), addition)])
    builder.save()


def _finance(country: Government) -> None:
    ReportingCurrency.objects.get_or_create(country=country, defaults={"currency": "CNY"})
    for year, (usd, eur) in data.RATES.items():
        for currency, rate in (("USD", usd), ("EUR", eur)):
            ExchangeRate.objects.get_or_create(
                country=country,
                year=year,
                currency=currency,
                defaults={"rate": Decimal(rate), "source": "Demonstration rate, rounded"},
            )


def _capacity(ctx: DemoContext) -> None:
    if CapacityNeed.objects.filter(government__is_demo=True).exists():
        return
    for code, kind, topic, title, description, languages, provider, contact in data.CAPACITY:
        government = ctx[f"government:{code}"]
        common = {
            "government": government,
            "topic": topic,
            "title": _text(title),
            "description": _text(description),
            "languages": languages,
        }
        if kind == "need":
            CapacityNeed.objects.create(**common)
        else:
            CapacityOffer.objects.create(**common, provider=_text(provider), contact=contact)
    for code, topic, title, description, partners, start, end, status in data.TRANSFERS:
        TechnologyTransfer.objects.create(
            government=ctx[f"government:{code}"],
            topic=topic,
            title=_text(title),
            description=_text(description),
            partners=_text(partners),
            start=date.fromisoformat(start),
            end=date.fromisoformat(end) if end else None,
            status=status,
        )


def build(ctx: DemoContext) -> None:
    country: Government = ctx["government:CN"]
    frameworks = {
        "previous": _national(country, PREVIOUS_VERSION, data.NATIONAL_PREVIOUS),
        "current": _national(country, CURRENT_VERSION, data.NATIONAL_CURRENT),
    }
    _finance(country)
    existing = set(Plan.objects.values_list("government__code", flat=True))
    lookups = _Lookups(frameworks)
    for code, spec in data.PLANS.items():
        if code in existing:
            continue
        plan = _plan(ctx[f"government:{code}"], spec, frameworks, lookups)
        if code == "CNKMG":
            _kunming_draft(plan, ctx.objects.get("user:kunming.officer"), lookups)
    _capacity(ctx)
    ctx.objects["national:CN"] = frameworks["current"]
