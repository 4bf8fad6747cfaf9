"""The demo shows Kunming's baseline, a draft with a value waiting, and assessor scores."""

from __future__ import annotations

from localgbf.index.totals import totals
from localgbf.web.assessments import services
from localgbf.web.assessments.models import Assessment, ComputationRecord
from localgbf.web.core.demo import build_demo


def test_the_demo_baseline_adds_up_as_worked_out_by_hand(baseline):
    """2020 values (demo.py) and their scores:

    Native: 1: 1,031,000 / 2,101,200 ha = 49.07 % -> 4; 2: groups 402, 311, 168, 92, 58
    thousand ha: (402² + 311² + 168² + 92² + 58²) / 1031² = 298,377 / 1,062,961 = 28.07 % -> 1;
    3: 58 / 410 = 14.15 % -> 2; 7: 5,800 / 21,500 = 26.98 % -> 1; 8: 283,000 / 2,101,200 =
    13.47 % -> 3; 9: assessor 3.  4+1+2+1+3+3 = 14 (4-6 missing).
    Ecosystem services: 10: 71.20 % -> 4; 11: 46.31 % -> 3; 12: 6,700 ha / 8,460.088 thousand
    = 0.79, printed precision 0.8 -> 3; 13: 5,710,000 / 8,460,088 = 67.49 % -> 2.  12 (14 missing).
    Governance, by the assessor: 15: 2, 16: 2, 17: 0, 22: 2, 24: 1, 27: 1 = 8.
    Total 14 + 12 + 8 = 34 of 112, 16 of 28 scored.
    """
    sums = totals(baseline.pure())
    assert [c.points for c in sums.components] == [14, 12, 8]
    assert (sums.points, sums.scored) == (34, 16)
    assert baseline.status == "completed" and baseline.completed_by.username == "kunming.officer"


def test_the_demo_draft_has_a_value_to_confirm_a_proposal_and_assessor_scores(draft):
    pure = draft.pure()
    assert pure.entry(1).status == "computed" and pure.entry(1).obtained.how == "computed"
    ten = pure.entry(10)
    assert ten.status == "confirmed" and ten.proposal.obtained.method_version == "0.3.1"
    seventeen = pure.entry(17)
    assert seventeen.scored_by == "assessor"
    assert "LBSAP" in seventeen.score.justification and "相衔接" in seventeen.score.justification
    assert any("/ 2023 年由市政府批准实施" in e.text for e in seventeen.evidence)
    pending = ComputationRecord.objects.filter(government=draft.government, status="pending")
    assert [(r.indicator, r.value["method_id"]) for r in pending] == [(11, "spatial.canopy_share")]


def test_the_demo_pages_show_in_both_languages(client_as, draft):
    client = client_as("city_officer")
    en = client.get(f"/en/assessments/{draft.pk}/").content.decode()
    assert "Computed values waiting" in en and "recomputed value waiting" in en
    zh = client.get(f"/zh-hans/assessments/{draft.pk}/indicators/17/").content.decode()
    assert "由评估人员评分" in zh and "2023 年由市政府批准实施" in zh


def test_the_demo_is_idempotent(demo, draft, baseline):
    before = {row.pk: (row.version, row.updated_at, row.data) for row in Assessment.objects.all()}
    records = ComputationRecord.objects.count()
    build_demo()
    after = {row.pk: (row.version, row.updated_at, row.data) for row in Assessment.objects.all()}
    assert after == before
    assert ComputationRecord.objects.count() == records


def test_other_apps_get_the_latest_completed_assessment(kunming, baseline):
    row, card = services.latest_completed(kunming)
    assert row == baseline
    assert (card.points, card.max_points, card.scored_label()) == (34, 112, "16 of 28 scored")
