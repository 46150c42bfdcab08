"""`grogrund worker`: run background jobs from the database queue (django-tasks-db).

First queues again the jobs a stopped worker left running (no progress for
--recover-after seconds; they resume where they stopped) and removes report PDFs a stopped
process left without their report (grogrund.reports.services.remove_orphan_files) and uploaded
boundary files no job will import (grogrund.areas.boundary_jobs.remove_stale_uploads), then
runs the framework's worker.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from grogrund.jobs import services


class Command(BaseCommand):
    help = "Run background jobs (live fetches, imports) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recover-after",
            type=float,
            default=300.0,
            help="queue again jobs left running with no progress for this many seconds "
            "(0 when this is the only worker, as in `make demo`)",
        )
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args: Any, **o: Any) -> None:
        recovered = services.recover_interrupted(older_than_seconds=o["recover_after"])
        for job in recovered:
            self.stdout.write(f"Job {job.pk} was interrupted; queued again.")
        from grogrund.reports.services import remove_orphan_files

        for name in remove_orphan_files():
            self.stdout.write(f"Removed {name}: a report PDF without its report.")
        from grogrund.areas.boundary_jobs import remove_stale_uploads

        for name in remove_stale_uploads():
            self.stdout.write(f"Removed {name}: a boundary file no job will import.")
        call_command(
            "db_worker",
            batch=o["batch"],
            interval=o["interval"],
            max_tasks=o["max_tasks"],
            reload=False,
            startup_delay=False,
            verbosity=o["verbosity"],
        )
