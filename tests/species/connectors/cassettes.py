"""Recorded GBIF and iNaturalist responses served to the connectors through httpx.MockTransport.

Two cassette formats are read: Python vcrpy YAML (pygbif: `interactions`, `response.status.code`,
`response.body.string`) and R vcr YAML (rgbif: `http_interactions`, `response.status`,
`response.body.string` or `response.body.raw_gzip`, which is base64 of zlib-compressed bytes).
The iNaturalist files are bare JSON bodies. Nothing here touches the network.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import yaml

KEPT_HEADERS = ("content-type", "retry-after")


@dataclass(frozen=True)
class Recorded:
    """One recorded exchange: the request line and the decoded response."""

    method: str
    uri: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.uri).path

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.uri).query, keep_blank_values=True)

    def json(self) -> Any:
        return json.loads(self.body)

    def with_json(self, data: Any) -> Recorded:
        """The same exchange with a changed JSON body (tests say why they change one)."""
        return Recorded(self.method, self.uri, self.status, self.headers, json.dumps(data).encode())

    def response(self) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.body)


def _headers(raw: dict[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in (raw or {}).items():
        if name.lower() in KEPT_HEADERS:
            out[name.lower()] = value[0] if isinstance(value, list) else str(value)
    return out


def _vcrpy(item: dict[str, Any]) -> Recorded:
    response = item["response"]
    body = response["body"]["string"]
    return Recorded(
        method=item["request"]["method"],
        uri=item["request"]["uri"],
        status=int(response["status"]["code"]),
        headers=_headers(response.get("headers")),
        body=body.encode("utf-8") if isinstance(body, str) else bytes(body or b""),
    )


def _r_vcr(item: dict[str, Any]) -> Recorded:
    response = item["response"]
    body = response["body"]
    if "raw_gzip" in body:
        data = zlib.decompress(base64.b64decode(body["raw_gzip"]))
    else:
        text = body.get("string") or ""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    status = response["status"]
    code = status["status_code"] if isinstance(status, dict) else status
    return Recorded(
        method=item["request"]["method"],
        uri=item["request"]["uri"],
        status=int(code),
        headers=_headers(response.get("headers")),
        body=data,
    )


def load_cassette(path: Path) -> list[Recorded]:
    """Every exchange of a vcrpy or R vcr cassette, in recorded order."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text("utf-8"), Loader=loader)
    if "interactions" in data:
        return [_vcrpy(item) for item in data["interactions"]]
    return [_r_vcr(item) for item in data["http_interactions"]]


def json_body(path: Path, status: int = 200) -> Recorded:
    """A bare recorded JSON body (the iNaturalist fixtures) as an exchange."""
    return Recorded("GET", "", status, {"content-type": "application/json"}, path.read_bytes())


Step = Recorded | httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class Replay:
    """Serves `steps` in order, one per request, and keeps every request it saw.

    A Recorded step must be asked for with its method and, when it has one, its path; an
    exception step is raised as the transport's failure. Running out of steps fails the test.
    """

    steps: list[Step]
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.steps:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        if isinstance(step, Recorded):
            assert request.method == step.method, (request.method, step.method)
            if step.path:
                assert request.url.path == step.path, (request.url.path, step.path)
            return step.response()
        if isinstance(step, httpx.Response):
            return step
        return step(request)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def params(self, index: int) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.requests[index].url.params.multi_items():
            out.setdefault(name, []).append(value)
        return out


class FakeClock:
    """A clock whose sleeps only move its own time, and are remembered."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
