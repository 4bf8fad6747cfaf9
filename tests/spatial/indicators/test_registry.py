"""The registry of spatial indicators and what runs with which inputs."""

from __future__ import annotations

import importlib

from localgbf.spatial.indicators import REGISTRY, compute_indicators
from localgbf.spatial.indicators.context import SpatialInputs


def test_the_spatial_indicators_of_the_issue_are_registered() -> None:
    assert sorted(REGISTRY) == [1, 2, 7, 8, 10, 11, 12, 13]


def test_every_indicator_module_documents_its_formula() -> None:
    for spec in REGISTRY.values():
        module = importlib.import_module(spec.compute.__module__)
        assert module.__doc__ and f"Indicator {spec.number}:" in module.__doc__
        assert spec.method_version


def test_indicators_without_their_inputs_are_skipped_with_the_reason() -> None:
    result = compute_indicators(SpatialInputs())
    assert result.values == ()
    assert result.skipped[12] == "needs parks, population"
    assert result.skipped[1] == "needs landcover, class_map"
