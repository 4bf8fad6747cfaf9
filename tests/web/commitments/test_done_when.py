"""The issue's "done when", through the web pages: a city officer makes a commitment from its
plan and reports progress twice; the country's reviewer accepts one and returns one; an
unreviewed commitment is accepted automatically after 28 days; the national roll-up and the
ORT export show the accepted ones."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import time_machine
from django.utils import timezone

from localgbf.web.commitments.models import Commitment
from localgbf.web.jobs.queue import enqueue, run_pending
from localgbf.web.plans.models import Plan

from .conftest import form_data, kmgbf


def draft_from_plan(client, target, kmgbf_target: str) -> Commitment:
    response = client.post("/en/governments/CNKMG/commitments/from-plan/", {"targets": [target.pk]})
    assert response.status_code == 302, response.content
    commitment = Commitment.objects.filter(government__code="CNKMG").order_by("-number").first()
    page = client.get(f"/en/commitments/{commitment.pk}/edit/")
    data = form_data(
        page.context["form"],
        partners_en="Yunnan University",
        progress_information_en="Published every year.",
        timeline_start="2025-01-01",
        primary_global=str(kmgbf(kmgbf_target).pk),
    )
    assert client.post(f"/en/commitments/{commitment.pk}/edit/", data).status_code == 302
    return commitment


def report(client, commitment, year: int, value: str) -> int:
    response = client.post(
        f"/en/commitments/{commitment.pk}/reports/new/",
        {"period_start": f"{year}-01-01", "period_end": f"{year}-12-31"},
    )
    assert response.status_code == 302, response.context["form"].errors
    pk = int(response["Location"].rstrip("/").split("/")[-2])
    page = client.get(f"/en/progress/{pk}/edit/")
    data = form_data(
        page.context["form"],
        value_K1=value,
        level="on_track",
        narrative_en=f"{year}: {value} sites.",
    )
    assert client.post(f"/en/progress/{pk}/edit/", data).status_code == 302
    client.post(f"/en/progress/{pk}/submit/")
    return pk


def test_the_whole_story(demo, client_as):
    officer, reviewer = client_as("city_officer"), client_as("reviewer")
    plan = Plan.objects.get(government__code="CNKMG").in_force()

    monitoring = draft_from_plan(
        officer, plan.targets.get(code="3.1"), "21"
    )  # 12 → 60 sites, NT 11
    officer.post(f"/en/commitments/{monitoring.pk}/submit/")
    assert monitoring.latest_version().state == "pending"
    reviewer.post(
        f"/en/review/item/commitment/{monitoring.latest_version().pk}/", {"decision": "accept"}
    )
    assert monitoring.latest_version().state == "accepted"

    first = report(officer, monitoring, 2025, "30")
    second = report(officer, monitoring, 2026, "41")
    assert monitoring.reports.get(pk=second).based_on_id == first
    reviewer.post(f"/en/review/item/progress/{first}/", {"decision": "accept"})
    reviewer.post(
        f"/en/review/item/progress/{second}/", {"decision": "return", "comment": "Which sites?"}
    )
    assert dict(monitoring.reports.values_list("pk", "state")) == {
        first: "accepted",
        second: "returned",
    }

    schools = draft_from_plan(officer, plan.targets.get(code="3.2"), "22")  # nature schools, NT 12
    officer.post(f"/en/commitments/{schools.pk}/submit/")
    with time_machine.travel(timezone.now() + timedelta(days=28, minutes=1), tick=False):
        enqueue("commitments.review_deadlines")
        run_pending()
    version = schools.latest_version()
    assert (version.state, version.accepted_how) == ("accepted", "deadline")

    rollup = officer.get("/en/national-report/CN/").context["report"]
    nt11 = next(r for r in rollup.section_iii if r.code == "11")
    nt12 = next(r for r in rollup.section_iii if r.code == "12")
    assert (nt11.commitments, nt12.commitments) == (1, 1)
    assert {lc.level: lc.count for lc in nt11.levels}["on_track"] == 1  # the accepted 2025 report
    (sites,) = nt11.kpis
    assert (sites.baseline, sites.latest, sites.target) == (12, 30, 60)  # 2026 was returned

    archive = zipfile.ZipFile(
        io.BytesIO(officer.get("/en/governments/CNKMG/commitments/ort.zip").content)
    )
    references = sorted(n.rsplit("-", 1)[0] for n in archive.namelist())
    assert references == [
        "CNKMG-C1",
        "CNKMG-C2",
        f"CNKMG-C{monitoring.number}",
        f"CNKMG-C{schools.number}",
    ]
    titles = [json.loads(archive.read(n))["title"]["en"] for n in archive.namelist()]
    assert monitoring.latest_version().title["en"] in titles
