"""Write the results the demo keeps: `monaco_result.json` (the demo computation) and
`../../species/demo_data/monaco_species_summary.json` (the species page), each with the key of
the inputs it was computed from. Run from the repository root after changing the demo files
or the methods:

    .venv/bin/python src/localgbf/web/computations/demo_data/build_result.py

It builds the demo into a throw-away database and file store with the kept files set aside,
so that both are computed by the background jobs' own code, and keeps what they computed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main() -> None:
    os.environ["LOCALGBF_VAR_DIR"] = tempfile.mkdtemp(prefix="localgbf-demo-result-")
    os.environ.pop("DATABASE_URL", None)
    from localgbf.cli.django_setup import migrate_if_needed, setup_django

    setup_django()
    migrate_if_needed()
    from localgbf.web.computations import demo
    from localgbf.web.computations.demo_city import keep
    from localgbf.web.core.demo import build_demo
    from localgbf.web.species import demo as species_demo

    files = [demo.RESULT_FILE, species_demo.SUMMARY_FILE]
    aside: list[tuple[Path, Path]] = []
    for path in files:
        if path.exists():
            aside.append((path, path.rename(path.with_name(path.name + ".old"))))
    try:
        ctx = build_demo()
        government = ctx["government:MCMON"]
        computation = demo.demo_computation(government)
        assert computation is not None and computation.result is not None
        keep(demo.RESULT_FILE, demo.result_key(computation), computation.result)
        summary = government.species_summary
        keep(species_demo.SUMMARY_FILE, species_demo.summary_key(government), summary.data)
    except BaseException:
        for path, old in aside:
            old.rename(path)
        raise
    for _path, old in aside:
        old.unlink()
    print("wrote " + ", ".join(str(p) for p in files), file=sys.stderr)


if __name__ == "__main__":
    main()
