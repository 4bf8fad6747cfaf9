"""Open data: every format carries its licence and citation; drafts, personal data and the
locations of sensitive species never leave the platform."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

import localgbf.web.species as species_app
from localgbf.web.plans.models import Action, PlanVersion

FORMATS = ["csv", "xlsx", "json", "geojson"]
SURVEY = Path(species_app.__file__).parent / "demo_data" / "monaco_city_survey_demo.csv"


def download(client, code: str, fmt: str) -> bytes:
    response = client.get(f"/en/portal/{code}/open-data/{fmt}/")
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content) if response.streaming else response.content


def all_text(fmt: str, data: bytes) -> str:
    """Everything a file says, as one text (every member of a zip, every cell of a workbook)."""
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode() for n in archive.namelist())
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return data.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_download_carries_its_licence_and_citation(client_as, demo, fmt):
    text = all_text(fmt, download(client_as("anonymous"), "CNKMG", fmt))
    assert "CC-BY-4.0" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in text
    assert "Kunming (" in text and "Published on localgbf" in text


def test_the_csv_download_is_a_data_package_with_one_csv_per_table(client_as, demo):
    data = download(client_as("anonymous"), "CNKMG", "csv")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        package = json.loads(archive.read("datapackage.json"))
        actions = list(csv.DictReader(io.StringIO(archive.read("plan_actions.csv").decode())))
    assert {"datapackage.json", "README.md", "plan_actions.csv", "commitments.csv"} <= names
    assert {r["path"] for r in package["resources"]} == {n for n in names if n.endswith(".csv")}
    adopted = PlanVersion.objects.get(plan__government__code="CNKMG", status="adopted")
    assert sorted(a["code"] for a in actions) == sorted(
        Action.objects.filter(version=adopted).values_list("code", flat=True)
    )


def test_drafts_and_reports_awaiting_review_are_left_out(client_as, demo):
    text = all_text("json", download(client_as("anonymous"), "CN", "json"))
    assert "Green roofs on public buildings" not in text  # an action of Kunming's draft v2
    assert "Mangroves of Shenzhen Bay" not in text  # a commitment awaiting review
    assert "190 ha more in 2025" not in text  # a progress report awaiting review
    package = json.loads(text)
    tables = {r["name"]: r["data"] for r in package["resources"]}
    assert {row["reference_year"] for row in tables["index_totals"]} == {2020}


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_is_published(client_as, demo, fmt):
    text = all_text(fmt, download(client_as("anonymous"), "CN", fmt)).lower()
    for user in get_user_model().objects.all():
        assert user.username.lower() not in text
        assert not user.email or user.email.lower() not in text
    assert "demo_observer" not in all_text(fmt, download(client_as("anonymous"), "MC", fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_coordinates_of_sensitive_species_are_published(client_as, demo, fmt):
    sensitive = {"Falco peregrinus", "Limonium cordatum"}
    with SURVEY.open(encoding="utf-8") as handle:
        records = [r for r in csv.DictReader(handle) if r["scientific_name"] in sensitive]
    assert records, "the demo survey has records of the sensitive species"
    text = all_text(fmt, download(client_as("anonymous"), "MCMON", fmt))
    numbers = {float(n) for n in re.findall(r"-?\d+\.\d+", text)}
    for record in records:
        assert float(record["latitude"]) not in numbers
        assert float(record["longitude"]) not in numbers
    if fmt == "json":
        species = next(r for r in json.loads(text)["resources"] if r["name"] == "species")
        assert "Falco peregrinus" in {row["species"] for row in species["data"]}
        assert not {"latitude", "longitude"} & {f["name"] for f in species["schema"]["fields"]}


def test_the_country_download_covers_every_government_under_it(client_as, demo):
    package = json.loads(download(client_as("anonymous"), "CN", "json"))
    governments = next(r for r in package["resources"] if r["name"] == "governments")["data"]
    assert {g["code"] for g in governments} == {
        "CN",
        "CN-YN",
        "CN-GD",
        "CNKMG",
        "CNDLU",
        "CNSZX",
        "CNCAN",
        "CNSHA",
    }


def test_the_geojson_has_a_feature_per_government_and_located_action(client_as, demo):
    collection = json.loads(download(client_as("anonymous"), "CN", "geojson"))
    assert collection["type"] == "FeatureCollection"
    assert collection["license"]["name"] == "CC-BY-4.0"
    layers = [f["properties"]["layer"] for f in collection["features"]]
    assert layers.count("seat") == 8
    located = Action.objects.filter(
        version__status="adopted",
        version__plan__government__path__startswith="CN",
        latitude__isnull=False,
    ).count()
    assert layers.count("action") == located
    for feature in collection["features"]:
        lon, lat = (
            feature["geometry"]["coordinates"]
            if feature["geometry"]["type"] == "Point"
            else (100, 30)
        )
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_the_workbook_opens_with_an_about_sheet(client_as, demo):
    book = load_workbook(io.BytesIO(download(client_as("anonymous"), "CNKMG", "xlsx")))
    assert book.sheetnames[0] == "About"
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Licence"].endswith("(CC-BY-4.0)")
    assert "plan_actions" in book.sheetnames


def test_the_open_data_page_explains_and_cites_in_chinese(client_as, demo):
    page = client_as("anonymous").get("/zh-hans/portal/CNKMG/open-data/").content.decode()
    assert "知识共享署名 4.0 国际许可协议" in page
    assert "发布于 localgbf" in page


def test_an_unknown_format_is_not_found(client_as, demo):
    assert client_as("anonymous").get("/en/portal/CNKMG/open-data/shp/").status_code == 404
