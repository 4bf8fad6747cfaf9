"""Who may see and start computations and edit class maps: members of the government see
them; only its officers (and the network administrator) start one or save a class map."""

import pytest

from localgbf.web.computations import services
from localgbf.web.computations.models import Computation

MEMBERS_SEE = [
    ("anonymous", 302),
    ("outsider", 403),
    ("other_officer", 403),
    ("region_officer", 403),
    ("viewer", 200),
    ("reviewer", 200),
    ("city_officer", 200),
    ("network_admin", 200),
]
OFFICERS_ONLY = [
    ("anonymous", 302),
    ("outsider", 403),
    ("other_officer", 403),
    ("region_officer", 403),
    ("viewer", 403),
    ("reviewer", 403),
    ("city_officer", 200),
    ("network_admin", 200),
]


@pytest.fixture
def computation(kunming, users, uploads):
    return services.start_computation(
        kunming,
        user=users["city_officer"],
        datasets={"landcover": uploads["landcover"], "boundary": uploads["boundary"]},
        options={"class_map_preset": "esa-worldcover"},
    )


@pytest.fixture
def class_map(kunming, users):
    return services.save_class_map(
        kunming,
        user=users["city_officer"],
        base="nlcd",
        roles={},
        title={"en": "No roles at all", "zh-hans": ""},
    )


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_the_list_of_computations_is_for_members(client_as, persona, status):
    assert client_as(persona).get("/en/governments/CNKMG/computations/").status_code == status


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_a_computation_is_for_members(client_as, computation, persona, status):
    assert client_as(persona).get(f"/en/computations/{computation.pk}/").status_code == status


@pytest.mark.parametrize(("persona", "status"), OFFICERS_ONLY)
def test_only_officers_open_the_computation_form(client_as, persona, status):
    response = client_as(persona).get("/en/governments/CNKMG/computations/new/")
    assert response.status_code == status


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "other_officer", "region_officer", "viewer", "reviewer"]
)
def test_only_officers_start_a_computation(client_as, uploads, persona):
    response = client_as(persona).post(
        "/en/governments/CNKMG/computations/new/",
        {"boundary": uploads["boundary"].pk, "edition": "2021"},
    )
    assert response.status_code in (302, 403)
    assert not Computation.objects.filter(government__code="CNKMG").exists()


@pytest.mark.parametrize(("persona", "status"), OFFICERS_ONLY)
def test_only_officers_edit_a_new_class_map(client_as, persona, status):
    response = client_as(persona).get("/en/governments/CNKMG/class-maps/new/?base=nlcd")
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), MEMBERS_SEE)
def test_members_read_a_saved_class_map(client_as, class_map, persona, status):
    response = client_as(persona).get(f"/en/governments/CNKMG/class-maps/{class_map.pk}/")
    assert response.status_code == status


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "other_officer", "region_officer", "viewer", "reviewer"]
)
def test_only_officers_change_a_class_map(client_as, class_map, persona):
    response = client_as(persona).post(
        f"/en/governments/CNKMG/class-maps/{class_map.pk}/",
        {"title_en": "Changed", "roles_11": ["water"]},
    )
    assert response.status_code in (302, 403)
    class_map.refresh_from_db()
    assert class_map.title["en"] == "No roles at all"


def test_a_class_map_of_another_government_is_not_found_under_this_one(client_as, class_map):
    response = client_as("network_admin").get(f"/en/governments/CNSZX/class-maps/{class_map.pk}/")
    assert response.status_code == 404
