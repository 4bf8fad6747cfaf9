"""Fixtures of the importer fuzzing: the demo built once per module, and a snapshot of the
database and the file store to compare before and after a refused import.

The demo is built inside a transaction that stays open for the whole module and is rolled
back at its end (what Django's `TestCase.setUpTestData` does): each test's own transaction is
a savepoint inside it, so the demo costs its build time once per module, not once per test,
and nothing is left behind for the other tests of the worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from localgbf.web.core.demo import DemoContext, build_demo


@pytest.fixture(scope="module")
def module_demo(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoContext]:
    store = tmp_path_factory.mktemp("fuzz-store")
    with django_db_blocker.unblock(), override_settings(LOCALGBF_FILE_STORE=store / "store"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_db(module_demo: DemoContext, db: Any) -> DemoContext:
    """The module's demo, inside this test's own transaction."""
    return module_demo


def _tree_checksum(root: Path) -> str:
    digest = hashlib.sha256()
    if root.exists():
        for path in sorted(root.rglob("*")):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            if path.is_file():
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def snapshot() -> dict[str, Any]:
    """The row count of every model and a checksum of every stored file (names and bytes)."""
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    return {"rows": counts, "files": _tree_checksum(Path(settings.LOCALGBF_FILE_STORE))}


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the body in a transaction that is always undone: examples do not see each other."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
