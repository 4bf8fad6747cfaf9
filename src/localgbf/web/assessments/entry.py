"""The page of one indicator in an assessment: help, the current entry, and the forms to change it.

Each form posts an `action`; `ACTIONS` maps it to a handler that validates the form and returns
the change to save (or the form with its errors). Every change goes through `services.change`,
so it is checked by the engine, refused when the page was out of date, and audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from localgbf.frameworks.singapore_index import load_singapore_index
from localgbf.index import assessment as si
from localgbf.index.errors import IndexInputError
from localgbf.index.forms import FORM_METHOD_PREFIX, IndicatorForm, form_for, input_forms
from localgbf.index.rules import scoring_rules
from localgbf.web.assessments import services
from localgbf.web.assessments.evidence import attach_evidence
from localgbf.web.assessments.forms import (
    EvidenceForm,
    IndicatorInputForm,
    ScoreForm,
    ValueForm,
)
from localgbf.web.assessments.lookup import assessment_for, sign_in_redirect
from localgbf.web.assessments.models import Assessment
from localgbf.web.assessments.posting import framed, posted_version
from localgbf.web.datasets.store import UploadTooLarge
from localgbf.web.governments.access import Action, can


def _spec(number: int, edition: str) -> IndicatorForm | None:
    try:
        return form_for(number, edition)
    except IndexInputError:
        return None


def _stored_form(entry: si.Entry) -> dict[str, Any]:
    obtained = entry.obtained
    if obtained is None or not (obtained.method_id or "").startswith(FORM_METHOD_PREFIX):
        return {}
    return dict(obtained.form)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value) or "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _entered_fields(spec: IndicatorForm | None, entry: si.Entry) -> list[tuple[Any, str]]:
    stored = _stored_form(entry)
    if spec is None or not stored:
        return []
    return [(f.label, _shown(stored[f.id])) for f in spec.fields if f.id in stored]


@dataclass
class Posted:
    request: HttpRequest
    row: Assessment
    number: int

    @property
    def by(self) -> str:
        return services.by_name(self.request.user)

    def save(self, operation: services.Operation, action: str) -> Callable[[], object]:
        return lambda: services.change(
            self.row,
            operation,
            expected_version=posted_version(self.request),
            user=self.request.user,
            action=action,
            indicator=self.number,
        )


Handled = tuple[str, forms.Form | None, Callable[[], object] | None]


def _enter_form(p: Posted) -> Handled:
    spec = _spec(p.number, p.row.edition)
    if spec is None:
        raise Http404("this indicator has no input form in this edition")
    form = IndicatorInputForm(p.request.POST, spec=spec, stored={}, prefix="f")
    if not form.is_valid():
        return "input_form", form, None
    values, sources, bands = (
        form.values(),
        form.sources(),
        services.current_band_table(p.row.edition),
    )
    return (
        "input_form",
        form,
        p.save(
            lambda a: si.enter_form(
                a, p.number, values, by=p.by, data_sources=sources, bands=bands
            ),
            "enter_form",
        ),
    )


def _enter_value(p: Posted) -> Handled:
    form = ValueForm(p.request.POST, prefix="v")
    if not form.is_valid():
        return "value_form", form, None
    value, unit = form.cleaned_data["value"], form.cleaned_data["unit"] or None
    sources, bands = form.sources(), services.current_band_table(p.row.edition)
    return (
        "value_form",
        form,
        p.save(
            lambda a: si.enter_value(
                a, p.number, value, unit=unit, by=p.by, data_sources=sources, bands=bands
            ),
            "enter_value",
        ),
    )


def _score(p: Posted) -> Handled:
    form = ScoreForm(p.request.POST, prefix="s")
    if not form.is_valid():
        return "score_form", form, None
    score, why = form.cleaned_data["score"], form.cleaned_data["justification"]
    bands = services.current_band_table(p.row.edition)
    return (
        "score_form",
        form,
        p.save(
            lambda a: si.score_by_assessor(
                a, p.number, score, justification=why, by=p.by, bands=bands
            ),
            "score_by_assessor",
        ),
    )


def _evidence(p: Posted) -> Handled:
    form = EvidenceForm(p.request.POST, p.request.FILES, government=p.row.government, prefix="e")
    if not form.is_valid():
        return "evidence_form", form, None
    data = form.cleaned_data
    return (
        "evidence_form",
        form,
        lambda: attach_evidence(
            p.row,
            p.number,
            note=data.get("note") or "",
            link=data.get("link") or "",
            upload=data.get("file"),
            dataset=data.get("dataset"),
            expected_version=posted_version(p.request),
            user=p.request.user,
        ),
    )


def _confirm(p: Posted) -> Handled:
    return "", None, p.save(lambda a: si.confirm(a, p.number, by=p.by), "confirm")


def _dismiss(p: Posted) -> Handled:
    return "", None, p.save(lambda a: si.dismiss_proposal(a, p.number), "dismiss_proposal")


ACTIONS: dict[str, Callable[[Posted], Handled]] = {
    "form": _enter_form,
    "value": _enter_value,
    "score": _score,
    "evidence": _evidence,
    "confirm": _confirm,
    "dismiss": _dismiss,
}
SAVED: dict[str, Any] = {
    "form": gettext_lazy("The data were saved and the value computed from them."),
    "value": gettext_lazy("The value was saved."),
    "score": gettext_lazy("The assessor's score was saved."),
    "evidence": gettext_lazy("The evidence was added."),
    "confirm": gettext_lazy("The value was confirmed."),
    "dismiss": gettext_lazy("The recomputed value was dismissed; the confirmed one stays."),
}


def _context(row: Assessment, number: int, can_edit: bool, bound: dict[str, Any]) -> dict:
    fw = load_singapore_index()
    edition = fw.edition(row.edition)
    pure = row.pure()
    try:
        entry = pure.entry(number)
        indicator = edition.indicator(number)
    except (IndexInputError, KeyError):
        raise Http404("no such indicator in this edition") from None
    table = services.current_band_table(row.edition)
    bands = table.bands_for(number)
    spec = _spec(number, row.edition)
    unit = fw.unit(indicator.unit) if indicator.unit else None
    rules = scoring_rules()
    value_initial = {
        "value": entry.value,
        "unit": si.unit_symbol(entry.unit) or (unit.symbol if unit else ""),
    }
    forms_: dict[str, Any] = {}
    if can_edit:
        forms_ = {
            "input_form": (
                IndicatorInputForm(spec=spec, stored=_stored_form(entry), prefix="f")
                if spec
                else None
            ),
            "value_form": ValueForm(initial=value_initial, prefix="v"),
            "score_form": (
                ScoreForm(
                    initial={
                        "score": entry.points if entry.scored_by == "assessor" else None,
                        "justification": entry.score.justification if entry.score else "",
                    },
                    prefix="s",
                )
                if bands is None
                else None
            ),
            "evidence_form": EvidenceForm(government=row.government, prefix="e"),
        } | bound
    numbers = edition.numbers
    position = numbers.index(number)
    return {
        "row": row,
        "government": row.government,
        "entry": entry,
        "indicator": indicator,
        "component": fw.component(indicator.component),
        "unit": unit,
        "unit_symbols": [unit.symbol, *unit.aliases] if unit else [],
        "bands": bands,
        "band_table_version": table.version,
        "rule": rules.get(rules.default),
        "assessor_rule": rules.assessor,
        "spec": spec,
        "entered_fields": _entered_fields(spec, entry),
        "basis": input_forms(row.edition).bases.get(spec.basis) if spec else None,
        "can_edit": can_edit,
        "previous": numbers[position - 1] if position > 0 else None,
        "next": numbers[position + 1] if position + 1 < len(numbers) else None,
        **forms_,
    }


@sign_in_redirect
def indicator(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    if request.method == "POST":
        return _post(request, pk, number)
    row = assessment_for(request, pk)
    can_edit = row.is_draft and can(request.user, Action.EDIT, row.government)
    return render(request, "assessments/indicator.html", _context(row, number, can_edit, {}))


def _post(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    row = assessment_for(request, pk, edit=True)
    handler = ACTIONS.get(request.POST.get("action", ""))
    if handler is None:
        return HttpResponseBadRequest("unknown action")
    try:
        row.pure().entry(number)
    except IndexInputError:
        raise Http404("no such indicator in this edition") from None
    key, form, save = handler(Posted(request, row, number))
    if save is not None:
        try:
            save()
        except services.AssessmentConflict as exc:
            messages.error(request, str(exc))
            return redirect("assessment-indicator", pk=row.pk, number=number)
        except (IndexInputError, UploadTooLarge) as exc:
            if form is None or not row.is_draft:
                messages.error(request, framed(number, exc))
                return redirect("assessment-indicator", pk=row.pk, number=number)
            form.add_error(None, framed(number, exc))
        else:
            messages.success(request, SAVED[request.POST["action"]])
            return redirect("assessment-indicator", pk=row.pk, number=number)
    row.refresh_from_db()
    bound = {key: form} if key else {}
    return render(request, "assessments/indicator.html", _context(row, number, row.is_draft, bound))
