"""The demo, built once per test module and shared by its tests (each test runs in a
transaction rolled back at its end). Building it takes many seconds: once per module instead of
once per test keeps the portal's many read-only checks affordable. The database is emptied
again after the module, so later tests start from the state they expect.

The fixtures shadow `demo`, `users` and `client_as` of tests/web/conftest.py with the same
personas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from localgbf.web.core.demo import DemoContext, build_demo
from localgbf.web.governments.models import Government, Membership, Role


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker) -> Iterator[DemoContext]:
    with django_db_blocker.unblock():
        ctx = build_demo()
        User = get_user_model()
        other = User.objects.create_user("shenzhen.officer", password="x")
        Membership.objects.create(
            user=other, government=Government.objects.get(code="CNSZX"), role=Role.OFFICER
        )
        ctx.objects["user:shenzhen.officer"] = other
        ctx.objects["user:outsider"] = User.objects.create_user("outsider", password="x")
    yield ctx
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo(demo_once: DemoContext, db) -> DemoContext:
    return demo_once


@pytest.fixture
def users(demo: DemoContext) -> dict:
    return {
        "anonymous": None,
        "city_officer": demo["user:kunming.officer"],
        "region_officer": demo["user:yunnan.officer"],
        "reviewer": demo["user:china.reviewer"],
        "viewer": demo["user:kunming.viewer"],
        "network_admin": demo["user:network.admin"],
        "other_officer": demo["user:shenzhen.officer"],
        "outsider": demo["user:outsider"],
    }


@pytest.fixture
def client_as(users: dict) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        client = Client()
        if users[persona] is not None:
            client.force_login(users[persona])
        return client

    return make


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Page bodies are cached by the id of the newest audit entry, which a rolled-back test
    may reuse: every test starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()
