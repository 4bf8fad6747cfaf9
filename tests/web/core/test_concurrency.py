"""The optimistic lock itself: a fingerprint of the stored values, the check of the form, and the
check under a row lock at save time for the rare save between the two."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from localgbf.web.core.concurrency import (
    EditConflict,
    EditConflictMiddleware,
    fingerprint,
)
from localgbf.web.governments.forms import GovernmentProfileForm
from localgbf.web.governments.models import Government


def posted(form, **changes):
    data = {name: form[name].value() for name in form.fields if name != "boundary_file"}
    data = {k: v for k, v in data.items() if v not in (None, False)}
    data.update(changes)
    return data


def test_the_fingerprint_changes_with_any_stored_value(kunming):
    before = fingerprint(kunming)
    assert fingerprint(Government.objects.get(pk=kunming.pk)) == before
    kunming.website = "https://www.km.gov.cn/changed"
    assert fingerprint(kunming) != before


def test_a_form_checked_before_another_save_is_refused_at_save_time(kunming):
    form = GovernmentProfileForm(instance=kunming)
    data = posted(form, population="9000000")
    bound = GovernmentProfileForm(data, instance=Government.objects.get(pk=kunming.pk))
    assert bound.is_valid(), bound.errors
    Government.objects.filter(pk=kunming.pk).update(population=1)
    with pytest.raises(EditConflict):
        bound.save()
    assert Government.objects.get(pk=kunming.pk).population == 1


def test_a_conflict_at_save_time_is_answered_with_409_and_a_message(db):
    request = RequestFactory().get("/")
    middleware = EditConflictMiddleware(lambda r: None)
    response = middleware.process_exception(request, EditConflict(Government(pk=1)))
    assert response.status_code == 409
    assert "Someone else saved this record at the same moment" in response.content.decode()
    assert middleware.process_exception(request, ValueError()) is None
