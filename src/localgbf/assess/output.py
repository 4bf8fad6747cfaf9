"""The JSON document of an assessment result: what `localgbf assess RECIPE --json` prints.

One serialisation for every front end: the CLI prints `result_json(result)`, and a batch
writes the same text into `DIR/<code>.json`, so the two are identical byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

from localgbf.assess.run import AssessmentResult


def result_data(result: AssessmentResult) -> dict[str, Any]:
    """The result as plain JSON-safe data."""
    return result.model_dump(mode="json")


def result_json(result: AssessmentResult) -> str:
    """The result as JSON text (UTF-8 friendly: Chinese names stay readable), no final newline."""
    return json.dumps(result_data(result), ensure_ascii=False, indent=2, default=str)
