"""Fixtures of the connector tests: the recorded API responses, a fake clock, an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest

from localgbf.species.store import Store, open_store

from .builders import Api
from .cassettes import FakeClock


@pytest.fixture
def api(shared_data: Path) -> Api:
    return Api(shared_data / "api")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "store")
