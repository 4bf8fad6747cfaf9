"""The errors a connector run can end with. Every message names the service and says what to do."""

from __future__ import annotations


class ConnectorError(ValueError):
    """A fetch from a web service could not be completed; nothing was imported."""

    def __init__(self, service: str, problem: str) -> None:
        self.service = service
        self.problem = problem
        super().__init__(f"{service}: {problem}")


class NetworkUnavailable(ConnectorError):
    """The service could not be reached at all (no network, DNS failure, connection refused)."""


class ConnectorsDisabled(ConnectorError):
    """This installation has switched the connectors off (for example an offline deployment).

    The core never decides this itself: the web (or any caller) raises it from its own setting,
    so that every front end shows the same message.
    """

    def __init__(self, service: str = "connectors") -> None:
        super().__init__(
            service,
            "fetching records from GBIF and iNaturalist is switched off in this installation; "
            "download the records elsewhere and import the file instead",
        )


class DownloadFailed(ConnectorError):
    """GBIF ended an asynchronous download without a file (FAILED, KILLED, CANCELLED...)."""
