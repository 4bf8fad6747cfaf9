"""Capacity needs and offers, and the page that matches them."""

from localgbf.web.plans.capacity import match
from localgbf.web.plans.models import CapacityNeed, CapacityOffer


def test_offers_match_needs_on_the_same_topic_sharing_languages_first(demo):
    needs = list(CapacityNeed.objects.select_related("government"))
    offers = list(CapacityOffer.objects.select_related("government"))
    found = match(needs, offers)
    dali = next(n for n in needs if n.government.code == "CNDLU")
    assert [(m.offer.government.code, m.shared_languages) for m in found[dali.pk]] == [
        ("CNKMG", ("zh-hans",)),
        ("CNSZX", ("zh-hans",)),
    ]
    kunming = next(n for n in needs if n.government.code == "CNKMG")
    assert [m.offer.government.code for m in found[kunming.pk]] == ["CNSHA"]
    shenzhen = next(n for n in needs if n.government.code == "CNSZX")
    assert found[shenzhen.pk] == []


def test_a_government_is_not_matched_with_its_own_offer(demo):
    need = CapacityNeed.objects.select_related("government").get(government__code="CNDLU")
    own = CapacityOffer.objects.create(
        government=need.government, topic=need.topic, title={"en": "Ours"}, languages=["zh-hans"]
    )
    found = match([need], [own])
    assert found[need.pk] == []


def test_an_officer_adds_a_need_and_sees_it_matched(client_as):
    client = client_as("city_officer")
    response = client.post(
        "/en/governments/CNKMG/capacity/need/new/",
        {"topic": "restoration", "title_en": "Wetland nursery", "languages": ["zh-hans"]},
    )
    assert response.status_code == 302
    page = client.get("/en/plans/capacity/").content.decode()
    assert "Wetland nursery" in page and "Mangrove restoration training" in page


def test_closing_a_need_is_for_its_governments_officers(client_as):
    need = CapacityNeed.objects.get(government__code="CNKMG")
    assert (
        client_as("other_officer").post(f"/en/plans/capacity/need/{need.pk}/close/").status_code
        == 403
    )
    assert (
        client_as("city_officer").post(f"/en/plans/capacity/need/{need.pk}/close/").status_code
        == 302
    )
    need.refresh_from_db()
    assert need.is_open is False
