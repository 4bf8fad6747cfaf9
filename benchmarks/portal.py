"""The public portal and the API under load (issue 9's targets).

A country of 1,000 subnational governments (20 regions, 980 cities) whose adopted plans hold
20,000 actions in all (20 each), with commitments, progress reports, Singapore Index
assessments and seats of government, is loaded into a fresh database. `localgbf serve`
(waitress, 8 threads) serves it on 127.0.0.1 and a separate process sends requests from 20
concurrent clients, each sending its next request as soon as the previous answer is read, for
a fixed time. Figures:

- government profile, p95 over 20 clients, with the page cache on (every profile visited once
  before the measure) and with it off (every request renders the page: the worst case);
- API list page (`/api/v1/actions?page=N`, 50 actions, a random page of 400), p95;
- queries per page (profile, country page, KMGBF target page, API lists), counted in-process.

SQLite always; PostgreSQL when `LOCALGBF_BENCH_DATABASE_URL` names a server the benchmark may
create a database on (it creates `localgbf_bench_portal`, and drops it at the end).

    python -m benchmarks portal      # through the runner
    python -m benchmarks.portal      # directly, printing the figures
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REGIONS = 20
CITIES = 980
ACTIONS_PER_PLAN = 20
CLIENTS = 20
SECONDS = 15
WARM_PROFILES = 100
PROFILE_TARGET_MS = 150
API_TARGET_MS = 100
PAGE_SIZE = 50
BENCH_DB = "localgbf_bench_portal"
COUNTRY = "BX"


# ----- the data (run in a child process with the benchmark database) -------------------------


def _assessment(code: str, year: int, rng: random.Random) -> dict[str, Any]:
    from localgbf.index import assessment as si

    share = rng.uniform(0.2, 0.6)
    a = si.new_assessment(code, year)
    forms = {
        1: {"natural_area_ha": round(10_000 * share), "city_area_ha": 10_000},
        8: {"protected_area_ha": round(10_000 * share / 3), "city_area_ha": 10_000},
        10: {"permeable_area_ha": round(10_000 * (share + 0.2)), "terrestrial_area_ha": 10_000},
        11: {"canopy_area_ha": round(10_000 * share / 2), "terrestrial_area_ha": 10_000},
    }
    for n, fields in forms.items():
        a = si.enter_form(a, n, fields, by="bench")
        a = si.confirm(a, n, by="bench")
    return si.complete(a).model_dump(mode="json")


def load_data() -> dict[str, Any]:
    """Migrate and fill the benchmark database; returns the codes and how long it took."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localgbf.web.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from localgbf.web.assessments.models import Assessment
    from localgbf.web.commitments.models import (
        Commitment,
        CommitmentVersion,
        Kpi,
        ProgressReport,
        ProgressValue,
    )
    from localgbf.web.frameworks.models import FrameworkElement
    from localgbf.web.governments.models import Government
    from localgbf.web.plans.models import (
        Action,
        AlignmentLink,
        BudgetLine,
        Goal,
        LocalTarget,
        Plan,
        PlanVersion,
    )
    from localgbf.web.portal.models import PublicProfile

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rng = random.Random(9)
    kmgbf = {
        e.code: e
        for e in FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind="target"
        )
    }
    statuses = ["planned", "in_progress", "ongoing", "completed", "delayed"]
    sectors = ["agriculture", "urban_planning", "forestry", "infrastructure", "tourism"]
    with transaction.atomic():
        country = Government.objects.create(
            code=COUNTRY,
            kind="country",
            name={"en": "Benchland", "zh-hans": "基准国"},
            is_demo=True,
        )
        governments = []
        for r in range(1, REGIONS + 1):
            governments.append(
                Government(
                    code=f"{COUNTRY}-R{r:02d}",
                    kind="region",
                    parent=country,
                    country=country,
                    path=f"{COUNTRY}/{COUNTRY}-R{r:02d}",
                    name={"en": f"Region {r}", "zh-hans": f"第{r}区"},
                    population=2_000_000,
                    is_demo=True,
                )
            )
        regions = Government.objects.bulk_create(governments)
        cities = []
        for c in range(1, CITIES + 1):
            region = regions[(c - 1) % REGIONS]
            cities.append(
                Government(
                    code=f"{COUNTRY}C{c:04d}",
                    kind="city",
                    parent=region,
                    country=country,
                    path=f"{region.path}/{COUNTRY}C{c:04d}",
                    name={"en": f"City {c}", "zh-hans": f"城市{c}"},
                    population=rng.randint(50_000, 5_000_000),
                    area_km2=rng.randint(50, 5000),
                    is_demo=True,
                )
            )
        cities = Government.objects.bulk_create(cities)
        subnational = regions + cities
        PublicProfile.objects.bulk_create(
            PublicProfile(
                government=g,
                introduction={
                    "en": f"{g.name['en']} works for nature.",
                    "zh-hans": f"{g.name['zh-hans']}致力于保护自然。",
                },
                seat_latitude=Decimal(f"{rng.uniform(20, 40):.6f}"),
                seat_longitude=Decimal(f"{rng.uniform(100, 120):.6f}"),
            )
            for g in subnational
        )
        plans = Plan.objects.bulk_create(
            Plan(government=g, kind="bsap" if g.kind == "region" else "lbsap") for g in subnational
        )
        versions = PlanVersion.objects.bulk_create(
            PlanVersion(
                plan=p,
                number=1,
                status="adopted",
                title={"en": f"Plan of {p.government.code}"},
                vision={"en": "Nature everywhere."},
                period_start=2024,
                period_end=2030,
            )
            for p in plans
        )
        goals = Goal.objects.bulk_create(
            Goal(version=v, code=f"G{i}", title={"en": f"Goal {i}"}, order=i)
            for v in versions
            for i in (1, 2)
        )
        targets = LocalTarget.objects.bulk_create(
            LocalTarget(
                goal=g,
                version_id=g.version_id,
                code=f"{g.code}.{i}",
                title={"en": f"Target {g.code}.{i}"},
                indicator={"en": "Hectares"},
                unit="ha",
                baseline_value=100,
                baseline_year=2020,
                target_value=200,
                order=i,
            )
            for g in goals
            for i in range(1, 6)
        )
        by_version: dict[int, list[LocalTarget]] = {}
        for t in targets:
            by_version.setdefault(t.version_id, []).append(t)
        actions = []
        for v in versions:
            owners = by_version[v.pk]
            for i in range(ACTIONS_PER_PLAN):
                target = owners[i % len(owners)]
                actions.append(
                    Action(
                        target=target,
                        version_id=v.pk,
                        code=f"{target.code}.{i + 1}",
                        title={"en": f"Action {i + 1}", "zh-hans": f"行动{i + 1}"},
                        status=rng.choice(statuses),
                        sectors=[rng.choice(sectors)],
                        order=i,
                    )
                )
        actions = Action.objects.bulk_create(actions)
        AlignmentLink.objects.bulk_create(
            [
                AlignmentLink(
                    version_id=t.version_id,
                    target=t,
                    element=kmgbf[str(rng.randint(1, 23))],
                    degree=rng.choice(["high", "medium", "low"]),
                )
                for t in targets
            ]
            + [
                AlignmentLink(
                    version_id=a.version_id,
                    action=a,
                    element=kmgbf[str(rng.randint(1, 23))],
                    degree="medium",
                )
                for a in actions[::2]
            ]
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                action=a,
                year=2025,
                amount=rng.randint(1, 100) * 10_000,
                currency="CNY",
                source="own_budget",
                status=rng.choice(["planned", "secured"]),
            )
            for a in actions
        )
        committed = cities[::4]
        commitments = Commitment.objects.bulk_create(
            Commitment(government=g, number=1) for g in committed
        )
        cversions = CommitmentVersion.objects.bulk_create(
            CommitmentVersion(
                commitment=c,
                number=1,
                state="accepted",
                title={"en": "Restore wetlands"},
                description={"en": "Wetlands restored."},
                primary_global=kmgbf["2"],
            )
            for c in commitments
        )
        kpis = Kpi.objects.bulk_create(
            Kpi(
                version=v,
                code="K1",
                title={"en": "Wetland restored"},
                unit="ha",
                baseline_value=0,
                baseline_year=2020,
                target_value=500,
            )
            for v in cversions
        )
        reports = ProgressReport.objects.bulk_create(
            ProgressReport(
                commitment_id=v.commitment_id,
                version=v,
                state="accepted",
                period_start="2024-01-01",
                period_end="2024-12-31",
                level="on_track",
            )
            for v in cversions
        )
        ProgressValue.objects.bulk_create(
            ProgressValue(report=r, kpi=k, value=rng.randint(10, 400), unit="ha")
            for r, k in zip(reports, kpis, strict=True)
        )
        assessed = cities[::10]
        Assessment.objects.bulk_create(
            [
                Assessment(
                    government=g,
                    edition="2021",
                    reference_year=2020,
                    status="completed",
                    data=_assessment(g.code, 2020, rng),
                )
                for g in assessed
            ]
            + [
                Assessment(
                    government=g,
                    edition="2021",
                    reference_year=2024,
                    status="completed",
                    data=_assessment(g.code, 2024, rng),
                )
                for g in assessed[::2]
            ]
        )
    return {
        "load_s": round(time.perf_counter() - started, 1),
        "governments": Government.objects.filter(path__startswith=f"{COUNTRY}/").count(),
        "actions": Action.objects.count(),
        "codes": [g.code for g in subnational],
        "queries": query_counts([g.code for g in assessed[:1] + committed[:1]]),
    }


