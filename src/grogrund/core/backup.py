"""Backups: the whole database and the stored files in one archive, and back.

An archive (`.tar.gz`) holds
- `manifest.json`: format, Grogrund version, when, which database, the migrations applied;
- `database.sqlite3` (SQLite, copied with SQLite's online backup API while the site runs) or
  `database.pgdump` (PostgreSQL, `pg_dump --format=custom`, a consistent snapshot);
- `files/media/…` (Django's default storage when it is a local folder, MEDIA_ROOT) and
  `files/imports/…` (uploads waiting for their import to be confirmed, IMPORT_UPLOAD_DIR).

A restore goes into an empty database of the same kind (a new SQLite file, or an empty
PostgreSQL database); `force` replaces what a non-empty one holds.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from grogrund.core import generation

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
FILES = "files"
# libpq reads these from the environment; OPTIONS keys of DATABASES map onto them.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


class BackupError(Exception):
    """Something the operator can mend: the message says what."""


@dataclass
class Summary:
    archive: Path
    manifest: dict[str, Any]


def _grogrund_version() -> str:
    try:
        return version("grogrund")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


def file_folders() -> dict[str, Path]:
    """The local folders whose files belong in a backup, by their name in the archive."""
    folders: dict[str, Path] = {}
    default = storages["default"]
    if isinstance(default, FileSystemStorage):
        folders["media"] = Path(default.location)
    folders["imports"] = Path(settings.IMPORT_UPLOAD_DIR)
    return folders


def _files_in_storage_elsewhere() -> bool:
    return not isinstance(storages["default"], FileSystemStorage)


def _applied_migrations(using: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- PostgreSQL's own tools --------------------------------------------------------------


def _postgres_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).is_file():
            return str(folder / name)
    raise BackupError(
        _(
            "%(program)s was not found. Install PostgreSQL's client programs (Debian: "
            "postgresql-client) of the server's major version or newer, or put %(program)s "
            "on PATH."
        )
        % {"program": name}
    )


def _libpq_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """Connection parameters for pg_dump/pg_restore as libpq environment variables (so a
    password never appears in a process list)."""
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": options.get("host") or settings_dict.get("HOST"),
        "PGPORT": options.get("port") or settings_dict.get("PORT"),
        "PGUSER": options.get("user") or settings_dict.get("USER"),
        "PGPASSWORD": options.get("password") or settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    for option, variable in LIBPQ_OPTIONS.items():
        values[variable] = options.get(option)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({k: str(v) for k, v in values.items() if v not in (None, "")})
    return env


def _run(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(argv[0]).name
        output = done.stderr.strip() or done.stdout.strip()
        raise BackupError(_("%(program)s failed: %(output)s") % {"program": tool, "output": output})


# --- backup ------------------------------------------------------------------------------


def create(target: Path, *, using: str = "default") -> Summary:
    """Write a backup archive of the database `using` and the stored files to `target`."""
    connection = connections[using]
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="grogrund-backup-") as tmp:
        work = Path(tmp)
        migrations = _applied_migrations(using)
        if connection.vendor == "sqlite":
            dump = work / SQLITE_DUMP
            connection.ensure_connection()
            copy = sqlite3.connect(dump)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
        elif connection.vendor == "postgresql":
            dump = work / POSTGRES_DUMP
            _run(
                [
                    _postgres_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(dump),
                ],
                _libpq_env(connection.settings_dict),
            )
        else:  # pragma: no cover - Grogrund runs on SQLite and PostgreSQL only
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")

        folders = {name: path for name, path in file_folders().items() if path.is_dir()}
        manifest = {
            "format": FORMAT,
            "grogrund_version": _grogrund_version(),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "database_file": dump.name,
            "migrations": migrations,
            "files": {
                name: sum(1 for p in path.rglob("*") if p.is_file())
                for name, path in folders.items()
            },
            "files_elsewhere": _files_in_storage_elsewhere(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")

        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for name, path in folders.items():
                tar.add(path, arcname=f"{FILES}/{name}")
        partial.replace(target)  # a backup is either complete or absent
    return Summary(archive=target, manifest=manifest)


# --- restore -----------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read().decode("utf-8"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as err:
        raise BackupError(
            _("%(archive)s is not a Grogrund backup (%(error)s).")
            % {"archive": archive, "error": err}
        ) from err
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(archive)s has backup format %(found)s; this version reads format %(format)s.")
            % {"archive": archive, "found": manifest.get("format"), "format": FORMAT}
        )
    return manifest


def _unknown_migrations(manifest: dict[str, Any]) -> list[str]:
    """Migrations the backup's database has that this code does not know (a newer version)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]


