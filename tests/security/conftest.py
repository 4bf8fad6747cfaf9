"""The demo built once per module, in a transaction rolled back at the module's end (as in
tests/fuzz): the matrix makes thousands of requests against one demo."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from localgbf.web.core.demo import DemoContext, build_demo


@pytest.fixture(scope="module")
def module_demo(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoContext]:
    store = tmp_path_factory.mktemp("matrix-store")
    with django_db_blocker.unblock(), override_settings(LOCALGBF_FILE_STORE=store / "store"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
