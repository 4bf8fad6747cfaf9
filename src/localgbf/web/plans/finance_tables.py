"""A country's conversion table to its reporting currency: one rate entered, or a file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.frameworks.tabular import read_table
from localgbf.web.governments import audit
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import ExchangeRate


@transaction.atomic
def save_rate(country: Government, data: dict[str, Any], user: Any) -> ExchangeRate:
    rate, _created = ExchangeRate.objects.update_or_create(
        country=country,
        year=data["year"],
        currency=data["currency"],
        defaults={"rate": data["rate"], "source": data.get("source") or ""},
    )
    audit.record(
        user,
        "finance.rate",
        rate,
        government=country,
        after={"year": rate.year, "currency": rate.currency, "rate": str(rate.rate)},
    )
    return rate


@transaction.atomic
def import_rates(country: Government, data: bytes, name: str, user: Any) -> int:
    """Add or replace rates from a CSV/XLSX conversion table; all rows or none."""
    currencies = vocabulary("currencies")
    rows = read_table(data, name, vocabulary("columns_exchange_rates"))
    seen: dict[tuple[int, str], int] = {}
    parsed = []
    for row in rows:
        year = row.integer("year", low=1990, high=2100)
        currency = row.term("currency", currencies)
        if (year, currency) in seen:
            raise row.error(
                "currency", f"{currency} {year} is also in row {seen[(year, currency)]}"
            )
        seen[(year, currency)] = row.number
        rate = row.decimal("rate", minimum=Decimal(0), above=True)
        parsed.append((year, currency, rate, row.get("source")[:200]))
    for year, currency, rate, source in parsed:
        ExchangeRate.objects.update_or_create(
            country=country,
            year=year,
            currency=currency,
            defaults={"rate": rate, "source": source},
        )
    audit.record(user, "finance.rates.import", country, after={"file": name, "rows": len(parsed)})
    return len(parsed)
