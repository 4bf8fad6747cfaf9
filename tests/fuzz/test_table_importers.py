"""Fuzzed CSV/XLSX/JSON/YAML importers of the web apps: plan actions and budget lines,
exchange rates, national targets (template and ORT JSON) and band tables.

Property, for every generated or mutated file: the import either succeeds or raises the
importer's own error naming the file; never another exception, never a hang; and a refused
import leaves every table's row count and every stored file exactly as they were.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.assessments.bandtables import BandImportError, import_band_table
from localgbf.web.frameworks.national import import_national_targets, read_national_targets
from localgbf.web.frameworks.tabular import ImportFileError, read_table, template_csv
from localgbf.web.governments.models import Government
from localgbf.web.plans.finance_tables import import_rates
from localgbf.web.plans.imports import import_actions, import_budget_lines
from localgbf.web.plans.models import PlanVersion

from .conftest import rolled_back, snapshot
from .mutate import NASTY_TOKENS, fuzz_settings, mutated, no_hang

ACTIONS = (
    "target,code,title_en,title_zh,start,end,status,sectors,national_targets,kmgbf_targets,"
    "local_only\n"
    "1.1,9.1,Reed bed,芦苇床,2026-01-01,2026-12-31,进行中,水务; agriculture,2:高,2:medium,no\n"
    "1.1,9.2,Green roofs,,2026-03-01,,planned,,,12:high,no\n"
).encode()
BUDGET = (
    "action,year,amount,currency,source,status\n"
    "1.1.1,2027,1500000,CNY,own_budget,planned\n"
    "3.1.1,2027,50000,USD,国际资金,已落实\n"
).encode()
RATES = b"year,currency,rate,source\n2024,USD,7.1,PBoC\n2025,EUR,7.8,\n"
NATIONAL = (
    "code,title_en,title_zh,text_en,text_zh,kmgbf_targets,goals\n"
    "T1,Protect 30% of land,保护30%的陆地,,,3:high; 1:低,A\n"
    "T2,,城市绿地,,,12:medium,\n"
).encode()
ORT = json.dumps(
    {
        "government": {"identifier": "cn"},
        "nationalTargets": [
            {
                "identifier": "T1",
                "title": {"en": "Protect land", "zh": "保护陆地"},
                "globalTargetAlignment": [
                    {"identifier": "GBF-TARGET-03", "degreeOfAlignment": "high"}
                ],
            }
        ],
    }
).encode()
BANDS_YAML = b"""band_table: {version: fuzz-1, edition: '2021', source: test table}
indicators:
- indicator: 9
  decimals: 1
  bands:
  - {score: 4, text: '< 1%', lower: null, lower_inclusive: null, upper: 1.0, upper_inclusive: false, source: t, page: '1'}
  - {score: 3, text: '1-10%', lower: 1.0, lower_inclusive: true, upper: 10.0, upper_inclusive: true, source: t, page: '1'}
  - {score: 2, text: '10-20%', lower: 10.1, lower_inclusive: true, upper: 20.0, upper_inclusive: true, source: t, page: '1'}
  - {score: 1, text: '20-30%', lower: 20.1, lower_inclusive: true, upper: 30.0, upper_inclusive: true, source: t, page: '2'}
  - {score: 0, text: '> 30%', lower: 30.0, lower_inclusive: false, upper: null, upper_inclusive: null, source: t, page: '2'}
"""


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CELL = st.one_of(
    st.none(),
    st.text(max_size=30).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(
        [ILLEGAL_CHARACTERS_RE.sub("", t.decode("utf-8", "replace")) for t in NASTY_TOKENS]
    ),
)


@functools.cache
def csv_or_xlsx(seed: bytes) -> st.SearchStrategy[tuple[str, bytes]]:
    """A mutated CSV, or an XLSX whose cells are the seed's with some replaced by any value."""
    lines = [line.split(",") for line in seed.decode().splitlines()]

    @st.composite
    def sheet(draw: st.DrawFn) -> tuple[str, bytes]:
        rows: list[list[Any]] = [list(r) for r in lines]
        for _ in range(draw(st.integers(0, 6))):
            r = draw(st.integers(0, len(rows) - 1))
            c = draw(st.integers(0, len(rows[r])))
            rows[r][c : c + 1] = [draw(CELL)]
        return "fuzz.xlsx", xlsx(rows)

    as_csv = mutated(seed, text=True).map(lambda data: ("fuzz.csv", data))
    return st.one_of(as_csv, as_csv, sheet(), mutated(xlsx(lines)).map(lambda d: ("fuzz.xlsx", d)))


def check_refusal(run: Callable[[], Any], errors: tuple[type[Exception], ...], name: str) -> None:
    """`run` succeeds, or raises one of `errors` naming `name` and changing nothing."""
    with rolled_back():
        before = snapshot()
        try:
            with no_hang():
                run()
        except errors as exc:
            assert name in str(exc), f"the message does not name the file: {exc}"
            assert snapshot() == before, f"a refused import changed the database: {exc}"


@pytest.fixture
def officer(demo_db: Any) -> Any:
    return get_user_model().objects.get(username="kunming.officer")


@pytest.fixture
def draft(demo_db: Any) -> PlanVersion:
    return PlanVersion.objects.get(plan__government__code="CNKMG", status="draft")


@given(st.sampled_from(["columns_actions", "columns_budget_lines", "columns_national_targets"]),
       st.data())  # fmt: skip
@fuzz_settings(250)
def test_any_table_is_read_or_refused_with_the_file_named(columns: str, data: st.DataObject):
    seed = template_csv(vocabulary(columns)) + ACTIONS.split(b"\n", 1)[1]
    name, body = data.draw(csv_or_xlsx(seed))
    try:
        with no_hang():
            read_table(body, name, vocabulary(columns))
    except ImportFileError as exc:
        assert str(exc).startswith(name)


@given(st.data())
@fuzz_settings(100)
def test_plan_imports_are_all_or_nothing_on_any_file(draft, officer, data: st.DataObject):
    importer, seed = data.draw(
        st.sampled_from([(import_actions, ACTIONS), (import_budget_lines, BUDGET)])
    )
    name, body = data.draw(csv_or_xlsx(seed))
    check_refusal(lambda: importer(draft, body, name, officer), (ImportFileError,), name)


@given(st.data())
@fuzz_settings(60)
def test_exchange_rates_are_all_or_nothing_on_any_file(demo_db, officer, data: st.DataObject):
    china = Government.objects.get(code="CN")
    name, body = data.draw(csv_or_xlsx(RATES))
    check_refusal(lambda: import_rates(china, body, name, officer), (ImportFileError,), name)


@given(st.data())
@fuzz_settings(100)
def test_national_targets_are_all_or_nothing_on_any_file(demo_db, data: st.DataObject):
    china = Government.objects.get(code="CN")
    name, body = data.draw(
        st.one_of(csv_or_xlsx(NATIONAL), mutated(ORT, text=True).map(lambda d: ("ort.json", d)))
    )

    def run() -> None:
        parsed = read_national_targets(body, name)
        import_national_targets(parsed, country=china, version="fuzz")

    check_refusal(run, (ImportFileError,), name)


@given(st.data())
@fuzz_settings(60)
def test_band_tables_are_all_or_nothing_on_any_file(demo_db, data: st.DataObject):
    admin = get_user_model().objects.get(username="network.admin")
    name = data.draw(st.sampled_from(["bands.yaml", "bands.csv"]))
    body = data.draw(mutated(BANDS_YAML, text=True))
    upload = SimpleUploadedFile(name, body)
    check_refusal(lambda: import_band_table(upload, user=admin), (BandImportError,), name)
