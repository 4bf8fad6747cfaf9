"""Government pages: who may see and edit what."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.governments.models import AuditEntry, Government


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "city_officer", "reviewer"])
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_directory_and_profiles_are_public(client_as, persona, lang):
    client = client_as(persona)
    assert client.get(f"/{lang}/governments/").status_code == 200
    assert client.get(f"/{lang}/governments/CNKMG/").status_code == 200


def test_the_directory_shows_the_tree_in_chinese(client_as):
    body = client_as("anonymous").get("/zh-hans/governments/").content.decode()
    assert body.index("中国") < body.index("云南省") < body.index("昆明市")
    assert "城市或市镇" in body


def test_the_directory_search_finds_by_chinese_name(client_as):
    body = client_as("anonymous").get("/en/governments/", {"q": "深圳"}).content.decode()
    assert "1 match" in body and "/en/governments/CNSZX/" in body


def test_an_unknown_government_is_404(client_as):
    assert client_as("anonymous").get("/en/governments/XX/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "sees_members"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("other_officer", False),
        ("region_officer", False),
        ("viewer", True),
        ("city_officer", True),
        ("reviewer", True),
        ("network_admin", True),
    ],
)
def test_members_are_shown_only_to_those_with_private_access(client_as, persona, sees_members):
    body = client_as(persona).get("/en/governments/CNKMG/").content.decode()
    assert ("Chen Jing" in body) is sees_members


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("viewer", 403),
        ("reviewer", 403),
        ("region_officer", 403),
        ("other_officer", 403),
        ("city_officer", 200),
        ("network_admin", 200),
    ],
)
def test_only_officers_and_administrators_may_open_the_edit_form(client_as, persona, status):
    response = client_as(persona).get("/en/governments/CNKMG/edit/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/en/accounts/login/")


def test_a_refused_post_changes_nothing(client_as):
    response = client_as("viewer").post("/en/governments/CNKMG/edit/", {"name_en": "Hacked"})
    assert response.status_code == 403
    assert Government.objects.get(code="CNKMG").name["en"] == "Kunming"


def test_an_officer_saves_the_profile_with_a_boundary_and_it_is_audited(client_as, users):
    square = {
        "type": "Polygon",
        "coordinates": [
            [[102.6, 24.9], [102.8, 24.9], [102.8, 25.1], [102.6, 25.1], [102.6, 24.9]]
        ],
    }
    upload = SimpleUploadedFile(
        "kunming.geojson", json.dumps(square).encode(), "application/geo+json"
    )
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/edit/",
        {
            "name_en": "Kunming City",
            "name_zh": "昆明市",
            "population": "8700000",
            "boundary_file": upload,
        },
    )
    assert response.status_code == 302
    kunming = Government.objects.get(code="CNKMG")
    assert kunming.name == {"en": "Kunming City", "zh-hans": "昆明市"}
    assert kunming.boundary["type"] == "Polygon"
    entry = AuditEntry.objects.get(action="government.edit")
    assert entry.actor == users["city_officer"]
    assert entry.before["population"] == 8680000 and entry.after["population"] == 8700000
    page = client_as("anonymous").get("/en/governments/CNKMG/").content.decode()
    assert '<path d="M' in page


def test_an_invalid_boundary_is_refused_naming_the_file_and_nothing_is_saved(client_as):
    audited = AuditEntry.objects.count()
    upload = SimpleUploadedFile("bad.geojson", b'{"type": "Point", "coordinates": [1, 2]}')
    response = client_as("city_officer").post(
        "/en/governments/CNKMG/edit/",
        {"name_en": "Renamed", "boundary_file": upload},
    )
    assert response.status_code == 200
    assert "bad.geojson: A boundary must be a Polygon or MultiPolygon" in response.content.decode()
    kunming = Government.objects.get(code="CNKMG")
    assert kunming.name["en"] == "Kunming" and kunming.boundary is None
    assert AuditEntry.objects.count() == audited


def test_the_edit_error_is_in_chinese_on_the_chinese_page(client_as):
    upload = SimpleUploadedFile("bad.geojson", b"{nope")
    body = (
        client_as("city_officer")
        .post("/zh-hans/governments/CNKMG/edit/", {"name_zh": "昆明", "boundary_file": upload})
        .content.decode()
    )
    assert "bad.geojson：边界不是有效的 JSON" in body
