"""Gather commitments from the database and call the pure exporters of `localgbf.reporting`:
the ORT stakeholder-commitment files and the roll-up into the national report. The CLI
(`localgbf export ...`) and the web downloads both call these functions.

Only what is public goes in: accepted commitment versions, accepted progress reports, plans in
force that are adopted (a draft plan is counted, never shown). The ORT files carry the
government's official contact for CBD submissions, nothing from user accounts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from localgbf.frameworks.kmgbf import kmgbf
from localgbf.frameworks.text import Text
from localgbf.reporting.coverage import effective_links
from localgbf.reporting.national_report import (
    Contribution,
    Element,
    KpiFigures,
    NationalReport,
    NationalReportInput,
    PlanState,
    national_report,
)
from localgbf.reporting.ort import (
    OrtCommitment,
    OrtContact,
    OrtDocumentLink,
    OrtExportError,
    OrtKpi,
    OrtReference,
    ort_document,
    ort_filename,
)
from localgbf.web.commitments.models import (
    CommitmentVersion,
    OfficialContact,
    ProgressReport,
)
from localgbf.web.commitments.review import ReviewState
from localgbf.web.core.fields import as_text
from localgbf.web.frameworks.models import ElementAlignment, FrameworkElement
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.plans.models import Action, AlignmentLink, PlanStatus, PlanVersion
from localgbf.web.plans.services import current_national_framework

NATIONAL_KIND = "national_target"


def _text(value: dict[str, Any] | None) -> Text | None:
    return as_text(value)


def _required_text(value: dict[str, Any] | None, fallback: str) -> Text:
    return as_text(value) or Text(values={"en": fallback})


def _governments_of(government: Government) -> list[Government]:
    """The government itself and, for a country or region, every government under it."""
    return list(
        Government.objects.filter(Q(pk=government.pk) | Q(path__startswith=f"{government.path}/"))
    )


def thesaurus_ids() -> dict[tuple[str, str], str]:
    """(element kind, code) -> the CBD thesaurus identifier the ORT uses for it."""
    fw = kmgbf()
    ids = {("goal", g.code): g.cbd_thesaurus_id for g in fw.goals}
    ids |= {("target", t.code): t.cbd_thesaurus_id for t in fw.targets}
    ids |= {
        (f"{i.kind}_indicator", i.code): i.ort_identifier for i in fw.indicators if i.ort_identifier
    }
    return ids


def _contact(government: Government) -> OrtContact | None:
    row = OfficialContact.objects.filter(government=government).first()
    if row is None:
        return None
    return OrtContact(
        first_name=row.first_name,
        last_name=row.last_name,
        designation=_required_text(row.designation, "-"),
        department=_required_text(row.department, "-"),
        organization=_required_text(row.organization, government.display_name("en")),
        organization_acronym=_text(row.organization_acronym),
        address=_required_text(row.address, "-"),
        city=_required_text(row.city, "-"),
        state=_required_text(row.state, "-"),
        postal_code=row.postal_code,
        phones=tuple(row.phones or ()),
        emails=tuple(row.emails or ()),
        websites=tuple(row.websites or ()),
    )


def _reference(element: FrameworkElement) -> OrtReference:
    return OrtReference(
        code=element.code, identifier=element.external_id, version=element.external_version
    )


def ort_commitment(
    version: CommitmentVersion,
    ids: dict[tuple[str, str], str] | None = None,
    contact: OrtContact | None = None,
) -> OrtCommitment:
    """The plain record of an accepted version, ready for `localgbf.reporting.ort`."""
    ids = ids if ids is not None else thesaurus_ids()
    commitment = version.commitment
    government = commitment.government
    country = government.country or government

    def global_id(element: FrameworkElement | None) -> str:
        if element is None:
            return ""
        return ids.get((element.kind, element.code), f"{element.kind}:{element.code}")

    return OrtCommitment(
        identifier=str(commitment.ort_identifier),
        reference=commitment.reference,
        government_code=government.code,
        government_kind=government.kind,
        government_name=_required_text(government.name, government.code),
        country_code=country.iso_3166 or country.code,
        contact=contact if contact is not None else _contact(government),
        title=_required_text(version.title, commitment.reference),
        description=_required_text(version.description, "-"),
        timeline_start=version.timeline_start,
        timeline_end=version.timeline_end,
        is_open_ended=version.is_open_ended,
        next_steps=_text(version.next_steps),
        performance=_text(version.performance),
        kpis=tuple(
            OrtKpi(
                title=_required_text(k.title, k.code),
                unit=k.unit,
                baseline=k.baseline_value,
                baseline_year=k.baseline_year,
                target=k.target_value,
                deadline=k.deadline,
            )
            for k in version.kpis.all()
        ),
        endorsements=_text(version.endorsements),
        coverage_other=_text(version.coverage_other),
        is_linked_to_nbsap=version.is_linked_to_nbsap,
        primary_global=global_id(version.primary_global),
        other_global=tuple(global_id(e) for e in version.other_global.order_by("order")),
        primary_national=_reference(version.primary_national) if version.primary_national else None,
        other_national=tuple(_reference(e) for e in version.other_national.order_by("order")),
        alignment_information=_text(version.alignment_information),
        indicators=tuple(
            ids[(e.kind, e.code)]
            for e in version.indicators.order_by("order")
            if (e.kind, e.code) in ids
        ),
        funding_sources=tuple(version.funding_sources or ()),
        funding_details=_text(version.funding_details),
        is_funding_sufficient=version.is_funding_sufficient,
        international_frameworks=_text(version.international_frameworks),
        partners=_text(version.partners),
        is_reporting_on_target15=version.is_reporting_on_target15,
        target15_information=_text(version.target15_information),
        is_progress_tracked=version.is_progress_tracked,
        progress_information=_text(version.progress_information),
        progress_tracking_url=version.progress_tracking_url,
        implementation_strategies=_text(version.implementation_strategies),
        additional_information=_text(version.additional_information),
        documents=tuple(
            OrtDocumentLink(title=_required_text(d.title, d.url), url=d.url)
            for d in version.documents.all()
        ),
    )


@dataclass
class OrtExport:
    """The files of an ORT export, and the accepted commitments that could not be written."""

    files: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # reference, reason


def accepted_versions(government: Government) -> list[CommitmentVersion]:
    """The version in force of each accepted commitment of `government` and those under it."""
    chosen: dict[int, CommitmentVersion] = {}
    rows = (
        CommitmentVersion.objects.filter(
            state=ReviewState.ACCEPTED,
            commitment__government__in=_governments_of(government),
        )
        .select_related("commitment__government__country", "primary_global", "primary_national")
        .order_by("commitment__government__code", "commitment__number", "-number")
    )
    for version in rows:
        chosen.setdefault(version.commitment_id, version)
    return list(chosen.values())


def export_ort(government: Government) -> OrtExport:
    """ORT records of every accepted commitment of `government` (and those under it)."""
    ids = thesaurus_ids()
    export = OrtExport()
    for version in accepted_versions(government):
        record = ort_commitment(version, ids)
        try:
            document = ort_document(record)
        except OrtExportError as exc:
            export.skipped.append((record.reference, str(exc)))
            continue
        export.files.append((ort_filename(record), document))
    return export


# ---------------------------------------------------------------------------- national report


def _latest_levels(commitment_ids: list[int]) -> dict[int, tuple[str, dict[str, Decimal]]]:
    """Commitment -> (level, {KPI code: value}) of its latest accepted progress report."""
    out: dict[int, tuple[str, dict[str, Decimal]]] = {}
    reports = (
        ProgressReport.objects.filter(commitment_id__in=commitment_ids, state=ReviewState.ACCEPTED)
        .order_by("commitment_id", "-period_end", "-pk")
        .prefetch_related("values__kpi")
    )
    for report in reports:
        if report.commitment_id in out:
            continue
        values = {v.kpi.code: v.value for v in report.values.all()}
        out[report.commitment_id] = (report.level, values)
    return out


def _commitment_contributions(country: Government, framework_id: int | None) -> list[Contribution]:
    versions = accepted_versions(country)
    latest = _latest_levels([v.commitment_id for v in versions])
    out = []
    for v in versions:
        level, values = latest.get(v.commitment_id, ("", {}))
        national_elements = [e for e in [v.primary_national] if e is not None]
        national_elements += list(v.other_national.all())
        national = [e.code for e in national_elements if e.framework_id == framework_id]
        global_elements = [e for e in [v.primary_global] if e is not None]
        global_elements += list(v.other_global.all())
        government = v.commitment.government
        out.append(
            Contribution(
                kind="commitment",
                id=v.commitment.reference,
                government=government.code,
                government_name=_required_text(government.name, government.code),
                title=_required_text(v.title, v.commitment.reference),
                national=tuple(dict.fromkeys(national)),
                kmgbf_targets=tuple(e.code for e in global_elements if e.kind == "target"),
                kmgbf_goals=tuple(e.code for e in global_elements if e.kind == "goal"),
                level=level or None,
                kpis=tuple(
                    KpiFigures(
                        unit=k.unit,
                        target=k.target_value,
                        baseline=k.baseline_value,
                        latest=values.get(k.code),
                    )
                    for k in v.kpis.all()
                ),
            )
        )
    return out


def _action_contributions(
    versions: list[PlanVersion], framework_id: int | None
) -> list[Contribution]:
    """Actions of adopted plans with their effective links, by the coverage matrix's rule
    (`localgbf.reporting.coverage.effective_links`, for national and KMGBF links apart)."""
    by_target: dict[int, list[FrameworkElement]] = defaultdict(list)
    by_action: dict[int, list[FrameworkElement]] = defaultdict(list)
    for link in AlignmentLink.objects.filter(version__in=versions).select_related("element"):
        if link.target_id is not None:
            by_target[link.target_id].append(link.element)
        else:
            by_action[link.action_id].append(link.element)
    out = []
    actions = Action.objects.filter(version__in=versions).select_related(
        "target", "version__plan__government"
    )
    for action in actions:
        if action.local_only:
            continue
        own = by_action.get(action.pk, [])
        served = [] if action.target.local_only else by_target.get(action.target_id, [])
        national = effective_links(
            [e.code for e in own if e.kind == NATIONAL_KIND and e.framework_id == framework_id],
            [e.code for e in served if e.kind == NATIONAL_KIND and e.framework_id == framework_id],
        )
        global_ = effective_links(
            [e for e in own if e.kind in ("target", "goal")],
            [e for e in served if e.kind in ("target", "goal")],
        )
        if not national and not global_:
            continue
        government = action.version.plan.government
        out.append(
            Contribution(
                kind="action",
                id=f"{government.code}:{action.code}",
                government=government.code,
                government_name=_required_text(government.name, government.code),
                title=_required_text(action.title, action.code),
                national=tuple(national),
                kmgbf_targets=tuple(e.code for e in global_ if e.kind == "target"),
                kmgbf_goals=tuple(e.code for e in global_ if e.kind == "goal"),
            )
        )
    return out


def _plan_states(country: Government) -> tuple[list[PlanState], list[PlanVersion]]:
    governments = [g for g in _governments_of(country) if g.pk != country.pk]
    versions = PlanVersion.objects.filter(
        plan__government__in=governments, status__in=[PlanStatus.ADOPTED, PlanStatus.DRAFT]
    ).select_related("plan")
    status: dict[int, tuple[str, str]] = {}
    adopted: list[PlanVersion] = []
    for v in versions:
        if v.status == PlanStatus.ADOPTED:
            status[v.plan.government_id] = (v.plan.kind, "adopted")
            adopted.append(v)
        else:
            status.setdefault(v.plan.government_id, (v.plan.kind, "draft"))
    states = [
        PlanState(
            government=g.code,
            government_kind=g.kind,
            plan_kind=status[g.pk][0] if g.pk in status else None,
            status=status[g.pk][1] if g.pk in status else None,  # type: ignore[arg-type]
        )
        for g in sorted(governments, key=lambda g: g.code)
    ]
    return states, adopted


def national_report_input(country: Government) -> NationalReportInput:
    framework = current_national_framework(country)
    national: list[Element] = []
    if framework is not None:
        aligned: dict[int, list[FrameworkElement]] = defaultdict(list)
        for row in ElementAlignment.objects.filter(element__framework=framework).select_related(
            "aligned_to"
        ):
            aligned[row.element_id].append(row.aligned_to)
        for e in framework.elements.filter(kind=NATIONAL_KIND).order_by("order"):
            national.append(
                Element(
                    code=e.code,
                    title=_required_text(e.title, e.code),
                    kmgbf_targets=tuple(a.code for a in aligned[e.pk] if a.kind == "target"),
                    kmgbf_goals=tuple(a.code for a in aligned[e.pk] if a.kind == "goal"),
                )
            )
    fw = kmgbf()
    states, adopted = _plan_states(country)
    framework_id = framework.pk if framework is not None else None
    return NationalReportInput(
        country=country.code,
        country_name=_required_text(country.name, country.code),
        national_targets=tuple(national),
        kmgbf_targets=tuple(Element(code=t.code, title=t.title) for t in fw.targets),
        kmgbf_goals=tuple(Element(code=g.code, title=g.title) for g in fw.goals),
        governments=tuple(states),
        contributions=tuple(
            [
                *_commitment_contributions(country, framework_id),
                *_action_contributions(adopted, framework_id),
            ]
        ),
        national_framework=f"{framework.slug} ({framework.version})" if framework else None,
        is_demo=country.is_demo,
    )


def country_report(country: Government) -> NationalReport:
    if country.kind != GovernmentKind.COUNTRY:
        raise ValueError(f"{country.code} is not a country")
    return national_report(national_report_input(country))


def today() -> Any:
    return timezone.localdate()
