"""`grogrund backup [--output FILE]`: the database and the stored files in one archive.

SQLite is copied with its online backup API and PostgreSQL with pg_dump, both while the site
runs. See grogrund.core.backup for what the archive holds and docs/deploy.md for a schedule.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from grogrund.core import backup


def default_output() -> Path:
    folder = Path(os.environ.get("BACKUP_DIR", settings.PROJECT_DIR / "var" / "backups"))
    return folder / f"grogrund-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"


class Command(BaseCommand):
    help = "Write a backup archive (.tar.gz) of the database and the stored files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            default=None,
            help="the archive to write (default: grogrund-DATE-TIME.tar.gz in $BACKUP_DIR, "
            "else in var/backups)",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            summary = backup.create(o["output"] or default_output())
        except backup.BackupError as err:
            raise CommandError(str(err)) from err
        manifest = summary.manifest
        files = sum(manifest["files"].values())
        self.stdout.write(
            _("Backup written: %(archive)s (%(database)s database, %(files)s stored files).")
            % {"archive": summary.archive, "database": manifest["database"], "files": files}
        )
        if manifest["files_elsewhere"]:
            self.stdout.write(
                _(
                    "Stored files are kept in object storage (AWS_STORAGE_BUCKET_NAME) and are "
                    "not in this archive: back up the bucket with its own tools (versioning)."
                )
            )