def query_counts(codes: list[str]) -> dict[str, int]:
    """Queries per page, counted in-process with an empty page cache."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    pages = {
        "profile (a city with an assessment)": f"/en/portal/{codes[0]}/",
        "profile (a city with a commitment)": f"/en/portal/{codes[1]}/",
        "country page (1,000 governments)": f"/en/portal/{COUNTRY}/",
        "KMGBF target page": "/en/portal/targets/2/",
        "API /api/v1/actions page": "/api/v1/actions?page=200",
        "API /api/v1/governments page": "/api/v1/governments?page=3",
    }
    counts = {}
    for name, url in pages.items():
        cache.clear()
        client.get(url)  # warm imports and the framework caches, then count a cold page
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(queries.captured_queries)
    cache.clear()
    client.get(pages["profile (a city with an assessment)"])
    with CaptureQueriesContext(connection) as queries:
        client.get(pages["profile (a city with an assessment)"])
    counts["profile, from the page cache"] = len(queries.captured_queries)
    return counts


# ----- the load (run in its own process) -------------------------------------------------------


def hammer(base: str, urls: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """`clients` threads, each with a kept-alive connection, sending requests back to back."""
    import http.client
    from urllib.parse import urlsplit

    host = urlsplit(base)
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        mine: list[float] = []
        bad: list[int] = []
        while time.perf_counter() < deadline:
            url = rng.choice(urls)
            start = time.perf_counter()
            conn.request("GET", url, headers={"Accept-Language": "en"})
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                bad.append(response.status)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": round(latencies[-1], 1),
        "errors": len(errors),
    }


# ----- orchestration ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _child(env: dict[str, str], *args: str, timeout: float) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.portal", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("@@"):
            return dict(json.loads(line[2:]))
    raise RuntimeError(f"benchmarks.portal {args[0]} failed:\n{proc.stderr[-3000:]}")


class Server:
    """`localgbf serve` in its own process, on a free port of 127.0.0.1."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "localgbf.cli.main",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--threads",
                "8",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import urllib.request

        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{self.base}/en/portal/", timeout=30):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("the server did not start")

    def visit(self, urls: list[str]) -> None:
        import urllib.request

        for url in urls:
            with urllib.request.urlopen(f"{self.base}{url}", timeout=120) as response:
                response.read()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _postgres_database(url: str, *, create: bool) -> str:
    """Create (or drop) the benchmark's own database on the server of `url`; its URL."""
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return f"{base}/{BENCH_DB}"


