"""The demo platform: built by code, used by `make run`, the tests and the docs alike.

Each app may have a `demo.py` with `build(ctx: DemoContext) -> None`; `build_demo()` runs them
in the order of INSTALLED_APPS, inside one transaction. Every builder is idempotent and
deterministic: running the demo twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db import transaction

DEMO_PASSWORD = "localgbf-demo"


@dataclass
class DemoContext:
    """What builders share: the objects made so far, by name, and the accounts to print."""

    objects: dict[str, Any] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, where

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]


def builders() -> list[Any]:
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith("localgbf.web.") and find_spec(name) is not None:
            module = import_module(name)
            if hasattr(module, "build"):
                found.append(module.build)
    return found


@transaction.atomic
def build_demo() -> DemoContext:
    ctx = DemoContext()
    for build in builders():
        build(ctx)
    return ctx
