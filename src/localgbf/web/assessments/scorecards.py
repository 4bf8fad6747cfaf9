"""The score card page, its files (CSV, XLSX now; PDF rendered in the background) and rescoring.

The files are built by the pure functions of `localgbf.reporting.scorecard` from the same
score card the page shows.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localgbf.index.errors import IndexInputError
from localgbf.index.scorecard import ScoreCard
from localgbf.reporting.charts import scorecard_chart
from localgbf.reporting.scorecard import scorecard_csv, scorecard_xlsx
from localgbf.web.assessments import services
from localgbf.web.assessments.evidence import evidence_file
from localgbf.web.assessments.forms import RescoreForm
from localgbf.web.assessments.jobs import pdf_job, queue_pdf
from localgbf.web.assessments.lookup import assessment_for, sign_in_redirect
from localgbf.web.assessments.models import Assessment, ScoreCardFile
from localgbf.web.assessments.posting import framed, posted_version
from localgbf.web.datasets.models import file_store
from localgbf.web.governments.access import Action, can

EXPORTS: dict[str, tuple[str, Callable[[ScoreCard, str], str | bytes]]] = {
    "csv": ("text/csv; charset=utf-8", lambda card, lang: scorecard_csv(card, lang=lang)),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda card, lang: scorecard_xlsx(card),
    ),
}


def file_name(row: Assessment, suffix: str) -> str:
    return f"singapore-index-{row.government.code}-{row.reference_year}-{row.edition}.{suffix}"


@sign_in_redirect
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    row = assessment_for(request, pk)
    card, baseline = services.scorecard_for(row)
    lang = get_language() or "en"
    chart = scorecard_chart(card, lang=lang)
    can_edit = row.is_draft and can(request.user, Action.EDIT, row.government)
    differences = services.rescore_differences(row) if can_edit else ()
    return render(
        request,
        "assessments/scorecard.html",
        {
            "row": row,
            "government": row.government,
            "card": card,
            "baseline": baseline,
            "chart_svg": mark_safe(chart.svg),  # built by our own code, text escaped there
            "chart_text": chart.text,
            "can_edit": can_edit,
            "can_administer": can(request.user, Action.ADMINISTER),
            "differences": differences,
            "rescore_form": RescoreForm(differences=differences) if differences else None,
            "band_table": services.current_band_table(row.edition).version,
            "missing": [r for r in card.rows if r.score is None],
        },
    )


@sign_in_redirect
def scorecard_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("no such format")
    row = assessment_for(request, pk)
    card, _baseline = services.scorecard_for(row)
    content_type, build = EXPORTS[fmt]
    response = HttpResponse(build(card, get_language() or "en"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(row, fmt)}"'
    return response


@sign_in_redirect
def scorecard_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the PDF when it is ready, else a page that waits for it. POST: prepare it."""
    row = assessment_for(request, pk)
    card, _baseline = services.scorecard_for(row)
    digest = services.scorecard_digest(card)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("login")
        queue_pdf(row, card, request.user)
        return redirect(f"{request.path}?wait=1")
    ready = ScoreCardFile.objects.filter(assessment=row, digest=digest, format="pdf").first()
    path = file_store().path_for(ready.sha256, "scorecard.pdf") if ready else None
    context = {"row": row, "government": row.government, "job": pdf_job(row, digest)}
    if path is not None and path.is_file():
        if request.GET.get("wait"):
            # The waiting page lands here once: say so, then start the download.
            return render(request, "assessments/pdf_wait.html", context | {"ready": True})
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=file_name(row, "pdf"),
            content_type="application/pdf",
        )
    return render(request, "assessments/pdf_wait.html", context)


@require_POST
@login_required
@sign_in_redirect
def rescore(request: HttpRequest, pk: int) -> HttpResponse:
    row = assessment_for(request, pk, edit=True)
    form = RescoreForm(request.POST, differences=services.rescore_differences(row))
    if form.is_valid() and form.chosen():
        try:
            services.rescore(
                row, form.chosen(), expected_version=posted_version(request), user=request.user
            )
        except services.AssessmentConflict as exc:
            messages.error(request, str(exc))
        except IndexInputError as exc:
            messages.error(request, framed(None, exc))
        else:
            messages.success(
                request,
                _("Indicators %(numbers)s were scored with the current band table.")
                % {"numbers": ", ".join(str(n) for n in form.chosen())},
            )
    else:
        messages.error(request, _("Choose at least one indicator to rescore."))
    return redirect("assessment-scorecard", pk=row.pk)


@sign_in_redirect
def evidence_download(request: HttpRequest, pk: int, sha256: str) -> FileResponse:
    row = assessment_for(request, pk)
    found = evidence_file(row.pure(), sha256)
    if found is None:
        raise Http404("no such evidence file")
    name, path = found
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
