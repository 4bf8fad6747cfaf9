"""Start Django for commands that need the database (lazily: other commands never pay for it)."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localgbf.web.settings")
    import django

    django.setup()


def migrate_if_needed(verbosity: int = 0) -> bool:
    """Apply unapplied migrations; returns True when something was applied."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate", interactive=False, verbosity=verbosity)
    return bool(plan)
