"""The demo country's batch without Django: its national layers, options and kept results.

The demo shows a finished batch of four Chinese demo cities on a synthetic national land cover
(demo_data/README.md). Kunming is left out: it assessed its own WorldCover data (the
assessments demo). Shanghai lies outside the land cover, so it fails with the reason, as a real
batch records a government it cannot assess.

The batch is the national manifest `demo_data/cn_batch.yaml`, which the command line runs as
well. Running it takes seconds, so its outcomes are kept in `demo_data/cn_batch_results.json`
with a key made of the layers' checksums and the options: the demo uses them while the key
matches and runs the batch afresh otherwise. `python -m localgbf.web.batches.demo_batch`
writes the file again; a test checks that the kept outcomes are what the batch computes now.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from localgbf.batch import Manifest, load_manifest, open_cluster, run_batch
from localgbf.batch.run import read_result
from localgbf.frameworks.resources import sha256_of

DATA = Path(__file__).resolve().parent / "demo_data"
MANIFEST = DATA / "cn_batch.yaml"
RESULTS = DATA / "cn_batch_results.json"


def manifest() -> Manifest:
    return load_manifest(MANIFEST)


def options() -> dict[str, Any]:
    """The manifest's options, as the fields of a launched batch."""
    spec = manifest().national
    assert spec is not None
    return {
        "code_field": spec.boundaries.code_field,
        "name_field": spec.boundaries.name_field or "",
        "class_map": spec.class_map,
        "edition": spec.edition,
        "codes": list(spec.codes or ()),
    }


def layers() -> dict[str, Path]:
    spec = manifest().national
    assert spec is not None
    return {"landcover": spec.landcover, "boundaries": spec.boundaries.path}


def result_key() -> str:
    """Everything the kept outcomes depend on: both layers' checksums and the options."""
    data = {role: sha256_of(path) for role, path in layers().items()} | options()
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(message: str, *folders: Path) -> str:
    for folder in folders:
        message = message.replace(f"{folder}/", "")
    return message


def compute() -> dict[str, Any]:
    """Run the demo batch now (workers as threads of this process) and return its outcomes."""
    with tempfile.TemporaryDirectory(prefix="localgbf-demo-batch-") as tmp:
        out = Path(tmp)
        with open_cluster(workers=1, processes=False) as cluster:
            report = run_batch(manifest(), out, cluster)
        outcomes = []
        for run in report.runs:
            result = read_result(run.result_path) if run.result_path is not None else None
            outcomes.append(
                {
                    "code": run.code,
                    "name": run.name,
                    "status": str(run.status),
                    "error": _plain(run.error, out, DATA),
                    "seconds": run.seconds,
                    "peak_mib": run.peak_mib,
                    "result": result.model_dump(mode="json") if result is not None else None,
                }
            )
    return {
        "key": result_key(),
        "cluster": report.cluster,
        "seconds": report.seconds,
        "not_found": list(report.not_found),
        "outcomes": outcomes,
    }


def kept() -> dict[str, Any] | None:
    """The kept outcomes, when they were computed from the layers and options of today."""
    if not RESULTS.is_file():
        return None
    data: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8"))
    return data if data.get("key") == result_key() else None


def main() -> None:
    RESULTS.write_text(json.dumps(compute(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
