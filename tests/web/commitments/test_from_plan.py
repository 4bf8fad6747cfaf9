"""A commitment drafted from a plan's targets and actions stays linked to them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from localgbf.web.commitments.errors import CommitmentError
from localgbf.web.commitments.from_plan import create_from_plan
from localgbf.web.governments.models import AuditEntry, Government
from localgbf.web.plans.models import Plan


@pytest.fixture
def kunming_plan(demo):
    version = Plan.objects.get(government__code="CNKMG").in_force()
    assert version is not None and version.status == "adopted"
    return version


def test_targets_become_kpis_and_their_links_the_alignment(kunming_plan, users, kunming):
    """Target 2.1 (95% of residents within 300 m of a park: 85 → 95 %, by 2030) links NT 8
    high and KMGBF 12 high; action 2.1.2 links NT 8 medium and KMGBF 12 medium; action 2.1.1
    has no link. So: primary NT 8, primary KMGBF 12, no others; one KPI in %."""
    target = kunming_plan.targets.get(code="2.1")
    actions = list(kunming_plan.actions.filter(code__in=["2.1.1", "2.1.2"]))
    made = create_from_plan(kunming, users["city_officer"], targets=[target], actions=actions)
    version = made.version
    assert (version.primary_national.code, version.primary_global.code) == ("8", "12")
    assert list(version.other_global.all()) == [] and list(version.other_national.all()) == []
    (kpi,) = version.kpis.all()
    assert (
        kpi.code,
        kpi.unit,
        kpi.baseline_value,
        kpi.baseline_year,
        kpi.target_value,
        kpi.source_target,
    ) == ("K1", "%", Decimal(85), 2020, Decimal(95), target)
    assert kpi.title == target.indicator
    assert version.title == target.title
    commitment = version.commitment
    assert list(commitment.plan_targets.all()) == [target]
    assert sorted(a.code for a in commitment.plan_actions.all()) == ["2.1.1", "2.1.2"]
    assert commitment in target.commitments.all()  # linked both ways
    assert made.without_kpi == []
    assert AuditEntry.objects.filter(
        action="commitment.from_plan", object_id=str(version.pk)
    ).exists()


def test_the_strongest_link_is_primary_and_the_others_follow(kunming_plan, users, kunming):
    """Target 1.1 links NT 2 high; action 1.1.2 links NT 5 high: both high, NT 2 comes first in
    the national framework, so NT 2 is primary and NT 5 other."""
    made = create_from_plan(
        kunming,
        users["city_officer"],
        targets=[kunming_plan.targets.get(code="1.1")],
        actions=[kunming_plan.actions.get(code="1.1.2")],
    )
    assert made.version.primary_national.code == "2"
    assert [e.code for e in made.version.other_national.all()] == ["5"]


def test_a_target_without_a_target_value_gives_no_kpi_and_is_named(kunming_plan, users, kunming):
    target = kunming_plan.targets.get(code="2.2")  # local-only gull guidelines: no target value
    made = create_from_plan(kunming, users["city_officer"], targets=[target])
    assert made.without_kpi == ["2.2"]
    assert not made.version.kpis.exists()


def test_another_governments_plan_is_refused(demo, users, kunming):
    shenzhen_target = Plan.objects.get(government__code="CNSZX").in_force().targets.first()
    with pytest.raises(
        CommitmentError, match=r"Not in the plan of Kunming: 1\.1 Mangroves cover 400 ha\."
    ):
        create_from_plan(kunming, users["city_officer"], targets=[shenzhen_target])


def test_nothing_chosen_is_refused(demo, users, kunming):
    with pytest.raises(
        CommitmentError, match="Choose at least one local target or action of the plan."
    ):
        create_from_plan(kunming, users["city_officer"], targets=[])


def test_a_country_makes_no_commitment(kunming_plan, users):
    with pytest.raises(CommitmentError, match="A country's commitments are its national targets"):
        create_from_plan(
            Government.objects.get(code="CN"),
            users["network_admin"],
            targets=list(kunming_plan.targets.all()[:1]),
        )


def test_the_web_page_drafts_a_commitment_from_the_plan(kunming_plan, client_as):
    client = client_as("city_officer")
    target = kunming_plan.targets.get(code="1.1")
    response = client.post("/en/governments/CNKMG/commitments/from-plan/", {"targets": [target.pk]})
    assert response.status_code == 302
    assert "/edit/" in response["Location"]
