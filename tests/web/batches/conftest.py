"""Fixtures of the batch pages: private folders, the demo country and its demo batch.

The demo builder (tests/web/conftest.py's `demo`) uploads China's two demo layers and leaves a
finished batch of four cities; the tests launch further batches from the same layers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from localgbf.batch import Cluster, open_cluster
from localgbf.web.batches import services
from localgbf.web.batches.models import BatchRun
from localgbf.web.datasets.models import Dataset
from localgbf.web.governments.models import Government


@pytest.fixture(autouse=True)
def private_folders(settings, tmp_path: Path) -> None:
    settings.LOCALGBF_FILE_STORE = tmp_path / "store"
    settings.LOCALGBF_BATCH_DIR = tmp_path / "batches"


@pytest.fixture
def china(demo) -> Government:
    return demo["government:CN"]


@pytest.fixture
def demo_run(china) -> BatchRun:
    return BatchRun.objects.get(country=china, job__params__demo=True)


@pytest.fixture
def layers(china) -> dict[str, Dataset]:
    return {
        "landcover": Dataset.objects.get(government=china, kind="landcover"),
        "boundaries": Dataset.objects.get(government=china, kind="subunits"),
    }


@pytest.fixture
def launch_data(layers) -> dict[str, object]:
    return {
        "landcover": layers["landcover"].pk,
        "boundaries": layers["boundaries"].pk,
        "code_field": "code",
        "name_field": "name",
        "class_map": "esa-worldcover",
        "edition": "2021",
        "governments": ["CNSZX", "CNSHA"],
    }


@pytest.fixture
def threads_cluster(monkeypatch) -> None:
    """Batches run by the job use Dask workers as threads of the test process: the wiring of
    the job is under test here; real worker processes are in tests/batch."""

    @contextmanager
    def in_process() -> Iterator[Cluster]:
        with open_cluster(workers=1, processes=False) as cluster:
            yield cluster

    monkeypatch.setattr(services, "platform_cluster", in_process)
