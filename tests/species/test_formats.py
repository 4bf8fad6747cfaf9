"""Telling occurrence formats apart, and mapping their columns onto stored fields."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from localgbf.species.errors import SpeciesDataError
from localgbf.species.formats import FORMATS, detect_format

from .conftest import gbif_row, write_gbif_csv


def test_the_real_gbif_archive_is_a_darwin_core_archive(gbif_dwca: Path) -> None:
    assert detect_format(gbif_dwca) == "dwca"


def test_the_real_inaturalist_export_is_an_inaturalist_csv(inat_csv: Path) -> None:
    assert detect_format(inat_csv) == "inat-csv"


def test_a_gbif_simple_csv_is_told_by_its_header(tmp_path: Path) -> None:
    path = write_gbif_csv(
        tmp_path / "0001.csv", [gbif_row(1, "Passer montanus", "bird", 1, 1, 2020)]
    )
    assert detect_format(path) == "gbif-csv"


def test_gbif_zips_its_simple_csv_and_the_zip_is_told_apart_from_an_archive(tmp_path: Path) -> None:
    csv_path = write_gbif_csv(
        tmp_path / "0001.csv", [gbif_row(1, "Passer montanus", "bird", 1, 1, 2020)]
    )
    zipped = tmp_path / "0001.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(csv_path, "0001.csv")
    assert detect_format(zipped) == "gbif-csv"


def test_an_unpacked_archive_folder_is_a_darwin_core_archive(tmp_path: Path) -> None:
    (tmp_path / "meta.xml").write_text("<archive/>", "utf-8")
    assert detect_format(tmp_path) == "dwca"


def test_a_file_named_zip_that_is_not_one_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "download.zip"
    fake.write_text("this is not a zip archive", "utf-8")
    with pytest.raises(SpeciesDataError, match=r"download.zip: is not a zip archive"):
        detect_format(fake)


def test_a_file_of_unknown_shape_asks_for_the_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello;world\n", "utf-8")
    with pytest.raises(SpeciesDataError, match=r"notes.txt, line 1: the format cannot be told"):
        detect_format(path)


def test_gbif_columns_map_species_to_the_accepted_name(tmp_path: Path) -> None:
    path = write_gbif_csv(
        tmp_path / "g.csv", [gbif_row(1, "Grus leucogeranus", "bird", 1, 1, 2020)]
    )
    prepared = FORMATS["gbif-csv"](path, tmp_path)
    columns = {name: [s.column for s in sources] for name, sources in prepared.fields.items()}
    assert columns["accepted_name"] == ["species"]
    assert columns["occurrence_id"] == ["occurrenceID", "gbifID"]
    assert columns["latitude"] == ["decimalLatitude"]


def test_inaturalist_records_are_human_observations(inat_csv: Path, tmp_path: Path) -> None:
    prepared = FORMATS["inat-csv"](inat_csv, tmp_path)
    (source,) = prepared.fields["basis_of_record"]
    assert (source.index, source.default) == (None, "HUMAN_OBSERVATION")
    assert [s.column for s in prepared.fields["coordinate_uncertainty_m"]] == [
        "positional_accuracy"
    ]


def test_a_csv_without_a_required_column_names_it(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("gbifID\tdatasetKey\tscientificName\tdecimalLatitude\n1\tx\tA b\t1\n", "utf-8")
    with pytest.raises(
        SpeciesDataError,
        match=r"g.csv, line 1, field decimalLongitude: missing required column\(s\) decimalLongitude",
    ):
        FORMATS["gbif-csv"](path, tmp_path)


@pytest.mark.parametrize(
    ("header", "offset", "byte"),
    [(b"PK\x03\x04", 0, 0x51), (b"PK\x01\x02", 10, 0x0F)],
    ids=["a local header without its magic number", "an unknown compression method"],
)
def test_a_damaged_zip_member_is_refused_by_name(
    tmp_path: Path, header: bytes, offset: int, byte: int
) -> None:
    """Found by fuzzing (tests/fuzz): zipfile's BadZipFile and NotImplementedError escaped."""
    from localgbf.species.occurrences import import_occurrences
    from localgbf.species.store import open_store

    out = tmp_path / "damaged.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("occurrence.csv", "gbifID\tdatasetKey\tscientificName\tdecimalLatitude\n")
    data = bytearray(out.read_bytes())
    data[data.index(header) + offset] = byte
    out.write_bytes(bytes(data))
    with pytest.raises(SpeciesDataError, match=r"damaged\.zip"):
        import_occurrences(out, open_store(tmp_path / "store"))
