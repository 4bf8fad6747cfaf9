"""The country page: subnational governments on a map and in a list, what their adopted plans
cover of the KMGBF targets, the finance behind them and who takes part in the index."""

import re

import pytest

from localgbf.web.assessments.models import Assessment
from localgbf.web.frameworks.models import ElementAlignment
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import AlignmentLink, PlanVersion

COUNTRY = "/en/portal/CN/"


def covered_kmgbf_targets() -> set[str]:
    """Worked out without the roll-up: KMGBF targets linked from an adopted plan, directly or
    through a national target aligned to them."""
    adopted = PlanVersion.objects.filter(status="adopted", plan__government__path__startswith="CN/")
    links = (
        AlignmentLink.objects.filter(version__in=adopted)
        .exclude(target__local_only=True)
        .exclude(action__local_only=True)
    )
    direct = set(links.filter(element__kind="target").values_list("element__code", flat=True))
    national = links.filter(element__kind="national_target").values("element_id")
    through = set(
        ElementAlignment.objects.filter(
            element_id__in=national, aligned_to__kind="target"
        ).values_list("aligned_to__code", flat=True)
    )
    return direct | through


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "reviewer", "network_admin"])
def test_the_country_page_is_public(client_as, persona):
    assert client_as(persona).get(COUNTRY).status_code == 200


def test_every_subnational_government_is_listed_and_drawn(client_as, demo):
    page = client_as("anonymous").get(COUNTRY).content.decode()
    below = Government.objects.filter(path__startswith="CN/")
    assert below.count() == 7
    for g in below:
        assert f'href="/en/portal/{g.code}/"' in page
    # Each has a seat (the demo publishes no Chinese boundary): one link on the map and one in
    # the list per government.
    assert page.count('<circle class="point point-seat-') == 7


def test_the_counts_of_plans_and_index_participation(client_as, demo):
    page = client_as("anonymous").get(COUNTRY).content.decode()
    with_plan = (
        PlanVersion.objects.filter(status="adopted", plan__government__path__startswith="CN/")
        .values("plan__government")
        .distinct()
        .count()
    )
    in_index = (
        Assessment.objects.filter(status="completed", government__path__startswith="CN/")
        .values("government")
        .distinct()
        .count()
    )
    assert re.search(rf"With an adopted plan</dt><dd>{with_plan}</dd>", page)
    assert re.search(rf"In the Singapore Index</dt><dd>{in_index}</dd>", page)


def test_the_kmgbf_coverage_agrees_with_the_links_of_the_adopted_plans(client_as, demo):
    page = client_as("anonymous").get(COUNTRY).content.decode()
    covered = covered_kmgbf_targets()
    assert f"KMGBF targets covered</dt><dd>{len(covered)} / 23</dd>" in page
    rows = re.findall(
        r'<tr( class="uncovered")?>\s*<th scope="row"><a href="/en/portal/targets/(\d+)/', page
    )
    assert {code for uncovered, code in rows if not uncovered} == covered


def test_a_draft_plan_does_not_count_on_the_public_page(client_as, demo):
    page = client_as("anonymous").get(COUNTRY).content.decode()
    table = page.split('<table class="data portal-governments">')[1]
    guangzhou = table.split('href="/en/portal/CNCAN/"')[1].split("</tr>")[0]
    assert "none adopted yet" in guangzhou


def test_the_country_page_reads_in_chinese(client_as, demo):
    page = client_as("anonymous").get("/zh-hans/portal/CN/").content.decode()
    assert "昆明市" in page and "云南省" in page
    assert 'lang="zh-hans"' in page
