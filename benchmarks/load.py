"""50 concurrent clients mixing reads and writes for 60 s against PostgreSQL (issue 11).

A fresh database gets the demo and 50 extra cities, one per client. `localgbf serve`
(waitress, 8 threads) serves it on 127.0.0.1; this process runs 50 client threads, each with
a kept-alive connection, sending its next request as soon as the previous answer is read:

- 70 % reads: the portal's home and a government's page, the directory, API lists and details;
- 25 % writes to the client's own city (`PATCH /api/v1/governments/<code>`, population set to
  a value that names the client and the write);
- 5 % contended writes to one shared city: read its ETag, then PATCH with `If-Match`; a 409
  (someone else wrote first) is the optimistic lock working, not an error.

Afterwards the database is read directly: every write the server acknowledged (200) must have
its audit entry with the value written, and every client's city must hold the value of its
last acknowledged write. Figures: requests, server errors (5xx or a broken connection), lost
writes, 409s, and p50/p95/p99 of reads and writes.

Needs a PostgreSQL server the benchmark may create a database on: `LOCALGBF_BENCH_DATABASE_URL`
(or `DATABASE_URL` when it is a postgres URL); it creates `localgbf_bench_load` and drops it
at the end.

    python -m benchmarks load      # through the runner
    python -m benchmarks.load      # directly, printing the figures
"""

from __future__ import annotations

import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.portal import Server

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 50
SECONDS = float(os.environ.get("LOCALGBF_LOAD_SECONDS", "60"))
BENCH_DB = "localgbf_bench_load"
SHARED = "CNKMG"
READS = [
    "/en/portal/",
    "/en/portal/CNKMG/",
    "/zh-hans/portal/CNKMG/",
    "/en/governments/",
    "/api/v1/governments",
    "/api/v1/governments/CNKMG",
    "/api/v1/actions?page=1",
]


# ----- in a child process with the benchmark database ------------------------------------------


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localgbf.web.settings")
    django.setup()


def prepare() -> dict[str, Any]:
    """One city per client under the demo country, and an API token of the network admin."""
    _django()
    from django.contrib.auth import get_user_model

    from localgbf.web.api.tokens import create_token
    from localgbf.web.governments.models import Government

    country = Government.objects.get(code="CN")
    codes = []
    for n in range(CLIENTS):
        code = f"XXLOAD{n:02d}"
        Government.objects.get_or_create(
            code=code,
            defaults={"kind": "city", "parent": country, "name": {"en": f"Load test city {n}"}},
        )
        codes.append(code)
    admin = get_user_model().objects.get(username="network.admin")
    _token, secret = create_token(admin, "load benchmark")
    return {"codes": codes, "token": secret}


def check(acknowledged: dict[str, list[int]], shared_acks: list[int]) -> dict[str, Any]:
    """Compare what the server acknowledged with what the database holds."""
    _django()
    from localgbf.web.governments.models import AuditEntry, Government

    lost = 0
    wrong_final = 0
    populations = dict(Government.objects.values_list("code", "population"))
    audited: dict[str, set[int]] = {}
    for code, after in AuditEntry.objects.filter(action="government.edit").values_list(
        "government__code", "after"
    ):
        if after and after.get("population") is not None:
            audited.setdefault(code, set()).add(int(after["population"]))
    for code, values in acknowledged.items():
        lost += sum(1 for v in values if v not in audited.get(code, set()))
        if values and populations.get(code) != values[-1]:
            wrong_final += 1
    lost += sum(1 for v in shared_acks if v not in audited.get(SHARED, set()))
    return {"lost_writes": lost, "cities_not_at_last_write": wrong_final}


# ----- the clients -----------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reads: list[float] = []
        self.writes: list[float] = []
        self.server_errors: list[str] = []
        self.conflicts = 0
        self.other_statuses: dict[int, int] = {}
        self.acknowledged: dict[str, list[int]] = {}
        self.shared_acks: list[int] = []


