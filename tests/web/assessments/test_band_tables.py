"""Network administrators import band tables; scores confirmed before are only rescored on request."""

from __future__ import annotations

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from localgbf.web.assessments.models import BandTableVersion
from localgbf.web.datasets.models import file_store
from localgbf.web.governments.models import AuditEntry

# TEST BANDS ONLY, made up for these tests: not the Handbook's bands for indicator 9.
INDICATOR_9 = [
    {"score": 4, "text": "< 1%", "lower": None, "lower_inclusive": None, "upper": 1.0, "upper_inclusive": False, "source": "test table", "page": "1"},
    {"score": 3, "text": "1% - 10%", "lower": 1.0, "lower_inclusive": True, "upper": 10.0, "upper_inclusive": True, "source": "test table", "page": "1"},
    {"score": 2, "text": "10.1% - 20%", "lower": 10.1, "lower_inclusive": True, "upper": 20.0, "upper_inclusive": True, "source": "test table", "page": "1"},
    {"score": 1, "text": "20.1% - 30%", "lower": 20.1, "lower_inclusive": True, "upper": 30.0, "upper_inclusive": True, "source": "test table", "page": "2"},
    {"score": 0, "text": "> 30%", "lower": 30.0, "lower_inclusive": False, "upper": None, "upper_inclusive": None, "source": "test table", "page": "2"},
]  # fmt: skip


def table_yaml(version="test-2027-1", bands=None) -> bytes:
    data = {
        "band_table": {"version": version, "edition": "2021", "source": "test table"},
        "indicators": [{"indicator": 9, "decimals": 1, "bands": bands or INDICATOR_9}],
    }
    return yaml.safe_dump(data, sort_keys=False).encode()


def table_csv() -> bytes:
    head = "edition,version,source_table,indicator,decimals,score,text,lower,lower_inclusive,upper,upper_inclusive,source,page,confidence"
    rows = [
        f"2021,test-csv-1,test table,9,1,{b['score']},{b['text']},{'' if b['lower'] is None else b['lower']},"
        f"{'' if b['lower_inclusive'] is None else b['lower_inclusive']},{'' if b['upper'] is None else b['upper']},"
        f"{'' if b['upper_inclusive'] is None else b['upper_inclusive']},test table,{b['page']},"
        for b in INDICATOR_9
    ]
    return "\n".join([head, *rows]).encode()


def upload(client, name, content):
    return client.post("/en/assessments/band-tables/", {"file": SimpleUploadedFile(name, content)})


def test_an_administrator_imports_a_yaml_table_kept_with_its_checksum(client_as, demo):
    admin = client_as("network_admin")
    content = table_yaml()
    response = upload(admin, "bands-2027.yaml", content)
    assert response.status_code == 302
    row = BandTableVersion.objects.get()
    assert (row.edition, row.version, row.indicators, row.filename) == (
        "2021",
        "test-2027-1",
        [9],
        "bands-2027.yaml",
    )
    assert row.imported_by.username == "network.admin"
    table = row.band_table()
    assert table.banded() == (1, 2, 3, 7, 8, 9, 10, 11, 12, 13)
    assert table.extends == "si-2021/wri-2023/2026-11-25.1"
    assert file_store().path_for(row.sha256, row.filename).read_bytes() == content
    assert AuditEntry.objects.get(action="bandtable.import").after["sha256"] == row.sha256
    page = admin.get("/en/assessments/band-tables/").content.decode()
    assert "test-2027-1" in page and "bands-2027.yaml" in page
    assert (
        b"".join(admin.get(f"/en/assessments/band-tables/{row.pk}/file/").streaming_content)
        == content
    )


def test_a_csv_table_is_imported_too(client_as, demo):
    assert upload(client_as("network_admin"), "bands.csv", table_csv()).status_code == 302
    assert (
        BandTableVersion.objects.get().band_table().bands_for(9).for_score(2).text == "10.1% - 20%"
    )


def test_each_import_builds_on_the_newest_table(client_as, demo):
    admin = client_as("network_admin")
    upload(admin, "a.yaml", table_yaml("v1"))
    changed = [dict(b, page="9") for b in INDICATOR_9]
    upload(admin, "b.yaml", table_yaml("v2", changed))
    newest = BandTableVersion.objects.order_by("-pk").first().band_table()
    assert (newest.version, newest.extends) == ("v2", "v1")
    assert newest.bands_for(9).for_score(0).page == "9" and newest.bands_for(1) is not None


