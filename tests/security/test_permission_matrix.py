"""Every URL of the site and the API, requested with every method it accepts, as every persona.

The expected status of each (URL pattern, method, persona) is in `EXPECTED` below: a default
per pattern (an access profile such as PUBLIC or EDIT_CITY) with exceptions. A pattern without
an entry fails the test with the line to add; so does an entry whose pattern no longer exists.
Requests carry an empty body: the question is who gets through (200, 302 after a write, 400
or 422 for the missing fields) and who does not (403, a redirect to the login page, 401 in the
API, 404 for what must not even be seen), never a 500. Each request runs in a transaction that
is rolled back, so a write allowed to one persona does not change what the next one sees.

Personas (see tests/web/conftest.py): anonymous; city_officer (officer of Kunming, which owns
the sample objects); other_officer (officer of Shenzhen, same country); reviewer (China's focal
point); reviewer_abroad (focal point of another country, made here); viewer (of Kunming);
network_admin; network_staff (administrator of the demo network, no government role).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from localgbf.web.api.api import api
from localgbf.web.api.tokens import create_token
from localgbf.web.governments.models import Government, Membership, Role

from .samples import CITY, SAMPLES

PERSONAS = (
    "anonymous",
    "city_officer",
    "other_officer",
    "reviewer",
    "reviewer_abroad",
    "viewer",
    "network_admin",
    "network_staff",
)
LOGIN = "login"  # a redirect to the login page
Status = int | str


def profile(default: Status, **by_persona: Status) -> dict[str, Status]:
    unknown = set(by_persona) - set(PERSONAS)
    assert not unknown, f"unknown persona(s) {unknown}"
    return {p: by_persona.get(p, default) for p in PERSONAS}


def public(ok: Status = 200) -> dict[str, Status]:
    """Anyone, signed in or not."""
    return profile(ok)


def signed_in(ok: Status = 200) -> dict[str, Status]:
    """Anyone signed in; the anonymous visitor is sent to the login page."""
    return profile(ok, anonymous=LOGIN)


def only(ok: Status, *who: str, denied: Status = 403, anonymous: Status = LOGIN) -> dict:
    """`who` get `ok`; the other signed-in personas `denied`."""
    return profile(denied, anonymous=anonymous, **dict.fromkeys(who, ok))


KUNMING_READERS = ("city_officer", "reviewer", "viewer", "network_admin")
KUNMING_EDITORS = ("city_officer", "network_admin")


def private(ok: Status = 200, **extra: Status) -> dict[str, Status]:
    """Kunming's non-public content: its members, China's reviewer, network administrators."""
    return {**only(ok, *KUNMING_READERS), **extra}


def edit(ok: Status = 200, **extra: Status) -> dict[str, Status]:
    """A change to Kunming's content: its officers and network administrators."""
    return {**only(ok, *KUNMING_EDITORS), **extra}


def admin(ok: Status = 200, **extra: Status) -> dict[str, Status]:
    return {**only(ok, "network_admin"), **extra}


@dataclass(frozen=True)
class Row:
    """Expected statuses of one URL pattern by method (None: the method is not requested)."""

    get: dict[str, Status] | None = None
    post: dict[str, Status] | None = None
    put: dict[str, Status] | None = None
    patch: dict[str, Status] | None = None
    delete: dict[str, Status] | None = None
    methods: tuple[str, ...] = field(default=())

    def by_method(self) -> dict[str, dict[str, Status]]:
        named = {"GET": self.get, "POST": self.post, "PUT": self.put, "PATCH": self.patch,
                 "DELETE": self.delete}  # fmt: skip
        return {m: v for m, v in named.items() if v is not None}


NOT_ALLOWED = public(405)

