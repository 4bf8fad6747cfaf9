"""Pages of a government's assessments: list, create, overview, profile, complete, computations.

The indicator entry page is in `entry.py`, the score card and its files in `scorecards.py`, the
band tables in `bandviews.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.index import assessment as si
from localgbf.index.errors import IndexInputError
from localgbf.index.scorecard import build_scorecard
from localgbf.web.assessments import services
from localgbf.web.assessments.forms import CreateAssessmentForm, ProfileForm
from localgbf.web.assessments.jobs import queue_pdf
from localgbf.web.assessments.lookup import (
    assessment_for,
    government_for,
    sign_in_redirect,
)
from localgbf.web.assessments.models import Assessment, AssessmentStatus, ComputationRecord
from localgbf.web.assessments.posting import framed, posted_version
from localgbf.web.governments.access import Action, can


def visible_assessments(request: HttpRequest, government: object) -> list[Assessment]:
    rows = Assessment.objects.filter(government=government).select_related("government")
    if not can(request.user, Action.VIEW_PRIVATE, government):  # type: ignore[arg-type]
        rows = rows.filter(status=AssessmentStatus.COMPLETED)
    return list(rows)


@sign_in_redirect
def index(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Action.VIEW)
    rows = visible_assessments(request, government)
    cards = [(row, build_scorecard(row.pure())) for row in rows]
    baseline = min(
        (r for r in rows if r.status == AssessmentStatus.COMPLETED),
        key=lambda r: (r.edition, r.reference_year),
        default=None,
    )
    return render(
        request,
        "assessments/index.html",
        {
            "government": government,
            "cards": cards,
            "baseline": baseline,
            "can_edit": can(request.user, Action.EDIT, government),
            "can_administer": can(request.user, Action.ADMINISTER),
        },
    )


@login_required
@sign_in_redirect
def create(request: HttpRequest, code: str) -> HttpResponse:
    government = government_for(request, code, Action.EDIT)
    form = CreateAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.create_assessment(
                government,
                edition=form.cleaned_data["edition"],
                reference_year=form.cleaned_data["reference_year"],
                user=request.user,
            )
        except (services.DuplicateAssessment, IndexInputError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The assessment was created as a draft."))
            return redirect("assessment", pk=row.pk)
    return render(request, "assessments/create.html", {"government": government, "form": form})


@sign_in_redirect
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    row = assessment_for(request, pk)
    pure = row.pure()
    can_edit = row.is_draft and can(request.user, Action.EDIT, row.government)
    may_see_private = can(request.user, Action.VIEW_PRIVATE, row.government)
    return render(
        request,
        "assessments/overview.html",
        {
            "row": row,
            "government": row.government,
            "card": build_scorecard(pure),
            "profile": pure.profile,
            "can_edit": can_edit,
            "computations": (
                services.pending_computations(row.government)
                if may_see_private and row.is_draft
                else []
            ),
            "computed_edition": si.COMPUTED_EDITION,
        },
    )


@sign_in_redirect
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    row = assessment_for(request, pk)
    can_edit = row.is_draft and can(request.user, Action.EDIT, row.government)
    current = row.pure().profile or si.CityProfile()
    form = None
    if can_edit or request.method == "POST":
        row = assessment_for(request, pk, edit=True)
        form = ProfileForm(request.POST or None, initial=current.model_dump())
        if request.method == "POST" and form.is_valid():
            fields = form.profile_fields()
            try:
                services.change(
                    row,
                    lambda a: si.set_profile(a, si.CityProfile(**fields)),
                    expected_version=posted_version(request),
                    user=request.user,
                    action="profile",
                    audit_extra={"profile": fields},
                )
            except services.AssessmentConflict as exc:
                messages.error(request, str(exc))
                return redirect("assessment-profile", pk=row.pk)
            except (IndexInputError, ValueError) as exc:
                form.add_error(None, framed(None, exc))
            else:
                messages.success(request, _("The city profile was saved."))
                return redirect("assessment", pk=row.pk)
    return render(
        request,
        "assessments/profile.html",
        {"row": row, "government": row.government, "profile": current, "form": form},
    )


@require_POST
@login_required
@sign_in_redirect
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    row = assessment_for(request, pk, edit=True)
    try:
        row = services.change(
            row,
            si.complete,
            expected_version=posted_version(request),
            user=request.user,
            action="complete",
        )
    except services.AssessmentConflict as exc:
        messages.error(request, str(exc))
    except IndexInputError as exc:
        messages.error(request, framed(None, exc))
    else:
        queue_pdf(row, services.scorecard_for(row)[0], request.user)
        messages.success(
            request,
            _("The assessment is completed: it can no longer be changed and everyone can read it."),
        )
        return redirect("assessment-scorecard", pk=row.pk)
    return redirect("assessment", pk=row.pk)


@require_POST
@login_required
@sign_in_redirect
def computation(request: HttpRequest, pk: int, record: int) -> HttpResponse:
    """Take a pending computed value into this draft, or dismiss it."""
    row = assessment_for(request, pk, edit=True)
    found = get_object_or_404(ComputationRecord, pk=record, government=row.government)
    try:
        if request.POST.get("decision") == "dismiss":
            services.dismiss_computation(found, user=request.user)
            messages.success(request, _("The computed value was dismissed."))
        else:
            services.take_computation(
                found, row, expected_version=posted_version(request), user=request.user
            )
            messages.success(
                request,
                _(
                    "The computed value of indicator %(number)s was taken into the assessment; "
                    "confirm it on the indicator's page."
                )
                % {"number": found.indicator},
            )
            return redirect("assessment-indicator", pk=row.pk, number=found.indicator)
    except services.AssessmentConflict as exc:
        messages.error(request, str(exc))
    except (services.ComputationError, IndexInputError) as exc:
        messages.error(request, framed(found.indicator, exc))
    return redirect("assessment", pk=row.pk)
