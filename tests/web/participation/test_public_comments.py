"""Public consultation on a draft plan: visitors read without an account, comment after an
e-mail confirmation, officers moderate and answer; anti-spam; comments are shown escaped."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from localgbf.web.governments.models import AuditEntry
from localgbf.web.participation import public
from localgbf.web.participation.models import CommentStatus, PublicComment, PublicConsultation
from localgbf.web.plans.models import PlanVersion

DRAFT_URL = "/en/governments/CNKMG/plan/v2/"


@pytest.fixture
def draft(kunming) -> PlanVersion:
    return PlanVersion.objects.get(plan__government=kunming, status="draft")


@pytest.fixture
def consultation(kunming, draft) -> PublicConsultation:
    today = timezone.localdate()
    return PublicConsultation.objects.create(
        government=kunming,
        version=draft,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
    )


def _comment(consultation, client, **extra):
    target = consultation.version.targets.order_by("order").first()
    data = {
        "subject": f"t:{target.pk}",
        "name": "Li Wei",
        "email": "li.wei@example.org",
        "text": "Please add the wetlands of the northern shore.",
        "language": "en",
        "website": "",
    }
    data.update(extra)
    return client.post(f"/en/public-consultations/{consultation.pk}/comment/", data)


def _link(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("viewer", 403), ("other_officer", 403), ("city_officer", 200)],
)
def test_only_the_government_s_officers_open_a_public_consultation(
    client_as, draft, persona, status
):
    url = f"/en/governments/CNKMG/plan/v{draft.number}/public-consultation/new/"
    assert client_as(persona).get(url).status_code == status


def test_a_public_consultation_is_opened_on_a_draft_only(client_as, kunming):
    adopted = PlanVersion.objects.get(plan__government=kunming, status="adopted")
    url = f"/en/governments/CNKMG/plan/v{adopted.number}/public-consultation/new/"
    assert client_as("city_officer").get(url).status_code == 403


def test_the_officer_opens_one_and_it_is_audited(client_as, draft):
    today = timezone.localdate()
    response = client_as("city_officer").post(
        f"/en/governments/CNKMG/plan/v{draft.number}/public-consultation/new/",
        {
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
            "introduction_en": "Tell us what you think.",
        },
    )
    consultation = PublicConsultation.objects.filter(version=draft).latest("pk")
    assert response.status_code == 302
    assert consultation.introduction == {"en": "Tell us what you think."}
    assert AuditEntry.objects.filter(action="public_consultation.open").count() == 1


def test_a_visitor_reads_the_draft_without_an_account(client_as, consultation):
    target = consultation.version.targets.order_by("order").first()
    page = client_as("anonymous").get(f"/en/public-consultations/{consultation.pk}/")
    assert page.status_code == 200
    assert target.title["en"] in page.content.decode()


def test_a_comment_is_shown_only_once_confirmed_by_e_mail_and_published(client_as, consultation):
    visitor = client_as("anonymous")
    response = _comment(consultation, visitor)
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    comment = PublicComment.objects.get(consultation=consultation)
    assert comment.status == CommentStatus.UNCONFIRMED
    (message,) = mail.outbox
    assert message.to == ["li.wei@example.org"]
    page = f"/en/public-consultations/{consultation.pk}/"
    assert "northern shore" not in visitor.get(page).content.decode()

    link = _link(message)
    assert visitor.get(link).status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.UNCONFIRMED  # opening the link alone confirms nothing
    visitor.post(link)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert "northern shore" not in visitor.get(page).content.decode()
    assert "northern shore" in client_as("city_officer").get(page).content.decode()

    response = client_as("city_officer").post(
        f"/en/public-comments/{comment.pk}/moderate/", {"status": "published"}
    )
    assert response.status_code == 302
    assert "northern shore" in visitor.get(page).content.decode()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"public_comment.submit", "public_comment.confirm", "public_comment.moderate"} <= actions


@pytest.mark.parametrize("persona", ["anonymous", "viewer", "other_officer", "network_staff"])
def test_only_officers_moderate(client_as, consultation, persona):
    _comment(consultation, client_as("anonymous"))
    comment = PublicComment.objects.get(consultation=consultation)
    public.confirm(comment)
    response = client_as(persona).post(
        f"/en/public-comments/{comment.pk}/moderate/", {"status": "published"}
    )
    assert response.status_code in (302, 403) and response.status_code != 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_forged_or_altered_link_confirms_nothing(client_as, consultation):
    _comment(consultation, client_as("anonymous"))
    link = _link(mail.outbox[0])
    response = client_as("anonymous").post(link[:-3] + "abc/")
    assert response.status_code == 400
    assert PublicComment.objects.get(consultation=consultation).status == CommentStatus.UNCONFIRMED


def test_the_honeypot_stores_nothing_and_sends_nothing(client_as, consultation):
    response = _comment(consultation, client_as("anonymous"), website="http://spam.example")
    assert response.status_code == 200
    assert not consultation.comments.exists() and mail.outbox == []


def test_too_many_links_are_refused(client_as, consultation):
    text = "see http://a.example http://b.example www.c.example"
    response = _comment(consultation, client_as("anonymous"), text=text)
    assert response.status_code == 400
    assert "at most 2 links" in response.content.decode()
    assert not consultation.comments.exists()


def test_an_address_may_send_five_comments_an_hour(client_as, consultation):
    visitor = client_as("anonymous")
    for n in range(5):
        assert _comment(consultation, visitor, text=f"Comment {n}").status_code == 200
    response = _comment(consultation, visitor, email="LI.WEI@example.org", text="Sixth")
    assert response.status_code == 400
    assert "sent 5 comments in the last hour" in response.content.decode()
    assert consultation.comments.count() == 5


def test_a_comment_with_a_script_tag_is_stored_inert_and_shown_escaped(
    client_as, users, consultation
):
    script = "<script>alert('x')</script> more trees"
    _comment(consultation, client_as("anonymous"), text=script)
    comment = PublicComment.objects.get(consultation=consultation)
    assert comment.text == script
    public.confirm(comment)
    public.moderate(users["city_officer"], comment, "published")
    page = (
        client_as("anonymous").get(f"/en/public-consultations/{consultation.pk}/").content.decode()
    )
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; more trees" in page


def test_a_closed_consultation_takes_no_comment(client_as, consultation):
    consultation.closed_at = timezone.now()
    consultation.save()
    response = _comment(consultation, client_as("anonymous"))
    assert response.status_code == 302
    assert not consultation.comments.exists()


def test_the_answer_shows_on_the_plan_version_page(client_as, users, consultation):
    _comment(consultation, client_as("anonymous"))
    comment = PublicComment.objects.get(consultation=consultation)
    public.confirm(comment)
    officer = client_as("city_officer")
    officer.post(f"/en/public-comments/{comment.pk}/moderate/", {"status": "published"})
    response = officer.post(
        f"/en/public-comments/{comment.pk}/answer/",
        {"answer": "The northern shore is now in target 1.", "led_to_change": "on"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.led_to_change and comment.answered_by == users["city_officer"]
    page = officer.get(
        f"/en/governments/CNKMG/plan/v{consultation.version.number}/"
    ).content.decode()
    assert "The northern shore is now in target 1." in page
    assert "changed in response" in page


def test_the_consultation_page_reads_in_chinese(client_as, consultation):
    page = client_as("anonymous").get(f"/zh-hans/public-consultations/{consultation.pk}/")
    assert page.status_code == 200
    assert "规划草案公众意见征集" in page.content.decode()