# One entry per URL pattern name (namespaced for the API: "api:get_plan"). The sample objects
# are Kunming's (tests/security/samples.py) except datasets, computations, class maps, jobs and
# species imports/fetches, which the demo keeps for Monaco (MCMON): there only the network
# administrator is a member. Notes on what the table shows:
# - a 405 is a view that takes only POST (or only GET); a 400/422 is a form or body refused for
#   its missing fields after the permission check passed (API bodies are validated first);
# - commitment-edit, commitment-kpis, progress-edit and commitment-submit are 403 for everyone:
#   the sample commitment is submitted, so nobody may change it any more;
# - assessment-scorecard-pdf POST queues the PDF of a public score card for anyone signed in;
# - 404 where the sample does not exist (band-table-file: the demo imports none) or the page
#   does not apply (coverage of a city, a made-up taxon name).
EXPECTED: dict[str, Row] = {
    "api-docs": Row(get=public(), post=public()),
    "api-token-revoke": Row(
        get=signed_in(405), post=profile(404, anonymous=LOGIN, city_officer=302)
    ),
    "api-tokens": Row(get=signed_in(), post=signed_in()),
    "api:api-root": Row(get=public(404), post=public(404)),
    "api:enter_value": Row(post=profile(422, anonymous=401)),
    "api:get_action": Row(
        get=profile(404, city_officer=200, network_admin=200, reviewer=200, viewer=200)
    ),
    "api:get_assessment": Row(get=public()),
    "api:get_commitment": Row(get=public()),
    "api:get_government": Row(get=public()),
    "api:get_plan": Row(get=public()),
    "api:get_progress": Row(get=public()),
    "api:list_actions": Row(get=public()),
    "api:list_assessments": Row(get=public()),
    "api:list_commitments": Row(get=public()),
    "api:list_governments": Row(get=public()),
    "api:list_kmgbf_targets": Row(get=public()),
    "api:list_plans": Row(get=public()),
    "api:list_progress": Row(get=public()),
    "api:list_scores": Row(get=public(422)),
    "api:list_targets": Row(get=public()),
    "api:openapi-json": Row(get=public(), post=public()),
    "api:patch_action": Row(
        patch=profile(
            404, anonymous=401, city_officer=200, network_admin=200, reviewer=403, viewer=403
        )
    ),
    "api:patch_government": Row(
        patch=profile(403, anonymous=401, city_officer=200, network_admin=200)
    ),
    "api:put_profile": Row(put=profile(403, anonymous=401, city_officer=200, network_admin=200)),
    "api:put_progress": Row(put=profile(403, anonymous=401, city_officer=409, network_admin=409)),
    "api:start_progress": Row(post=profile(422, anonymous=401)),
    "api:submit_progress": Row(
        post=profile(403, anonymous=401, city_officer=409, network_admin=409)
    ),
    "assessment": Row(get=public(), post=public()),
    "assessment-complete": Row(get=public(405), post=edit(400)),
    "assessment-computation": Row(get=public(405), post=edit(400)),
    "assessment-evidence": Row(get=public(404), post=public(404)),
    "assessment-indicator": Row(get=public(), post=edit(400)),
    "assessment-new": Row(get=edit(), post=edit()),
    "assessment-profile": Row(get=public(), post=edit()),
    "assessment-rescore": Row(get=public(405), post=edit(302)),
    "assessment-scorecard": Row(get=public(), post=public()),
    "assessment-scorecard-file": Row(get=public(), post=public()),
    "assessment-scorecard-pdf": Row(get=public(), post=signed_in(302)),
    "assessments": Row(get=public(), post=public()),
    "band-table-file": Row(get=admin(404), post=admin(404)),
    "band-tables": Row(get=admin(), post=admin()),
    "batch": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "batch-result": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "batch-summary": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "batches": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "capacity": Row(get=public(), post=public()),
    "capacity-close": Row(get=signed_in(405), post=edit(302)),
    "capacity-new": Row(get=edit(), post=edit()),
    "cbd-contact": Row(get=edit(), post=edit()),
    # Participation (issue 12). The sample consultation is China's, open and not yet public:
    # the country's governments, organisations working in it and its reviewers read it.
    "consultations": Row(get=public(), post=public()),
    "consultation-new": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "consultation": Row(
        get=profile(200, anonymous=404, reviewer_abroad=403),
        post=profile(200, anonymous=404, reviewer_abroad=403),
    ),
    "consultation-export": Row(
        get=profile(200, anonymous=404, reviewer_abroad=403),
        post=profile(200, anonymous=404, reviewer_abroad=403),
    ),
    "consultation-input": Row(
        get=only(200, "city_officer", "other_officer", "network_staff", "network_admin"),
        post=only(200, "city_officer", "other_officer", "network_staff", "network_admin"),
    ),
    "consultation-respond": Row(get=signed_in(405), post=only(302, "reviewer", "network_admin")),
    "consultation-close": Row(get=signed_in(405), post=only(302, "reviewer", "network_admin")),
    "plan-of-action-report": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "plan-of-action-export": Row(
        get=only(200, "reviewer", "network_admin"), post=only(200, "reviewer", "network_admin")
    ),
    "network-report": Row(
        get=only(200, "network_staff", "network_admin"),
        post=only(200, "network_staff", "network_admin"),
    ),
    "network-report-export": Row(
        get=only(200, "network_staff", "network_admin"),
        post=only(200, "network_staff", "network_admin"),
    ),
    "member-support": Row(
        get=only(200, "network_staff", "network_admin"),
        post=only(200, "network_staff", "network_admin"),
    ),
    "network-support": Row(get=edit(), post=edit()),
    "support-note-answer": Row(get=signed_in(405), post=edit(302)),
    "public-consultations": Row(get=public(), post=public()),
    "public-consultation": Row(get=public(), post=public()),
    "public-consultation-new": Row(get=edit(), post=edit()),
    "public-consultation-close": Row(get=signed_in(405), post=edit(302)),
    # An empty comment is refused (400) for anyone: commenting needs no account.
    "public-comment": Row(get=public(405), post=public(400)),
    "public-comment-confirm": Row(get=public(400), post=public(400)),
    "public-comment-moderate": Row(get=signed_in(405), post=edit(400)),
    "public-comment-answer": Row(get=signed_in(405), post=edit(302)),
    "audit-log": Row(get=admin(), post=admin()),
    "cepa": Row(get=public(), post=public()),
    "cepa-edit": Row(get=edit(), post=edit()),
    "cepa-new": Row(get=edit(), post=edit()),
    "class-map": Row(get=admin(), post=admin()),
    "class-map-new": Row(get=private(404), post=private(404)),
    "commitment": Row(get=public(), post=public()),
    "commitment-edit": Row(get=signed_in(403), post=signed_in(403)),
    "commitment-from-plan": Row(get=edit(), post=edit()),
    "commitment-kpis": Row(get=signed_in(403), post=signed_in(403)),
    "commitment-new": Row(get=edit(), post=edit()),
    "commitment-new-version": Row(get=signed_in(405), post=edit(302)),
    "commitment-ort": Row(get=private(), post=private()),
    "commitment-submit": Row(get=signed_in(405), post=signed_in(403)),
    "commitments": Row(get=public(), post=public()),
    "computation": Row(get=admin(), post=admin()),
    "computation-new": Row(get=edit(), post=edit()),
    "computations": Row(get=private(), post=private()),
    "coverage": Row(
        get=profile(403, city_officer=404, network_admin=404, reviewer=404, viewer=404),
        post=profile(403, city_officer=404, network_admin=404, reviewer=404, viewer=404),
    ),
    "coverage-xlsx": Row(
        get=profile(403, city_officer=404, network_admin=404, reviewer=404, viewer=404),
        post=profile(403, city_officer=404, network_admin=404, reviewer=404, viewer=404),
    ),
    "dataset": Row(get=admin(), post=admin()),
    "dataset-download": Row(get=admin(), post=admin()),
    "datasets": Row(get=private(), post=edit()),
    "directory": Row(get=public(), post=public()),
    "evidence-download": Row(get=private(anonymous=403), post=private(anonymous=403)),
    "evidence-remove": Row(get=signed_in(405), post=edit(302)),
    "finance": Row(get=public(), post=public()),
    "finance-rates": Row(get=public(404), post=public(404)),
    "frameworks": Row(get=public(), post=public()),
    "government": Row(get=public(), post=public()),
    "government-edit": Row(get=edit(), post=edit()),
    "home": Row(get=public(), post=public()),
    "job": Row(get=admin(), post=admin()),
    "job-status": Row(get=admin(), post=admin()),
    "kmgbf": Row(get=public(), post=public()),
    "kmgbf-goal": Row(get=public(), post=public()),
    "kmgbf-target": Row(get=public(), post=public()),
    "login": Row(get=public(), post=public()),
    "logout": Row(get=public(405), post=public(302)),
    "national-framework": Row(get=public(), post=public()),
    "national-frameworks": Row(get=public(), post=public()),
    "national-import": Row(get=admin(), post=admin()),
    "national-report": Row(get=public(), post=public()),
    "national-report-file": Row(get=public(), post=public()),
    "national-template": Row(get=public(), post=public()),
    "organisation": Row(get=public(), post=public()),
    "organisations": Row(get=public(), post=public()),
    "ort-export": Row(get=private(), post=private()),
    "plan": Row(get=public(302), post=public(302)),
    "plan-action": Row(get=edit(), post=edit()),
    "plan-action-new": Row(get=edit(), post=edit()),
    "plan-adopt": Row(get=edit(), post=edit()),
    "plan-delete": Row(get=signed_in(405), post=edit(302)),
    "plan-export": Row(get=private(anonymous=403), post=private(anonymous=403)),
    "plan-goal": Row(get=edit(), post=edit()),
    "plan-goal-new": Row(get=edit(), post=edit()),
    "plan-import": Row(get=edit(), post=edit()),
    "plan-new-version": Row(get=signed_in(405), post=edit(302)),
    "plan-of-action": Row(get=public(), post=public()),
    "plan-start": Row(get=signed_in(405), post=edit()),
    "plan-step": Row(get=edit(), post=edit(302)),
    "plan-target": Row(get=edit(), post=edit()),
    "plan-target-new": Row(get=edit(), post=edit()),
    "plan-version": Row(get=private(anonymous=403), post=private(anonymous=403)),
    "plans": Row(get=public(), post=public()),
    "plans-template": Row(get=public(), post=public()),
    "portal": Row(get=public(), post=public()),
    "portal-download": Row(get=public(), post=public()),
    "portal-edit": Row(get=edit(), post=edit()),
    "portal-government": Row(get=public(), post=public()),
    "portal-open-data": Row(get=public(), post=public()),
    "portal-target": Row(get=public(), post=public()),
    "progress-edit": Row(get=signed_in(403), post=signed_in(403)),
    "progress-evidence": Row(get=signed_in(405), post=edit(302)),
    "progress-new": Row(get=edit(), post=edit()),
    "progress-report": Row(get=public(), post=public()),
    "progress-submit": Row(get=signed_in(405), post=edit(302)),
    "review-decide": Row(get=signed_in(405), post=only(302, "reviewer", "network_admin")),
    "review-queue": Row(
        get=only(200, "reviewer", "network_admin"), post=only(302, "reviewer", "network_admin")
    ),
    "review-settings": Row(get=signed_in(405), post=only(302, "reviewer", "network_admin")),
    "set_language": Row(get=public(302), post=public(302)),
    "singapore-index": Row(get=public(), post=public()),
    "singapore-index-edition": Row(get=public(), post=public()),
    "species": Row(get=private(), post=private()),
    "species-fetch": Row(get=admin(), post=admin(302)),
    "species-fetch-new": Row(get=edit(), post=edit()),
    "species-import": Row(get=admin(), post=admin()),
    "species-import-existing": Row(get=signed_in(405), post=edit(302)),
    "species-refresh": Row(get=signed_in(405), post=edit(302)),
    "species-taxon": Row(get=private(404), post=private(404)),
    "species-upload": Row(get=signed_in(405), post=edit(302)),
}


