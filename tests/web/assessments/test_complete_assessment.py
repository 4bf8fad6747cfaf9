"""A city officer completes a whole assessment through the web, worked out by hand."""

from __future__ import annotations

import csv
import io

import pytest

from localgbf.web.governments.models import AuditEntry

# indicator -> (action, fields); values chosen to sit on band edges
ENTRIES = [
    (1, "form", {"natural_area_ha": "700", "city_area_ha": "4000"}),
    (2, "form", {"group_areas_ha": "60 30 10"}),
    (3, "value", {"value": "20.04", "unit": "%"}),
    (4, "form", {"species_added": "Anas poecilorhyncha\nPhoenicurus auroreus\nPica serica", "species_lost": "Emberiza aureola"}),
    (5, "form", {"species_added": "", "species_lost": "Gallinago solitaria"}),
    (7, "value", {"value": "12", "unit": "percent"}),
    (8, "value", {"value": "6.05", "unit": "%"}),
    (9, "form", {"invasive_species": "12", "native_species": "388"}),
    (10, "value", {"value": "59.95", "unit": "%"}),
    (11, "value", {"value": "24.95", "unit": "%"}),
    (12, "form", {"park_area_ha": "300", "accessible_protected_area_ha": "100", "population": "1000000"}),
    (13, "form", {"population_within_400m": "450000", "population": "1000000"}),
    (14, "evidence", {"note": "Community gardens on 40 ha; no city programme yet."}),
    (15, "form", {"functions": "Reserves\nWetlands\nGreening"}),
    (16, "form", {"biodiversity_spending": "2", "city_budget": "100"}),
    (17, "form", {"lbsap_exists": "yes", "adopted_year": "2023"}),
    (19, "form", {"plans_exist": "yes", "share_covered_percent": "40"}),
    (21, "evidence", {"link": "https://example.org/green-roof-subsidy"}),
    (22, "form", {"agencies": "Forestry\nEnvironment\nGardens\nWater"}),
    (23, "form", {"process_exists": "yes"}),
    (24, "value", {"value": "5", "unit": "organisations"}),
    (25, "form", {"projects": "Dianchi wetland belt"}),
    (27, "form", {"events": "Biodiversity Day\nBird week\nBioblitz"}),
    (28, "evidence", {"note": "City Nature Challenge since 2022."}),
]  # fmt: skip
ASSESSOR = {4: 2, 5: 1, 9: 3, 14: 2, 15: 3, 16: 2, 17: 4, 19: 1, 21: 2, 22: 3, 23: 2, 24: 2, 25: 1, 27: 3, 28: 2}  # fmt: skip


