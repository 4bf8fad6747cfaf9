"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _shared_data_dir() -> Path:
    configured = os.environ.get("LOCALGBF_SHARED_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        raise RuntimeError(
            f"the shared test data is not at {path}; clone the repository beside shared/ "
            "or set LOCALGBF_SHARED_DATA"
        )
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`: small real public datasets, each folder with its licence."""
    return _shared_data_dir()


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    return _shared_data_dir().parent / "reference"
