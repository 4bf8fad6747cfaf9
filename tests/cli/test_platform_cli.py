import json

import pytest
from click.testing import CliRunner

from localgbf.cli.main import cli
from localgbf.web.governments.models import Government, Membership


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_prints_the_accounts_and_is_idempotent(db, fast_hashing):
    first = CliRunner().invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert "kunming.officer  password localgbf-demo" in first.output
    counts = (Government.objects.count(), Membership.objects.count())
    second = CliRunner().invoke(cli, ["demo"])
    assert second.exit_code == 0
    assert (Government.objects.count(), Membership.objects.count()) == counts
    assert counts[0] >= 8 and counts[1] >= 5


def test_demo_refuses_a_production_deployment(db, settings):
    settings.PRODUCTION = True
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 1
    assert "refusing to load demo accounts into a production deployment" in result.output


def test_governments_list_as_json(db, fast_hashing):
    CliRunner().invoke(cli, ["demo"])
    rows = json.loads(CliRunner().invoke(cli, ["governments", "list", "--json"]).output)
    by_code = {r["code"]: r for r in rows}
    assert by_code["CNKMG"] == {
        "code": "CNKMG",
        "kind": "city",
        "name": {"en": "Kunming", "zh-hans": "昆明市"},
        "parent": "CN-YN",
        "population": 8680000,
    }
    assert by_code["CNSHA"]["parent"] == "CN"


def test_governments_list_as_a_tree(db, fast_hashing):
    CliRunner().invoke(cli, ["demo"])
    output = CliRunner().invoke(cli, ["governments", "list"]).output
    assert "    CNKMG    city     Kunming / 昆明市" in output.splitlines()


def test_manage_runs_django_commands(db):
    result = CliRunner().invoke(cli, ["manage", "check"])
    assert result.exit_code == 0
    assert "System check identified no issues" in result.output
