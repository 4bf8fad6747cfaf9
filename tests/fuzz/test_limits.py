"""Limits on what an import may make the platform read: rows, inflated zips, upload sizes.

Each is checked before the body is read, and refused with a message naming the file and the
limit (the values and their reasons: `localgbf.frameworks.limits`).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.frameworks import limits
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.spatial.describe import describe_vector
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.vectors import read_layer
from localgbf.web.frameworks.forms import NationalImportForm
from localgbf.web.frameworks.tabular import ImportFileError, read_table
from localgbf.web.plans.forms import MAX_IMPORT_BYTES, PlanImportForm

from .mutate import zip_bomb

RATES_HEADER = b"year,currency,rate,source\n"


def test_a_table_with_more_rows_than_the_limit_is_refused_while_reading():
    body = RATES_HEADER + b"2024,USD,7.1,x\n" * (limits.MAX_TABLE_ROWS + 20)
    with pytest.raises(ImportFileError, match=r"rates\.csv: has more than 50,000 rows"):
        read_table(body, "rates.csv", vocabulary("columns_exchange_rates"))


def test_a_table_at_the_limit_is_read():
    body = RATES_HEADER + b"2024,USD,7.1,x\n" * limits.MAX_TABLE_ROWS
    assert len(read_table(body, "rates.csv", vocabulary("columns_exchange_rates"))) == 50_000


def test_an_xlsx_zip_bomb_is_refused_before_it_is_inflated():
    bomb = zip_bomb(member="xl/worksheets/sheet1.xml", size=64 * 1024**2)
    with pytest.raises(ImportFileError, match=r"rates\.xlsx: member xl/worksheets/sheet1\.xml "
                       r"inflates [\d,]+ times"):  # fmt: skip
        read_table(bomb, "rates.xlsx", vocabulary("columns_exchange_rates"))


@pytest.mark.parametrize("reader", [read_layer, describe_vector])
def test_a_zipped_layer_that_would_inflate_too_far_is_refused(tmp_path, monkeypatch, reader):
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 1024**2)
    path = tmp_path / "layer.zip"
    path.write_bytes(zip_bomb(member="layer.shp", size=2 * 1024**2))
    with pytest.raises(SpatialInputError, match=r"layer\.zip: inflates to 2 MiB; the limit is 1"):
        reader(path)


@pytest.mark.parametrize(
    ("form", "data"),
    [(PlanImportForm, {"what": "actions"}), (NationalImportForm, {"version": "x"})],
)
def test_an_import_file_over_the_size_limit_is_a_form_error(form, data):
    upload = SimpleUploadedFile("big.csv", b"x" * (MAX_IMPORT_BYTES + 1))
    bound = form(data, {"file": upload})
    assert not bound.is_valid()
    assert bound.errors["file"] == ["The file is larger than 10 MB."]
