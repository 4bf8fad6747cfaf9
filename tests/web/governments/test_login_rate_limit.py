"""Failed sign-ins are limited per user name and address; the right password does not get past
the limit, and other names and addresses are not affected."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def fresh_counts(settings):
    settings.LOCALGBF_LOGIN_ATTEMPTS = 3
    settings.LOCALGBF_LOGIN_WINDOW_SECONDS = 900
    cache.clear()
    yield
    cache.clear()


def sign_in(password: str, username: str = "kunming.officer", address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        "/en/accounts/login/", {"username": username, "password": password}
    )


def test_the_right_password_signs_in(demo):
    assert sign_in("localgbf-demo").status_code == 302


def test_after_the_allowed_failures_even_the_right_password_is_refused(demo):
    for _ in range(3):
        assert sign_in("wrong").status_code == 200
    response = sign_in("localgbf-demo")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed sign-in attempts for this user name from your address" in body
    assert "Try again in 15 min." in body


def test_the_limit_is_per_user_name_and_address(demo):
    for _ in range(3):
        sign_in("wrong")
    assert sign_in("localgbf-demo", address="10.0.0.2").status_code == 302
    assert sign_in("localgbf-demo", username="yunnan.officer").status_code == 302


def test_the_window_passes(demo, settings, monkeypatch):
    import time

    for _ in range(3):
        sign_in("wrong")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 901)
    assert sign_in("localgbf-demo").status_code == 302


def test_a_successful_sign_in_clears_the_count(demo):
    sign_in("wrong")
    sign_in("wrong")
    assert sign_in("localgbf-demo").status_code == 302
    sign_in("wrong")
    sign_in("wrong")
    assert sign_in("localgbf-demo").status_code == 302


def test_the_message_is_in_chinese_on_the_chinese_page(demo):
    for _ in range(3):
        sign_in("wrong")
    response = Client(REMOTE_ADDR="10.0.0.1").post(
        "/zh-hans/accounts/login/", {"username": "kunming.officer", "password": "x"}
    )
    assert response.status_code == 429
    assert "Too many failed" not in response.content.decode()


def test_the_admin_sign_in_goes_through_the_limited_page():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/login/?next=/admin/")
