"""Pages of the public consultations on draft plans (see `public` for the rules)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.participation import public
from localgbf.web.participation.forms import (
    AnswerForm,
    ModerationForm,
    PublicCommentForm,
    PublicConsultationForm,
)
from localgbf.web.participation.models import CommentStatus, PublicComment, PublicConsultation
from localgbf.web.plans.models import PlanStatus, PlanVersion


def _consultation(pk: int) -> PublicConsultation:
    return get_object_or_404(
        PublicConsultation.objects.select_related("government", "version__plan"), pk=pk
    )


def consultation_list(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    rows = government.public_consultations.select_related("version")
    return render(
        request,
        "participation/public_consultations.html",
        {
            "government": government,
            "consultations": rows,
            "today": timezone.localdate(),
            "can_edit": can(request.user, Action.EDIT, government),
            "drafts": PlanVersion.objects.filter(
                plan__government=government, status=PlanStatus.DRAFT
            ),
        },
    )


@login_required
def consultation_new(request: HttpRequest, code: str, number: int) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, Action.EDIT, government):
        raise PermissionDenied(_("Only the government's officers open a public consultation."))
    version = get_object_or_404(PlanVersion, plan__government=government, number=number)
    if version.status != PlanStatus.DRAFT:
        raise PermissionDenied(_("A public consultation is held on a draft version."))
    form = PublicConsultationForm(
        request.POST or None, instance=PublicConsultation(government=government, version=version)
    )
    if request.method == "POST" and form.is_valid():
        consultation = public.open_consultation(request.user, form.save(commit=False))
        messages.success(request, _("The public consultation has been opened."))
        return redirect(consultation)
    return render(
        request,
        "participation/public_consultation_new.html",
        {"government": government, "version": version, "form": form},
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    version = consultation.version
    is_officer = can(request.user, Action.EDIT, consultation.government)
    comments = consultation.comments.select_related("target", "action")
    published = [c for c in comments if c.status == CommentStatus.PUBLISHED]
    day = timezone.localdate()
    form = PublicCommentForm(version=version, initial={"language": request.LANGUAGE_CODE})
    return render(
        request,
        "participation/public_consultation.html",
        _detail_context(consultation, form, published, is_officer, comments, day),
    )


def _detail_context(
    consultation: PublicConsultation,
    form: PublicCommentForm,
    published: list[PublicComment],
    is_officer: bool,
    comments: Any,
    day: date,
) -> dict[str, Any]:
    version = consultation.version
    by_subject: dict[str, list[PublicComment]] = {}
    for c in published:
        key = f"t{c.target_id}" if c.target_id else f"a{c.action_id}" if c.action_id else "plan"
        by_subject.setdefault(key, []).append(c)
    return {
        "consultation": consultation,
        "government": consultation.government,
        "version": version,
        "targets": version.targets.prefetch_related("actions").order_by(
            "goal__order", "order", "code"
        ),
        "by_subject": by_subject,
        "general": by_subject.get("plan", []),
        "form": form,
        "status": consultation.status_on(day),
        "is_open": consultation.is_open_on(day),
        "is_officer": is_officer,
        "queue": [c for c in comments if c.status == CommentStatus.PENDING] if is_officer else [],
        "answered": [c for c in published if c.answer] if is_officer else [],
        "moderation_form": ModerationForm() if is_officer else None,
        "answer_form": AnswerForm() if is_officer else None,
        "published_count": len(published),
    }


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    day = timezone.localdate()
    if not consultation.is_open_on(day):
        messages.error(
            request, _("This public consultation is closed; comments are no longer accepted.")
        )
        return redirect(consultation)
    form = PublicCommentForm(request.POST, version=consultation.version)
    if form.is_spam:
        return render(
            request, "participation/public_comment_sent.html", {"consultation": consultation}
        )
    if form.is_valid():
        try:
            public.submit_comment(form.build(consultation), request.build_absolute_uri)
        except public.CommentRefused as exc:
            form.add_error(None, str(exc))
        else:
            return render(
                request, "participation/public_comment_sent.html", {"consultation": consultation}
            )
    comments = consultation.comments.select_related("target", "action")
    published = [c for c in comments if c.status == CommentStatus.PUBLISHED]
    is_officer = can(request.user, Action.EDIT, consultation.government)
    context = _detail_context(consultation, form, published, is_officer, comments, day)
    return render(request, "participation/public_consultation.html", context, status=400)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    item = public.comment_from_token(token)
    if item is None:
        return render(
            request, "participation/public_comment_confirm.html", {"invalid": True}, status=400
        )
    done = False
    if request.method == "POST":
        done = public.confirm(item) or item.status != CommentStatus.UNCONFIRMED
    return render(
        request,
        "participation/public_comment_confirm.html",
        {
            "comment": item,
            "consultation": item.consultation,
            "done": done or item.status != CommentStatus.UNCONFIRMED,
        },
    )


def _officer_comment(request: HttpRequest, pk: int) -> PublicComment:
    item = get_object_or_404(
        PublicComment.objects.select_related("consultation__government"), pk=pk
    )
    if not can(request.user, Action.EDIT, item.consultation.government):
        raise PermissionDenied(_("Only the government's officers moderate and answer comments."))
    return item


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    item = _officer_comment(request, pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        raise BadRequest("No such moderation decision")
    try:
        public.moderate(request.user, item, form.cleaned_data["status"])
    except PermissionError as exc:
        messages.error(request, str(exc))
    return redirect(item.consultation)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = _officer_comment(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        public.answer(
            request.user, item, form.cleaned_data["answer"], form.cleaned_data["led_to_change"]
        )
        messages.success(request, _("The answer has been published."))
    else:
        messages.error(request, _("Write the answer first."))
    return redirect(f"{item.consultation.get_absolute_url()}#comment-{item.pk}")


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    if not can(request.user, Action.EDIT, consultation.government):
        raise PermissionDenied(_("Only the government's officers close a public consultation."))
    if consultation.closed_at is None:
        public.close_consultation(request.user, consultation)
        messages.success(request, _("The public consultation has been closed."))
    return redirect(consultation)
