"""Importing occurrence records: real files, formats, rejections and all-or-nothing errors."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from localgbf.species.errors import SpeciesDataError
from localgbf.species.occurrences import import_occurrences
from localgbf.species.store import open_store

from .archives import OCCURRENCE_FIELDS, build_archive, meta_xml
from .conftest import folder_checksum, gbif_row, write_gbif_csv


def stored(store_dir: Path, sql: str) -> list[tuple[object, ...]]:
    files = str(store_dir / "occurrences" / "*" / "records.parquet")
    return duckdb.sql(sql.replace("RECORDS", f"read_parquet('{files}')")).fetchall()


def test_the_real_gbif_archive_imports_with_counts_made_independently(
    gbif_dwca: Path, tmp_path: Path
) -> None:
    """Counted with the csv module: 158 rows, 56 with coordinates, 7 of them at (0, 0), and
    two pairs with the same name, place and date; 158 - 102 - 7 - 2 = 47 records kept."""
    with zipfile.ZipFile(gbif_dwca) as archive:
        text = archive.read("occurrence.txt").decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    located = [r for r in rows if r[24] and r[25]]
    zero = [r for r in located if float(r[24]) == 0 and float(r[25]) == 0]
    usable = [r for r in located if r not in zero]
    keys = [(r[6], r[9], r[10], r[11], float(r[24]), float(r[25]), r[28]) for r in usable if r[28]]
    repeats = len(keys) - len(set(keys))

    result = import_occurrences(gbif_dwca, open_store(tmp_path / "store"))

    record = result.dataset
    assert record.rows_read == len(rows) == 158
    assert record.rejected == {
        "no_coordinates": len(rows) - len(located),
        "zero_coordinates": len(zero),
        "duplicate": repeats,
    }
    assert record.records == len(usable) - repeats == 47
    assert record.info.title == "GBIF Occurrence Download 0000006-130717145108713"
    assert record.format == "dwca"


def test_the_real_inaturalist_export_imports_its_one_observation(
    inat_csv: Path, tmp_path: Path
) -> None:
    record = import_occurrences(inat_csv, open_store(tmp_path / "s")).dataset
    assert (record.rows_read, record.records, record.licences) == (1, 1, {"CC0": 1})
    ((occurrence, lat, lon, uncertainty, grade, basis, year),) = stored(
        tmp_path / "s",
        "SELECT occurrence_id, latitude, longitude, coordinate_uncertainty_m, quality_grade, "
        "basis_of_record, year FROM RECORDS",
    )
    assert occurrence == "https://www.inaturalist.org/observations/16227955"
    assert (lat, lon, uncertainty) == (50.646894, 4.360086, 23.0)
    assert (grade, basis, year) == ("research", "HUMAN_OBSERVATION", 2018)


def test_importing_the_same_file_twice_changes_nothing(inat_csv: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    first = import_occurrences(inat_csv, store)
    before = folder_checksum(tmp_path / "s")
    again = import_occurrences(inat_csv, store)
    assert again.already_present and again.dataset.id == first.dataset.id
    assert folder_checksum(tmp_path / "s") == before


def test_a_gbif_simple_csv_keeps_usable_rows_and_counts_the_others(tmp_path: Path) -> None:
    rows = [
        gbif_row(1, "Passer montanus (Linnaeus, 1758)", "bird", 1.3, 103.8, 2021),
        gbif_row(2, "Passer montanus (Linnaeus, 1758)", "bird", "", "", 2021),
        gbif_row(3, "Passer montanus (Linnaeus, 1758)", "bird", 0, 0, 2021),
        gbif_row(4, "Passer montanus (Linnaeus, 1758)", "bird", 1.3, 103.8, 2021, occurrenceStatus="ABSENT"),
        gbif_row(5, "", "bird", 1.3, 103.8, 2021),
        gbif_row(6, "Passer montanus (Linnaeus, 1758)", "bird", 1.3, 103.8, 2021, occurrenceID="urn:test:1"),
        gbif_row(7, "1234", "bird", 1.3, 103.8, 2021, species=""),
        gbif_row(8, "Ficus benjamina L.", "plant", 1.31, 103.81, 2022),
    ]  # fmt: skip
    record = import_occurrences(
        write_gbif_csv(tmp_path / "g.csv", rows), open_store(tmp_path / "s")
    ).dataset
    assert record.rejected == {
        "no_coordinates": 1,
        "zero_coordinates": 1,
        "absent": 1,
        "no_name": 2,
        "duplicate": 1,
    }
    assert record.records == 2
    assert sorted(stored(tmp_path / "s", "SELECT occurrence_id FROM RECORDS")) == [
        ("urn:test:1",),
        ("urn:test:8",),
    ]


def test_coordinates_with_two_decimals_are_marked_generalised(tmp_path: Path) -> None:
    rows = [
        gbif_row(1, "Passer montanus", "bird", 1.35, 103.82, 2021),
        gbif_row(2, "Passer montanus", "bird", 1.351234, 103.823456, 2021),
        gbif_row(3, "Passer montanus", "bird", 1.351235, 103.823457, 2021,
                 coordinateUncertaintyInMeters="10"),
    ]  # fmt: skip
    store_dir = tmp_path / "s"
    record = import_occurrences(
        write_gbif_csv(tmp_path / "g.csv", rows), open_store(store_dir)
    ).dataset
    assert record.obscured == 1
    assert stored(store_dir, "SELECT occurrence_id FROM RECORDS WHERE obscured") == [
        ("urn:test:1",)
    ]


def test_a_record_already_in_the_store_is_not_stored_again(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    first = [gbif_row(1, "Passer montanus", "bird", 1.3, 103.8, 2021)]
    second = [
        gbif_row(1, "Passer montanus", "bird", 1.3, 103.8, 2021, gbifID="77"),
        gbif_row(2, "Passer montanus", "bird", 1.4, 103.8, 2021),
    ]
    import_occurrences(write_gbif_csv(tmp_path / "a.csv", first), store)
    record = import_occurrences(write_gbif_csv(tmp_path / "b.csv", second), store).dataset
    assert (record.records, record.rejected) == (1, {"duplicate": 1})


def test_records_handed_over_in_memory_import_like_a_file(tmp_path: Path) -> None:
    records = [
        {"occurrenceID": "gbif:1", "scientificName": "Passer montanus", "class": "Aves",
         "decimalLatitude": 1.3, "decimalLongitude": 103.8, "year": 2021, "datasetKey": "d1"},
        {"occurrenceID": "gbif:2", "scientificName": "Ficus benjamina", "class": "Magnoliopsida",
         "decimalLatitude": "1.31", "decimalLongitude": "103.81", "eventDate": "2022-03-04",
         "unknownKey": "ignored"},
    ]  # fmt: skip
    store = open_store(tmp_path / "s")
    result = import_occurrences(records, store, label="GBIF API")
    assert (result.dataset.records, result.dataset.format) == (2, "records")
    assert sorted(stored(tmp_path / "s", "SELECT occurrence_id, year FROM RECORDS")) == [
        ("gbif:1", 2021),
        ("gbif:2", 2022),
    ]
    assert import_occurrences(records, store).already_present


def test_an_archive_reads_defaults_metadata_and_encoding(tmp_path: Path) -> None:
    meta = meta_xml(OCCURRENCE_FIELDS, encoding="ISO-8859-1")
    rows = [["o1", "Pica pica (Linnaeus, 1758)", "Aves", "48.8", "2.3", "2021-05-01"],
            ["o2", "Ardea cinérea", "Aves", "48.9", "2.4", "2021-05-02"]]  # fmt: skip
    archive = build_archive(tmp_path, rows, meta=meta, encoding="latin-1")
    store_dir = tmp_path / "s"
    record = import_occurrences(archive, open_store(store_dir)).dataset
    assert record.records == 2
    assert record.info.doi == "10.15468/abc123"
    assert record.info.licence == "http://creativecommons.org/licenses/by/4.0/legalcode"
    assert record.info.citation == "City (2022) Bird survey."
    assert stored(store_dir, "SELECT DISTINCT basis_of_record FROM RECORDS") == [
        ("HUMAN_OBSERVATION",)
    ]
    names = duckdb.sql(
        f"SELECT scientific_name, kingdom FROM read_parquet('{store_dir}/occurrences/*/names.parquet') "
        "ORDER BY 1"
    ).fetchall()
    assert names == [("Ardea cinérea", "Animalia"), ("Pica pica (Linnaeus, 1758)", "Animalia")]


def test_an_unpacked_archive_folder_imports(tmp_path: Path) -> None:
    rows = [["o1", "Pica pica", "Aves", "48.8", "2.3", "2021-05-01"]]
    folder = build_archive(tmp_path, rows, zipped=False)
    assert import_occurrences(folder, open_store(tmp_path / "s")).dataset.records == 1


def test_extension_tables_are_kept_when_asked(tmp_path: Path) -> None:
    extension = (
        '  <extension encoding="UTF-8" fieldsTerminatedBy="\\t" linesTerminatedBy="\\n" '
        'fieldsEnclosedBy="" ignoreHeaderLines="1" '
        'rowType="http://rs.gbif.org/terms/1.0/Multimedia">\n'
        "    <files><location>multimedia.txt</location></files>\n"
        '    <coreid index="0"/>\n'
        '    <field index="1" term="http://purl.org/dc/terms/identifier"/>\n'
        "  </extension>\n"
    )
    archive = build_archive(
        tmp_path,
        [["o1", "Pica pica", "Aves", "48.8", "2.3", "2021-05-01"]],
        meta=meta_xml(OCCURRENCE_FIELDS, extensions=extension),
        extra={"multimedia.txt": b"coreid\tidentifier\no1\thttps://example.org/1.jpg\n"},
    )
    store_dir = tmp_path / "s"
    record = import_occurrences(archive, open_store(store_dir), keep_extensions=True).dataset
    assert record.extensions == ("Multimedia",)
    kept = duckdb.sql(
        f"SELECT * FROM read_parquet('{store_dir}/occurrences/{record.id}/extensions/Multimedia.parquet')"
    ).fetchall()
    assert kept == [("o1", "https://example.org/1.jpg")]


# -- bad input: clear messages, and the store exactly as it was -----------------------------


def _archive_with_latitude_91(folder: Path) -> Path:
    rows = [
        ["o1", "Pica pica", "Aves", "48.8", "2.3", "2021"],
        ["o2", "Pica pica", "Aves", "91", "2.3", "2021"],
    ]
    return build_archive(folder, rows)


def _malformed_meta(folder: Path) -> Path:
    broken = meta_xml(OCCURRENCE_FIELDS).replace("</core>", "</cor>")
    return build_archive(folder, [["o1", "Pica pica", "Aves", "1", "2", "2021"]], meta=broken)


def _unknown_encoding(folder: Path) -> Path:
    meta = meta_xml(OCCURRENCE_FIELDS, encoding="klingon-8")
    return build_archive(folder, [["o1", "Pica pica", "Aves", "1", "2", "2021"]], meta=meta)


def _not_a_zip(folder: Path) -> Path:
    path = folder / "download.zip"
    path.write_bytes(b"PK\x03\x04 but then nothing of a zip")
    return path


def _missing_column(folder: Path) -> Path:
    path = folder / "g.csv"
    path.write_text("gbifID\tdatasetKey\tdecimalLatitude\tdecimalLongitude\n1\td\t1\t2\n", "utf-8")
    return path


def _bad_bytes(folder: Path) -> Path:
    path = write_gbif_csv(folder / "g.csv", [gbif_row(1, "Passer montanus", "bird", 1, 2, 2021)])
    path.write_bytes(path.read_bytes().replace(b"Passer", b"Pass\xe9r"))
    return path


def _wrong_width(folder: Path) -> Path:
    path = write_gbif_csv(folder / "g.csv", [gbif_row(1, "Passer montanus", "bird", 1, 2, 2021)])
    with path.open("a", encoding="utf-8") as out:
        out.write("1\t2\t3\n")
    return path


def _longitude_text(folder: Path) -> Path:
    rows = [gbif_row(i, "Passer montanus", "bird", 1, 103.8, 2021) for i in range(3)]
    rows.append(gbif_row(9, "Passer montanus", "bird", 1, "103,8", 2021))
    return write_gbif_csv(folder / "g.csv", rows)


def _year_fraction(folder: Path) -> Path:
    return write_gbif_csv(
        folder / "g.csv", [gbif_row(1, "Passer montanus", "bird", 1, 2, "2021.5")]
    )


def _occurrence_core_missing_latitude(folder: Path) -> Path:
    fields = [f for f in OCCURRENCE_FIELDS if f[1] != "decimalLatitude"]
    return build_archive(
        folder, [["o1", "Pica pica", "Aves", "1", "2", "2021"]], meta=meta_xml(fields)
    )


def _taxon_core(folder: Path) -> Path:
    meta = meta_xml(OCCURRENCE_FIELDS, row_type="Taxon")
    return build_archive(folder, [["o1", "Pica pica", "Aves", "1", "2", "2021"]], meta=meta)


@pytest.mark.parametrize(
    ("make", "format_name", "message"),
    [
        (_archive_with_latitude_91, None,
         r"archive.zip:occurrence.txt, line 3, field decimalLatitude: '91' is out of range"),
        (_malformed_meta, None, r"archive.zip:meta.xml, line 13: is not well-formed XML"),
        (_unknown_encoding, None,
         r"archive.zip:meta.xml, line 2, field encoding: unknown encoding 'klingon-8'"),
        (_not_a_zip, None, r"download.zip: is not a zip archive"),
        (_not_a_zip, "dwca", r"download.zip: is not a zip archive \(nor a folder\)"),
        (_missing_column, "gbif-csv",
         r"g.csv, line 1, field scientificName: missing required column"),
        (_missing_column, None, r"g.csv, line 1: the format cannot be told"),
        (_bad_bytes, None, r"g.csv, line 2: byte \d+ of the line is not valid utf-8"),
        (_wrong_width, None, r"g.csv, line 3: expected 50 fields, found 3"),
        (_longitude_text, None, r"g.csv, line 5, field decimalLongitude: '103,8' is not a number"),
        (_year_fraction, None, r"g.csv, line 2, field year: '2021.5' is not a whole number"),
        (_occurrence_core_missing_latitude, None,
         r"meta.xml, line 2, field decimalLatitude: the core declares no decimalLatitude"),
        (_taxon_core, None, r"meta.xml, line 2, field rowType: the core is Taxon"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("store_existed", [True, False])
def test_bad_input_is_named_and_leaves_the_store_exactly_as_it_was(
    make: Callable[[Path], Path],
    format_name: str | None,
    message: str,
    store_existed: bool,
    tmp_path: Path,
    inat_csv: Path,
) -> None:
    store_dir = tmp_path / "store"
    if store_existed:
        import_occurrences(inat_csv, open_store(store_dir))
    before = folder_checksum(store_dir)
    source = make(tmp_path)
    with pytest.raises(SpeciesDataError, match=message):
        import_occurrences(source, open_store(store_dir), format=format_name)
    assert folder_checksum(store_dir) == before


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(SpeciesDataError, match="is not a localgbf species store"):
        open_store(tmp_path)


def test_a_quoted_comma_separated_archive_keeps_commas_and_line_breaks_in_fields(
    tmp_path: Path,
) -> None:
    meta = meta_xml(OCCURRENCE_FIELDS, delimiter=",", quote="&quot;")
    text = (
        "id,scientificName,class,lat,lon,eventDate\n"
        'o1,"Chelonodon fluviatilis (Hamilton, 1822)",Actinopterygii,1.301,103.801,2021\n'
        'o2,"Pica pica\nLinnaeus",Aves,1.302,103.802,"2021-05-01"\n'
    )
    archive = tmp_path / "quoted.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("meta.xml", meta)
        bundle.writestr("occurrence.txt", text)
    store_dir = tmp_path / "s"
    assert import_occurrences(archive, open_store(store_dir)).dataset.records == 2
    names = duckdb.sql(
        f"SELECT scientific_name FROM read_parquet('{store_dir}/occurrences/*/names.parquet') "
        "ORDER BY 1"
    ).fetchall()
    assert names == [("Chelonodon fluviatilis (Hamilton, 1822)",), ("Pica pica\nLinnaeus",)]


def test_a_utf16_archive_is_transcoded_and_a_bad_value_still_names_its_line(
    tmp_path: Path,
) -> None:
    meta = meta_xml(OCCURRENCE_FIELDS, encoding="UTF-16")
    rows = [["o1", "Ardea cinérea", "Aves", "48.9", "2.4", "2021"],
            ["o2", "Pica pica", "Aves", "48.9", "200", "2021"]]  # fmt: skip
    archive = build_archive(tmp_path, rows, meta=meta, encoding="utf-16")
    with pytest.raises(SpeciesDataError, match=r"line 3, field decimalLongitude: '200' is out"):
        import_occurrences(archive, open_store(tmp_path / "s"))
    good = build_archive(tmp_path, rows[:1], meta=meta, encoding="utf-16", name="good.zip")
    assert import_occurrences(good, open_store(tmp_path / "s")).dataset.records == 1


def test_obscured_points_are_detected_from_what_each_source_says(tmp_path: Path) -> None:
    inat = tmp_path / "observations.csv"
    inat.write_text(
        "id,url,scientific_name,latitude,longitude,quality_grade,geoprivacy,taxon_geoprivacy,"
        "coordinates_obscured\n"
        "1,u1,Bubo bubo,1.1111,2.2222,research,,,false\n"
        "2,u2,Bubo bubo,1.1112,2.2222,research,obscured,,true\n"
        "3,u3,Bubo bubo,1.1113,2.2222,research,,private,false\n"
        "4,u4,Bubo bubo,1.1114,2.2222,research,,,true\n",
        "utf-8",
    )
    fields = [
        *OCCURRENCE_FIELDS,
        (6, "informationWithheld", None),
        (7, "dataGeneralizations", None),
    ]
    rows = [["o1", "Bubo bubo", "Aves", "1.1111", "2.2222", "2021", "", ""],
            ["o2", "Bubo bubo", "Aves", "1.1112", "2.2222", "2021",
             "Coordinate uncertainty increased to 27000m to protect threatened taxon", ""],
            ["o3", "Bubo bubo", "Aves", "1.1113", "2.2222", "2021", "", "rounded to 0.1 degree"],
            ["o4", "Bubo bubo", "Aves", "1.1114", "2.2222", "2021", "collector name withheld", ""]]  # fmt: skip
    header = ["id", "scientificName", "class", "lat", "lon", "eventDate", "withheld", "general"]
    archive = build_archive(tmp_path, rows, meta=meta_xml(fields), header=header)
    store = open_store(tmp_path / "s")
    assert import_occurrences(inat, store).dataset.obscured == 3
    assert import_occurrences(archive, store).dataset.obscured == 2


def test_a_folder_given_as_a_csv_is_named_as_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "download"
    folder.mkdir()
    with pytest.raises(SpeciesDataError, match=r"download: cannot be read \(Is a directory\)"):
        import_occurrences(folder, open_store(tmp_path / "s"), format="gbif-csv")


def test_windows_line_endings_are_read_and_errors_keep_their_line(tmp_path: Path) -> None:
    rows = [gbif_row(i, "Passer montanus", "bird", 1.301 + i / 1000, 103.8, 2021) for i in range(3)]
    path = write_gbif_csv(tmp_path / "g.csv", rows)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    store = open_store(tmp_path / "s")
    assert import_occurrences(path, store).dataset.records == 3
    bad = write_gbif_csv(
        tmp_path / "bad.csv", [*rows, gbif_row(9, "Passer montanus", "bird", 95, 1, 2021)]
    )
    bad.write_bytes(bad.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(SpeciesDataError, match=r"bad.csv, line 5, field decimalLatitude: '95'"):
        import_occurrences(bad, store)
