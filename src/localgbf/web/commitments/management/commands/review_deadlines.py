"""`localgbf manage review_deadlines`: accept the items whose review window has closed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from localgbf.web.commitments.services import accept_overdue


class Command(BaseCommand):
    help = (
        "Accept every commitment version and progress report still awaiting review 28 days "
        "(28 × 24 h) after its submission. The worker runs this on its own; run it by hand "
        "where no worker runs (for example from cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = accept_overdue()
        self.stdout.write(f"accepted {count} item(s) whose review window had closed")
