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

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
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
