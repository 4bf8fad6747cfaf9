"""Every view of the commitments app, persona by persona: who gets in, who is refused.

"ok" is a page (200) or the redirect after a POST; "login" is the redirect of an anonymous
visitor to the sign-in page; 403 is a refusal.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from localgbf.web.commitments import progress
from localgbf.web.commitments.models import Commitment

PERSONAS = (
    "anonymous",
    "city_officer",
    "region_officer",
    "reviewer",
    "viewer",
    "network_admin",
    "other_officer",
    "outsider",
)

EDITORS = {"city_officer", "network_admin"}
MEMBERS = {"city_officer", "viewer", "reviewer", "network_admin"}
REVIEWERS = {"reviewer", "network_admin"}


def expect(allowed: set[str], anonymous: str) -> dict[str, str]:
    out = {p: ("ok" if p in allowed else "403") for p in PERSONAS}
    out["anonymous"] = anonymous
    return out


PUBLIC = dict.fromkeys(PERSONAS, "ok")
EDIT = expect(EDITORS, "login")
PRIVATE_LOGIN = expect(MEMBERS, "login")
PRIVATE = expect(MEMBERS, "403")
REVIEW = expect(REVIEWERS, "login")


@pytest.fixture
def objects(demo, make_version, users):
    c1 = Commitment.objects.get(government__code="CNKMG", number=1)
    accepted_report = c1.reports.get(period_start=date(2024, 1, 1))
    pending_report = c1.reports.get(period_start=date(2025, 1, 1))
    draft = make_version()
    draft_report = progress.start_report(
        draft.commitment,
        users["city_officer"],
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    evidence = progress.add_evidence(
        draft_report, users["city_officer"], SimpleUploadedFile("n.csv", b"n\n1\n"), ""
    )
    return {
        "c1": c1.pk,
        "draft": draft.commitment_id,
        "accepted_report": accepted_report.pk,
        "pending_report": pending_report.pk,
        "draft_report": draft_report.pk,
        "accepted_evidence": accepted_report.evidence.get().pk,
        "evidence": evidence.pk,
    }


VIEWS = {
    "list": ("get", "/en/governments/CNKMG/commitments/", PUBLIC),
    "new": ("get", "/en/governments/CNKMG/commitments/new/", EDIT),
    "from plan": ("get", "/en/governments/CNKMG/commitments/from-plan/", EDIT),
    "ORT zip": ("get", "/en/governments/CNKMG/commitments/ort.zip", PRIVATE_LOGIN),
    "official contact": ("get", "/en/governments/CNKMG/cbd-contact/", EDIT),
    "accepted commitment": ("get", "/en/commitments/{c1}/", PUBLIC),
    "draft commitment": ("get", "/en/commitments/{draft}/", PRIVATE),
    "edit": ("get", "/en/commitments/{draft}/edit/", EDIT),
    "KPIs": ("get", "/en/commitments/{draft}/kpis/", EDIT),
    "submit": ("post", "/en/commitments/{draft}/submit/", EDIT),
    "new version": ("post", "/en/commitments/{c1}/new-version/", EDIT),
    "ORT file": ("get", "/en/commitments/{c1}/ort.json", PRIVATE_LOGIN),
    "start a report": ("get", "/en/commitments/{c1}/reports/new/", EDIT),
    "accepted report": ("get", "/en/progress/{accepted_report}/", PUBLIC),
    "pending report": ("get", "/en/progress/{pending_report}/", PRIVATE),
    "edit a report": ("get", "/en/progress/{draft_report}/edit/", EDIT),
    "submit a report": ("post", "/en/progress/{draft_report}/submit/", EDIT),
    "attach evidence": ("post", "/en/progress/{draft_report}/evidence/", EDIT),
    "download evidence of an accepted report": (
        "get",
        "/en/evidence/{accepted_evidence}/",
        PRIVATE,
    ),
    "remove evidence": ("post", "/en/evidence/{evidence}/remove/", EDIT),
    "review queue": ("get", "/en/review/CN/", REVIEW),
    "review settings": ("post", "/en/review/CN/settings/", REVIEW),
    "decide": ("post", "/en/review/item/progress/{pending_report}/", REVIEW),
    "national report": ("get", "/en/national-report/CN/", PUBLIC),
    "national report CSV": ("get", "/en/national-report/CN/report.csv", PUBLIC),
    "national report XLSX": ("get", "/en/national-report/CN/report.xlsx", PUBLIC),
}


def outcome(response) -> str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_lets_in_exactly_the_right_personas(view, objects, client_as):
    """Each persona's request runs in a savepoint rolled back afterwards, so that one
    persona's change (a submission, a removal) does not decide what the next one sees."""
    method, url, expected = VIEWS[view]
    data = {"decision": "accept"} if view == "decide" else {}
    got = {}
    for persona in PERSONAS:
        with transaction.atomic():
            response = getattr(client_as(persona), method)(url.format(**objects), data)
            got[persona] = outcome(response)
            response.close()
            transaction.set_rollback(True)
    assert got == expected