def restore(archive: Path, *, force: bool = False, using: str = "default") -> Summary:
    """Restore `archive` into the database `using` (empty unless `force`) and its files."""
    connection = connections[using]
    manifest = read_manifest(archive)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            _(
                "This backup is of a %(backup)s database and the configured database "
                "(DATABASE_URL) is %(configured)s; restore it into a %(backup)s database."
            )
            % {"backup": manifest["database"], "configured": connection.vendor}
        )
    unknown = _unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            _(
                "The backup was made by a newer version of Grogrund (it has the migrations "
                "%(migrations)s); install that version or newer, then restore."
            )
            % {"migrations": ", ".join(unknown[:5])}
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupError(
            _(
                "The database is not empty (%(tables)s tables). Restore into a new, empty "
                "database, or give --force to replace everything in this one."
            )
            % {"tables": len(tables)}
        )
    generation_before = _generation_or_none(using) if tables else None

    with tempfile.TemporaryDirectory(prefix="grogrund-restore-") as tmp:
        work = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        dump = work / manifest["database_file"]
        if connection.vendor == "sqlite":
            _restore_sqlite(dump, using)
        else:
            _restore_postgres(dump, using, clean=bool(tables))
        for name, folder in file_folders().items():
            source = work / FILES / name
            if source.is_dir():
                shutil.copytree(source, folder, dirs_exist_ok=True)

    if generation_before is not None:
        _advance_generation_past(generation_before, using, scoped=_has_scopes(manifest))
    return Summary(archive=archive, manifest=manifest)


def _restore_sqlite(dump: Path, using: str) -> None:
    connection = connections[using]
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError(_("Restore needs a database file (DATABASE_URL=sqlite:///path)."))
    connection.close()
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    target = sqlite3.connect(name)
    try:
        source.backup(target)  # replaces every page of the target
    finally:
        target.close()
        source.close()


def _restore_postgres(dump: Path, using: str, *, clean: bool) -> None:
    connection = connections[using]
    argv = [
        _postgres_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--dbname",
        str(connection.settings_dict["NAME"]),
    ]
    if clean:
        argv += ["--clean", "--if-exists"]
    connection.close()
    _run([*argv, str(dump)], _libpq_env(connection.settings_dict))


def _generation_or_none(using: str) -> dict[str, int] | None:
    try:
        return generation.numbers(using)
    except Exception:  # no generation table or sequences: nothing was cached from it
        return None


#: The migration that gave each scope of data a generation of its own.
SCOPES_MIGRATION = ("core", "0002_data_generation_scopes")


def _has_scopes(manifest: dict[str, Any]) -> bool:
    app, name = SCOPES_MIGRATION
    return name in manifest["migrations"].get(app, [])


def _advance_generation_past(before: dict[str, int], using: str, *, scoped: bool) -> None:
    """A replaced database must not take up a data generation the old one had reached:
    pages cached from the old data carry those numbers (grogrund.core.generation), one per
    scope of data, so every scope goes past its number.

    A backup from before the scopes (`scoped` False) has one number, which the migration
    still to come (SCOPES_MIGRATION) gives every scope to start from: it goes past every
    number seen. (On PostgreSQL the scopes' own sequences outlive such a restore, but that
    migration sets each of them from the one number.)"""
    if scoped:
        try:
            generation.move_past(before, using)
            return
        except DatabaseError:
            pass
    _advance_single_generation_past(max(before.values(), default=0), using)


def _advance_single_generation_past(before: int, using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(%s, %s)", [generation.SEQUENCE, before + 1])
        else:
            cursor.execute(f"UPDATE {generation.TABLE} SET value = %s WHERE id = 1", [before + 1])
