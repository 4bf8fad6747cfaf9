"""Job kinds and their handlers. A Django app registers its handlers in its `jobs.py`.

    @register("spatial.compute")
    def compute(job: Job, report: Reporter) -> dict: ...

A handler reads `job.params`, calls the scientific core, calls `report(fraction, message)` as
it goes, and returns a JSON-safe result. An exception marks the job failed with its message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from localgbf.web.jobs.models import Job

Reporter = Callable[[float, str], None]
Handler = Callable[["Job", Reporter], Any]

HANDLERS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    def decorate(func: Handler) -> Handler:
        if kind in HANDLERS and HANDLERS[kind] is not func:
            raise ValueError(f"job kind {kind!r} is registered twice")
        HANDLERS[kind] = func
        return func

    return decorate


def handler_for(kind: str) -> Handler:
    load_handlers()
    try:
        return HANDLERS[kind]
    except KeyError:
        raise LookupError(f"no handler is registered for job kind {kind!r}") from None


def load_handlers() -> None:
    """Import every installed app's `jobs` module so that its handlers register."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{config.name}.jobs"
        if config.name.startswith("localgbf.") and find_spec(name) is not None:
            import_module(name)
