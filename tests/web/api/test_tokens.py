"""Personal API tokens: made and revoked by their owner on a page, stored as a digest only."""

import hashlib
import re

import pytest
from django.test import Client

from localgbf.web.api.models import ApiToken
from localgbf.web.governments.models import AuditEntry

PAGE = "/en/account/api-tokens/"


def test_an_anonymous_visitor_is_sent_to_sign_in(client_as, demo):
    response = client_as("anonymous").get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["outsider", "viewer", "city_officer", "network_admin"])
def test_every_signed_in_user_may_make_tokens(client_as, demo, persona):
    assert client_as(persona).get(PAGE).status_code == 200


def test_a_token_is_shown_once_and_stored_as_its_digest(client_as, users):
    response = client_as("city_officer").post(PAGE, {"name": "KPI upload"})
    secret = re.search(r'value="(lgbf_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=users["city_officer"])
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.hint, token.digest}
    assert response["Cache-Control"] == "no-store"
    assert secret not in client_as("city_officer").get(PAGE).content.decode()
    assert AuditEntry.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


def test_a_revoked_token_is_refused(client_as, users):
    page = client_as("city_officer").post(PAGE, {"name": "pipeline"}).content.decode()
    secret = re.search(r'value="(lgbf_[^"]+)"', page).group(1)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert (
        api.patch("/api/v1/governments/CNKMG", {}, content_type="application/json").status_code
        == 200
    )
    token = ApiToken.objects.get(user=users["city_officer"])
    assert token.last_used_at is not None
    client_as("city_officer").post(f"/en/account/api-tokens/{token.pk}/revoke/")
    response = api.get("/api/v1/governments")
    assert response.status_code == 401
    assert response.json() == {"detail": "This token is unknown or has been revoked."}
    assert response["WWW-Authenticate"] == 'Bearer realm="localgbf"'


def test_nobody_revokes_someone_elses_token(client_as, users):
    client_as("city_officer").post(PAGE, {"name": "mine"})
    token = ApiToken.objects.get(user=users["city_officer"])
    assert (
        client_as("other_officer").post(f"/en/account/api-tokens/{token.pk}/revoke/").status_code
        == 404
    )
    token.refresh_from_db()
    assert token.is_active


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Token abc", "Send the token as `Authorization: Bearer <token>`."),
        ("Bearer ", "Send the token as `Authorization: Bearer <token>`."),
        ("Bearer lgbf_not-a-token", "This token is unknown or has been revoked."),
    ],
)
def test_a_bad_authorization_header_is_refused_even_for_a_read(demo, header, message):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/governments")
    assert response.status_code == 401
    assert response.json()["detail"] == message


def test_a_write_without_a_token_asks_for_one(demo):
    response = Client().patch("/api/v1/governments/CNKMG", {}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["detail"] == "This needs an API token."
