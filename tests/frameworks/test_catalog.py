import pytest

from localgbf.frameworks import catalog


def test_records_are_found_by_prefixed_and_unambiguous_ids():
    assert catalog.find("kmgbf:T3").code == "3"
    assert catalog.find("AA6").framework == "plan-of-action"
    assert catalog.find("kmgbf:12.CT.1").kind == "component_indicator"


def test_an_unknown_id_is_reported():
    with pytest.raises(catalog.UnknownRecord, match="no framework record has the id 'kmgbf:T99'"):
        catalog.find("kmgbf:T99")


def test_every_packaged_framework_lists_records_with_unique_ids():
    for slug in catalog.PACKAGED:
        ids = [r.id for r in catalog.all_records(slug)]
        assert ids and len(ids) == len(set(ids)), slug
