"""Evidence: files kept once in the datasets' store, links and notes, read as the assessment is."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.datasets.models import Dataset, file_store

REPORT = b"%PDF-1.4 Kunming forest inventory 2024 (test bytes)"


def add(client, row, **fields):
    row.refresh_from_db()
    data = {"action": "evidence", "version": row.version}
    data |= {f"e-{k}": v for k, v in fields.items()}
    return client.post(f"/en/assessments/{row.pk}/indicators/1/", data)


def test_a_file_is_stored_by_its_checksum_and_listed(officer, fresh):
    response = add(officer, fresh, file=SimpleUploadedFile("inventory.pdf", REPORT))
    assert response.status_code == 302
    sha = hashlib.sha256(REPORT).hexdigest()
    assert file_store().path_for(sha, "inventory.pdf").read_bytes() == REPORT
    fresh.refresh_from_db()
    (item,) = fresh.pure().entry(1).evidence
    assert (item.kind, item.text, item.sha256) == ("file", "inventory.pdf", sha)
    body = officer.get(f"/en/assessments/{fresh.pk}/indicators/1/").content.decode()
    assert f"/en/assessments/{fresh.pk}/evidence/{sha}/" in body


@pytest.mark.parametrize(
    ("persona", "status"), [("viewer", 200), ("outsider", 403), ("anonymous", 302)]
)
def test_evidence_files_are_read_as_the_assessment_is(client_as, officer, fresh, persona, status):
    add(officer, fresh, file=SimpleUploadedFile("inventory.pdf", REPORT))
    sha = hashlib.sha256(REPORT).hexdigest()
    response = client_as(persona).get(f"/en/assessments/{fresh.pk}/evidence/{sha}/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == REPORT


def test_a_dataset_already_uploaded_is_evidence_without_a_second_copy(officer, fresh, kunming):
    stored = file_store().put(SimpleUploadedFile("lc.tif", b"II*\x00 raster"), "lc.tif")
    dataset = Dataset.objects.create(
        government=kunming, kind="landcover", title="Land cover 2024", filename="lc.tif",
        sha256=stored.sha256, size=stored.size,
    )  # fmt: skip
    add(
        officer,
        fresh,
        dataset=dataset.pk,
        note="Classes 10-90 counted as natural. / 10—90 类计为自然。",
    )
    fresh.refresh_from_db()
    kinds = [(e.kind, e.text) for e in fresh.pure().entry(1).evidence]
    assert kinds == [
        ("file", "lc.tif"),
        ("note", "Classes 10-90 counted as natural. / 10—90 类计为自然。"),
    ]
    assert list(file_store().root.glob(f"*/{dataset.sha256}*")) == [dataset.path]


def test_a_link_must_be_an_address_and_something_must_be_given(officer, fresh):
    assert "Enter a valid URL." in add(officer, fresh, link="not a link").content.decode()
    assert "Give a note, a link, a file or a dataset." in add(officer, fresh).content.decode()
    fresh.refresh_from_db()
    assert fresh.version == 1


def test_an_unknown_evidence_file_is_404(officer, fresh):
    assert officer.get(f"/en/assessments/{fresh.pk}/evidence/{'0' * 64}/").status_code == 404


def test_a_file_added_to_a_page_that_was_out_of_date_is_not_kept(officer, fresh, post_indicator):
    post_indicator(officer, fresh, 1, "value", value="18.4", unit="%")
    response = officer.post(
        f"/en/assessments/{fresh.pk}/indicators/1/",
        {
            "action": "evidence",
            "version": 1,
            "e-file": SimpleUploadedFile("late.pdf", b"%PDF-1.4 late bytes"),
        },
    )
    assert response.status_code == 302
    assert not any(file_store().root.glob("*/*.pdf"))
