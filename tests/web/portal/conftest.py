"""The demo built once per test module and shared by its tests (each test runs in a
transaction rolled back at its end): `demo_once` of tests/web/conftest.py. Building it takes
many seconds; once per module keeps the many read-only checks affordable.

`demo` and `users` here shadow those of tests/web/conftest.py with the same personas, so its
`client_as` signs them in.
"""

from __future__ import annotations

import pytest

from localgbf.web.core.demo import DemoContext


@pytest.fixture
def demo(demo_once: DemoContext, db) -> DemoContext:
    return demo_once


@pytest.fixture
def users(users_once: dict) -> dict:
    return users_once


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache: None) -> None:
    """Every test starts with an empty page cache (see `empty_cache`)."""
