"""The demo: commitments in every review state, with progress reports, in both languages."""

from __future__ import annotations

from localgbf.web.commitments.models import (
    Commitment,
    CommitmentVersion,
    Evidence,
    OfficialContact,
    ProgressReport,
)
from localgbf.web.core.demo import build_demo
from localgbf.web.frameworks.models import FrameworkElement


def states() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in CommitmentVersion.objects.select_related("commitment__government").order_by(
        "commitment__government__code", "commitment__number", "number"
    ):
        label = "auto-accepted" if v.auto_accepted else v.state
        out.setdefault(f"{v.commitment.reference}", []).append(label)
    return out


def test_the_demo_has_commitments_in_every_review_state(demo):
    assert states() == {
        "CN-YN-C1": ["returned"],
        "CNKMG-C1": ["accepted"],
        "CNKMG-C2": ["auto-accepted"],
        "CNSHA-C1": ["accepted", "pending"],
        "CNSZX-C1": ["pending"],
    }


def test_every_demo_commitment_has_progress_reports_and_kunming_reported_twice(demo):
    assert set(ProgressReport.objects.values_list("commitment__government__code", flat=True)) == {
        "CNKMG",
        "CNSZX",
        "CN-YN",
        "CNSHA",
    }
    c1 = Commitment.objects.get(government__code="CNKMG", number=1)
    first, second = c1.reports.order_by("period_start")
    assert (first.state, second.state, second.based_on) == ("accepted", "pending", first)
    assert [e.sha256 for e in second.evidence.all()] == [e.sha256 for e in first.evidence.all()]


def test_the_demo_texts_are_in_english_and_chinese(demo):
    for version in CommitmentVersion.objects.all():
        assert version.title.get("en") and version.title.get("zh-hans"), version
        assert version.description.get("en") and version.description.get("zh-hans"), version
    for report in ProgressReport.objects.all():
        assert set(report.narrative) >= {"en", "zh-hans"}


def test_the_demo_country_national_targets_carry_ort_identifiers(demo):
    current = FrameworkElement.objects.filter(
        framework__country__code="CN", framework__is_current=True, kind="national_target"
    )
    assert current.exists() and not current.filter(external_id="").exists()


def test_the_demo_contacts_are_offices_on_the_example_domain(demo):
    for contact in OfficialContact.objects.all():
        assert all(email.endswith(".example") for email in contact.emails)


def test_the_demo_is_idempotent(demo):
    before = (
        CommitmentVersion.objects.count(),
        ProgressReport.objects.count(),
        Evidence.objects.count(),
        OfficialContact.objects.count(),
        sorted(
            FrameworkElement.objects.exclude(external_id="").values_list("external_id", flat=True)
        ),
    )
    build_demo()
    after = (
        CommitmentVersion.objects.count(),
        ProgressReport.objects.count(),
        Evidence.objects.count(),
        OfficialContact.objects.count(),
        sorted(
            FrameworkElement.objects.exclude(external_id="").values_list("external_id", flat=True)
        ),
    )
    assert after == before


def test_the_demo_ort_identifiers_are_stable(demo):
    """Derived from the commitment's reference, so a rebuilt demo exports the same files."""
    import uuid

    from localgbf.web.commitments.demo import NAMESPACE

    c1 = Commitment.objects.get(government__code="CNKMG", number=1)
    assert c1.ort_identifier == uuid.uuid5(
        NAMESPACE, "localgbf-demo:stakeholderCommitment:CNKMG-C1"
    )
