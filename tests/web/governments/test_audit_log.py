"""Role changes are audited, and network administrators read the audit log on a page with
filters, in English and Chinese; nobody else may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from localgbf.web.governments import audit
from localgbf.web.governments.models import AuditEntry, Government, Membership, Role

URL = "/en/governments/audit/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("city_officer", 403),
        ("viewer", 403),
        ("reviewer", 403),
        ("network_staff", 403),
        ("network_admin", 200),
    ],
)
def test_only_network_administrators_read_the_audit_log(client_as, persona, status):
    assert client_as(persona).get(URL).status_code == status


def test_a_superuser_reads_the_audit_log(client, db):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert client.get(URL).status_code == 200


def test_granting_changing_and_revoking_a_role_in_the_admin_is_audited(client_as, users, kunming):
    admin = client_as("network_admin")
    outsider = users["outsider"]
    response = admin.post(
        "/admin/governments/membership/add/",
        {"user": outsider.pk, "government": kunming.pk, "role": Role.VIEWER},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=outsider)
    granted = AuditEntry.objects.get(action="role.grant")
    assert granted.actor == users["network_admin"]
    assert granted.after == {"user": "outsider", "government": "CNKMG", "role": "viewer"}
    assert granted.government == kunming

    admin.post(
        f"/admin/governments/membership/{membership.pk}/change/",
        {"user": outsider.pk, "government": kunming.pk, "role": Role.OFFICER},
    )
    changed = AuditEntry.objects.get(action="role.change")
    assert (changed.before["role"], changed.after["role"]) == ("viewer", "officer")

    admin.post(f"/admin/governments/membership/{membership.pk}/delete/", {"post": "yes"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    revoked = AuditEntry.objects.get(action="role.revoke")
    assert revoked.before == {"user": "outsider", "government": "CNKMG", "role": "officer"}


def entry(action, government, actor, days_ago=0):
    row = audit.record(actor, action, government, government=government)
    AuditEntry.objects.filter(pk=row.pk).update(at=timezone.now() - dt.timedelta(days=days_ago))
    return row


def test_the_filters_narrow_the_entries(client_as, users, kunming):
    AuditEntry.objects.all().delete()
    yunnan = Government.objects.get(code="CN-YN")
    entry("review.accept", kunming, users["reviewer"])
    entry("review.return", yunnan, users["reviewer"], days_ago=10)
    entry("national.import", kunming, users["city_officer"], days_ago=3)
    admin = client_as("network_admin")

    def shown(**query):
        page = admin.get(URL, query).context["page"]
        return sorted(e.action for e in page)

    assert shown() == ["national.import", "review.accept", "review.return"]
    assert shown(action="review") == ["review.accept", "review.return"]
    assert shown(government="cnkmg") == ["national.import", "review.accept"]
    assert shown(user="kunming.officer") == ["national.import"]
    since = (timezone.now() - dt.timedelta(days=5)).date().isoformat()
    assert shown(since=since) == ["national.import", "review.accept"]
    until = (timezone.now() - dt.timedelta(days=5)).date().isoformat()
    assert shown(until=until) == ["review.return"]


def test_the_log_is_paginated_newest_first(client_as, users, kunming):
    AuditEntry.objects.all().delete()
    for n in range(55):
        entry(f"test.{n:02d}", kunming, users["city_officer"], days_ago=55 - n)
    admin = client_as("network_admin")
    first = admin.get(URL).context["page"]
    assert len(first) == 50 and first[0].action == "test.54"
    second = admin.get(URL, {"page": 2, "action": "test"})
    assert [e.action for e in second.context["page"]][-1] == "test.00"
    assert "action=test&amp;page=1" in second.content.decode()


def test_the_page_is_in_chinese(client_as):
    body = client_as("network_admin").get("/zh-hans/governments/audit/").content.decode()
    assert "Audit log" not in body
    assert "审计日志" in body