# -- enumeration ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    kwargs_names: tuple[str, ...]
    api_methods: tuple[str, ...] = ()


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _walk(item, inner)
        else:
            yield namespace, item


def _api_methods() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                out[operation.view_func.__name__] = tuple(operation.methods)
    return out


SKIPPED_NAMESPACES = {"admin:": "Django's admin checks is_staff itself on every page"}


def routes() -> list[Route]:
    """Every named URL pattern (each language prefix collapsed into one), the admin apart."""
    api_methods = _api_methods()
    found: dict[str, Route] = {}
    for namespace, pattern in _walk(get_resolver()):
        if namespace in SKIPPED_NAMESPACES or pattern.name is None:
            continue
        name = namespace + pattern.name
        params = tuple(sorted(pattern.pattern.converters))
        found[name] = Route(name, params, api_methods.get(pattern.name, ()))
    return sorted(found.values(), key=lambda r: r.name)


# -- the personas and the requests -----------------------------------------------------------


def _personas() -> dict[str, Any]:
    User = get_user_model()
    users: dict[str, Any] = {
        "anonymous": None,
        "city_officer": User.objects.get(username="kunming.officer"),
        "reviewer": User.objects.get(username="china.reviewer"),
        "viewer": User.objects.get(username="kunming.viewer"),
        "network_admin": User.objects.get(username="network.admin"),
        "network_staff": User.objects.get(username="network.staff"),
    }
    other = User.objects.create_user("matrix.shenzhen.officer", password="x")
    Membership.objects.create(user=other, government=Government.objects.get(code="CNSZX"),
                              role=Role.OFFICER)  # fmt: skip
    users["other_officer"] = other
    abroad_country = Government.objects.create(code="ZZ", kind="country", name={"en": "Zedland"})
    abroad = User.objects.create_user("matrix.zedland.reviewer", password="x")
    Membership.objects.create(user=abroad, government=abroad_country, role=Role.REVIEWER)
    users["reviewer_abroad"] = abroad
    create_token(users["city_officer"], "sample token of the matrix")
    return users


