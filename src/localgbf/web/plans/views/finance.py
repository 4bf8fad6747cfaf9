"""Finance pages: the roll-up under a government, and a country's conversion table."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from localgbf.frameworks.vocabularies import vocabulary
from localgbf.reporting.finance import regroup, target19_of_sources
from localgbf.web.frameworks.tabular import ImportFileError
from localgbf.web.governments import audit
from localgbf.web.governments.access import Action as Permission
from localgbf.web.governments.access import can
from localgbf.web.governments.models import Government, GovernmentKind
from localgbf.web.plans.access import government_for
from localgbf.web.plans.finance_tables import import_rates, save_rate
from localgbf.web.plans.forms import ExchangeRateForm, FileImportForm, ReportingCurrencyForm
from localgbf.web.plans.models import ExchangeRate, ReportingCurrency
from localgbf.web.plans.rollup import finance_for, rate_table


def finance(request: HttpRequest, code: str) -> HttpResponse:
    government = get_object_or_404(Government, code=code)
    result = finance_for(government, request.user)
    children = list(government.children.order_by("kind", "code"))
    rows = [(child, result.totals_of(child.code)) for child in children]
    totals = result.totals_of(government.code)
    return render(
        request,
        "plans/finance.html",
        {
            "government": government,
            "result": result,
            "totals": totals,
            "target19": regroup(totals.by_source, target19_of_sources()),
            "own": result.own.get(government.code),
            "rows": rows,
            "sources": {t.key: t for t in vocabulary("funding_sources").terms},
        },
    )


def rates(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Government, code=code, kind=GovernmentKind.COUNTRY)
    may_edit = can(request.user, Permission.EDIT, country)
    currency_form = ReportingCurrencyForm(
        request.POST if "currency_only" in request.POST else None,
        initial={"currency": rate_table(country).currency},
    )
    rate_form = ExchangeRateForm(request.POST if "add_rate" in request.POST else None)
    import_form = FileImportForm(
        request.POST if "import" in request.POST else None,
        request.FILES if "import" in request.POST else None,
    )
    if request.method == "POST":
        if not may_edit:
            government_for(request, code, Permission.EDIT)  # raises the refusal
        if "currency_only" in request.POST and currency_form.is_valid():
            with transaction.atomic():
                ReportingCurrency.objects.update_or_create(
                    country=country, defaults={"currency": currency_form.cleaned_data["currency"]}
                )
                audit.record(
                    request.user,
                    "finance.currency",
                    country,
                    after={"currency": currency_form.cleaned_data["currency"]},
                )
            messages.success(request, _("The reporting currency was saved."))
            return redirect("finance-rates", code=code)
        if "add_rate" in request.POST and rate_form.is_valid():
            save_rate(country, rate_form.cleaned_data, request.user)
            messages.success(request, _("The rate was saved."))
            return redirect("finance-rates", code=code)
        if "import" in request.POST and import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                count = import_rates(country, upload.read(), upload.name, request.user)
            except ImportFileError as exc:
                import_form.add_error(None, str(exc))
            else:
                messages.success(request, _("%(n)s rates were imported.") % {"n": count})
                return redirect("finance-rates", code=code)
    return render(
        request,
        "plans/rates.html",
        {
            "country": country,
            "table": ExchangeRate.objects.filter(country=country),
            "currency": rate_table(country).currency,
            "may_edit": may_edit,
            "currency_form": currency_form,
            "rate_form": rate_form,
            "import_form": import_form,
        },
    )
