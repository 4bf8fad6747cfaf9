"""Two officers editing Kunming's profile at once: the second save does not silently overwrite
the first; it is shown again with the first officer's values, and a deliberate second save wins."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from localgbf.web.governments.models import Government, Membership, Role

URL = "/en/governments/CNKMG/edit/"


def form_data(form, **changes):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "boundary_file" or value in (None, False, ""):
            continue
        data[form.add_prefix(name)] = value
    data.update(changes)
    return data


@pytest.fixture
def two_officers(client_as, kunming):
    second = get_user_model().objects.create_user("kunming.officer2", password="x")
    Membership.objects.create(user=second, government=kunming, role=Role.OFFICER)
    other = Client()
    other.force_login(second)
    return client_as("city_officer"), other


def test_the_edit_page_carries_the_revision(two_officers):
    body = two_officers[0].get(URL).content.decode()
    assert 'type="hidden" name="revision"' in body


def test_the_second_save_is_refused_with_the_first_officers_values(two_officers):
    first, second = two_officers
    form_a = first.get(URL).context["form"]
    form_b = second.get(URL).context["form"]
    assert first.post(URL, form_data(form_a, population="8600000")).status_code == 302

    response = second.post(URL, form_data(form_b, population="8500000"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this record after you opened it. Nothing was saved." in body
    assert "Population: 8600000" in body or "population: 8600000" in body
    assert Government.objects.get(code="CNKMG").population == 8600000

    again = second.post(URL, form_data(response.context["form"]))
    assert again.status_code == 302
    assert Government.objects.get(code="CNKMG").population == 8500000


def test_a_change_to_a_field_the_form_writes_indirectly_also_counts(two_officers):
    first, second = two_officers
    form_a = first.get(URL).context["form"]
    form_b = second.get(URL).context["form"]
    assert first.post(URL, form_data(form_a, name_en="Kunming City")).status_code == 302
    response = second.post(URL, form_data(form_b, website="https://www.km.gov.cn/"))
    assert "Someone else saved this record" in response.content.decode()
    assert Government.objects.get(code="CNKMG").name["en"] == "Kunming City"


def test_one_officer_saving_twice_in_a_row_is_no_conflict(two_officers):
    first, _ = two_officers
    assert (
        first.post(URL, form_data(first.get(URL).context["form"], population="1")).status_code
        == 302
    )
    assert (
        first.post(URL, form_data(first.get(URL).context["form"], population="2")).status_code
        == 302
    )
    assert Government.objects.get(code="CNKMG").population == 2


def test_the_conflict_message_is_in_chinese(two_officers):
    first, second = two_officers
    form_a = first.get(URL).context["form"]
    form_b = second.get("/zh-hans/governments/CNKMG/edit/").context["form"]
    first.post(URL, form_data(form_a, population="8600000"))
    response = second.post("/zh-hans/governments/CNKMG/edit/", form_data(form_b, population="1"))
    assert "Someone else saved" not in response.content.decode()
    assert response.status_code == 200
