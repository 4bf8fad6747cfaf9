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


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a response, calling a WSGI handler directly or a worker loop runs
    `close_old_connections`, which closes a PostgreSQL connection that is inside the test's
    transaction (SQLite's in-memory one is never closed). Django's test client unhooks it
    around its own requests only; in tests, connections stay open until the test ends."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    monkeypatch.setattr(BaseDatabaseWrapper, "close_if_unusable_or_obsolete", lambda self: None)
