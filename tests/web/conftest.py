"""Personas shared by every web test, built by the same demo builder as `make run`.

- city_officer: officer of Kunming (CNKMG)
- region_officer: officer of Yunnan (CN-YN), the province Kunming belongs to
- reviewer: reviewer (national focal point) of China (CN)
- viewer: viewer of Kunming
- network_admin: platform-wide administrator
- other_officer: officer of Shenzhen (CNSZX), another city of the same country
- outsider: signed in, no role anywhere
- network_staff: administrator of the demo network (cn-cities-network), no role in any
  government; Kunming shares plans, assessments and commitments with the network
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

PERSONAS = (
    "anonymous",
    "city_officer",
    "region_officer",
    "reviewer",
    "viewer",
    "network_admin",
    "other_officer",
    "outsider",
    "network_staff",
)


@pytest.fixture
def demo(db) -> DemoContext:
    return build_demo()


@pytest.fixture
def users(demo: DemoContext) -> dict:
    User = get_user_model()
    other = User.objects.create_user("shenzhen.officer", password="x")
    Membership.objects.create(
        user=other, government=Government.objects.get(code="CNSZX"), role=Role.OFFICER
    )
    return {
        "anonymous": None,
        "city_officer": demo["user:kunming.officer"],
        "region_officer": demo["user:yunnan.officer"],
        "reviewer": demo["user:china.reviewer"],
        "viewer": demo["user:kunming.viewer"],
        "network_admin": demo["user:network.admin"],
        "other_officer": other,
        "outsider": User.objects.create_user("outsider", password="x"),
        "network_staff": demo["user:network.staff"],
    }


@pytest.fixture
def client_as(users: dict) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        client = Client()
        if users[persona] is not None:
            client.force_login(users[persona])
        return client

    return make


@pytest.fixture
def kunming(demo: DemoContext) -> Government:
    return demo["government:CNKMG"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """PBKDF2 is slow on purpose; tests need only that passwords check, not that they resist."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests switch the thread's language; each test starts again from English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker) -> Iterator[DemoContext]:
    """The demo built once for a whole test module, for folders whose many read-only checks
    share it (the portal, the API): their conftest makes `demo` and `users` use it. The
    database is emptied after the module, so later tests start from the state they expect."""
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
def users_once(demo_once: DemoContext, db) -> dict:
    """The personas of `demo_once` (network_staff aside)."""
    return {
        "anonymous": None,
        "city_officer": demo_once["user:kunming.officer"],
        "region_officer": demo_once["user:yunnan.officer"],
        "reviewer": demo_once["user:china.reviewer"],
        "viewer": demo_once["user:kunming.viewer"],
        "network_admin": demo_once["user:network.admin"],
        "other_officer": demo_once["user:shenzhen.officer"],
        "outsider": demo_once["user:outsider"],
    }


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """Page bodies are cached by the id of the newest audit entry, which a rolled-back test
    may reuse: a test that asks for this starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()
