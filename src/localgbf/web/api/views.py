"""The API's pages on the site: its documentation, and each user's tokens."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.web.api.api import api
from localgbf.web.api.forms import TokenForm
from localgbf.web.api.models import ApiToken
from localgbf.web.api.reference import operations, schemas
from localgbf.web.api.tokens import create_token, revoke_token


def docs(request: HttpRequest) -> HttpResponse:
    openapi = api.get_openapi_schema(path_prefix="/api")
    ops = operations(openapi)
    groups = [(tag, list(items)) for tag, items in groupby(ops, key=lambda o: o.tag)]
    return render(
        request,
        "api/docs.html",
        {
            "info": openapi["info"],
            "groups": groups,
            "schemas": schemas(openapi),
            "openapi_url": "/api/openapi.json",
            "base": request.build_absolute_uri("/api"),
        },
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = create_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token, request.user)
    messages.success(request, _("The token was revoked; programs using it are refused now."))
    return redirect("api-tokens")
