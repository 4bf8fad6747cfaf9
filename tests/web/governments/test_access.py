"""The one permission function, persona by persona."""

import pytest

from localgbf.web.governments.access import Action, can
from localgbf.web.governments.models import Government

# persona -> (view private Kunming, edit Kunming, review Kunming, edit China, administer)
EXPECTED = {
    "anonymous": (False, False, False, False, False),
    "city_officer": (True, True, False, False, False),
    "region_officer": (False, False, False, False, False),
    "reviewer": (True, False, True, False, False),
    "viewer": (True, False, False, False, False),
    "network_admin": (True, True, True, True, True),
    "other_officer": (False, False, False, False, False),
    "outsider": (False, False, False, False, False),
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_each_persona_gets_exactly_its_rights(persona, users, kunming):
    china = Government.objects.get(code="CN")
    user = users[persona]
    got = (
        can(user, Action.VIEW_PRIVATE, kunming),
        can(user, Action.EDIT, kunming),
        can(user, Action.REVIEW, kunming),
        can(user, Action.EDIT, china),
        can(user, Action.ADMINISTER),
    )
    assert got == EXPECTED[persona]


def test_everyone_may_view_public_content(users, kunming):
    assert all(can(user, Action.VIEW, kunming) for user in users.values())


def test_a_reviewer_does_not_review_its_own_country_record(users):
    assert not can(users["reviewer"], Action.REVIEW, Government.objects.get(code="CN"))


def test_a_reviewer_reviews_a_city_directly_under_the_country(users):
    assert can(users["reviewer"], Action.REVIEW, Government.objects.get(code="CNSHA"))
