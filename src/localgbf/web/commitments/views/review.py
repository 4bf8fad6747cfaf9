"""The country's review queue (filters, bulk decisions), single decisions, review settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.web.commitments import services
from localgbf.web.commitments.access import country_for, reviews_country
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.forms import DecisionForm, QueueFilterForm
from localgbf.web.commitments.models import CommitmentVersion, ProgressReport
from localgbf.web.commitments.review import Reviewable, ReviewState
from localgbf.web.governments.access import Action, can

MODELS: dict[str, Any] = {"commitment": CommitmentVersion, "progress": ProgressReport}


def _reviewer_country(request: HttpRequest, code: str) -> Any:
    country = country_for(request, code)
    if not reviews_country(request.user, country):
        raise PermissionDenied(_("Only the country's reviewers see its review queue."))
    return country


def _items(country: Any, kind: str, state: str, government: str) -> list[Reviewable]:
    under = Q(commitment__government__path__startswith=f"{country.path}/")
    if government:
        under &= Q(commitment__government__code=government)
    states = {
        "pending": [ReviewState.PENDING],
        "returned": [ReviewState.RETURNED],
        "accepted": [ReviewState.ACCEPTED],
        "all": [ReviewState.PENDING, ReviewState.RETURNED, ReviewState.ACCEPTED],
    }[state or "pending"]
    items: list[Reviewable] = []
    for name, model in MODELS.items():
        if kind and kind != name:
            continue
        rows: QuerySet[Any] = model.objects.filter(under, state__in=states).select_related(
            "commitment__government", "submitted_by"
        )
        items += list(rows)
    return sorted(
        items, key=lambda i: (i.review_deadline or i.submitted_at or timezone.now(), i.pk)
    )


@login_required
def queue(request: HttpRequest, code: str) -> HttpResponse:
    country = _reviewer_country(request, code)
    if request.method == "POST":
        return _bulk(request, country)
    filters = QueueFilterForm(request.GET or None, country=country)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    items = _items(
        country, chosen.get("kind", ""), chosen.get("state", ""), chosen.get("government", "")
    )
    now = timezone.now()
    rows = [
        {
            "item": item,
            "kind": services.kind_of(item),
            "key": f"{services.kind_of(item)}:{item.pk}",
            "path": services.item_path(item),
            "days_left": (item.review_deadline - now).total_seconds() / 86400
            if item.is_pending and item.review_deadline
            else None,
        }
        for item in items
    ]
    settings_ = services.review_settings(country)
    return render(
        request,
        "commitments/review_queue.html",
        {
            "country": country,
            "rows": rows,
            "filters": filters,
            "decision_form": DecisionForm(),
            "auto_accept": bool(settings_ and settings_.auto_accept),
        },
    )


def _chosen(request: HttpRequest, country: Any) -> list[Reviewable]:
    items: list[Reviewable] = []
    for key in request.POST.getlist("items"):
        kind, _sep, pk = key.partition(":")
        model = MODELS.get(kind)
        if model is None or not pk.isdigit():
            continue
        item = model.objects.filter(
            pk=int(pk), commitment__government__path__startswith=f"{country.path}/"
        ).first()
        if item is not None:
            items.append(item)
    return items


def _bulk(request: HttpRequest, country: Any) -> HttpResponse:
    form = DecisionForm(request.POST)
    items = _chosen(request, country)
    if not items:
        messages.error(request, _("Tick the items to decide on."))
    elif not form.is_valid():
        for error in form.non_field_errors() or [_("Choose to accept or to return.")]:
            messages.error(request, error)
    else:
        result = services.decide_many(
            items,
            request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )
        if result.done:
            messages.success(request, _("%(n)s item(s) decided.") % {"n": len(result.done)})
        for item, reason in result.refused:
            messages.warning(request, f"{item}: {reason}")
    return redirect(request.get_full_path())


@login_required
@require_POST
def decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = MODELS.get(kind)
    if model is None:
        raise PermissionDenied(_("Unknown kind of item."))
    item = get_object_or_404(model.objects.select_related("commitment__government"), pk=pk)
    if not can(request.user, Action.REVIEW, item.government):
        raise PermissionDenied(_("Only the country's reviewers may decide on this item."))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors() or [_("Choose to accept or to return.")]:
            messages.error(request, error)
    else:
        try:
            if form.cleaned_data["decision"] == "accept":
                services.accept(item, request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Accepted."))
            else:
                services.return_item(item, request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Returned, with your comment, to the government."))
        except CommitmentError as exc:
            messages.error(request, str(exc))
    return redirect(services.item_path(item))


@login_required
@require_POST
def review_settings(request: HttpRequest, code: str) -> HttpResponse:
    country = _reviewer_country(request, code)
    on = request.POST.get("auto_accept") == "on"
    services.set_auto_accept(country, request.user, on=on)
    if on:
        messages.success(
            request,
            _(
                "From now on, submissions from this country are accepted as soon as they "
                "arrive. Items already waiting keep their deadline."
            ),
        )
    else:
        messages.success(request, _("Submissions wait for a decision again (28 days at most)."))
    return redirect("review-queue", code=country.code)
