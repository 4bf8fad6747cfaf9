"""Two officers editing Kunming's public profile at once cannot overwrite each other silently."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from localgbf.web.governments.models import Membership, Role
from localgbf.web.portal.models import PublicProfile

URL = "/en/portal/CNKMG/edit/"


def form_data(form, **changes):
    data = {form.add_prefix(n): form[n].value() for n in form.fields}
    data = {k: v for k, v in data.items() if v not in (None, False)}
    data.update(changes)
    return data


def test_the_second_save_of_the_public_profile_is_refused(client_as, kunming):
    second_user = get_user_model().objects.create_user("kunming.officer2", password="x")
    Membership.objects.create(user=second_user, government=kunming, role=Role.OFFICER)
    first, second = client_as("city_officer"), Client()
    second.force_login(second_user)
    form_a = first.get(URL).context["form"]
    form_b = second.get(URL).context["form"]
    assert first.post(URL, form_data(form_a, introduction_en="From the first.")).status_code == 302
    response = second.post(URL, form_data(form_b, introduction_en="From the second."))
    assert response.status_code == 200
    assert "Someone else saved this record after you opened it" in response.content.decode()
    assert "From the first." in response.content.decode()
    profile = PublicProfile.objects.get(government=kunming)
    assert profile.introduction["en"] == "From the first."