def _figures(backend: str, label: str, stats: dict[str, Any], target: float) -> list[dict]:
    return [
        {
            "name": f"{backend}: {label} p95",
            "value": stats["p95"],
            "unit": "ms",
            "target": f"<= {target}",
            "passed": stats["p95"] <= target and not stats["errors"],
        },
        {
            "name": f"{backend}: {label} p50 / p99 / max",
            "unit": "ms",
            "value": f"{stats['p50']} / {stats['p99']} / {stats['max']}",
        },
        {
            "name": f"{backend}: {label} throughput",
            "value": stats["per_second"],
            "unit": f"requests/s ({stats['requests']} requests, {stats['errors']} errors)",
        },
    ]


def run_backend(backend: str, url: str | None) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="localgbf-bench-portal-") as tmp:
        env = {
            **os.environ,
            "LOCALGBF_VAR_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "localgbf.web.settings",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DATABASE_URL", None)
        if url:
            env["DATABASE_URL"] = _postgres_database(url, create=True)
        try:
            loaded = _child(env, "load", timeout=3600)
            rows.append(
                {
                    "name": f"{backend}: data loaded",
                    "unit": "s",
                    "value": f"{loaded['load_s']} ({loaded['governments']} governments, "
                    f"{loaded['actions']} actions)",
                }
            )
            for page, count in loaded["queries"].items():
                rows.append(
                    {"name": f"{backend}: queries, {page}", "value": count, "unit": "queries"}
                )
            profiles = [f"/en/portal/{code}/" for code in loaded["codes"]]
            warm = profiles[:: len(profiles) // WARM_PROFILES][:WARM_PROFILES]
            api = [
                f"/api/v1/actions?page={n}&page_size={PAGE_SIZE}"
                for n in range(1, loaded["actions"] // PAGE_SIZE + 1)
            ]
            server = Server(env)
            try:
                server.visit(warm)
                cached = _child(env, "hammer", server.base, json.dumps(warm), timeout=SECONDS * 20)
                rows += _figures(
                    backend,
                    f"profile, page cache on ({len(warm)} governments)",
                    cached,
                    PROFILE_TARGET_MS,
                )
                listing = _child(env, "hammer", server.base, json.dumps(api), timeout=SECONDS * 20)
                rows += _figures(
                    backend, "API list page (/api/v1/actions, 50 per page)", listing, API_TARGET_MS
                )
            finally:
                server.stop()
            server = Server({**env, "LOCALGBF_PORTAL_CACHE_SECONDS": "0"})
            try:
                cold = _child(
                    env, "hammer", server.base, json.dumps(profiles), timeout=SECONDS * 20
                )
                rows += _figures(
                    backend, "profile, page cache off (1,000 governments)", cold, PROFILE_TARGET_MS
                )
            finally:
                server.stop()
        finally:
            if url:
                _postgres_database(url, create=False)
    return rows


def run() -> list[dict]:
    rows = run_backend("sqlite", None)
    url = os.environ.get("LOCALGBF_BENCH_DATABASE_URL")
    if url:
        rows += run_backend("postgresql", url)
    else:
        print(
            "portal: PostgreSQL skipped: set LOCALGBF_BENCH_DATABASE_URL "
            "(e.g. postgres://localgbf:localgbf@127.0.0.1:54330/localgbf) to measure it",
            file=sys.stderr,
        )
        rows.append(
            {
                "name": "postgresql: skipped, LOCALGBF_BENCH_DATABASE_URL is not set",
                "value": "-",
                "unit": "",
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if argv and argv[0] == "load":
        print("@@" + json.dumps(load_data()))
        return 0
    if argv and argv[0] == "hammer":
        print("@@" + json.dumps(hammer(argv[1], json.loads(argv[2]), CLIENTS, SECONDS)))
        return 0
    for row in run():
        target = f"  (target {row['target']})" if row.get("target") else ""
        print(f"{row['name']}: {row['value']} {row.get('unit', '')}{target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
