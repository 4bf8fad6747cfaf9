"""A visitor, without an account, comments in Chinese on a city's draft plan in a browser."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from localgbf.web.participation import public
from localgbf.web.participation.models import CommentStatus, PublicComment, PublicConsultation
from localgbf.web.plans.models import PlanVersion

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def consultation(demo_site) -> PublicConsultation:
    draft = PlanVersion.objects.get(plan__government__code="CNKMG", status="draft")
    found = PublicConsultation.objects.filter(version=draft).first()
    if found is not None:
        return found
    today = timezone.localdate()
    return PublicConsultation.objects.create(
        government=draft.plan.government,
        version=draft,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
    )


def test_a_visitor_comments_in_chinese_and_confirms_by_e_mail(
    page, demo_site, consultation, artifacts
):
    url = f"{demo_site}/zh-hans/public-consultations/{consultation.pk}/"
    page.goto(url)
    assert page.locator("h1").inner_text() == "规划草案公众意见征集"
    target = consultation.version.targets.order_by("order").first()
    page.select_option("#id_subject", value=f"t:{target.pk}")
    page.fill("#id_name", "王小明")
    page.fill("#id_email", "xiaoming@example.org")
    page.fill("#id_text", "建议把盘龙江下游湿地纳入这个目标。<script>alert(1)</script>")
    page.select_option("#id_language", value="zh-hans")
    page.screenshot(path=str(artifacts / "public-comment-form-zh-hans.png"), full_page=True)
    page.click("#comment-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "请查收电子邮件"

    comment = PublicComment.objects.get(email="xiaoming@example.org")
    assert comment.status == CommentStatus.UNCONFIRMED
    message = next(m for m in mail.outbox if m.to == ["xiaoming@example.org"])
    link = re.search(r"https?://\S+/public-comments/confirm/\S+/", message.body).group(0)
    page.goto(link)
    page.screenshot(path=str(artifacts / "public-comment-confirm-zh-hans.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "谢谢"
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING

    from localgbf.web.governments.models import Membership

    officer = Membership.objects.filter(government__code="CNKMG", role="officer").first().user
    public.moderate(officer, comment, CommentStatus.PUBLISHED)
    page.goto(url)
    shown = page.locator(f"#comment-{comment.pk}")
    assert "建议把盘龙江下游湿地纳入这个目标。<script>alert(1)</script>" in shown.inner_text()
    page.screenshot(path=str(artifacts / "public-consultation-zh-hans.png"), full_page=True)
