import json

from click.testing import CliRunner

from localgbf.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_kmgbf_as_json_has_goals_targets_and_indicators():
    result = run("frameworks", "list", "kmgbf", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (len(data["goals"]), len(data["targets"]), len(data["indicators"])) == (4, 23, 204)
    assert data["targets"][11]["title"]["zh-hans"].startswith("增加城市")


def test_the_plan_of_action_lists_in_chinese_without_markers():
    result = run("frameworks", "list", "plan-of-action", "--lang", "zh-hans")
    assert result.exit_code == 0
    assert "AA6        评估和改进决策信息\n" in result.output


def test_english_working_translations_are_marked_in_the_listing():
    result = run("frameworks", "list", "plan-of-action")
    assert "AA7        Monitoring and reporting [unofficial]" in result.output


def test_show_a_target_with_its_indicators_as_json():
    data = json.loads(run("frameworks", "show", "kmgbf:T12", "--json").output)
    assert data["kind"] == "target" and data["framework"] == "kmgbf"
    assert "12.1" in [c["code"] for c in data["children"]]


def test_show_an_unknown_record_fails_with_a_clear_message():
    result = run("frameworks", "show", "kmgbf:T99")
    assert result.exit_code == 1
    assert "no framework record has the id 'kmgbf:T99'" in result.output


def test_list_refuses_an_unknown_framework():
    result = run("frameworks", "list", "aichi")
    assert result.exit_code == 2
    assert "'aichi' is not one of" in result.output
