"""The HTTP layer every connector uses: timeouts, retries with back-off, a rate limiter.

A request is retried when the network fails, when it times out, when the service answers 429
(too many requests: its Retry-After is honoured) or 5xx, and when the body cannot be read as
what was expected. Other 4xx answers are the query's fault and are reported at once. After the
last try the error says what happened on that try.

The transport (an httpx transport), the clock and the random draw behind the jitter are all
injectable, so tests replay recorded responses instantly and offline.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx

from localgbf import __version__
from localgbf.species.connectors.errors import ConnectorError, NetworkUnavailable

T = TypeVar("T")
USER_AGENT = f"localgbf/{__version__} (open-source biodiversity reporting for local governments)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
Params = Mapping[str, Any] | list[tuple[str, Any]]


class Clock(Protocol):
    """Where the HTTP layer reads time and sleeps; tests pass a fake one."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class MalformedResponse(Exception):
    """The body is not what the endpoint should return; the request is tried again."""


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """How often and how patiently a request is tried.

    Before retry n (1 for the first retry) the client waits
    `min(max_delay_s, base_delay_s * 2 ** (n - 1))`, scaled by a random factor between
    `1 - jitter` and 1 so that many clients do not retry in step. A Retry-After header, when
    present, is waited instead (at most `max_retry_after_s`).
    """

    attempts: int = 5
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0
    jitter: float = 0.5
    max_retry_after_s: float = 900.0

    def delay(self, retry: int, draw: float) -> float:
        ceiling = min(self.max_delay_s, self.base_delay_s * 2 ** (retry - 1))
        return ceiling * (1 - self.jitter * draw)


class RateLimiter:
    """At most `per_second` request starts per second (None: no limit)."""

    def __init__(self, per_second: float | None, clock: Clock) -> None:
        self.interval = 1.0 / per_second if per_second else 0.0
        self.clock = clock
        self.next_start: float | None = None

    def wait(self) -> None:
        if not self.interval:
            return
        now = self.clock.monotonic()
        if self.next_start is not None and self.next_start > now:
            self.clock.sleep(self.next_start - now)
            now = self.next_start
        self.next_start = now + self.interval


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class _Failure:
    text: str
    network: bool = False
    wait: float | None = None


@dataclass
class HttpStats:
    requests: int = 0
    retries: int = 0
    slept_s: float = 0.0
    waits: list[float] = field(default_factory=list)


