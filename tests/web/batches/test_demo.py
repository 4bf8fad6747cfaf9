"""The demo: China's layers, and a finished batch whose values wait in four cities."""

from __future__ import annotations

import pytest

from localgbf.web.assessments.models import ComputationRecord
from localgbf.web.batches import demo_batch
from localgbf.web.batches.models import BatchItem, BatchRun
from localgbf.web.core.demo import build_demo


def test_the_demo_has_a_finished_batch_of_four_cities(demo_run):
    assert demo_run.job.status == "succeeded" and demo_run.created_by.username == "china.reviewer"
    items = {i.code: i for i in demo_run.items.all()}
    assert sorted(items) == ["CNCAN", "CNDLU", "CNSHA", "CNSZX"]
    assert [items[c].status for c in ("CNDLU", "CNSZX", "CNCAN")] == ["done"] * 3
    assert items["CNSHA"].status == "failed" and "does not cover feature 5" in items["CNSHA"].error
    records = ComputationRecord.objects.filter(job=demo_run.job)
    assert records.count() == sum(i.records for i in items.values()) == 12
    assert {r.source for r in records} == {"batch"} and {r.status for r in records} == {"pending"}


def test_kunming_keeps_only_its_own_computed_value(demo_run):
    assert not ComputationRecord.objects.filter(job=demo_run.job, government__code="CNKMG").exists()


def test_the_demo_is_idempotent(demo_run):
    counts = (
        BatchRun.objects.count(),
        BatchItem.objects.count(),
        ComputationRecord.objects.count(),
    )
    build_demo()
    assert (
        BatchRun.objects.count(),
        BatchItem.objects.count(),
        ComputationRecord.objects.count(),
    ) == counts


def test_the_demo_pages_read_well_in_both_languages(client_as, demo_run):
    client = client_as("reviewer")
    en = client.get(f"/en/batches/{demo_run.pk}/").content.decode()
    assert "Dali" in en and "values pre-filled by batch, to be confirmed" in en
    assert "synthetic" in en
    zh = client.get(f"/zh-hans/batches/{demo_run.pk}/").content.decode()
    assert "大理市" in zh and "批量" in zh


def test_the_kept_outcomes_match_the_layers_of_today():
    assert demo_batch.kept() is not None, "run: python -m localgbf.web.batches.demo_batch"


@pytest.mark.slow
def test_the_kept_outcomes_are_what_the_batch_computes_now():
    kept, now = demo_batch.kept(), demo_batch.compute()
    assert kept is not None

    def values(data):
        return {
            o["code"]: (o["status"], o["error"], o["result"] and {
                k: o["result"][k] for k in ("indicators", "scores", "skipped", "method_versions")
            })
            for o in data["outcomes"]
        }  # fmt: skip

    assert values(now) == values(kept), "run: python -m localgbf.web.batches.demo_batch"
