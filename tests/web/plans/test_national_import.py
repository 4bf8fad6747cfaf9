"""National targets: the template round trip, the ORT JSON, versions kept, bad rows refused."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from localgbf.web.frameworks.models import ElementAlignment, Framework, FrameworkElement
from localgbf.web.frameworks.national import (
    import_national_targets,
    read_national_targets,
)
from localgbf.web.frameworks.tabular import ImportFileError
from localgbf.web.governments.models import AuditEntry, Government
from localgbf.web.plans.models import PlanVersion

ORT_HIGH = "AABF237C-F906-40D2-9595-5226C8B18A58"
ORT_LOW = "9668759B-3653-4994-A917-3F039B0BAA5C"


@pytest.fixture
def china(demo):
    return demo["government:CN"]


def _filled_template(client) -> bytes:
    """The XLSX template as downloaded, with two targets typed in under its header row."""
    response = client.get("/en/frameworks/national/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    sheet.append(["T1", "Protect 30% of land", "保护30%的陆地", "", "", "3:high; 1:低", "A"])
    sheet.append(["T2", "", "城市绿地", "", "", "12:medium", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_has_headers_in_english_and_chinese(client_as):
    client = client_as("anonymous")
    csv_header = client.get("/en/frameworks/national/template.csv").content.decode("utf-8-sig")
    assert csv_header.startswith("Code / 编号,Title (English) / 标题（英文）")
    book = load_workbook(io.BytesIO(client.get("/en/frameworks/national/template.xlsx").content))
    assert book.sheetnames == [
        "national_targets",
        "Instructions 说明",
        "KMGBF 全球框架",
        "Alignment 一致程度",
    ]
    assert (
        book.worksheets[0]["F1"].value
        == "KMGBF targets and degree of alignment / 对应的全球行动目标及一致程度"
    )


def test_a_filled_template_imports_back_with_its_alignments(client_as, china):
    parsed = read_national_targets(_filled_template(client_as("anonymous")), "targets.xlsx")
    framework = import_national_targets(parsed, country=china, version="2030")
    t1 = framework.elements.get(code="T1")
    assert t1.title == {"en": "Protect 30% of land", "zh-hans": "保护30%的陆地", "official": []}
    links = {(a.aligned_to.kind, a.aligned_to.code, a.degree) for a in t1.alignments.all()}
    assert links == {("target", "3", "high"), ("target", "1", "low"), ("goal", "A", "")}
    t2 = framework.elements.get(code="T2")
    assert t2.title["zh-hans"] == "城市绿地" and "en" not in t2.title
    assert framework.is_current and framework.source["format"] == "xlsx"


def test_a_csv_with_chinese_headers_only_is_read(china):
    data = "编号,标题（中文）,对应的全球行动目标及一致程度\n1,减少污染,7:中\n".encode()
    parsed = read_national_targets(data, "目标.csv")
    assert parsed.targets[0].kmgbf_targets == (("7", "medium"),)


def test_an_ort_json_keeps_the_record_identifiers_for_later_commitments(china):
    doc = [
        {
            "identifier": "ABC-123",
            "revision": 4,
            "body": {
                "header": {
                    "identifier": "ABC-123",
                    "schema": "nationalTarget7",
                    "languages": ["en", "zh"],
                },
                "government": {"identifier": "cn"},
                "title": {"en": "<p>Urban green space</p>", "zh": "城市绿地"},
                "sequence": 8,
                "globalTargetAlignment": [
                    {"identifier": "GBF-TARGET-12", "degreeOfAlignment": {"identifier": ORT_HIGH}},
                    {"identifier": "GBF-TARGET-11", "degreeOfAlignment": {"identifier": ORT_LOW}},
                ],
                "globalGoalAlignment": [{"identifier": "GBF-GOAL-B"}],
                "headlineIndicators": [{"identifier": "GBF-INDICATOR-A.1"}],
            },
        }
    ]
    parsed = read_national_targets(json.dumps(doc).encode(), "ort.json")
    framework = import_national_targets(parsed, country=china, version="ort-1")
    element = framework.elements.get()
    assert (element.code, element.external_id, element.external_version) == ("8", "ABC-123", "4")
    assert element.title["en"] == "Urban green space"
    assert {(a.aligned_to.code, a.degree) for a in element.alignments.all()} == {
        ("12", "high"),
        ("11", "low"),
        ("B", ""),
    }
    assert element.details["ort"]["headlineIndicators"] == [{"identifier": "GBF-INDICATOR-A.1"}]


def test_records_of_another_country_are_refused(china):
    doc = {
        "header": {"schema": "nationalTarget7"},
        "government": {"identifier": "fr"},
        "title": {"en": "X"},
    }
    parsed = read_national_targets(json.dumps(doc).encode(), "fr.json")
    with pytest.raises(ImportFileError, match="fr.json: the records are those of 'fr', not of CN"):
        import_national_targets(parsed, country=china, version="x")


def test_a_newer_version_keeps_the_older_one_and_the_plans_linked_to_it(client_as, china):
    old = Framework.objects.get(slug="nbsap-cn", is_current=True)
    linked = PlanVersion.objects.filter(national_framework=old).count()
    parsed = read_national_targets(_filled_template(client_as("anonymous")), "t.xlsx")
    new = import_national_targets(parsed, country=china, version="2030")
    old.refresh_from_db()
    assert old.is_current is False and new.is_current is True
    assert PlanVersion.objects.filter(national_framework=old).count() == linked > 0
    assert FrameworkElement.objects.filter(framework=old).count() == 12


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "1,A,,,,25:high,",
            r"t\.csv, row 2, column F \(kmgbf_targets\): '25' is not a KMGBF target \(1 to 23\)",
        ),
        (
            "1,A,,,,3:strong,",
            r"row 2, column F \(kmgbf_targets\): 'strong' is not a degree of alignment",
        ),
        ("1,A,,,,3,", r"row 2, column F \(kmgbf_targets\): '3' needs a degree of alignment"),
        ("1,A,,,,,E", r"row 2, column G \(kmgbf_goals\): 'E' is not a KMGBF goal"),
        ("1,A,,,,,\n1,B,,,,,", r"row 3, column A \(code\): '1' is also the code of row 2"),
        (",A,,,,,", r"row 2, column A \(code\): is empty; this column is required"),
        (
            "2,,,,,,",
            r"row 2, column B \(title_en\): give the title in English, in Chinese or in both",
        ),
    ],
)
def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_stored(china, rows, message):
    header = "code,title_en,title_zh,description_en,description_zh,kmgbf_targets,kmgbf_goals\n"
    before = Framework.objects.count()
    with pytest.raises(ImportFileError, match=message):
        parsed = read_national_targets((header + rows + "\n").encode(), "t.csv")
        import_national_targets(parsed, country=china, version="bad")
    assert Framework.objects.count() == before


def test_an_unknown_column_is_named_with_its_letter():
    with pytest.raises(ImportFileError, match=r"t\.csv, row 1, column B: unknown column 'colour'"):
        read_national_targets(b"code,colour\n1,red\n", "t.csv")


def test_a_version_label_is_used_once(china):
    parsed = read_national_targets(b"code,title_en\n1,A\n", "t.csv")
    with pytest.raises(ImportFileError, match="version 2024-demo of nbsap-cn exists already"):
        import_national_targets(parsed, country=china, version="2024-demo")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("reviewer", 403),
        ("city_officer", 403),
        ("region_officer", 403),
        ("network_admin", 200),
    ],
)
def test_only_the_countrys_officers_and_administrators_may_import(client_as, persona, status):
    assert client_as(persona).get("/en/frameworks/national/CN/import/").status_code == status


def test_the_import_page_stores_a_file_and_audits_it(client_as, china):
    client = client_as("network_admin")
    upload = SimpleUploadedFile("targets.xlsx", _filled_template(client))
    response = client.post(
        "/en/frameworks/national/CN/import/", {"file": upload, "version": "2030"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/frameworks/national/nbsap-cn/2030/"
    assert AuditEntry.objects.filter(action="national.import", government=china).count() == 1
    page = (
        client_as("anonymous").get("/zh-hans/frameworks/national/nbsap-cn/2030/").content.decode()
    )
    assert "保护30%的陆地" in page


def test_the_import_page_shows_the_row_and_column_of_a_problem(client_as):
    upload = SimpleUploadedFile("t.csv", b"code,title_en,kmgbf_targets\n1,A,99:high\n")
    response = client_as("network_admin").post(
        "/en/frameworks/national/CN/import/", {"file": upload}
    )
    assert response.status_code == 200
    assert (
        "t.csv, row 2, column C (kmgbf_targets): &#x27;99&#x27; is not a KMGBF target"
        in response.content.decode()
    )
    assert not ElementAlignment.objects.filter(element__framework__version="").exists()


def test_the_national_targets_page_is_public_and_marks_the_demo(client_as):
    body = (
        client_as("anonymous").get("/en/frameworks/national/nbsap-cn/2024-demo/").content.decode()
    )
    assert "they are not China&#x27;s official NBSAP targets" in body
    assert "/en/frameworks/kmgbf/targets/12/" in body
    assert Government.objects.get(code="CN").national_frameworks.count() == 2


def test_an_ort_json_nested_too_deeply_is_refused_by_name():
    """Found while fuzzing (tests/fuzz): json.loads raised RecursionError out of the importer."""
    with pytest.raises(ImportFileError, match=r"deep\.json: is nested too deeply"):
        read_national_targets(b"[" * 100_000 + b"]" * 100_000, "deep.json")
