import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from localgbf.web.governments.models import Government, Membership, Role


def test_paths_and_country_are_derived_at_any_depth(demo):
    kunming = Government.objects.get(code="CNKMG")
    assert kunming.path == "CN/CN-YN/CNKMG"
    assert kunming.country.code == "CN"
    assert [g.code for g in kunming.ancestors()] == ["CN", "CN-YN"]


def test_descendants_of_a_country_include_cities_under_regions_and_directly_under_it(demo):
    china = Government.objects.get(code="CN")
    assert sorted(g.code for g in china.descendants()) == [
        "CN-GD",
        "CN-YN",
        "CNCAN",
        "CNDLU",
        "CNKMG",
        "CNSHA",
        "CNSZX",
    ]


def test_moving_a_region_rewrites_the_paths_below_it(demo):
    yunnan = Government.objects.get(code="CN-YN")
    guangdong = Government.objects.get(code="CN-GD")
    yunnan.parent = guangdong
    yunnan.save()
    assert Government.objects.get(code="CNKMG").path == "CN/CN-GD/CN-YN/CNKMG"


@pytest.mark.parametrize(
    ("kind", "parent", "message"),
    [
        ("city", None, "Only a country may have no parent"),
        ("country", "CN", "A Country cannot sit under a Country"),
        ("region", "CNKMG", "cannot sit under a City or municipality"),
    ],
)
def test_impossible_hierarchies_are_refused(demo, kind, parent, message):
    g = Government(code="XX", kind=kind, name={"en": "X"})
    g.parent = Government.objects.get(code=parent) if parent else None
    with pytest.raises(ValidationError, match=message):
        g.full_clean()


def test_a_government_cannot_sit_under_its_own_descendant(demo):
    yunnan = Government.objects.get(code="CN-YN")
    yunnan.parent = Government.objects.get(code="CNKMG")
    with pytest.raises(ValidationError):
        yunnan.full_clean()


def test_a_network_administrator_role_belongs_to_no_government(demo):
    user = demo["user:kunming.officer"]
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=user, government=Government.objects.get(code="CN"), role=Role.NETWORK_ADMIN
        )


def test_reviewers_must_be_attached_to_a_country(demo):
    m = Membership(
        user=demo["user:kunming.officer"],
        government=Government.objects.get(code="CN-YN"),
        role=Role.REVIEWER,
    )
    with pytest.raises(ValidationError, match="national focal points"):
        m.full_clean()


def test_audit_entries_cannot_be_rewritten(demo):
    from localgbf.web.governments import audit

    entry = audit.record(None, "test", Government.objects.get(code="CN"))
    entry.action = "changed"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()
