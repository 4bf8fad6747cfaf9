"""The audit log page: every recorded change, for network administrators and superusers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import AuditEntry

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    government = forms.CharField(
        label=gettext_lazy("Government code"), required=False, max_length=50
    )
    action = forms.CharField(
        label=gettext_lazy("Action"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("e.g. review, role, import, or a full action such as review.accept"),
    )
    user = forms.CharField(label=gettext_lazy("User name"), required=False, max_length=150)
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def filtered(entries: QuerySet[AuditEntry], data: dict[str, Any]) -> QuerySet[AuditEntry]:
    if data.get("government"):
        entries = entries.filter(government__code__iexact=data["government"].strip())
    if data.get("action"):
        word = data["action"].strip()
        entries = entries.filter(action__icontains=word)
    if data.get("user"):
        entries = entries.filter(actor__username__iexact=data["user"].strip())
    if data.get("since"):
        entries = entries.filter(at__date__gte=data["since"])
    if data.get("until"):
        entries = entries.filter(at__date__lte=data["until"])
    return entries


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.ADMINISTER):
        raise PermissionDenied(_("Only network administrators may read the audit log."))
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor", "government")
    if form.is_bound and form.is_valid():
        entries = filtered(entries, form.cleaned_data)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governments/audit_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