def _url(route: Route) -> str:
    sample = SAMPLES.get(route.name.rpartition(":")[2])
    if sample is not None:
        kwargs = sample()
    elif route.kwargs_names == ("code",):
        kwargs = {"code": CITY}
    elif not route.kwargs_names:
        kwargs = {}
    else:
        raise LookupError(f"add a sample for {route.name} ({', '.join(route.kwargs_names)}) "
                          "to SAMPLES in tests/security/samples.py")  # fmt: skip
    return reverse(route.name, kwargs=kwargs)


def _status(response: Any) -> Status:
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return LOGIN
    return response.status_code


def _request(client: Client, method: str, url: str, headers: dict[str, str]) -> Status:
    body: dict[str, Any] = {}
    kwargs: dict[str, Any] = {"headers": headers}
    if url.startswith("/api/") and method in ("POST", "PUT", "PATCH"):
        kwargs |= {"data": "{}", "content_type": "application/json"}
    elif method in ("POST", "PUT", "PATCH"):
        kwargs["data"] = body
    with transaction.atomic():
        try:
            response = getattr(client, method.lower())(url, **kwargs)
        except Exception as exc:  # the test client re-raises a view's exception
            return f"500 ({type(exc).__name__}: {exc})"
        finally:
            transaction.set_rollback(True)
    response.close()  # a file download holds its file open until closed
    return _status(response)


