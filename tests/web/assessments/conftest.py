"""Fixtures of the assessment tests: the demo's two Kunming assessments and a fresh draft.

The demo gives Kunming a completed 2020 baseline and a 2024 draft (see
localgbf/web/assessments/demo.py); `fresh` is an empty 2025 draft made through the web.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from localgbf.web.assessments.models import Assessment


@pytest.fixture(autouse=True)
def file_store(settings, tmp_path):
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"


@pytest.fixture
def baseline(demo) -> Assessment:
    return Assessment.objects.get(government__code="CNKMG", reference_year=2020)


@pytest.fixture
def draft(demo) -> Assessment:
    return Assessment.objects.get(government__code="CNKMG", reference_year=2024)


@pytest.fixture
def officer(client_as) -> Client:
    return client_as("city_officer")


@pytest.fixture
def fresh(officer, users) -> Assessment:
    response = officer.post(
        "/en/governments/CNKMG/assessments/new/", {"edition": "2021", "reference_year": 2025}
    )
    assert response.status_code == 302
    return Assessment.objects.get(government__code="CNKMG", reference_year=2025)


def _post(client: Client, row: Assessment, number: int, action: str, **fields: Any):
    """Post one form of an indicator page, made from the assessment's current version."""
    row.refresh_from_db()
    prefixes = {"form": "f", "value": "v", "score": "s", "evidence": "e"}
    prefix = prefixes.get(action)
    data = {"action": action, "version": fields.pop("version", row.version)}
    lang = fields.pop("lang", "en")
    for key, value in fields.items():
        data[f"{prefix}-{key}" if prefix else key] = value
    return client.post(f"/{lang}/assessments/{row.pk}/indicators/{number}/", data)


@pytest.fixture
def post_indicator() -> Callable[..., Any]:
    return _post
