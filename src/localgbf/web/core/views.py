from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.frameworks.plan_of_action import plan_of_action
from localgbf.frameworks.scales import scales
from localgbf.frameworks.singapore_index import DEFAULT_EDITION, load_singapore_index
from localgbf.web.governments.models import Government, GovernmentKind


def home(request: HttpRequest) -> HttpResponse:
    counts = {kind: Government.objects.filter(kind=kind).count() for kind in GovernmentKind.values}
    return render(
        request,
        "core/home.html",
        {
            "counts": counts,
            "countries": Government.objects.filter(kind=GovernmentKind.COUNTRY),
            "plan": plan_of_action(),
        },
    )


def frameworks_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/frameworks_index.html",
        {
            "kmgbf": kmgbf(),
            "plan": plan_of_action(),
            "si": load_singapore_index(),
            "scales": scales(),
        },
    )


def kmgbf_overview(request: HttpRequest) -> HttpResponse:
    fw = kmgbf()
    sections: dict[str, list] = {}
    for target in fw.targets:
        sections.setdefault(str(target.section), []).append(target)
    grouped = [{"section": targets[0].section, "targets": targets} for targets in sections.values()]
    return render(request, "core/kmgbf.html", {"fw": fw, "sections": grouped})


def kmgbf_target(request: HttpRequest, code: str) -> HttpResponse:
    fw = kmgbf()
    try:
        target = fw.target(code)
    except StopIteration:
        raise Http404("No such KMGBF target") from None
    indicators = fw.indicators_for_target(code)
    by_kind = {
        kind: [i for i in indicators if i.kind == kind]
        for kind in ("headline", "binary", "component", "complementary")
    }
    codes = [t.code for t in fw.targets]
    index = codes.index(code)
    return render(
        request,
        "core/kmgbf_target.html",
        {
            "fw": fw,
            "target": target,
            "by_kind": by_kind,
            "previous": fw.targets[index - 1] if index > 0 else None,
            "next": fw.targets[index + 1] if index + 1 < len(codes) else None,
        },
    )


def kmgbf_goal(request: HttpRequest, code: str) -> HttpResponse:
    fw = kmgbf()
    try:
        goal = fw.goal(code)
    except StopIteration:
        raise Http404("No such KMGBF goal") from None
    indicators = [i for i in fw.indicators if code in i.goals]
    return render(
        request, "core/kmgbf_goal.html", {"fw": fw, "goal": goal, "indicators": indicators}
    )


def plan_of_action_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/plan_of_action.html", {"plan": plan_of_action()})


def singapore_index_view(request: HttpRequest, edition: str = DEFAULT_EDITION) -> HttpResponse:
    si = load_singapore_index()
    try:
        ed = si.edition(edition)
    except KeyError:
        raise Http404("No such edition") from None
    groups = [
        {
            "component": si.component(c.component),
            "indicators": [
                {"ind": ed.indicator(n), "unit": si.units.get(ed.indicator(n).unit or "")}
                for n in c.indicators
            ],
            "max_points": 4 * len(c.indicators),
        }
        for c in ed.components
    ]
    return render(
        request,
        "core/singapore_index.html",
        {
            "si": si,
            "edition": ed,
            "groups": groups,
            "editions": si.editions,
            "banded": len(ed.banded()),
        },
    )
