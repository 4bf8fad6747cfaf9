"""Progress reports: pre-filled from the last one (evidence included), units, periods, and
bad input refused with nothing half-saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.commitments import progress, services
from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.models import Evidence, Kpi, ProgressReport
from localgbf.web.commitments.progress import ValueInput

Y2025 = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
Y2026 = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}


@pytest.fixture
def commitment(make_version, users):
    version = make_version()
    Kpi.objects.create(
        version=version,
        code="K2",
        title={"en": "Volunteers"},
        unit="people",
        target_value=Decimal(500),
    )
    return version.commitment


@pytest.fixture
def officer(users):
    return users["city_officer"]


def fill(report, officer, k1="2500", k2="120", unit1="trees", level="on_track"):
    return progress.save_progress(
        report,
        officer,
        narrative={"en": "Good year.", "zh-hans": "好年景。"},
        level=level,
        values={"K1": ValueInput(k1, unit1), "K2": ValueInput(k2, "people")},
    )


def test_a_new_report_starts_from_the_last_one_attachments_included(commitment, officer):
    first = progress.start_report(commitment, officer, **Y2025)
    fill(first, officer)
    evidence = progress.add_evidence(
        first, officer, SimpleUploadedFile("count.csv", b"site,trees\nA,2500\n"), "Count"
    )
    second = progress.start_report(commitment, officer, **Y2026)
    assert second.based_on == first
    assert (second.narrative, second.level) == (first.narrative, "on_track")
    assert {v.kpi.code: (v.value, v.unit) for v in second.values.select_related("kpi")} == {
        "K1": (Decimal(2500), "trees"),
        "K2": (Decimal(120), "people"),
    }
    (copied,) = second.evidence.all()
    assert (copied.sha256, copied.filename, copied.title) == (evidence.sha256, "count.csv", "Count")
    assert copied.pk != evidence.pk
    assert progress.evidence_path(copied).read_bytes() == b"site,trees\nA,2500\n"


def test_the_same_file_attached_twice_is_stored_once(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    a = progress.add_evidence(report, officer, SimpleUploadedFile("a.csv", b"same bytes"), "")
    b = progress.add_evidence(report, officer, SimpleUploadedFile("b.csv", b"same bytes"), "")
    assert a.sha256 == b.sha256
    assert progress.evidence_path(a).parent == progress.evidence_path(b).parent


def test_a_value_in_the_wrong_unit_is_refused_and_nothing_is_saved(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    fill(report, officer)
    with pytest.raises(
        CommitmentError,
        match=r"KPI K1, unit: the value is given in ha, but the KPI is measured in trees\. Convert it to trees\.",
    ):
        fill(report, officer, k1="3", unit1="ha", level="moving_away")
    report.refresh_from_db()
    assert report.level == "on_track"
    assert {v.kpi.code: v.value for v in report.values.select_related("kpi")} == {
        "K1": 2500,
        "K2": 120,
    }


@pytest.mark.parametrize("unit", ["trees", " Trees ", "TREES", ""])
def test_the_unit_may_differ_in_case_and_spaces_or_be_left_to_the_kpi(commitment, officer, unit):
    report = progress.start_report(commitment, officer, **Y2025)
    fill(report, officer, unit1=unit)
    assert report.values.get(kpi__code="K1").unit == "trees"


def test_a_value_that_is_not_a_number_is_refused_naming_the_kpi(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    with pytest.raises(CommitmentError, match=r"KPI K2, value: 'about 100' is not a number\."):
        fill(report, officer, k2="about 100")
    assert not report.values.exists()


def test_a_kpi_code_of_another_version_is_refused(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    with pytest.raises(CommitmentError, match=r"K9: no such KPI in version 1 of the commitment\."):
        progress.save_progress(
            report, officer, narrative={}, level="", values={"K9": ValueInput("1", "x")}
        )


def test_a_report_for_an_accepted_period_is_refused(commitment, officer, users):
    report = progress.start_report(commitment, officer, **Y2025)
    fill(report, officer)
    services.submit(report, officer, notify_reviewers=False)
    services.accept(report, users["reviewer"])
    count = ProgressReport.objects.count()
    with pytest.raises(
        CommitmentError,
        match=r"for 2025-01-01 – 2025-12-31 is already accepted; a period is reported once\. Choose a period after 2025-12-31\.",
    ):
        progress.start_report(
            commitment, officer, period_start=date(2025, 7, 1), period_end=date(2026, 6, 30)
        )
    assert ProgressReport.objects.count() == count


def test_a_period_overlapping_a_report_in_progress_is_refused(commitment, officer):
    progress.start_report(commitment, officer, **Y2025)
    with pytest.raises(
        CommitmentError,
        match=r"A report for 2025-01-01 – 2025-12-31 is already draft: continue with it\.",
    ):
        progress.start_report(
            commitment, officer, period_start=date(2025, 12, 1), period_end=date(2026, 1, 31)
        )


def test_a_period_that_ends_before_it_starts_is_refused(commitment, officer):
    with pytest.raises(
        CommitmentError, match=r"The period ends \(2025-01-01\) before it starts \(2025-12-31\)\."
    ):
        progress.start_report(
            commitment, officer, period_start=date(2025, 12, 31), period_end=date(2025, 1, 1)
        )


def test_a_report_needs_a_level_and_a_value_for_each_kpi_before_review(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    progress.save_progress(
        report, officer, narrative={}, level="", values={"K1": ValueInput("10", "trees")}
    )
    with pytest.raises(CommitmentError, match=r"needs the level of progress; a value for KPI K2\."):
        services.submit(report, officer)
    report.refresh_from_db()
    assert report.state == "draft"


def test_an_accepted_or_pending_report_cannot_change(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    fill(report, officer)
    services.submit(report, officer, notify_reviewers=False)
    with pytest.raises(CommitmentError, match="This item is Awaiting review and cannot change."):
        fill(report, officer, k1="1")
    with pytest.raises(CommitmentError, match="cannot change"):
        progress.add_evidence(report, officer, SimpleUploadedFile("x.txt", b"x"), "")
    assert Evidence.objects.filter(report=report).count() == 0


def test_a_level_off_the_scale_is_refused(commitment, officer):
    report = progress.start_report(commitment, officer, **Y2025)
    with pytest.raises(
        CommitmentError, match=r"great is not a level of progress; use one of on_track_to_exceed"
    ):
        fill(report, officer, level="great")
