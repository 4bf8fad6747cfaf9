"""The HTTP layer: retries with back-off on network errors, timeouts, 429 and 5xx, clear errors
after the last try, refusals reported at once, and the rate limiter, all on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from localgbf.species.connectors.errors import ConnectorError, NetworkUnavailable
from localgbf.species.connectors.gbif import gbif_client
from localgbf.species.connectors.http import (
    HttpClient,
    RateLimiter,
    RetryPolicy,
    retry_after_seconds,
)
from localgbf.species.connectors.inaturalist import inaturalist_client

from .builders import Api
from .cassettes import FakeClock, Replay

SEARCH = "/v1/occurrence/search"


def client(replay: Replay, clock: FakeClock, **kwargs: object) -> HttpClient:
    return HttpClient(
        "GBIF",
        "https://api.gbif.org",
        transport=replay.transport(),
        clock=clock,
        draw=lambda: 0.0,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("retry", "draw", "expected"),
    [
        (1, 0.0, 1.0),
        (2, 0.0, 2.0),
        (3, 0.0, 4.0),
        (3, 1.0, 2.0),
        (3, 0.5, 3.0),
        (8, 0.0, 60.0),
    ],
)
def test_back_off_doubles_and_jitter_takes_off_up_to_half(
    retry: int, draw: float, expected: float
) -> None:
    """Default policy: 1 s doubled per retry, capped at 60 s, times (1 - 0.5 * draw).
    Retry 3 with draw 0.5: 4 * 0.75 = 3 s; retry 8: 128 capped to 60."""
    assert RetryPolicy().delay(retry, draw) == pytest.approx(expected)


def test_a_recorded_page_served_after_a_429_is_read_and_retry_after_was_waited(
    api: Api, clock: FakeClock
) -> None:
    page = api.gbif("rgbif/occ_search_eventdate.yml")[2]
    replay = Replay([httpx.Response(429, headers={"Retry-After": "7"}, text="slow down"), page])
    data = client(replay, clock).get_json(SEARCH)
    assert data["count"] == 71
    assert clock.sleeps == [7.0]
    assert len(replay.requests) == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_back_off(api: Api, clock: FakeClock, status: int) -> None:
    page = api.gbif("rgbif/occ_search_eventdate.yml")[2]
    replay = Replay([httpx.Response(status), httpx.Response(status), page])
    assert client(replay, clock).get_json(SEARCH)["count"] == 71
    assert clock.sleeps == [1.0, 2.0]


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("peer closed connection without sending complete message body"),
    ],
)
def test_network_errors_and_timeouts_are_retried(
    api: Api, clock: FakeClock, failure: Exception
) -> None:
    page = api.gbif("rgbif/occ_search_eventdate.yml")[2]
    replay = Replay([failure, page])
    assert client(replay, clock).get_json(SEARCH)["count"] == 71
    assert clock.sleeps == [1.0]


def test_a_truncated_json_body_is_fetched_again(api: Api, clock: FakeClock) -> None:
    page = api.gbif("rgbif/occ_search_eventdate.yml")[2]
    replay = Replay([httpx.Response(200, content=page.body[:500]), page])
    assert client(replay, clock).get_json(SEARCH)["count"] == 71
    assert len(replay.requests) == 2


def test_a_refusal_is_reported_at_once_with_the_service_message(api: Api, clock: FakeClock) -> None:
    refused = api.gbif("rgbif/occ_search_fails_well.yml")[1]
    replay = Replay([refused])
    with pytest.raises(
        ConnectorError,
        match=r"^GBIF: GET .* was refused with HTTP 400: 334 is not valid value, latitude must "
        r"be between -90 and 90\.$",
    ):
        client(replay, clock).get_json(SEARCH)
    assert len(replay.requests) == 1
    assert clock.sleeps == []


def test_after_the_last_try_the_error_says_what_the_service_answered(clock: FakeClock) -> None:
    replay = Replay([httpx.Response(503, text="Service Unavailable")] * 3)
    with pytest.raises(
        ConnectorError,
        match=r"GET /v1/occurrence/search failed 3 times; on the last try the service answered "
        r"HTTP 503 Service Unavailable\. Nothing was imported",
    ):
        client(replay, clock, retry=RetryPolicy(attempts=3)).get_json(SEARCH)
    assert clock.sleeps == [1.0, 2.0]


def test_no_network_gives_a_message_an_officer_can_act_on(clock: FakeClock) -> None:
    replay = Replay([httpx.ConnectError("[Errno -3] Temporary failure in name resolution")] * 5)
    with pytest.raises(
        NetworkUnavailable,
        match=r"^GBIF: cannot reach api\.gbif\.org after 5 tries \(ConnectError: \[Errno -3\] "
        r"Temporary failure in name resolution\)\. Check that this computer is online",
    ):
        client(replay, clock).get_json(SEARCH)
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]


def test_retry_after_in_http_date_form_is_honoured() -> None:
    now = datetime(2025, 9, 4, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Thu, 04 Sep 2025 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_a_huge_retry_after_is_capped(clock: FakeClock, api: Api) -> None:
    page = api.gbif("rgbif/occ_search_eventdate.yml")[2]
    replay = Replay([httpx.Response(429, headers={"Retry-After": "86400"}), page])
    client(replay, clock, retry=RetryPolicy(max_retry_after_s=600.0)).get_json(SEARCH)
    assert clock.sleeps == [600.0]


def test_the_rate_limiter_spaces_request_starts_one_second_apart() -> None:
    """At 1 request per second, three back-to-back requests wait 0, 1 and 1 s; a request made
    2.5 s after the previous one does not wait."""
    clock = FakeClock()
    limiter = RateLimiter(1.0, clock)
    limiter.wait()
    limiter.wait()
    limiter.wait()
    assert clock.sleeps == [1.0, 1.0]
    clock.now += 2.5
    limiter.wait()
    assert clock.sleeps == [1.0, 1.0]


def test_inaturalist_requests_are_limited_to_about_one_per_second(
    api: Api, clock: FakeClock
) -> None:
    replay = Replay([api.inat("get_observations_page1.json")] * 4)
    with inaturalist_client(transport=replay.transport(), clock=clock) as inat:
        for _ in range(4):
            inat.get_json("/v1/observations")
    assert clock.sleeps == [1.0, 1.0, 1.0]


def test_gbif_requests_are_not_slowed_down(api: Api, clock: FakeClock) -> None:
    replay = Replay([api.gbif("rgbif/occ_search_eventdate.yml")[2]] * 3)
    with gbif_client(transport=replay.transport(), clock=clock) as gbif:
        for _ in range(3):
            gbif.get_json(SEARCH)
    assert clock.sleeps == []


def test_requests_say_who_is_calling(api: Api, clock: FakeClock) -> None:
    replay = Replay([api.gbif("rgbif/occ_search_eventdate.yml")[2]])
    client(replay, clock).get_json(SEARCH)
    assert replay.requests[0].headers["User-Agent"].startswith("localgbf/")


def test_a_service_that_keeps_timing_out_is_reported_as_slow_not_offline(clock: FakeClock) -> None:
    replay = Replay([httpx.ReadTimeout("The read operation timed out")] * 5)
    with pytest.raises(
        ConnectorError,
        match=r"failed 5 times; on the last try the service did not answer in time "
        r"\(ReadTimeout: The read operation timed out\)",
    ) as caught:
        client(replay, clock).get_json(SEARCH)
    assert not isinstance(caught.value, NetworkUnavailable)


def test_a_refused_login_says_to_check_the_account(clock: FakeClock, api: Api) -> None:
    unauthorized = api.gbif("rgbif/occ_download_list_unauthorized.yml")[0]
    with pytest.raises(
        ConnectorError,
        match=r"HTTP 401: Failed to authenticate user foobar; check the account's user name",
    ):
        client(Replay([unauthorized]), clock).get_json("/v1/occurrence/download/user/foobar")