def _methods(route: Route) -> tuple[str, ...]:
    return route.api_methods or ("GET", "POST")


def observe(persona: str, user: Any) -> dict[tuple[str, str], Status]:
    headers: dict[str, str] = {}
    if user is not None:
        _token, secret = create_token(user, "matrix")
        headers = {"Authorization": f"Bearer {secret}"}
    seen: dict[tuple[str, str], Status] = {}
    for route in routes():
        client = Client(raise_request_exception=True)  # afresh: a logout must not carry over
        if user is not None:
            client.force_login(user)
        try:
            url = _url(route)
        except LookupError as exc:
            seen[(route.name, "GET")] = f"no sample: {exc}"
            continue
        api_headers = headers if url.startswith("/api/") else {}
        for method in _methods(route):
            seen[(route.name, method)] = _request(client, method, url, api_headers)
    return seen


# -- the test --------------------------------------------------------------------------------


def test_every_pattern_has_an_entry_and_no_stale_entry_is_kept():
    names = {r.name for r in routes()}
    missing = sorted(names - set(EXPECTED))
    stale = sorted(set(EXPECTED) - names)
    assert not missing, "URL patterns without an entry in EXPECTED " \
        "(tests/security/test_permission_matrix.py); add e.g.\n" + "\n".join(
            f'    "{n}": Row(get=..., post=...),' for n in missing)  # fmt: skip
    assert not stale, f"entries of EXPECTED whose pattern is gone: {stale}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_everywhere(module_demo, db, persona):
    cache.clear()  # sign-in failures of earlier personas in this process must not count
    users = _personas()
    seen = observe(persona, users[persona])
    discover = os.environ.get("MATRIX_DISCOVER")
    if discover:  # write what is seen, to draft the table: MATRIX_DISCOVER=<folder>
        with open(os.path.join(discover, f"{persona}.tsv"), "w", encoding="utf-8") as out:
            for (name, method), status in sorted(seen.items()):
                out.write(f"MATRIX\t{persona}\t{name}\t{method}\t{status}\n")
        return
    wrong = []
    for (name, method), status in sorted(seen.items()):
        row = EXPECTED.get(name)
        if row is None:
            continue  # reported by the test above
        expected = row.by_method().get(method)
        if expected is None:
            wrong.append(f"{name} {method}: no expectation for this method (got {status})")
        elif expected[persona] != status:
            wrong.append(
                f"{name} {method} as {persona}: expected {expected[persona]}, got {status}"
            )
    assert not wrong, "\n".join(wrong)
