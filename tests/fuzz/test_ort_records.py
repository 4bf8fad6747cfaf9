"""Fuzzed ORT national-target records against the packaged JSON schema (`reporting.ort`).

Property: `schema_errors` lists what is wrong with any JSON document, never raises.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from localgbf.reporting.ort import schema_errors

from .mutate import fuzz_settings, no_hang

KEYS = st.sampled_from(
    [
        "identifier",
        "title",
        "government",
        "nationalTargets",
        "globalTargetAlignment",
        "degreeOfAlignment",
        "en",
        "zh",
        "header",
        "schema",
        "languages",
        "0",
        "",
    ]
)
JSON = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(KEYS | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=30,
)


@given(st.dictionaries(KEYS, JSON, max_size=6))
@fuzz_settings(300)
def test_any_record_gets_a_list_of_problems_and_never_an_exception(document):
    with no_hang():
        problems = schema_errors(document)
    assert all(isinstance(p, str) for p in problems)
