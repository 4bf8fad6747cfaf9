"""The demo city of the data features, Monaco: uploaded files, a finished computation whose
values wait in the assessments, built the same way every time."""

import pytest

from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.computations import demo as computations_demo
from localgbf.web.computations import services
from localgbf.web.computations.demo_city import CODE
from localgbf.web.computations.models import Computation
from localgbf.web.core.demo import build_demo
from localgbf.web.datasets.models import Dataset
from localgbf.web.jobs.models import JobStatus
from localgbf.web.species.models import Fetch, SpeciesImport


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Computation, ComputationRecord, Dataset, SpeciesImport, Fetch)
    }


def test_the_demo_city_has_its_files_and_a_finished_computation(demo):
    government = demo[f"government:{CODE}"]
    kinds = set(government.datasets.values_list("kind", flat=True))
    assert {"landcover", "boundary", "subunits", "parks", "population"} <= kinds
    computation = computations_demo.demo_computation(government)
    assert computation.job.status == JobStatus.SUCCEEDED
    numbers = [v["indicator"] for v in computation.result["indicators"]]
    assert numbers == [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13]
    records = ComputationRecord.objects.filter(job=computation.job)
    assert sorted(r.indicator for r in records) == numbers
    assert computation.created_at < computation.finished_at


def test_building_the_demo_again_changes_nothing(demo):
    before = counts()
    build_demo()
    assert counts() == before


def test_the_demo_uses_the_kept_result_for_its_inputs(demo):
    """The kept result matches the demo's inputs, so `localgbf demo` does not compute it."""
    computation = Computation.objects.get(government__code=CODE)
    key = computations_demo.result_key(computation)
    assert computations_demo.kept_result(key) == computation.result


@pytest.mark.slow
def test_the_kept_result_is_what_the_job_computes_now(demo):
    kept = Computation.objects.get(government__code=CODE)
    again = services.start_computation(
        kept.government,
        user=kept.created_by,
        datasets={i.role: i.dataset for i in kept.inputs.all()},
        options={
            "class_map": kept.class_map,
            "subunit_field": kept.subunit_field,
            "species": kept.species,
            "year_from": kept.year_from,
            "year_to": kept.year_to,
        },
    )
    services.run_computation(again, again.job, lambda f, m: None)
    fresh = {v["indicator"]: v for v in again.result["indicators"]}
    for value in kept.result["indicators"]:
        now = fresh[value["indicator"]]
        assert now["value"] == pytest.approx(value["value"]), value["indicator"]
        assert (now["unit"], now["method_version"]) == (value["unit"], value["method_version"])
        assert now["zones"] == pytest.approx(value["zones"])
    assert {(i["role"], i["sha256"]) for i in again.result["inputs"]} == {
        (i["role"], i["sha256"]) for i in kept.result["inputs"]
    }
