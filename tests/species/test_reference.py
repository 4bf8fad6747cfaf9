"""The reference data files: versioned, cited, and labelled in English and Chinese."""

from __future__ import annotations

import pytest

from localgbf.species import reference
from localgbf.species.indicators import INDICATORS


@pytest.mark.parametrize(
    "loader",
    [reference.load_name_rules, reference.load_taxon_groups, reference.load_establishment,
     reference.load_quality_reference, reference.load_formats, reference.load_indicator_methods],
)  # fmt: skip
def test_every_data_file_has_a_version_and_a_source(loader: object) -> None:
    data = loader()  # type: ignore[operator]
    assert data.version
    assert data.source.citation.strip()


def test_every_label_shown_to_people_has_english_and_chinese() -> None:
    texts = [g.label for g in reference.taxon_groups().groups]
    texts += [c.label for c in reference.establishment().categories]
    texts += [reference.establishment().unmatched_label]
    texts += list(reference.quality_reference().reasons.values())
    texts += [m.name for m in reference.indicator_methods().indicators]
    texts += [m.formula for m in reference.indicator_methods().indicators]
    texts += [f.label for f in reference.formats().formats.values()]
    assert all(t.has("en") and t.has("zh-hans") for t in texts)


def test_every_species_indicator_has_a_method_and_a_computation() -> None:
    numbers = {m.number for m in reference.indicator_methods().indicators}
    assert numbers == set(INDICATORS) == {3, 4, 5, 6, 9}


def test_every_exclusion_reason_has_a_label() -> None:
    from localgbf.species.selection import KEPT, REASONS

    labels = reference.quality_reference().reasons
    assert {r for r in REASONS if r != KEPT} | {"not_species", "duplicate"} <= set(labels)
