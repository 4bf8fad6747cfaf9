"""Gathering the records behind the Plan of Action implementation report.

The report itself is counted by `localgbf.reporting.plan_of_action_report` from plain data;
this module reads the database into that data. For a country: every subnational government of
the country, every record (the readers are the country's reviewers, or the CLI's operator).
For a network: its member governments, with what each shares with the network (drafts of
plans, assessments and commitments only when the member shares that topic; adopted plans,
completed assessments and accepted commitments are public anyway).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from localgbf.reporting.plan_of_action_report import (
    CepaFacts,
    ConsultationFacts,
    GovernmentFacts,
    MoneyFacts,
    PlanFacts,
    Ref,
    ReportInput,
    ReviewFacts,
)
from localgbf.web.core.fields import as_text
from localgbf.web.governments.models import Government
from localgbf.web.participation.models import (
    CommentStatus,
    Consultation,
    Organisation,
    OrganisationOffer,
    PublicComment,
)

ALL_TOPICS = frozenset({"plans", "assessments", "commitments"})


def _pair(value: object, fallback: str) -> dict[str, str]:
    text = as_text(value if isinstance(value, dict) else None)
    if text is None:
        return {"en": fallback, "zh-hans": fallback}
    return {lang: text.get(lang) for lang in ("en", "zh-hans")}


def _plan(
    government: Government, shares: frozenset[str], url: Callable[[str], str]
) -> tuple[PlanFacts | None, object]:
    plan = getattr(government, "plan", None) if hasattr(government, "plan") else None
    version = plan.in_force() if plan is not None else None
    if version is None or (version.status == "draft" and "plans" not in shares):
        return None, None
    targets = version.targets.all()
    linked = (
        targets.filter(links__element__framework__kind__in=["national", "global"])
        .distinct()
        .count()
    )
    ref = Ref(
        f"{government.code} {version}",
        url(reverse("plan-version", args=[government.code, version.number])),
    )
    facts = PlanFacts(
        ref=ref,
        status=version.status,
        follows_national_targets=version.national_framework_id is not None,
        targets=targets.count(),
        targets_linked=linked,
    )
    return facts, version


def government_facts(
    government: Government,
    shares: frozenset[str] = ALL_TOPICS,
    url: Callable[[str], str] = str,
    matched_need_ids: frozenset[int] = frozenset(),
) -> GovernmentFacts:
    from localgbf.web.assessments.models import Assessment
    from localgbf.web.commitments.models import Commitment, ProgressReport
    from localgbf.web.datasets.models import Dataset
    from localgbf.web.plans.models import BudgetLine

    code = government.code
    plan, version = _plan(government, shares, url)
    money: tuple[MoneyFacts, ...] = ()
    if version is not None:
        finance = Ref(f"{code} finance", url(reverse("finance", args=[code])))
        money = tuple(
            MoneyFacts(line.source, line.currency, line.amount, line.status, finance)
            for line in BudgetLine.objects.filter(action__version=version)
        )
    capacity = url(reverse("capacity"))
    needs = list(government.capacity_needs.filter(is_open=True))
    assessments = Assessment.objects.filter(government=government).order_by("pk")
    if "assessments" not in shares:
        assessments = assessments.filter(status="completed")
    commitments = []
    for commitment in Commitment.objects.filter(government=government).order_by("number"):
        latest = commitment.latest_version()
        if latest is None or ("commitments" not in shares and latest.state != "accepted"):
            continue
        commitments.append(
            ReviewFacts(
                Ref(commitment.reference, url(reverse("commitment", args=[commitment.pk]))),
                latest.state,
            )
        )
    reports = ProgressReport.objects.filter(commitment__government=government).order_by("pk")
    if "commitments" not in shares:
        reports = reports.filter(state="accepted")
    return GovernmentFacts(
        code=code,
        name=_pair(government.name, code),
        ref=Ref(f"{code} {government}", url(reverse("government", args=[code]))),
        plan=plan,
        money=money,
        capacity_needs=tuple(Ref(f"{code} {n}", capacity) for n in needs),
        capacity_offers=tuple(
            Ref(f"{code} {o}", capacity) for o in government.capacity_offers.filter(is_active=True)
        ),
        organisation_offers=tuple(
            Ref(f"{code} {o.organisation.code}: {o}", capacity)
            for o in OrganisationOffer.objects.filter(
                need__in=needs, is_active=True
            ).select_related("organisation")
        ),
        matched_needs=tuple(
            Ref(f"{code} {n}", capacity) for n in needs if n.pk in matched_need_ids
        ),
        technology_transfers=tuple(
            Ref(f"{code} {x}", url(reverse("plan", args=[code])))
            for x in government.technology_transfers.all()
        ),
        public_consultations=tuple(
            Ref(f"{code} {c.version}", url(reverse("public-consultation", args=[c.pk])))
            for c in government.public_consultations.select_related("version")
        ),
        published_comments=PublicComment.objects.filter(
            consultation__government=government, status=CommentStatus.PUBLISHED
        ).count(),
        cepa=tuple(
            CepaFacts(Ref(f"{code} {a}", url(reverse("cepa", args=[code]))), a.kind, a.reach)
            for a in government.cepa_activities.all()
        ),
        assessments=tuple(
            ReviewFacts(Ref(f"{code} {a}", url(reverse("assessment", args=[a.pk]))), a.status)
            for a in assessments
        ),
        datasets=tuple(
            Ref(f"{code} {d.title}", url(reverse("dataset", args=[d.pk])))
            for d in Dataset.objects.filter(government=government).order_by("pk")
        )
        if "assessments" in shares
        else (),
        commitments=tuple(commitments),
        progress_reports=tuple(
            ReviewFacts(Ref(f"{code} {p}", url(reverse("progress-report", args=[p.pk]))), p.state)
            for p in reports
        ),
    )


def _matched_needs(governments: list[Government]) -> frozenset[int]:
    from localgbf.web.plans.capacity import match
    from localgbf.web.plans.models import CapacityNeed, CapacityOffer

    needs = CapacityNeed.objects.filter(government__in=governments, is_open=True).select_related(
        "government"
    )
    offers = CapacityOffer.objects.filter(is_active=True).select_related("government")
    answered = OrganisationOffer.objects.filter(need__in=needs, is_active=True).values_list(
        "need_id", flat=True
    )
    return frozenset(pk for pk, found in match(needs, offers).items() if found) | frozenset(
        answered
    )


def _consultation_facts(
    consultations: list[Consultation], url: Callable[[str], str], authors: Q | None = None
) -> tuple[ConsultationFacts, ...]:
    out = []
    for c in consultations:
        inputs = c.inputs.select_related("government", "organisation")
        if authors is not None:
            inputs = inputs.filter(authors)
        rows = list(inputs)
        out.append(
            ConsultationFacts(
                ref=Ref(f"{c.country.code} {c}", url(reverse("consultation", args=[c.pk]))),
                inputs=len(rows),
                taken_up=sum(1 for i in rows if i.taken_up),
                authors=tuple(sorted({i.author.code for i in rows})),
            )
        )
    return tuple(out)


def country_input(country: Government, url: Callable[[str], str] = str) -> ReportInput:
    governments = list(
        Government.objects.filter(country=country).exclude(pk=country.pk).order_by("path")
    )
    matched = _matched_needs(governments)
    organisations = Organisation.objects.filter(
        Q(country=country) | Q(members__government__country=country)
    ).distinct()
    consultations = list(Consultation.objects.filter(country=country).order_by("opens_on", "pk"))
    return ReportInput(
        scope="country",
        code=country.code,
        name=_pair(country.name, country.code),
        generated_on=timezone.localdate(),
        governments=tuple(government_facts(g, ALL_TOPICS, url, matched) for g in governments),
        consultations=_consultation_facts(consultations, url),
        organisations=tuple(
            Ref(str(o), url(reverse("organisation", args=[o.code]))) for o in organisations
        ),
        is_demo=country.is_demo,
    )


def network_input(organisation: Organisation, url: Callable[[str], str] = str) -> ReportInput:
    members = list(organisation.members.select_related("government").order_by("government__code"))
    governments = [m.government for m in members]
    matched = _matched_needs(governments)
    authors = Q(organisation=organisation) | Q(government__in=governments)
    consultations = list(
        Consultation.objects.filter(
            Q(inputs__organisation=organisation) | Q(inputs__government__in=governments)
        )
        .distinct()
        .select_related("country")
        .order_by("opens_on", "pk")
    )
    return ReportInput(
        scope="network",
        code=organisation.code,
        name=_pair(organisation.name, organisation.code),
        generated_on=timezone.localdate(),
        governments=tuple(
            government_facts(m.government, frozenset(m.shares or []), url, matched) for m in members
        ),
        consultations=_consultation_facts(consultations, url, authors),
        organisations=(
            Ref(str(organisation), url(reverse("organisation", args=[organisation.code]))),
        ),
        is_demo=organisation.is_demo,
    )