class HttpClient:
    """One service's HTTP client. Not thread-safe; use one per run."""

    def __init__(
        self,
        service: str,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
        retry: RetryPolicy | None = None,
        requests_per_second: float | None = None,
        timeout_s: float = 60.0,
        draw: Callable[[], float] | None = None,
    ) -> None:
        self.service = service
        self.clock = clock or SystemClock()
        self.retry = retry or RetryPolicy()
        self.limiter = RateLimiter(requests_per_second, self.clock)
        self.draw = draw or random.random
        self.stats = HttpStats()
        self._client = httpx.Client(
            base_url=base_url,
            transport=transport,
            timeout=httpx.Timeout(timeout_s),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sleep(self, seconds: float) -> None:
        self.stats.slept_s += seconds
        self.stats.waits.append(seconds)
        self.clock.sleep(seconds)

    def call(
        self,
        method: str,
        url: str,
        read: Callable[[httpx.Response], T],
        *,
        params: Params | None = None,
        json_body: Any = None,
        auth: httpx.Auth | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> T:
        """Send a request, retrying as the policy says; `read` turns the streamed response into
        the result and raises MalformedResponse when the body is not usable."""
        failure = _Failure("no request sent")
        for attempt in range(1, self.retry.attempts + 1):
            if attempt > 1:
                self.stats.retries += 1
                wait = failure.wait
                if wait is None:
                    wait = self.retry.delay(attempt - 1, self.draw())
                self._sleep(wait)
            self.limiter.wait()
            self.stats.requests += 1
            request = self._client.build_request(method, url, params=params, json=json_body)
            try:
                response = self._client.send(request, auth=auth, stream=True)
            except httpx.TransportError as exc:
                failure = _transport_failure(exc)
                continue
            try:
                outcome = self._handle(response, request, read, ok)
            except httpx.TransportError as exc:
                failure = _transport_failure(exc)
                continue
            finally:
                response.close()
            if isinstance(outcome, _Failure):
                failure = outcome
                continue
            return outcome
        raise self._give_up(method, url, failure)

    def _handle(
        self,
        response: httpx.Response,
        request: httpx.Request,
        read: Callable[[httpx.Response], T],
        ok: tuple[int, ...],
    ) -> T | _Failure:
        status = response.status_code
        if status in RETRY_STATUS:
            response.read()
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None:
                wait = min(wait, self.retry.max_retry_after_s)
            return _Failure(f"answered HTTP {status} {_snippet(response)}".rstrip(), wait=wait)
        if status not in ok:
            response.read()
            hint = "; check the account's user name and password" if status in (401, 403) else ""
            raise ConnectorError(
                self.service,
                f"{request.method} {_short(request.url)} was refused with HTTP {status}: "
                f"{_snippet(response) or response.reason_phrase}{hint}",
            )
        try:
            return read(response)
        except MalformedResponse as exc:
            return _Failure(f"sent a response that cannot be used ({exc})")

    def _give_up(self, method: str, url: str, failure: _Failure) -> ConnectorError:
        host = self._client.base_url.host or url
        tries = self.retry.attempts
        if failure.network:
            return NetworkUnavailable(
                self.service,
                f"cannot reach {host} after {tries} tries ({failure.text}). Check that this "
                "computer is online and can reach the service; an offline installation can "
                "import a downloaded file with `localgbf species import` instead",
            )
        return ConnectorError(
            self.service,
            f"{method} {url} failed {tries} times; on the last try the service {failure.text}. "
            "Nothing was imported; run the same command again later to continue",
        )

    # -- readers ------------------------------------------------------------------------------

    def get_json(self, url: str, params: Params | None = None) -> Any:
        return self.call("GET", url, read_json, params=params)

    def download(
        self,
        url: str,
        target: Path,
        *,
        auth: httpx.Auth | None = None,
        check: Callable[[Path], None] | None = None,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> int:
        """Stream `url` into `target` (through a `.part` file); `check` may raise
        MalformedResponse on the finished file to have it fetched again."""
        part = target.with_name(target.name + ".part")

        def read(response: httpx.Response) -> int:
            total = int(response.headers.get("Content-Length") or 0) or None
            written = 0
            with part.open("wb") as out:
                for chunk in response.iter_bytes(1 << 20):
                    out.write(chunk)
                    written += len(chunk)
                    if progress is not None:
                        progress(written, total)
            if check is not None:
                check(part)
            part.replace(target)
            return written

        try:
            return self.call("GET", url, read, auth=auth)
        finally:
            part.unlink(missing_ok=True)


def read_json(response: httpx.Response) -> Any:
    body = response.read()
    try:
        return json.loads(body)
    except ValueError as exc:
        raise MalformedResponse(f"not JSON: {body[:80]!r}") from exc


def read_text(response: httpx.Response) -> str:
    return response.read().decode("utf-8", errors="replace").strip()


UNREACHABLE = (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol)


def _describe(exc: httpx.TransportError) -> str:
    text = str(exc) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}" if text != exc.__class__.__name__ else text


def _transport_failure(exc: httpx.TransportError) -> _Failure:
    """A connection that could not be made means the service is out of reach; a timeout or a
    broken answer means it was reached and failed."""
    if isinstance(exc, UNREACHABLE):
        return _Failure(_describe(exc), network=True)
    if isinstance(exc, httpx.TimeoutException):
        return _Failure(f"did not answer in time ({_describe(exc)})")
    return _Failure(f"broke off its answer ({_describe(exc)})")


def _snippet(response: httpx.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return text[:300]


def _short(url: httpx.URL) -> str:
    text = str(url)
    return text if len(text) <= 200 else text[:197] + "..."
