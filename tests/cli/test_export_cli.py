"""`localgbf export ort` and `localgbf export national-report` on the demo."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from localgbf.cli.main import cli
from localgbf.reporting.ort import load_ort_schema


@pytest.fixture
def demo(db, settings, tmp_path):
    from localgbf.web.core.demo import build_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    return build_demo()


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_export_ort_of_the_demo_country_writes_one_valid_file_per_accepted_commitment_and_a_zip(
    demo, tmp_path
):
    out = tmp_path / "ort"
    result = run("export", "ort", "--government", "CN", "--out", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.json"))
    assert [f.rsplit("-", 1)[0] for f in files] == ["CNKMG-C1", "CNKMG-C2", "CNSHA-C1"]
    validator = Draft202012Validator(load_ort_schema())
    for name in files:
        document = json.loads((out / name).read_text(encoding="utf-8"))
        assert list(validator.iter_errors(document)) == [], name
        assert document["header"]["schema"] == "stakeholderCommitment"
    with zipfile.ZipFile(out / "CN-ort-commitments.zip") as archive:
        assert sorted(archive.namelist()) == files
    assert result.output.splitlines()[-1].endswith("CN-ort-commitments.zip")


def test_export_ort_as_json_says_what_it_wrote_and_what_it_skipped(demo, tmp_path):
    from localgbf.web.commitments.models import OfficialContact

    OfficialContact.objects.filter(government__code="CNSHA").delete()
    result = run("export", "ort", "--government", "CN", "--out", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert len(report["files"]) == 2 and report["zip"] == "CN-ort-commitments.zip"
    (skipped,) = report["skipped"]
    assert skipped["commitment"] == "CNSHA-C1"
    assert "CNSHA has no official contact for CBD submissions" in skipped["reason"]


def test_export_ort_of_a_city_without_accepted_commitments_writes_nothing(demo, tmp_path):
    result = run("export", "ort", "--government", "CNSZX", "--out", str(tmp_path / "szx"))
    assert result.exit_code == 0
    assert "no accepted commitment of CNSZX could be exported" in result.output
    assert list((tmp_path / "szx").iterdir()) == []


def test_an_unknown_government_is_refused_with_the_known_codes(demo, tmp_path):
    result = run("export", "ort", "--government", "XX", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "Error: no government with code 'XX'; known codes: CN, CN-GD" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "pdf", "json"])
def test_export_national_report_writes_each_format(demo, tmp_path, suffix):
    out = tmp_path / f"cn.{suffix}"
    result = run("export", "national-report", "--country", "CN", "--out", str(out))
    assert result.exit_code == 0, result.output
    body = out.read_bytes()
    checks = {
        "csv": lambda b: (
            next(r for r in csv.reader(io.StringIO(b.decode("utf-8-sig"))) if r[0] == "binary")[:2]
            == ["binary", "12.b"]
        ),
        "xlsx": lambda b: b[:2] == b"PK",
        "pdf": lambda b: b.startswith(b"%PDF"),
        "json": lambda b: json.loads(b)["binary"][0]["answer"] == "partially",
    }
    assert checks[suffix](body)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--country", "CNKMG", "--out", "x.csv"],
            "Error: CNKMG is not a country; give a country code",
        ),
        (
            ["--country", "CN", "--out", "x.docx"],
            "Error: x.docx: unknown format 'docx'; use .xlsx, .csv, .pdf or .json",
        ),
    ],
)
def test_export_national_report_refuses_bad_arguments(demo, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("export", "national-report", *args)
    assert result.exit_code == 1
    assert message in result.output
