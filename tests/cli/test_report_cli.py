"""`localgbf report plan-of-action` on the demo."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from localgbf.cli.main import cli


@pytest.fixture
def demo(db, settings, tmp_path):
    from localgbf.web.core.demo import build_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    return build_demo()


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_the_json_report_of_the_demo_country_has_one_entry_per_action_area(demo, tmp_path):
    out = tmp_path / "poa.json"
    result = run("report", "plan-of-action", "CN", "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [a["number"] for a in document["action_areas"]] == [1, 2, 3, 4, 5, 6, 7]
    figures = {f["key"]: f["value"] for f in document["action_areas"][4]["figures"]}
    assert figures["cepa_reach"] == 57860
    assert result.output.splitlines()[-1] == str(out)


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_the_report_is_written_as_xlsx_and_pdf(demo, tmp_path, fmt, magic):
    out = tmp_path / f"poa.{fmt}"
    result = run(
        "report", "plan-of-action", "CN", "--format", fmt, "--out", str(out), "--lang", "zh-hans"
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_a_network_code_gives_the_report_across_its_members(demo, tmp_path):
    out = tmp_path / "net.json"
    result = run("report", "plan-of-action", "cn-cities-network", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["scope"] == "network"


def test_an_unknown_code_is_refused_by_name(demo, tmp_path):
    result = run("report", "plan-of-action", "XX", "--out", str(tmp_path / "x.json"))
    assert result.exit_code != 0
    assert "no country or network has the code 'XX'" in result.output
