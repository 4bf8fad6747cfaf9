"""The versioned JSON API (`/api/v1/`) and its OpenAPI 3 description (`/api/openapi.json`).

Reads are public and need no token; with a token they also return the drafts its owner may
see. Writes need a token and go through the same `can()` checks and workflow services as the
web pages, so an officer can do through the API exactly what the pages let them do.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.renderers import JSONRenderer

from localgbf import __version__
from localgbf.web.api.endpoints import assessments, commitments, frameworks, governments, plans
from localgbf.web.api.errors import Problem

VERSION = "1"
DESCRIPTION = """\
Public data of the governments on this localgbf platform: their plans (LBSAPs) with local
targets and actions, their commitments and progress reports, and their Singapore Index on
Cities' Biodiversity assessments and scores. Lists are paged (`page`, `page_size`) and can be
filtered by place (`government`, `country`) and by framework target (`kmgbf_target`,
`national_target`).

Text in several languages is an object of language code → text (`en`, `zh-hans`, ...).

Reads need no token and show what is public: adopted plans, accepted commitments and progress,
completed assessments. Writes need a personal API token (`Authorization: Bearer lgbf_…`), made
on the site's “API tokens” page, and are allowed where the token's owner may make the same
change on the site; a read with a token also shows that owner's drafts.
"""


class Utf8JSON(JSONRenderer):
    """Chinese text as itself, not as \\u escapes: the same JSON, readable and smaller."""

    json_dumps_params = {"ensure_ascii": False}


class LocalgbfAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Reads take an optional token: say so (`{}` in `security` means "or none")."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema["paths"].values():
            operation = item.get("get")
            if operation and operation.get("security") and {} not in operation["security"]:
                operation["security"].append({})
        return schema


api = LocalgbfAPI(
    title="localgbf API",
    version=f"{VERSION} (localgbf {__version__})",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
    renderer=Utf8JSON(),
)

for module in (governments, plans, commitments, assessments, frameworks):
    api.add_router(f"/v{VERSION}", module.router)


def _json(request: HttpRequest, status: int, detail: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return _json(request, exc.status, exc.detail)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _json(request, 403, str(exc) or "Your role does not allow this.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _json(request, 404, str(exc) or "Not found.")


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = exc.message if exc.message != "Unauthorized" else "This needs an API token."
    response = _json(request, 401, message)
    response["WWW-Authenticate"] = 'Bearer realm="localgbf"'
    return response