def _request(
    conn: http.client.HTTPConnection, method: str, url: str, headers: dict[str, str], body: Any
) -> tuple[int, float, Any, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    start = time.perf_counter()
    conn.request(method, url, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    return response.status, elapsed, response.headers, payload


def client(n: int, base: str, code: str, token: str, deadline: float, tally: Tally) -> None:
    from urllib.parse import urlsplit

    rng = random.Random(n)
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=120)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    reads: list[float] = []
    writes: list[float] = []
    acked: list[int] = []
    shared: list[int] = []
    seq = 0
    while time.perf_counter() < deadline:
        roll = rng.random()
        try:
            if roll < 0.70:
                status, ms, _h, _b = _request(
                    conn, "GET", rng.choice(READS), {"Accept-Language": "en"}, None
                )
                reads.append(ms)
            elif roll < 0.95:
                seq += 1
                value = 1_000_000 + n * 100_000 + seq
                status, ms, _h, _b = _request(
                    conn, "PATCH", f"/api/v1/governments/{code}", auth, {"population": value}
                )
                writes.append(ms)
                if status == 200:
                    acked.append(value)
            else:
                seq += 1
                status, ms, headers, _b = _request(
                    conn, "GET", f"/api/v1/governments/{SHARED}", auth, None
                )
                reads.append(ms)
                tag = headers.get("ETag", "")
                value = 5_000_000 + n * 100_000 + seq
                status, ms, _h, _b = _request(
                    conn,
                    "PATCH",
                    f"/api/v1/governments/{SHARED}",
                    auth | {"If-Match": tag},
                    {"population": value},
                )
                writes.append(ms)
                if status == 200:
                    shared.append(value)
        except (OSError, http.client.HTTPException) as exc:
            with tally.lock:
                tally.server_errors.append(f"client {n}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection(where.hostname, where.port, timeout=120)
            continue
        with tally.lock:
            if status >= 500:
                tally.server_errors.append(f"client {n}: HTTP {status}")
            elif status == 409:
                tally.conflicts += 1
            elif status != 200:
                tally.other_statuses[status] = tally.other_statuses.get(status, 0) + 1
    conn.close()
    with tally.lock:
        tally.reads.extend(reads)
        tally.writes.extend(writes)
        tally.acknowledged[code] = acked
        tally.shared_acks.extend(shared)


def hammer(base: str, codes: list[str], token: str, seconds: float) -> Tally:
    tally = Tally()
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=client, args=(n, base, codes[n], token, deadline, tally))
        for n in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    return tally


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else 0.0


# ----- orchestration ---------------------------------------------------------------------------


def _child(env: dict[str, str], *args: str, timeout: float) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("@@"):
            return dict(json.loads(line[2:]))
    raise RuntimeError(f"benchmarks.load {args[0]} failed:\n{proc.stderr[-3000:]}")


def _database(url: str, *, create: bool) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return f"{url.rsplit('/', 1)[0]}/{BENCH_DB}"


def _postgres_url() -> str | None:
    url = os.environ.get("LOCALGBF_BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def run_load(url: str) -> list[dict]:
    database = _database(url, create=True)
    try:
        with tempfile.TemporaryDirectory(prefix="localgbf-load-") as tmp:
            env = {
                **os.environ,
                "DATABASE_URL": database,
                "LOCALGBF_VAR_DIR": tmp,
                "LOCALGBF_PORTAL_CACHE_SECONDS": "0",
                "PYTHONPATH": str(ROOT),
            }
            subprocess.run(
                [sys.executable, "-m", "localgbf.cli.main", "demo"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                timeout=1800,
            )
            prepared = _child(env, "prepare", timeout=600)
            server = Server(env)
            try:
                started = time.perf_counter()
                tally = hammer(server.base, prepared["codes"], prepared["token"], SECONDS)
                elapsed = time.perf_counter() - started
            finally:
                server.stop()
            acks = Path(tmp) / "acknowledged.json"
            acks.write_text(json.dumps([tally.acknowledged, tally.shared_acks]))
            checked = _child(env, "check", str(acks), timeout=600)
    finally:
        _database(url, create=False)
    requests = len(tally.reads) + len(tally.writes)
    acked = sum(len(v) for v in tally.acknowledged.values()) + len(tally.shared_acks)
    for line in tally.server_errors[:10]:
        print(f"load: {line}", file=sys.stderr)
    return [
        {"name": "clients", "value": CLIENTS, "unit": "concurrent"},
        {"name": "duration", "value": round(elapsed, 1), "unit": "s"},
        {"name": "requests", "value": requests, "unit": f"({round(requests / elapsed, 1)}/s)"},
        {"name": "reads p50", "value": _pct(tally.reads, 0.50), "unit": "ms"},
        {"name": "reads p95", "value": _pct(tally.reads, 0.95), "unit": "ms"},
        {"name": "reads p99", "value": _pct(tally.reads, 0.99), "unit": "ms"},
        {"name": "writes p50", "value": _pct(tally.writes, 0.50), "unit": "ms"},
        {"name": "writes p95", "value": _pct(tally.writes, 0.95), "unit": "ms"},
        {"name": "writes p99", "value": _pct(tally.writes, 0.99), "unit": "ms"},
        {"name": "writes acknowledged", "value": acked, "unit": ""},
        {"name": "If-Match conflicts (409, expected)", "value": tally.conflicts, "unit": ""},
        {"name": "other non-200 answers", "value": json.dumps(tally.other_statuses), "unit": ""},
        {
            "name": "server errors",
            "value": len(tally.server_errors),
            "unit": "",
            "target": 0,
            "passed": not tally.server_errors,
        },
        {
            "name": "lost writes",
            "value": checked["lost_writes"] + checked["cities_not_at_last_write"],
            "unit": "",
            "target": 0,
            "passed": checked["lost_writes"] + checked["cities_not_at_last_write"] == 0,
        },
    ]


def run() -> list[dict]:
    url = _postgres_url()
    if url is None:
        print(
            "load: skipped: set LOCALGBF_BENCH_DATABASE_URL "
            "(e.g. postgres://localgbf:localgbf@127.0.0.1:54330/localgbf) to run it",
            file=sys.stderr,
        )
        return [{"name": "skipped: no PostgreSQL (LOCALGBF_BENCH_DATABASE_URL)", "value": "-"}]
    return run_load(url)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "prepare":
        print("@@" + json.dumps(prepare()))
        return 0
    if argv and argv[0] == "check":
        acknowledged, shared = json.loads(Path(argv[1]).read_text())
        print("@@" + json.dumps(check(acknowledged, shared)))
        return 0
    for row in run():
        target = f"  (target {row['target']})" if "target" in row else ""
        print(f"{row['name']}: {row['value']} {row.get('unit', '')}{target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
