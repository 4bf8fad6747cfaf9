"""Every package of the scientific core is under the import contract that keeps Django out."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRONT_ENDS = {"cli", "web"}


def test_every_core_package_is_forbidden_to_import_django():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    forbidden = next(c for c in contracts if c["type"] == "forbidden")
    assert "django" in forbidden["forbidden_modules"]
    packages = {
        f"localgbf.{p.name}"
        for p in (ROOT / "src" / "localgbf").iterdir()
        if (p / "__init__.py").exists() and p.name not in FRONT_ENDS
    }
    assert packages <= set(forbidden["source_modules"]), packages - set(forbidden["source_modules"])
