"""Template helpers of the commitments app: labels of NR7 levels and the government section."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import UnknownTerm, vocabulary
from localgbf.reporting.national_report import report_rules
from localgbf.web.commitments.access import PUBLIC_STATES, reviews_country
from localgbf.web.commitments.models import CommitmentVersion, OfficialContact
from localgbf.web.commitments.review import ReviewState
from localgbf.web.core.fields import as_text
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import GovernmentKind

register = template.Library()


@register.filter
def progress_label(key: Any) -> str:
    if not key:
        return ""
    try:
        return scale("progress").level(str(key)).label.get(get_language() or "en")
    except KeyError:
        return str(key)


@register.filter
def progress_colour(key: Any) -> str:
    try:
        return scale("progress").level(str(key or "unknown")).colour or "#767676"
    except KeyError:
        return "#767676"


@register.filter
def answer_label(key: Any) -> str:
    try:
        return scale("binary_answer").level(str(key)).label.get(get_language() or "en")
    except KeyError:
        return str(key)


@register.filter
def nr_label(key: Any, prefix: str) -> str:
    """`{{ "city"|nr_label:"kind" }}`: a label of the national roll-up's data file."""
    rules = report_rules()
    name = f"{prefix}:{key}"
    return rules.label(name, get_language() or "en") if name in rules.labels else str(key)


@register.filter
def funding_labels(keys: Any) -> list[str]:
    out = []
    for key in keys or []:
        try:
            out.append(vocabulary("funding_sources").label(str(key), get_language() or "en"))
        except UnknownTerm:
            out.append(str(key))
    return out


@register.filter
def number(value: Any) -> str:
    """A decimal without trailing zeros, thousands grouped."""
    if value in (None, ""):
        return "—"
    amount = Decimal(value).normalize()
    return f"{amount:,f}" if amount == amount.to_integral_value() else f"{amount:,}"


@register.filter
def percent(value: Any) -> str:
    return "—" if value is None else f"{float(value):.0%}"


@register.filter
def without_contributions(rows: Any) -> list[Any]:
    return [r for r in rows or [] if not (r.actions or r.commitments)]


@register.filter
def period(report: Any) -> str:
    return str(report.period_label())


AUDIT_LABELS = {
    "commitment.create": gettext_lazy("created the commitment"),
    "commitment.from_plan": gettext_lazy("drafted it from the plan"),
    "commitment.edit": gettext_lazy("edited the commitment"),
    "commitment.kpis": gettext_lazy("changed the KPIs or documents"),
    "commitment.new_version": gettext_lazy("started a new version"),
    "commitment.submit": gettext_lazy("submitted it for review"),
    "progress.submit": gettext_lazy("submitted it for review"),
    "review.accept": gettext_lazy("accepted it"),
    "review.return": gettext_lazy("returned it with a comment"),
    "review.auto_accept": gettext_lazy("accepted automatically"),
}


@register.filter
def audit_label(action: str) -> str:
    label = AUDIT_LABELS.get(action)
    return str(label) if label is not None else action


@register.filter
def element(value: Any) -> str:
    """A framework element as "Target 12 · title", "Goal A · title", "National target 8 · …"."""
    if value is None:
        return "—"
    kinds = {"goal": _("Goal"), "target": _("Target"), "national_target": _("National target")}
    title = as_text(value.title)
    text = title.get(get_language() or "en") if title else ""
    prefix = kinds.get(value.kind)
    head = f"{prefix} {value.code}" if prefix else value.code
    return f"{head} · {text}" if text else head


@register.filter
def share_of(count: Any, total: Any) -> float:
    """Width in per cent of a bar showing `count` out of `total`."""
    return 0.0 if not total else round(100 * float(count) / float(total), 1)


@register.simple_tag(takes_context=True)
def commitment_summary(context: Any, government: Any) -> dict[str, Any]:
    """What the government page shows of commitments, for the person looking at it."""
    user = context["request"].user
    private = can(user, Action.VIEW_PRIVATE, government)
    is_country = government.kind == GovernmentKind.COUNTRY
    versions = CommitmentVersion.objects.filter(commitment__government=government)
    if not private:
        versions = versions.filter(state__in=PUBLIC_STATES)
    return {
        "is_country": is_country,
        "commitments": versions.values("commitment").distinct().count(),
        "pending": versions.filter(state=ReviewState.PENDING).count() if private else None,
        "accepted": versions.filter(state=ReviewState.ACCEPTED).count(),
        "can_edit": can(user, Action.EDIT, government) and not is_country,
        "may_see_private": private,
        "has_contact": OfficialContact.objects.filter(government=government).exists(),
        "reviews": is_country and reviews_country(user, government),
    }
