"""What the bodies of the portal pages show, gathered for their templates.

Nothing here depends on who is looking: the bodies are cached and served to everyone.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from django.utils.safestring import mark_safe

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.frameworks.scales import scale
from localgbf.reporting.charts import scorecard_chart
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.portal.country import CountryView
from localgbf.web.portal.downloads import FORMATS
from localgbf.web.portal.licences import open_data_rules
from localgbf.web.portal.mapping import country_map, government_map
from localgbf.web.portal.profile import (
    children_of,
    commitment_views,
    index_view,
    plan_view,
    public_profile,
    species_counts,
)
from localgbf.web.portal.targets import contributions, kmgbf_target_element

PAGE_SIZE = 50


def _degree_labels(language: str) -> dict[str, str]:
    return {lvl.key: lvl.label.get(language) for lvl in scale("alignment").levels}


def kmgbf_titles(language: str) -> dict[str, str]:
    return {t.code: t.title.get(language) for t in kmgbf().targets}


def _licence(government: Government, profile: Any, language: str) -> dict[str, str]:
    licence = open_data_rules().licence(profile.licence_key if profile else None)
    return {"key": licence.key, "name": licence.name.get(language), "url": licence.url}


def government_context(government: Government, language: str) -> dict[str, Any]:
    profile = public_profile(government)
    plan = plan_view(government, language)
    actions = (
        [a for goal in plan.goals for t in goal.targets.all() for a in t.actions.all()]
        if plan
        else []
    )
    index = index_view(government)
    chart = scorecard_chart(index.card, lang=language) if index else None
    return {
        "government": government,
        "ancestors": government.ancestors(),
        "children": children_of(government),
        "profile": profile,
        "plan": plan,
        "commitments": commitment_views(government, language),
        "index": index,
        "index_scored": index.card.scored_label(language) if index else "",
        # Built by localgbf.reporting.charts, which escapes every text it draws.
        "chart_svg": mark_safe(chart.svg) if chart else "",
        "chart_text": chart.text if chart else "",
        "map": government_map(government, profile=profile, actions=actions, language=language),
        "species": species_counts(government),
        "kmgbf_titles": kmgbf_titles(language),
        "degrees": _degree_labels(language),
        "licence": _licence(government, profile, language),
        "formats": FORMATS,
    }


def country_context(view: CountryView, language: str, page: int) -> dict[str, Any]:
    matrix = view.coverage.matrix
    titles = kmgbf_titles(language)
    degrees = _degree_labels(language)
    kmgbf_rows = [
        {
            "code": k.code,
            "title": titles.get(k.code, ""),
            "governments": k.governments,
            "actions": k.actions,
            "degree": degrees.get(k.best_alignment or "", ""),
            "needs": k.finance.needs,
        }
        for k in matrix.kmgbf
    ]
    national_rows = [
        {
            "code": row.code,
            "title": view.coverage.national_titles.get(row.code) or {},
            "governments": len(row.cells),
            "actions": row.actions,
            "needs": row.finance.needs,
        }
        for row in matrix.national_targets
    ]
    pages = max(1, ceil(len(view.rows) / PAGE_SIZE))
    page = min(page, pages)
    profile = public_profile(view.country)
    return {
        "government": view.country,
        "view": view,
        "rows": view.rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "page": page,
        "pages": pages,
        "page_range": range(1, pages + 1),
        "map": country_map(view.country, view.governments, language),
        "kmgbf_rows": kmgbf_rows,
        "national_rows": national_rows,
        "framework": view.coverage.framework,
        "matrix": matrix,
        "regions": [g for g in view.governments if g.kind == GovernmentKind.REGION],
        "profile": profile,
        "licence": _licence(view.country, profile, language),
        "formats": FORMATS,
    }


def target_context(code: str, language: str, *, country: Government | None) -> dict[str, Any]:
    fw = kmgbf()
    target = fw.target(code)
    codes = [t.code for t in fw.targets]
    index = codes.index(code)
    element = kmgbf_target_element(code)
    found = contributions(element, language, country=country) if element else []
    return {
        "target": target,
        "contributions": found,
        "governments": len(found),
        "actions": sum(c.actions for c in found),
        "commitments": sum(len(c.commitments) for c in found),
        "country": country,
        "countries": Government.objects.filter(kind=GovernmentKind.COUNTRY).order_by("code"),
        "degrees": _degree_labels(language),
        "previous": fw.targets[index - 1] if index > 0 else None,
        "next": fw.targets[index + 1] if index + 1 < len(codes) else None,
    }
