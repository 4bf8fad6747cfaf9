"""Scientific names reduced to canonical names and species keys."""

from __future__ import annotations

import pytest

from localgbf.species.names import canonical_name, parse_name, species_key


@pytest.mark.parametrize(
    ("raw", "canonical", "species"),
    [
        (
            "Chelonodon fluviatilis (Hamilton, 1822)",
            "Chelonodon fluviatilis",
            "Chelonodon fluviatilis",
        ),
        ("Abutilon indicum (L.) Sweet", "Abutilon indicum", "Abutilon indicum"),
        ("Acacia auriculiformis Benth.", "Acacia auriculiformis", "Acacia auriculiformis"),
        ("Aedes albopictus Skuse, 1894", "Aedes albopictus", "Aedes albopictus"),
        ("  Abies   alba ", "Abies alba", "Abies alba"),
        ("POA ANNUA", "Poa annua", "Poa annua"),
        ("Poa annua subsp. supina (Schrad.) Link", "Poa annua subsp. supina", "Poa annua"),
        ("Poa annua ssp supina", "Poa annua subsp. supina", "Poa annua"),
        ("Rosa canina L. var. dumalis (Bechst.) Baker", "Rosa canina var. dumalis", "Rosa canina"),
        ("Rosa canina forma dumalis", "Rosa canina f. dumalis", "Rosa canina"),
        ("Parus major major", "Parus major major", "Parus major"),
        ("Mentha × piperita L.", "Mentha × piperita", "Mentha × piperita"),
        ("Mentha x piperita L.", "Mentha × piperita", "Mentha × piperita"),
        ("Mentha ×piperita", "Mentha × piperita", "Mentha × piperita"),
        ("Aster novi-belgii L.", "Aster novi-belgii", "Aster novi-belgii"),
        ("Tulipa gesneriana de Candolle", "Tulipa gesneriana", "Tulipa gesneriana"),
    ],
)
def test_authorship_is_dropped_and_rank_markers_are_written_one_way(
    raw: str, canonical: str, species: str
) -> None:
    assert canonical_name(raw) == canonical
    assert species_key(raw) == species


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Larus cf. argentatus", "Larus"),
        ("Larus aff. argentatus", "Larus"),
        ("Poa sp.", "Poa"),
        ("Carex spp.", "Carex"),
        ("Carex", "Carex"),
        ("Aves", "Aves"),
    ],
)
def test_qualified_and_generic_names_have_no_species_key(raw: str, canonical: str) -> None:
    parsed = parse_name(raw)
    assert parsed is not None
    assert parsed.canonical == canonical
    assert parsed.species is None


def test_a_hybrid_formula_between_two_species_is_not_a_species() -> None:
    parsed = parse_name("Quercus robur x petraea")
    assert parsed is not None
    assert parsed.canonical == "Quercus robur × petraea"
    assert parsed.species is None


@pytest.mark.parametrize("raw", ["", "   ", "1234", "(unknown)", None])
def test_text_that_is_no_name_gives_none(raw: str | None) -> None:
    assert parse_name(raw) is None
