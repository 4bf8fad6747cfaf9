"""Guided authoring: the steps, and the forms for goals, targets, actions and documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Model
from django.forms import modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.governments import audit
from localgbf.web.plans.access import editable_version
from localgbf.web.plans.forms import ActionForm, BudgetFormSet, DocumentForm, GoalForm, TargetForm
from localgbf.web.plans.index_link import latest_index_summary
from localgbf.web.plans.models import Action, Goal, LocalTarget, PlanDocument, PlanVersion
from localgbf.web.plans.services import set_links
from localgbf.web.plans.steps import BY_KEY, STEPS, progress

DocumentFormSet = modelformset_factory(PlanDocument, form=DocumentForm, extra=1, can_delete=True)


def _context(version: PlanVersion, step_key: str, **extra: Any) -> dict[str, Any]:
    keys = [s.key for s in STEPS]
    index = keys.index(step_key)
    return {
        "version": version,
        "government": version.plan.government,
        "steps": progress(version),
        "step": BY_KEY[step_key],
        "step_number": index + 1,
        "previous": STEPS[index - 1] if index else None,
        "next": STEPS[index + 1] if index + 1 < len(STEPS) else None,
        "degrees": {lvl.key: lvl for lvl in scale("alignment").levels},
        "sectors": {t.key: t for t in vocabulary("sectors").terms},
        "statuses": {t.key: t for t in vocabulary("action_status").terms},
        **extra,
    }


@login_required
def step(request: HttpRequest, code: str, number: int, step: str) -> HttpResponse:
    version = editable_version(request, code, number)
    current = BY_KEY.get(step)
    if current is None:
        raise Http404("No such step")
    form = current.form(request.POST or None, instance=version) if current.form else None
    documents = None
    if step == "implementation":
        documents = DocumentFormSet(
            request.POST or None,
            queryset=version.documents.all(),
            prefix="documents",
        )
    if request.method == "POST":
        valid = (form is None or form.is_valid()) and (documents is None or documents.is_valid())
        if valid:
            with transaction.atomic():
                before = audit.snapshot(version)
                if form is not None:
                    form.save()
                if documents is not None:
                    for doc in documents.save(commit=False):
                        doc.version = version
                        doc.save()
                    for doc in documents.deleted_objects:
                        doc.delete()
                audit.record(
                    request.user,
                    f"plan.step.{step}",
                    version,
                    government=version.plan.government,
                    before=before,
                    after=audit.snapshot(version),
                )
            messages.success(request, _("Saved."))
            following = _context(version, step)["next"]
            if "continue" in request.POST and following is not None:
                return redirect("plan-step", code=code, number=number, step=following.key)
            return redirect("plan-step", code=code, number=number, step=step)
    extra: dict[str, Any] = {"form": form, "documents": documents}
    if step == "assessment":
        extra["index_summary"] = latest_index_summary(version.plan.government)
    if step in ("vision", "targets", "actions"):
        extra["goals"] = version.goals.prefetch_related(
            "targets__links__element",
            "targets__actions__links__element",
            "targets__actions__budget_lines",
        )
    return render(request, f"plans/steps/{step}.html", _context(version, step, **extra))


def _owned(model: type[Model], version: PlanVersion, pk: int | None) -> Any:
    if pk is None:
        return None
    return get_object_or_404(model, pk=pk, version=version)


@login_required
def goal_edit(request: HttpRequest, code: str, number: int, pk: int | None = None) -> HttpResponse:
    version = editable_version(request, code, number)
    goal = _owned(Goal, version, pk)
    initial = {} if goal else {"code": f"G{version.goals.count() + 1}"}
    form = GoalForm(request.POST or None, instance=goal, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.version = version
        if goal is None:
            saved.order = version.goals.count()
        saved.save()
        audit.record(request.user, "plan.goal.save", saved, government=version.plan.government)
        return redirect("plan-step", code=code, number=number, step="vision")
    return render(
        request,
        "plans/element_form.html",
        _context(version, "vision", form=form, element=goal, what=_("goal")),
    )


@login_required
def target_edit(
    request: HttpRequest, code: str, number: int, pk: int | None = None
) -> HttpResponse:
    version = editable_version(request, code, number)
    target = _owned(LocalTarget, version, pk)
    initial: dict[str, Any] = {}
    if target is None:
        goal = (
            version.goals.filter(pk=request.GET.get("goal") or 0).first() or version.goals.first()
        )
        if goal is None:
            messages.error(request, _("Add a goal first."))
            return redirect("plan-step", code=code, number=number, step="vision")
        prefix = goal.code.lstrip("Gg") or goal.code
        initial = {"goal": goal, "code": f"{prefix}.{goal.targets.count() + 1}"}
    form = TargetForm(request.POST or None, instance=target, initial=initial, version=version)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            if target is None:
                saved.order = saved.goal.targets.count()
            saved.save()
            set_links(saved, form.link_request(), request.user)
        return redirect("plan-step", code=code, number=number, step="targets")
    return render(
        request,
        "plans/element_form.html",
        _context(version, "targets", form=form, element=target, what=_("local target")),
    )


@login_required
def action_edit(
    request: HttpRequest, code: str, number: int, pk: int | None = None
) -> HttpResponse:
    version = editable_version(request, code, number)
    action = _owned(Action, version, pk)
    initial: dict[str, Any] = {}
    if action is None:
        target = (
            version.targets.filter(pk=request.GET.get("target") or 0).first()
            or version.targets.first()
        )
        if target is None:
            messages.error(request, _("Add a local target first."))
            return redirect("plan-step", code=code, number=number, step="targets")
        initial = {"target": target, "code": f"{target.code}.{target.actions.count() + 1}"}
    form = ActionForm(request.POST or None, instance=action, initial=initial, version=version)
    budget = BudgetFormSet(request.POST or None, instance=action or Action(), prefix="budget")
    if request.method == "POST" and all([form.is_valid(), budget.is_valid()]):
        with transaction.atomic():
            saved = form.save(commit=False)
            if action is None:
                saved.order = saved.target.actions.count()
            saved.save()
            budget.instance = saved
            budget.save()
            set_links(saved, form.link_request(), request.user)
        return redirect("plan-step", code=code, number=number, step="actions")
    return render(
        request,
        "plans/element_form.html",
        _context(version, "actions", form=form, element=action, what=_("action"), budget=budget),
    )


DELETABLE: dict[str, tuple[type[Model], str]] = {
    "goal": (Goal, "vision"),
    "target": (LocalTarget, "targets"),
    "action": (Action, "actions"),
}


@login_required
@require_POST
def delete(request: HttpRequest, code: str, number: int, kind: str, pk: int) -> HttpResponse:
    version = editable_version(request, code, number)
    if kind not in DELETABLE:
        raise Http404("Nothing of that kind")
    model, step_key = DELETABLE[kind]
    obj = _owned(model, version, pk)
    with transaction.atomic():
        audit.record(
            request.user,
            f"plan.{kind}.delete",
            obj,
            government=version.plan.government,
            before=audit.snapshot(obj),
        )
        obj.delete()
    messages.success(request, _("Deleted."))
    return redirect("plan-step", code=code, number=number, step=step_key)
