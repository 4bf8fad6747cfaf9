"""Demo data and computation of Monaco: land cover, boundary, quartiers, parks and population
uploaded, an edited class map, and a finished computation whose values wait in the assessments.

The computation is the job's own code path (`services.run_computation`). Computing it takes
several seconds, so its result is kept in `demo_data/monaco_result.json` together with a key
made of every input's checksum and option: the demo uses the kept result only when the key
still matches, and computes afresh otherwise. `demo_data/build_result.py` writes the file again;
a test checks that the kept result is what the job computes now.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from localgbf.provenance import IndicatorValue
from localgbf.web.assessments.services import add_computations
from localgbf.web.computations import services
from localgbf.web.computations.demo_city import (
    DEMO_TIME,
    OFFICER,
    OSM,
    SPATIAL_DATA,
    backdate,
    boundary,
    demo_dataset,
    digest,
    kept,
    monaco,
)
from localgbf.web.computations.models import Computation, ComputationInput, SavedClassMap
from localgbf.web.core.demo import DemoContext
from localgbf.web.governments.models import Government
from localgbf.web.jobs.models import Job, JobStatus
from localgbf.web.species.services import government_store

RESULT_FILE = SPATIAL_DATA / "monaco_result.json"
DERIVED = "Derived from OpenStreetMap by demo_data/build_monaco.py (see demo_data/README.md)."
# role, file, kind, title, licence, citation
FILES = [
    ("landcover", "monaco_landcover_osm_10m.tif", "landcover",
     "Land cover 10 m from OpenStreetMap (ESA WorldCover codes)", "ODbL 1.0",
     f"{OSM}. {DERIVED}"),
    ("subunits", "monaco_quartiers.geojson", "subunits", "The 9 quartiers (OpenStreetMap)",
     "ODbL 1.0", f"{OSM}. Quartiers (admin level 10) built from the 2023-12-26 extract."),
    ("parks", "monaco_parks.geojson", "parks", "Parks and gardens (OpenStreetMap)", "ODbL 1.0",
     f"{OSM}. {DERIVED}"),
    ("population", "monaco_population_2016_50m.tif", "population",
     "Population 2016 on a 50 m grid (census total spread over homes)", "ODbL 1.0",
     f"Census 2016 total (37,308, IMSEE) spread over residential buildings, {OSM}. {DERIVED}"),
]  # fmt: skip
CLASS_MAP_TITLE = {
    "en": "Monaco: lawns and gardens count as built-up",
    "zh-hans": "摩纳哥：草坪和花园计为建成区",
}
# ESA WorldCover grassland (30) holds the lawns, flowerbeds and gardens of OpenStreetMap here,
# which the Singapore Index counts as built-up green space, not as natural area.
EDITED_ROLES = {30: ["builtup", "permeable"]}
SURVEY = (2020, 2024)


def _class_map(government: Government, user: Any) -> SavedClassMap:
    found = government.class_maps.filter(base="esa-worldcover").first()
    if found is not None:
        return found
    from localgbf.spatial.classmap import load_class_map

    preset = load_class_map("esa-worldcover")
    roles = {c.code: EDITED_ROLES.get(c.code, sorted(c.roles)) for c in preset.classes}
    return services.save_class_map(
        government, user=user, base="esa-worldcover", roles=roles, title=CLASS_MAP_TITLE
    )


def result_key(computation: Computation) -> str:
    """Everything the demo result depends on: inputs, class map, options, species store."""
    store = government_store(computation.government)
    data = {
        "inputs": sorted((i.role, i.dataset.sha256) for i in computation.inputs.all()),
        "class_map": computation.class_map.definition if computation.class_map else None,
        "options": [computation.edition, computation.subunit_field, computation.species,
                    computation.year_from, computation.year_to, computation.gap_m],
        "species": sorted([d.source_sha256 for d in store.datasets()]
                          + [c.source_sha256 for c in store.checklists()]),
    }  # fmt: skip
    return digest(data)


def kept_result(key: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = kept(RESULT_FILE, key)
    return found


def demo_computation(government: Government) -> Computation | None:
    return government.computations.filter(job__params__demo=True).first()


@transaction.atomic
def _computation(ctx: DemoContext, government: Government, user: Any) -> Computation:
    computation = Computation.objects.create(
        government=government,
        class_map=_class_map(government, user),
        subunit_field="name",
        species=True,
        year_from=SURVEY[0],
        year_to=SURVEY[1],
        created_by=user,
    )
    inputs = {"boundary": boundary(ctx), **{k: ctx[f"dataset:MCMON:{k}"] for k, *_ in FILES}}
    inputs["sensitive_species"] = ctx["dataset:MCMON:monaco_sensitive_demo.csv"]
    for role, dataset in inputs.items():
        ComputationInput.objects.create(computation=computation, role=role, dataset=dataset)
    computation.job = Job.objects.create(
        kind=services.JOB_KIND,
        params={"computation": computation.pk, "demo": True},
        status=JobStatus.SUCCEEDED,
        progress=1.0,
        government=government,
        created_by=user,
        started_at=DEMO_TIME,
        finished_at=DEMO_TIME,
    )
    computation.save(update_fields=["job"])
    backdate(computation, minutes=2)
    backdate(computation.job, minutes=2)
    return computation


def build(ctx: DemoContext) -> None:
    government = monaco(ctx)
    user = ctx[f"user:{OFFICER}"]
    for role, name, kind, title, licence, citation in FILES:
        ctx.objects[f"dataset:MCMON:{role}"] = demo_dataset(
            government,
            SPATIAL_DATA / name,
            kind=kind,
            title=title,
            licence=licence,
            citation=citation,
            user=user,
        )
    if demo_computation(government) is not None:
        return
    computation = _computation(ctx, government, user)
    assert computation.job is not None
    kept = kept_result(result_key(computation))
    if kept is None:
        outcome = services.run_computation(computation, computation.job, lambda f, m: None)
    else:
        values = [IndicatorValue.model_validate(v) for v in kept["indicators"]]
        records = add_computations(
            government, [v for v in values if v.value is not None], "job", job=computation.job
        )
        Computation.objects.filter(pk=computation.pk).update(result=kept, finished_at=DEMO_TIME)
        outcome = {"computation": computation.pk, "records": [r.pk for r in records]}
    Job.objects.filter(pk=computation.job.pk).update(result=outcome)
