"""Two officers editing one draft commitment cannot overwrite each other silently."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from localgbf.web.commitments.models import CommitmentVersion, ProgressReport
from localgbf.web.governments.models import Membership, Role

from .conftest import form_data


def test_the_second_save_of_a_commitment_is_refused(client_as, kunming, make_version):
    version = make_version()
    second_user = get_user_model().objects.create_user("kunming.officer2", password="x")
    Membership.objects.create(user=second_user, government=kunming, role=Role.OFFICER)
    first, second = client_as("city_officer"), Client()
    second.force_login(second_user)
    url = f"/en/commitments/{version.commitment_id}/edit/"
    form_a = first.get(url).context["form"]
    form_b = second.get(url).context["form"]
    assert (
        first.post(url, form_data(form_a, partners_en="Kunming Botanical Garden")).status_code
        == 302
    )
    response = second.post(url, form_data(form_b, partners_en="Kunming Institute of Botany"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this record after you opened it" in body
    assert "Kunming Botanical Garden" in body
    version = CommitmentVersion.objects.get(pk=version.pk)
    assert version.partners["en"] == "Kunming Botanical Garden"


def test_the_second_save_of_a_progress_report_is_refused(client_as, kunming, make_version):
    version = make_version()
    second_user = get_user_model().objects.create_user("kunming.officer2", password="x")
    Membership.objects.create(user=second_user, government=kunming, role=Role.OFFICER)
    first, second = client_as("city_officer"), Client()
    second.force_login(second_user)
    response = first.post(
        f"/en/commitments/{version.commitment_id}/reports/new/",
        {"period_start": "2025-01-01", "period_end": "2025-12-31"},
    )
    assert response.status_code == 302, response.context["form"].errors
    pk = int(response["Location"].rstrip("/").split("/")[-2])
    url = f"/en/progress/{pk}/edit/"
    form_a = first.get(url).context["form"]
    form_b = second.get(url).context["form"]
    assert first.post(url, form_data(form_a, value_K1="1200")).status_code == 302
    response = second.post(url, form_data(form_b, value_K1="900"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this record after you opened it" in body
    assert "1200" in body
    assert ProgressReport.objects.get(pk=pk).values.get().value == 1200
