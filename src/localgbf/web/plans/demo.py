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


class _Builder:
    """Creates one version's goals, targets, actions, links and budgets from demo data."""

    def __init__(self, version: PlanVersion) -> None:
        self.version = version
        fw = version.national_framework
        self.national = (
            {e.code: e for e in fw.elements.filter(kind="national_target")} if fw else {}
        )
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
        self.links: list[AlignmentLink] = []
        self.lines: list[BudgetLine] = []

    def _link(self, spec: dict[str, Any], owner: dict[str, Any]) -> None:
        for code, degree in (spec.get("nt") or {}).items():
            self.links.append(
                AlignmentLink(
                    version=self.version, element=self.national[code], degree=degree, **owner
                )
            )
        for code, degree in (spec.get("gt") or {}).items():
            self.links.append(
                AlignmentLink(
                    version=self.version, element=self.kmgbf[code], degree=degree, **owner
                )
            )
        for number in spec.get("areas") or []:
            self.links.append(
                AlignmentLink(version=self.version, element=self.areas[str(number)], **owner)
            )

    def action(self, target: LocalTarget, spec: dict[str, Any], order: int) -> Action:
        action = Action.objects.create(
            target=target,
            code=spec["code"],
            title={"en": spec["en"], "zh-hans": spec["zh"]},
            responsible=_text(spec.get("responsible")),
            partners=_text(spec.get("partners")),
            start=date.fromisoformat(spec["start"]) if spec.get("start") else None,
            end=date.fromisoformat(spec["end"]) if spec.get("end") else None,
            status=spec.get("status", "planned"),
            sectors=spec.get("sectors", []),
            location_name=_text(spec.get("place")),
            latitude=Decimal(spec["lat"]) if spec.get("lat") else None,
            longitude=Decimal(spec["lon"]) if spec.get("lon") else None,
            local_only=spec.get("local_only", False),
            order=order,
        )
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
        return action

    def goals(self, goals: list[dict[str, Any]]) -> None:
        for g_order, g in enumerate(goals):
            goal = Goal.objects.create(
                version=self.version,
                code=g["code"],
                title={"en": g["en"], "zh-hans": g["zh"]},
                order=g_order,
            )
            for t_order, t in enumerate(g["targets"]):
                target = LocalTarget.objects.create(
                    goal=goal,
                    code=t["code"],
                    title={"en": t["en"], "zh-hans": t["zh"]},
                    indicator=_text(t.get("indicator")),
                    unit=t.get("unit", ""),
                    baseline_value=Decimal(t["baseline"]) if t.get("baseline") else None,
                    baseline_year=t.get("baseline_year"),
                    target_value=Decimal(t["target"]) if t.get("target") else None,
                    deadline=date.fromisoformat(t["deadline"]) if t.get("deadline") else None,
                    local_only=t.get("local_only", False),
                    order=t_order,
                )
                self._link(t, {"target": target})
                for a_order, a in enumerate(t.get("actions", [])):
                    self.action(target, a, a_order)
        self.save()

    def save(self) -> None:
        AlignmentLink.objects.bulk_create(self.links)
        BudgetLine.objects.bulk_create(self.lines)
        self.links, self.lines = [], []


def _plan(government: Government, spec: dict[str, Any], frameworks: dict[str, Framework]) -> Plan:
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
    _Builder(version).goals(spec["goals"])
    return plan


def _kunming_draft(plan: Plan, user: Any) -> None:
    """Version 2 of Kunming's plan: a copy of version 1 with one more action."""
    copy = copy_version(plan, user).version
    copy.title = {
        "en": "Kunming Biodiversity Strategy and Action Plan 2021–2030 (2026 revision)",
        "zh-hans": "昆明市生物多样性保护战略与行动计划（2021—2030年）（2026年修订稿）",
    }
    copy.save(update_fields=["title"])
    target = copy.targets.get(code="2.1")
    builder = _Builder(copy)
    builder.action(target, data.KUNMING_V2_ADDITION, target.actions.count())
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
    for code, spec in data.PLANS.items():
        government = ctx[f"government:{code}"]
        if Plan.objects.filter(government=government).exists():
            continue
        plan = _plan(government, spec, frameworks)
        if code == "CNKMG":
            _kunming_draft(plan, ctx.objects.get("user:kunming.officer"))
    _capacity(ctx)
    ctx.objects["national:CN"] = frameworks["current"]
