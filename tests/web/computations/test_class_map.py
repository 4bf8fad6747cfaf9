"""An officer edits a copy of a class-map preset for the government; computations can use it,
and the natural share follows the roles it gives."""

import numpy as np
import pytest
import rasterio

from localgbf.spatial.classmap import load_class_map
from localgbf.web.computations import services
from localgbf.web.computations.models import SavedClassMap
from localgbf.web.governments.models import AuditEntry
from localgbf.web.jobs.queue import run_pending


def roles_form(base: str, changed: dict[int, list[str]], title: str = "Lawns are built-up"):
    """The form as the page shows it for `base`, with the roles of some codes changed."""
    preset = load_class_map(base)
    data: dict[str, object] = {"title_en": title, "title_zh": "草坪计为建成区"}
    for entry in preset.classes:
        data[f"roles_{entry.code}"] = changed.get(entry.code, sorted(entry.roles))
    return data


def test_the_new_class_map_form_starts_from_the_preset_roles(client_as):
    response = client_as("city_officer").get(
        "/en/governments/CNKMG/class-maps/new/?base=esa-worldcover"
    )
    form = response.context["form"]
    assert form.fields["roles_10"].initial == ["canopy", "natural", "permeable"]
    assert form.fields["roles_50"].initial == ["builtup"]


def test_an_unknown_preset_is_not_found(client_as):
    response = client_as("city_officer").get("/en/governments/CNKMG/class-maps/new/?base=x")
    assert response.status_code == 404


def test_an_officer_saves_an_edited_class_map_that_the_core_reads(client_as, tmp_path):
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/class-maps/new/?base=esa-worldcover",
        roles_form("esa-worldcover", {30: ["builtup", "permeable"]}),
    )
    saved = SavedClassMap.objects.get(government__code="CNKMG")
    assert response.status_code == 302
    assert response["Location"] == f"/en/governments/CNKMG/class-maps/{saved.pk}/"
    assert saved.title == {"en": "Lawns are built-up", "zh-hans": "草坪计为建成区"}
    loaded = load_class_map(saved.write(tmp_path))
    assert loaded.codes_with_role("natural") == {10, 20, 70, 80, 90, 95, 100}
    assert loaded.codes_with_role("builtup") == {30, 50}
    assert (
        AuditEntry.objects.filter(action="class_map.create", government__code="CNKMG").count() == 1
    )


def test_editing_a_saved_map_keeps_it_and_records_the_change(client_as, kunming, users):
    saved = services.save_class_map(
        kunming, user=users["city_officer"], base="nlcd", roles={}, title={"en": "Empty"}
    )
    client_as("city_officer").post(
        f"/en/governments/CNKMG/class-maps/{saved.pk}/",
        roles_form("nlcd", {11: ["water"]}, title="Only water"),
    )
    saved.refresh_from_db()
    assert saved.title["en"] == "Only water"
    assert [c["roles"] for c in saved.definition["classes"] if c["code"] == 11] == [["water"]]
    assert AuditEntry.objects.filter(action="class_map.edit", government__code="CNKMG").count() == 1


def test_a_computation_with_an_edited_map_counts_the_natural_cells_it_names(
    client_as, kunming, users, uploads
):
    """Independent count: the Monaco land cover was rasterised from the boundary with the
    cell-centre rule the spatial package uses, so its non-nodata cells are the city. With
    grassland (30) moved to built-up, natural cells are tree cover, shrubland and water."""
    saved = services.save_class_map(
        kunming,
        user=users["city_officer"],
        base="esa-worldcover",
        roles={c.code: sorted(c.roles) for c in load_class_map("esa-worldcover").classes}
        | {30: ["builtup", "permeable"]},
        title={"en": "Lawns are built-up"},
    )
    client_as("city_officer").post(
        "/en/governments/CNKMG/computations/new/",
        {
            "landcover": uploads["landcover"].pk,
            "class_map": f"saved:{saved.pk}",
            "boundary": uploads["boundary"].pk,
            "edition": "2021",
        },
    )
    run_pending()
    computation = kunming.computations.get()
    with rasterio.open(uploads["landcover"].path) as src:
        cover = src.read(1)
    natural = np.isin(cover, [10, 20, 80]).sum() / (cover > 0).sum() * 100
    value = next(v for v in computation.result["indicators"] if v["indicator"] == 1)
    assert value["value"] == pytest.approx(natural, rel=5e-3)
    roles = {i["role"]: i["name"] for i in computation.result["inputs"]}
    assert roles["class_map"] == "class-map-CNKMG.yaml"
