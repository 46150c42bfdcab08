"""`grogrund restore ARCHIVE [--force]`: a backup back into an empty database.

The database named by DATABASE_URL must be empty (a new SQLite file, or an empty PostgreSQL
database) unless --force, which replaces what it holds. Restart the server and the worker
afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from grogrund.core import backup, health


class Command(BaseCommand):
    help = "Restore a backup archive made by `grogrund backup` into an empty database."

    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the contents of a database that is not empty",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            summary = backup.restore(o["archive"], force=o["force"])
        except backup.BackupError as err:
            raise CommandError(str(err)) from err
        manifest = summary.manifest
        self.stdout.write(
            _("Restored %(archive)s (made %(created)s by Grogrund %(version)s).")
            % {
                "archive": summary.archive,
                "created": manifest["created_at"],
                "version": manifest["grogrund_version"],
            }
        )
        pending = health.pending_migrations()
        if pending:
            self.stdout.write(
                _(
                    "The backup is from an older version: run `grogrund migrate` "
                    "(%(count)s migrations to apply)."
                )
                % {"count": len(pending)}
            )
        self.stdout.write(_("Restart the server and the worker now."))
