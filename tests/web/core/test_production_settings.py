"""The documented production environment passes Django's deployment checks, and a production
deployment refuses to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

LOCALGBF = str(Path(sys.executable).with_name("localgbf"))


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    key_file = tmp_path / "secret_key"
    key_file.write_text("a-long-random-secret-" + "x7Kq9" * 12 + "\n")
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' fixture when they share a worker.
    dropped = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        LOCALGBF_PRODUCTION="on",
        SECRET_KEY_FILE=str(key_file),
        ALLOWED_HOSTS="biodiversity.example.gov",
        LOCALGBF_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="localgbf.web.settings",
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LOCALGBF, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_has_no_warnings_with_the_production_environment(tmp_path: Path):
    result = run(
        ["manage", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_check_deploy_warns_without_production_mode(tmp_path: Path):
    env = production_env(tmp_path)
    env.pop("LOCALGBF_PRODUCTION")
    result = run(["manage", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY_FILE": ""}, "SECRET_KEY (or SECRET_KEY_FILE) must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must name the host names"),
        ({"DEBUG": "on"}, "DEBUG must be off when LOCALGBF_PRODUCTION is on"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(tmp_path: Path, change, message):
    env = production_env(tmp_path, **change)
    if change.get("ALLOWED_HOSTS") == "":
        env.pop("ALLOWED_HOSTS")
    result = run(["manage", "check"], env)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()
