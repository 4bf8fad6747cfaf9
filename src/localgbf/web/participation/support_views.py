"""Pages where an organisation supports its members and the members read and answer it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.web.governments import audit
from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government
from localgbf.web.participation import support
from localgbf.web.participation.forms import (
    OrganisationOfferForm,
    SupportAnswerForm,
    SupportNoteForm,
)
from localgbf.web.participation.models import (
    Organisation,
    OrganisationMember,
    OrganisationOffer,
    SupportNote,
)

SUBJECT_FIELDS = {
    "plan_version": "plan_version_id",
    "assessment": "assessment_id",
    "commitment": "commitment_id",
}


def _member(request: HttpRequest, code: str, government: str) -> OrganisationMember:
    organisation = get_object_or_404(Organisation, code=code)
    if not support.may_support(request.user, organisation):
        raise PermissionDenied(_("Only this organisation's staff may support its members."))
    return get_object_or_404(
        OrganisationMember.objects.select_related("organisation", "government"),
        organisation=organisation,
        government__code=government,
    )


@login_required
def member_support(request: HttpRequest, code: str, government: str) -> HttpResponse:
    member = _member(request, code, government)
    organisation, member_gov = member.organisation, member.government
    records = support.linkable_records(member)
    posted = request.POST.get("form") if request.method == "POST" else None
    note_form = SupportNoteForm(
        request.POST if posted == "note" else None, records=records, prefix="note"
    )
    offer_form = OrganisationOfferForm(
        request.POST if posted == "offer" else None, government=member_gov, prefix="offer"
    )
    if posted == "note" and note_form.is_valid():
        note = SupportNote(
            organisation=organisation,
            government=member_gov,
            text=note_form.cleaned_data["text"],
            language=note_form.cleaned_data["language"],
            author=request.user,
        )
        ref = note_form.subject_ref()
        if ref is not None:
            setattr(note, SUBJECT_FIELDS[ref[0]], ref[1])
        with transaction.atomic():
            note.save()
            audit.record(request.user, "support_note.create", note, after=audit.snapshot(note))
        messages.success(request, _("The note has been sent to the member's officers."))
        return redirect("member-support", code=organisation.code, government=member_gov.code)
    if posted == "offer" and offer_form.is_valid():
        data = offer_form.cleaned_data
        offer = OrganisationOffer(
            organisation=organisation,
            need=data["need"],
            title={"en": data["title_en"].strip(), "zh-hans": data["title_zh"].strip()},
            description={
                "en": data["description_en"].strip(),
                "zh-hans": data["description_zh"].strip(),
            },
            languages=data["languages"],
            contact=data["contact"],
            created_by=request.user,
        )
        with transaction.atomic():
            offer.save()
            audit.record(
                request.user,
                "organisation_offer.create",
                offer,
                after=audit.snapshot(offer),
                government=member_gov,
            )
        messages.success(request, _("The offer has been recorded beside the member's need."))
        return redirect("member-support", code=organisation.code, government=member_gov.code)
    return render(
        request,
        "participation/member_support.html",
        {
            "organisation": organisation,
            "member": member,
            "government": member_gov,
            "notes": organisation.support_notes.filter(government=member_gov).select_related(
                "author", "answered_by", "plan_version", "assessment", "commitment"
            ),
            "offers": organisation.capacity_offers.filter(
                need__government=member_gov
            ).select_related("need"),
            "needs": member_gov.capacity_needs.filter(is_open=True),
            "note_form": note_form,
            "offer_form": offer_form,
        },
    )


@login_required
def government_support(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    if not can(request.user, Action.EDIT, government):
        raise PermissionDenied(
            _("Only the officers of this government read the notes its organisations send it.")
        )
    needs = list(government.capacity_needs.filter(is_open=True))
    return render(
        request,
        "participation/government_support.html",
        {
            "government": government,
            "notes": support.notes_readable_by(request.user, government).select_related(
                "plan_version", "assessment", "commitment"
            ),
            "needs": [(need, support.offers_for_need(need)) for need in needs],
            "answer_form": SupportAnswerForm(),
        },
    )


@login_required
@require_POST
def answer_note(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(SupportNote.objects.select_related("government"), pk=pk)
    if not support.may_answer(request.user, note):
        raise PermissionDenied(_("Only the officers of the member government may answer."))
    form = SupportAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reply before marking the note answered."))
        return redirect("network-support", code=note.government.code)
    before = audit.snapshot(note)
    with transaction.atomic():
        note.reply = form.cleaned_data["reply"].strip()
        note.answered_by = request.user
        note.answered_at = timezone.now()
        note.save(update_fields=["reply", "answered_by", "answered_at"])
        audit.record(
            request.user, "support_note.answer", note, before=before, after=audit.snapshot(note)
        )
    messages.success(request, _("The note is marked answered."))
    return redirect("network-support", code=note.government.code)
