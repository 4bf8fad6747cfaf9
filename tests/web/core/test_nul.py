"""A NUL character (0x00) in a request is a 400 naming the parameter, never a database error."""

from __future__ import annotations

import json

import pytest
from django.test import Client


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/api/v1/scores?government=CN%00KMG", "'government'"),
        ("/en/governments/?q=Kun%00ming", "'q'"),
    ],
)
def test_a_nul_in_a_query_parameter_is_refused_naming_it(db, url, named):
    response = Client().get(url)
    assert response.status_code == 400
    assert named in response.content.decode()


def test_the_api_answers_in_json(db):
    response = Client().get("/api/v1/governments?country=%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "parameter 'country' holds a NUL character (0x00)"}


def test_an_escaped_nul_in_a_json_body_is_refused(db):
    body = json.dumps({"population": 1, "website": "https://a.example/\u0000"})
    response = Client().patch(
        "/api/v1/governments/CNKMG", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON body" in response.json()["detail"]


def test_a_nul_in_a_form_field_is_refused(db):
    response = Client().post("/en/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert "'username'" in response.content.decode()


def test_ordinary_requests_pass(db):
    assert Client().get("/en/governments/?q=Kunming").status_code == 200
