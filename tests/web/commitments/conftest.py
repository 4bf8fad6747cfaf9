"""Fixtures of the commitments tests: a commitment ready for review, built on the demo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from localgbf.web.commitments import services
from localgbf.web.commitments.models import CommitmentVersion, Kpi
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.plans.services import current_national_framework


def kmgbf(code: str, kind: str = "target") -> FrameworkElement:
    return FrameworkElement.objects.get(
        framework__slug="kmgbf", framework__is_current=True, kind=kind, code=code
    )


def national(code: str) -> FrameworkElement:
    framework = current_national_framework(Government.objects.get(code="CN"))
    assert framework is not None
    return framework.elements.get(kind="national_target", code=code)


@pytest.fixture(autouse=True)
def file_store(settings, tmp_path):
    """Evidence files go to a store of the test's own."""
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    return settings.LOCALGBF_FILE_STORE


@pytest.fixture
def make_version(demo, users) -> Callable[..., CommitmentVersion]:
    """A draft commitment of Kunming with everything the ORT asks for and one KPI (ha)."""

    def make(government: str = "CNKMG", **fields: Any) -> CommitmentVersion:
        values = {
            "title": {"en": "Plant 10,000 native trees", "zh-hans": "种植一万株乡土树木"},
            "description": {"en": "Along the Panlong river.", "zh-hans": "沿盘龙江种植。"},
            "timeline_start": date(2025, 1, 1),
            "timeline_end": date(2028, 12, 31),
            "primary_global": kmgbf("12"),
            "primary_national": national("8"),
            "partners": {"en": "Yunnan University"},
            "progress_information": {"en": "Yearly tree count."},
            **fields,
        }
        version = services.create_commitment(
            Government.objects.get(code=government), users["city_officer"], fields=values
        )
        Kpi.objects.create(
            version=version,
            code="K1",
            title={"en": "Native trees planted", "zh-hans": "已种植乡土树木"},
            unit="trees",
            baseline_value=Decimal(0),
            baseline_year=2024,
            target_value=Decimal(10000),
            deadline=date(2028, 12, 31),
        )
        return version

    return make


def form_data(form: Any, **changes: Any) -> dict[str, Any]:
    """What a browser would post back for `form` as rendered, with `changes`."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False, "", []):
            continue
        if value is True:
            value = "on"
        elif isinstance(value, (list, tuple)):
            value = [str(v) for v in value]
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[form.add_prefix(name)] = value
    data.update(changes)
    return data
