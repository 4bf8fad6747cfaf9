"""Run every benchmark module and print its figures.

A module `benchmarks/<area>.py` exposes `run() -> list[dict]`, each dict with at least
`name`, `value`, `unit`, and optionally `target` and `passed`. Each module runs in its own
process, so one module's peak memory does not colour another's.

    python -m benchmarks            # all
    python -m benchmarks spatial    # one area
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"__main__"}


def modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.iter_modules([str(HERE)])
        if not m.name.startswith("_") and m.name not in SKIP and not m.ispkg
    )


def run_one(name: str) -> list[dict]:
    code = (
        "import json, importlib; "
        f"m = importlib.import_module('benchmarks.{name}'); "
        "print('@@RESULT@@' + json.dumps(m.run() if hasattr(m, 'run') else []))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=HERE.parent, capture_output=True, text=True
    )
    sys.stderr.write(proc.stderr[-4000:])
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            return list(json.loads(line[len("@@RESULT@@") :]))
    return [
        {"name": f"{name}: failed", "value": proc.returncode, "unit": "exit code", "passed": False}
    ]


def main(argv: list[str]) -> int:
    wanted = argv or modules()
    helpers = {m for m in modules() if not _has_run(m)}
    rows: list[dict] = []
    for name in wanted:
        if name in helpers:
            continue
        print(f"== {name}", flush=True)
        for row in run_one(name):
            rows.append(row)
            target = f"  (target {row['target']})" if row.get("target") is not None else ""
            verdict = {True: "  ok", False: "  MISSED"}.get(row.get("passed"), "")
            print(f"  {row['name']}: {row['value']} {row.get('unit', '')}{target}{verdict}")
    missed = [r for r in rows if r.get("passed") is False]
    print(f"\n{len(rows)} figures, {len(missed)} target(s) missed")
    return 0


def _has_run(name: str) -> bool:
    source = (HERE / f"{name}.py").read_text(encoding="utf-8")
    return "\ndef run(" in source


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
