"""The open-data writers, on a hand-made package whose every cell is known."""

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from localgbf.web.portal.packaging import (
    Column,
    LicenceInfo,
    Package,
    Table,
    package_geojson,
    package_json,
    package_xlsx,
    package_zip,
    table_csv,
)

TABLE = Table(
    "plan_actions",
    "Actions",
    (
        Column("code"),
        Column("amount", "number"),
        Column("start", "date"),
        Column("local_only", "boolean"),
        Column("title_zh_hans"),
    ),
    [
        ["1.1", Decimal("1250.50"), date(2025, 3, 1), False, "滇池湖滨"],
        ["1.2", Decimal("300"), None, True, ""],
    ],
)
PACKAGE = Package(
    name="localgbf-test",
    title="Test data",
    publisher="Kunming",
    licence=LicenceInfo(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
        "Credit the source.",
    ),
    citation="Kunming (2026). Test data.",
    url="https://example.org/en/portal/CNKMG/open-data/",
    created=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    tables=(TABLE,),
    features=(
        {
            "geometry": {"type": "Point", "coordinates": [102.8, 24.9]},
            "properties": {"code": "1.1", "amount": Decimal("2.5")},
        },
    ),
)


def test_csv_cells_are_plain_text_and_empty_for_none():
    rows = list(csv.reader(io.StringIO(table_csv(TABLE))))
    assert rows == [
        ["code", "amount", "start", "local_only", "title_zh_hans"],
        ["1.1", "1250.5", "2025-03-01", "false", "滇池湖滨"],
        ["1.2", "300", "", "true", ""],
    ]


def test_the_zip_holds_a_valid_descriptor_the_readme_and_the_tables():
    with zipfile.ZipFile(io.BytesIO(package_zip(PACKAGE))) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        readme = archive.read("README.md").decode()
        assert archive.read("plan_actions.csv").decode() == table_csv(TABLE)
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    resource = descriptor["resources"][0]
    assert resource["path"] == "plan_actions.csv"
    assert [f["type"] for f in resource["schema"]["fields"]] == [
        "string",
        "number",
        "date",
        "boolean",
        "string",
    ]
    assert "Cite as: Kunming (2026). Test data." in readme
    assert "plan_actions.csv — Actions (2 rows)" in readme


def test_the_json_holds_the_rows_inline_with_json_types():
    descriptor = json.loads(package_json(PACKAGE))
    assert descriptor["resources"][0]["data"] == [
        {
            "code": "1.1",
            "amount": 1250.5,
            "start": "2025-03-01",
            "local_only": False,
            "title_zh_hans": "滇池湖滨",
        },
        {"code": "1.2", "amount": 300, "start": None, "local_only": True, "title_zh_hans": ""},
    ]
    assert descriptor["citation"] == "Kunming (2026). Test data."


def test_the_workbook_has_the_about_sheet_then_one_sheet_per_table():
    book = load_workbook(io.BytesIO(package_xlsx(PACKAGE)))
    assert book.sheetnames == ["About", "plan_actions"]
    rows = list(book["plan_actions"].iter_rows(values_only=True))
    assert rows[1][:2] == ("1.1", 1250.5)
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r[0]}
    assert about["Cite as"] == "Kunming (2026). Test data."


def test_the_geojson_is_a_feature_collection_with_licence_and_citation():
    collection = json.loads(package_geojson(PACKAGE))
    assert collection["type"] == "FeatureCollection"
    assert collection["license"]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert collection["citation"] == "Kunming (2026). Test data."
    assert collection["features"] == [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [102.8, 24.9]},
            "properties": {"code": "1.1", "amount": 2.5},
        }
    ]