def test_a_band_without_its_page_is_refused_naming_the_file_and_line(client_as, demo):
    bands = [dict(b) for b in INDICATOR_9]
    bands[2]["page"] = ""
    content = table_yaml(bands=bands)
    line = [n for n, text in enumerate(content.decode().splitlines(), 1) if "- score:" in text][2]
    response = upload(client_as("network_admin"), "bands.yaml", content)
    assert response.status_code == 200
    expected = f"bands.yaml, line {line}: indicator 9, score 2: every band needs a &#x27;page&#x27;"
    assert expected in response.content.decode()
    assert not BandTableVersion.objects.exists()
    assert not any(file_store().root.rglob("*.yaml"))


def test_a_version_already_imported_is_refused(client_as, demo):
    admin = client_as("network_admin")
    upload(admin, "a.yaml", table_yaml("v1"))
    response = upload(admin, "b.yaml", table_yaml("v1"))
    assert "b.yaml: version v1 of the 2021 band table already exists" in response.content.decode()
    assert BandTableVersion.objects.count() == 1


def test_a_file_of_another_kind_is_refused(client_as, demo):
    response = upload(client_as("network_admin"), "bands.xlsx", b"PK")
    assert (
        "bands.xlsx: a band table is a YAML (.yaml) or CSV (.csv) file."
        in response.content.decode()
    )


def test_new_values_are_scored_with_the_newest_table(officer, client_as, fresh, post_indicator):
    upload(client_as("network_admin"), "bands.yaml", table_yaml())
    post_indicator(officer, fresh, 9, "value", value="3.0", unit="%")
    fresh.refresh_from_db()
    score = fresh.pure().entry(9).score
    assert (score.score, score.band, score.scored_by, score.band_table_version) == (
        3,
        "1% - 10%",
        "bands",
        "test-2027-1",
    )
    page = officer.get(f"/en/assessments/{fresh.pk}/indicators/9/").content.decode()
    assert 'name="s-score"' not in page and "test table, p. 1" in page


def test_confirmed_scores_are_not_rewritten_and_the_score_card_offers_a_rescore(
    officer, client_as, fresh, post_indicator
):
    """Before the import: 9 at 3.0 % scored 1 by the assessor and confirmed; 9's new bands
    would give 3 (1 % - 10 %). The confirmed 1 stays until the officer rescores it."""
    post_indicator(officer, fresh, 9, "value", value="3.0", unit="%")
    post_indicator(
        officer, fresh, 9, "score", score=1, justification="Many invasive plants on the lake shore."
    )
    post_indicator(officer, fresh, 9, "confirm")
    upload(client_as("network_admin"), "bands.yaml", table_yaml())
    fresh.refresh_from_db()
    entry = fresh.pure().entry(9)
    assert (entry.points, entry.scored_by, entry.status) == (1, "assessor", "confirmed")
    card = officer.get(f"/en/assessments/{fresh.pk}/scorecard/").content.decode()
    assert "The band table changed: test-2027-1" in card
    assert '<input type="checkbox" name="i9" id="rescore-9" >' in card
    response = officer.post(
        f"/en/assessments/{fresh.pk}/rescore/", {"version": fresh.version, "i9": "on"}
    )
    assert response.status_code == 302
    fresh.refresh_from_db()
    entry = fresh.pure().entry(9)
    assert (entry.points, entry.scored_by, entry.status) == (3, "bands", "entered")
    assert entry.score.band_table_version == "test-2027-1"
    assert AuditEntry.objects.get(action="assessment.rescore").after["indicators"] == [9]
    assert (
        "The band table changed"
        not in officer.get(f"/en/assessments/{fresh.pk}/scorecard/").content.decode()
    )


def test_a_completed_assessment_is_never_rescored(officer, client_as, baseline):
    upload(client_as("network_admin"), "bands.yaml", table_yaml())
    card = officer.get(f"/en/assessments/{baseline.pk}/scorecard/").content.decode()
    assert "The band table changed" not in card
    response = officer.post(f"/en/assessments/{baseline.pk}/rescore/", {"version": 1, "i9": "on"})
    assert response.status_code == 302
    baseline.refresh_from_db()
    assert baseline.version == 1 and baseline.pure().entry(9).scored_by == "assessor"


def test_administrators_find_the_band_tables_from_the_score_card(client_as, baseline):
    link = 'href="/en/assessments/band-tables/"'
    assert (
        link
        in client_as("network_admin")
        .get(f"/en/assessments/{baseline.pk}/scorecard/")
        .content.decode()
    )
    assert (
        link
        not in client_as("city_officer")
        .get(f"/en/assessments/{baseline.pk}/scorecard/")
        .content.decode()
    )