def test_an_officer_completes_an_assessment_whose_total_is_worked_out_by_hand(
    officer, fresh, post_indicator
):
    """Scores, with the rule si-round-printed-v1 (round to the printed decimal, then match):

    Native biodiversity (1-9): 1: 700/4000 = 17.5 % in 14.0-20.0 -> 3; 2: (60²+30²+10²)/100²
    = 46 % -> 2; 3: 20.04 rounds to 20.0, in 16-20 % -> 3; 4: +3 -1 = +2 species, assessor 2;
    5: -1 species, assessor 1; 6 missing; 7: 12 % < 20 -> 0; 8: 6.05 rounds to 6.1, in
    6.1-11 -> 2; 9: 12/400 = 3 %, assessor 3.  3+2+3+2+1+0+2+3 = 16 of 36, 8 of 9 scored.
    Ecosystem services (10-14): 10: 59.95 rounds to 60.0 -> 4; 11: 24.95 -> 25.0 -> 2;
    12: 400 ha / 1000 thousand people = 0.4 -> 2; 13: 45 % -> 1; 14: assessor 2.
    4+2+2+1+2 = 11 of 20, 5 of 5.
    Governance (15-28), by the assessor: 15:3 16:2 17:4 19:1 21:2 22:3 23:2 24:2 25:1 27:3
    28:2 = 25 of 56; 18, 20 and 26 missing: 11 of 14.
    Total 16 + 11 + 25 = 52 of 112, 24 of 28 scored, 15 of them by the assessor.

    Against the demo's 2020 baseline (34 points; see test_demo.py), scored in both: 1 -1,
    2 +1, 3 +1, 7 -1, 8 -1, 9 0, 10 0, 11 -1, 12 -1, 13 -1, 15 +1, 16 0, 17 +4, 22 +1,
    24 +1, 27 +2: +5 on those 16 indicators; +18 on the totals as they stand.
    """
    for number, action, fields in ENTRIES:
        response = post_indicator(officer, fresh, number, action, **fields)
        assert response.status_code == 302, (number, response.content.decode()[:2000])
    for number, score in ASSESSOR.items():
        why = f"Judged against the Handbook's description of indicator {number}."
        response = post_indicator(officer, fresh, number, "score", score=score, justification=why)
        assert response.status_code == 302, (number, response.content.decode()[:2000])
    fresh.refresh_from_db()
    assert fresh.version == 1 + len(ENTRIES) + len(ASSESSOR)
    response = officer.post(f"/en/assessments/{fresh.pk}/complete/", {"version": fresh.version})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert (fresh.status, fresh.version) == ("completed", 41)
    assert fresh.completed_by.username == "kunming.officer"

    page = officer.get(f"/en/assessments/{fresh.pk}/scorecard/").content.decode()
    assert '<span class="stat">52</span><span class="stat-of"> / 112</span>' in page
    assert "24 of 28 scored" in page and "16 of 36" not in page
    assert "+5 on the 16 indicators scored in both" in page
    zh = officer.get(f"/zh-hans/assessments/{fresh.pk}/scorecard/").content.decode()
    assert "已评分 24/28 项" in zh and "由评估人员评分" in zh

    rows = list(
        csv.reader(
            io.StringIO(officer.get(f"/en/assessments/{fresh.pk}/scorecard.csv").content.decode())
        )
    )
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    scores = {int(r[col["No."]]): r[col["Score"]] for r in body if r[col["Row"]] == "indicator"}
    assert [scores[n] for n in (1, 2, 3, 7, 8, 10, 11, 12, 13)] == [
        "3",
        "2",
        "3",
        "0",
        "2",
        "4",
        "2",
        "2",
        "1",
    ]
    assert scores[6] == scores[18] == scores[20] == scores[26] == ""
    subtotals = [r for r in body if r[col["Row"]] == "subtotal"]
    assert [(r[col["Score"]], r[col["Out of"]]) for r in subtotals] == [
        ("16", "36"),
        ("11", "20"),
        ("25", "56"),
    ]
    (total,) = [r for r in body if r[col["Row"]] == "total"]
    assert (total[col["Score"]], total[col["Out of"]], total[col["Status"]]) == (
        "52",
        "112",
        "24 of 28 scored",
    )
    assert (total[col["Baseline score"]], total[col["Change"]]) == ("34", "18")
    assessor_rows = [r for r in body if r[col["Scored by"]] == "scored by the assessor"]
    assert len(assessor_rows) == 15


def test_every_change_is_audited_with_the_entry_before_and_after(officer, fresh, post_indicator):
    post_indicator(officer, fresh, 1, "value", value="18.4", unit="%")
    entry = AuditEntry.objects.get(action="assessment.enter_value")
    assert entry.actor.username == "kunming.officer"
    assert entry.before["entry"]["status"] == "missing" and entry.before["version"] == 1
    assert entry.after["entry"]["value"] == 18.4 and entry.after["version"] == 2
    assert entry.after["entry"]["score"]["score"] == 3


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_indicator_page_explains_the_indicator_in_the_pages_language(officer, fresh, lang):
    body = officer.get(f"/{lang}/assessments/{fresh.pk}/indicators/1/").content.decode()
    heading = {"en": "Proportion of Natural Areas in the City", "zh-hans": "城市自然区域比例"}[lang]
    assert heading in body
    assert "14.0% - 20.0%" in body and "si-round-printed-v1" in body
    governance = officer.get(f"/{lang}/assessments/{fresh.pk}/indicators/17/").content.decode()
    assert {"en": "scored by the assessor", "zh-hans": "由评估人员评分"}[lang] in governance
    assert 'name="s-justification"' in governance


def test_an_indicator_with_bands_offers_no_assessor_score(officer, fresh, post_indicator):
    body = officer.get(f"/en/assessments/{fresh.pk}/indicators/1/").content.decode()
    assert 'name="s-score"' not in body
    post_indicator(officer, fresh, 1, "value", value="18.4", unit="%")
    response = post_indicator(officer, fresh, 1, "score", score=4, justification="looks good")
    assert response.status_code == 200
    assert "Indicator 1 was not saved: indicator 1 has bands in table" in response.content.decode()


def test_the_city_profile_is_kept_with_the_assessment(officer, fresh):
    body = officer.get(f"/en/assessments/{fresh.pk}/profile/").content.decode()
    assert 'value="21012.0"' in body and 'value="8680000"' in body
    response = officer.post(
        f"/en/assessments/{fresh.pk}/profile/",
        {"version": 1, "location": "Yunnan", "area_km2": "21012", "population": "8680000",
         "biodiversity_features": "Lake Dian wetlands / 滇池湿地"},
    )  # fmt: skip
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.pure().profile.biodiversity_features == "Lake Dian wetlands / 滇池湿地"
