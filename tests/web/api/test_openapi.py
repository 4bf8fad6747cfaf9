"""The OpenAPI description: enough to use the API from it alone, and its documentation page."""

import pytest

from localgbf.web.api.api import api

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def schema(demo):
    from django.test import Client

    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_it_is_an_openapi_3_document_with_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in [
        "/api/v1/governments",
        "/api/v1/plans",
        "/api/v1/targets",
        "/api/v1/actions",
        "/api/v1/commitments",
        "/api/v1/progress",
        "/api/v1/assessments",
        "/api/v1/scores",
        "/api/v1/kmgbf-targets",
    ]:
        assert path in paths


def test_reads_take_an_optional_token_and_writes_require_one(schema):
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    for path, method, op in operations(schema):
        if method == "get":
            assert {} in op["security"], path
        else:
            assert op["security"] == [{"BearerToken": []}], path


def test_every_operation_documents_its_answers_and_summary(schema):
    for path, method, op in operations(schema):
        assert op.get("summary"), (method, path)
        assert {"200", "401", "404", "422"} <= set(op["responses"]) or (
            {"201", "401"} <= set(op["responses"])
        ), (method, path)
        if method != "get":
            assert {"403", "409"} <= set(op["responses"]), (method, path)


def test_list_filters_are_documented(schema):
    params = {p["name"] for p in schema["paths"]["/api/v1/actions"]["get"]["parameters"]}
    assert {
        "page",
        "page_size",
        "government",
        "country",
        "kmgbf_target",
        "national_target",
        "plan",
        "plan_status",
        "status",
        "sector",
    } <= params


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_documentation_page_lists_every_operation(client_as, demo, language):
    page = client_as("anonymous").get(f"/{language}/api/docs/").content.decode()
    openapi = api.get_openapi_schema(path_prefix="/api")
    for path in openapi["paths"]:
        assert f"<code>{path}</code>" in page
    assert "/static/api/docs.js" in page
    assert "cdn" not in page.lower()
