"""How an organisation supports its member governments: notes, capacity offers, batch links.

Who reads what: a note is read by the member's officers and by the staff of the organisation
that wrote it, never by the public; an organisation's offer answers a public capacity need, so
it is public like the plans app's offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from localgbf.web.governments.access import Action, can, can_in_organisation
from localgbf.web.governments.models import Government
from localgbf.web.participation.models import (
    Organisation,
    OrganisationMember,
    OrganisationOffer,
    SupportNote,
)


def may_support(user: Any, organisation: Organisation) -> bool:
    """Staff (and administrators) of the organisation act for it towards its members."""
    return can_in_organisation(user, Action.EDIT, organisation)


def may_answer(user: Any, note: SupportNote) -> bool:
    return can(user, Action.EDIT, note.government)


def notes_readable_by(user: Any, government: Government) -> QuerySet[SupportNote]:
    """The notes to `government` that `user` may read: all for its officers, those of their own
    organisations for organisation staff, none for anyone else."""
    notes = SupportNote.objects.filter(government=government).select_related(
        "organisation", "government", "author", "answered_by"
    )
    if can(user, Action.EDIT, government):
        return notes
    if not getattr(user, "is_authenticated", False):
        return notes.none()
    organisations = Organisation.objects.filter(members__government=government)
    return notes.filter(organisation__in=[o for o in organisations if may_support(user, o)])


def linkable_records(member: OrganisationMember) -> dict[str, list[tuple[str, str]]]:
    """Records of the member a note may point at, by kind: those it shares with the
    organisation (value `kind:pk`, label)."""
    from localgbf.web.assessments.models import Assessment
    from localgbf.web.commitments.models import Commitment
    from localgbf.web.plans.models import PlanVersion

    government = member.government
    out: dict[str, list[tuple[str, str]]] = {}
    if member.shares_topic("plans"):
        out["plans"] = [
            (f"plan_version:{v.pk}", str(v))
            for v in PlanVersion.objects.filter(plan__government=government).order_by("number")
        ]
    if member.shares_topic("assessments"):
        out["assessments"] = [
            (f"assessment:{a.pk}", str(a))
            for a in Assessment.objects.filter(government=government).order_by("pk")
        ]
    if member.shares_topic("commitments"):
        out["commitments"] = [
            (f"commitment:{c.pk}", c.reference)
            for c in Commitment.objects.filter(government=government).order_by("number")
        ]
    return out


def offers_for_need(need: Any) -> list[OrganisationOffer]:
    return list(need.organisation_offers.filter(is_active=True).select_related("organisation"))


@dataclass(frozen=True)
class BatchLink:
    """Where the organisation's staff prepare a batch assessment of a country's members."""

    country: Government
    members: list[Government]
    address: str
    may_launch: bool


def batch_links(user: Any, organisation: Organisation) -> list[BatchLink]:
    """One link per country: the batches app's launch page with that country's members ticked.

    Launching stays the batches app's decision (the country's reviewers and network
    administrators); others are told who launches it.
    """
    from localgbf.web.batches.services import may_launch, targets

    by_country: dict[int, list[Government]] = {}
    countries: dict[int, Government] = {}
    for member in organisation.members.select_related("government__country").order_by(
        "government__code"
    ):
        country = member.government.country
        if country is None or country.pk == member.government.pk:
            continue
        countries[country.pk] = country
        by_country.setdefault(country.pk, []).append(member.government)
    out = []
    for pk, members in by_country.items():
        country = countries[pk]
        assessable = {g.pk for g in targets(country)}
        members = [g for g in members if g.pk in assessable]
        if not members:
            continue
        query = urlencode([("governments", g.code) for g in members])
        out.append(
            BatchLink(
                country=country,
                members=members,
                address=f"{reverse('batches', args=[country.code])}?{query}",
                may_launch=may_launch(user, country),
            )
        )
    return out
