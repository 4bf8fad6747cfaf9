"""Taking a computed value into an assessment and confirming it are both in the audit log, with
who did it and the indicator."""

from __future__ import annotations

from localgbf.provenance import IndicatorValue, InputFile
from localgbf.web.assessments import services
from localgbf.web.governments.models import AuditEntry


def test_taking_and_confirming_a_computed_value_are_audited(officer, fresh, kunming, users):
    value = IndicatorValue(
        indicator=1,
        value=18.4,
        unit="percent",
        method_id="spatial.natural_share",
        method_version="1.0",
        inputs=(InputFile(role="landcover", name="lc.tif", sha256="cd" * 32),),
    )
    (record,) = services.add_computations(kunming, [value], "job")
    fresh.refresh_from_db()
    officer.post(
        f"/en/assessments/{fresh.pk}/computations/{record.pk}/",
        {"decision": "take", "version": fresh.version},
    )
    fresh.refresh_from_db()
    officer.post(
        f"/en/assessments/{fresh.pk}/indicators/1/", {"action": "confirm", "version": fresh.version}
    )
    taken = AuditEntry.objects.get(action="assessment.take_computed", object_id=str(fresh.pk))
    confirmed = AuditEntry.objects.get(action="assessment.confirm", object_id=str(fresh.pk))
    assert taken.actor == confirmed.actor == users["city_officer"]
    assert taken.after["computation"] == record.pk
    assert confirmed.government == kunming
