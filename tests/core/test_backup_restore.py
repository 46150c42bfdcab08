"""A backup restored into an empty database holds exactly what the backed-up one held: every
organisation, programme, valuation with its stored result and history entry, compared as a
full export of Grogrund's data before and after. Runs on the database the suite runs on
(SQLite, and PostgreSQL under scripts/with-postgres, with pg_dump and pg_restore)."""

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

# The backup reads committed data, as it does beside a running site.
pytestmark = pytest.mark.django_db(transaction=True)

GROGRUND = [sys.executable, "-m", "grogrund.cli"]


def _labels() -> list[str]:
    """Every app of Grogrund that has models, and the job queue."""
    labels = [
        c.label
        for c in apps.get_app_configs()
        if c.name.startswith("grogrund.") and list(c.get_models())
    ]
    return [*labels, "django_tasks_database"]


def _sorted(export: str) -> list[dict]:
    return sorted(json.loads(export), key=lambda o: (o["model"], str(o["pk"])))


def _export_here() -> list[dict]:
    out = StringIO()
    call_command("dumpdata", *_labels(), format="json", stdout=out)
    return _sorted(out.getvalue())


def _grogrund(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="grogrund.test_settings", DATABASE_URL=database_url)
    done = subprocess.run([*GROGRUND, *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done


def _export_there(database_url: str, tmp_path: Path) -> list[dict]:
    out = tmp_path / "after.json"
    _grogrund(database_url, "dumpdata", *_labels(), "--format", "json", "--output", str(out))
    return _sorted(out.read_text(encoding="utf-8"))


@pytest.fixture
def new_databases(tmp_path):
    """Makes URLs of new, empty databases of the kind the suite runs on; dropped after."""
    made: list[str] = []

    def new(label: str) -> str:
        if connection.vendor == "sqlite":
            return f"sqlite:///{tmp_path / f'{label}.sqlite3'}"
        name = f"grogrund_{label}_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        url = urlsplit(os.environ["DATABASE_URL"])
        return urlunsplit(url._replace(path=f"/{name}"))

    yield new
    for name in made:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def empty_database(new_databases):
    """The URL of a new, empty database of the kind the suite runs on."""
    return new_databases("restore")


def test_a_restored_backup_holds_exactly_what_was_backed_up(tmp_path, empty_database):
    call_command("load_demo", verbosity=0)
    before = _export_here()
    kinds = Counter(o["model"] for o in before)
    # The export is worth comparing: the demo's organisations, programme, valuations with
    # their stored results and history are in it.
    assert kinds["accounts.organisation"] >= 2
    assert kinds["programmes.programme"] >= 1
    assert kinds["programmes.changelog"] >= 1
    assert any(o["model"] == "valuations.valuation" and o["fields"]["result"] for o in before)

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    assert archive.stat().st_size > 0

    _grogrund(empty_database, "restore", str(archive))

    after = _export_there(empty_database, tmp_path)
    assert len(after) == len(before)
    assert after == before


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, empty_database):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    _grogrund(empty_database, "restore", str(archive))

    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="grogrund.test_settings", DATABASE_URL=empty_database)
    again = subprocess.run(
        [*GROGRUND, "restore", str(archive)], env=env, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 1
    assert "--force" in again.stderr  # the message says how to replace it after all


def test_a_forced_restore_replaces_the_data_and_keeps_the_generation_moving_on(
    tmp_path, empty_database
):
    """Pages the running processes keep are keyed with the data generation they saw: a
    database replaced under them must not take up those numbers again."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    _grogrund(empty_database, "restore", str(archive))
    later = _grogrund(
        empty_database,
        "shell",
        "-c",
        "import json\n"
        "from grogrund.core.generation import STATISTICS, current, data_changed, numbers\n"
        "for _ in range(30): data_changed()\n"
        "for _ in range(40): data_changed(scopes=(STATISTICS,))\n"
        "from grogrund.accounts.models import Organisation\n"
        "Organisation.objects.create(name='Skapad efter säkerhetskopian', slug='efter')\n"
        "print(json.dumps(numbers()))\n"
        "print(current())",
    )
    seen_line, seen = later.stdout.strip().split("\n")[-2:]
    seen_per_scope, seen = json.loads(seen_line), int(seen)

    _grogrund(empty_database, "restore", "--force", str(archive))
    after = _grogrund(
        empty_database,
        "shell",
        "-c",
        "import json\n"
        "from grogrund.core.generation import current, numbers\n"
        "from grogrund.accounts.models import Organisation\n"
        "print(json.dumps(numbers()))\n"
        "print(Organisation.objects.filter(slug='efter').count(), current())",
    )
    per_scope_line, counts_line = after.stdout.strip().split("\n")[-2:]
    created_after_backup, generation = map(int, counts_line.split())
    assert created_after_backup == 0
    assert generation > seen
    # A page keyed with one scope alone (the area profile: statistics) must not meet its
    # number again either, though the other scopes alone would carry the sum past it.
    per_scope = json.loads(per_scope_line)
    assert seen_per_scope["statistics"] >= 70  # 30 moves of all, 40 of statistics alone
    assert sorted(per_scope) == sorted(seen_per_scope)
    assert all(per_scope[scope] > seen_per_scope[scope] for scope in seen_per_scope), (
        per_scope,
        seen_per_scope,
    )


_NUMBERS = "import json\nfrom grogrund.core.generation import numbers\nprint(json.dumps(numbers()))"


def test_a_backup_from_before_the_scopes_of_data_keeps_every_scope_moving_on(
    tmp_path, new_databases
):
    """A backup made by a version with one data generation (before core 0002) restored over a
    database with a number per scope: after the migration every scope's number is past the
    one the replaced database had reached, so no page kept from it is found again."""
    old = new_databases("old")
    _grogrund(old, "migrate", "--no-input", "-v0")
    _grogrund(
        old,
        "shell",
        "-c",
        "from grogrund.accounts.models import Organisation\n"
        "Organisation.objects.create(name='Från den gamla versionen', slug='gammal')",
    )
    # The data generation as it was before the scopes (the rest of the schema as today).
    _grogrund(old, "migrate", "core", "0001_data_generation", "--no-input", "-v0")
    archive = tmp_path / "old.tar.gz"
    _grogrund(old, "backup", "--output", str(archive))

    site = new_databases("site")
    _grogrund(site, "migrate", "--no-input", "-v0")
    moved = _grogrund(
        site,
        "shell",
        "-c",
        "from grogrund.core.generation import STATISTICS, FOLLOW_UP, data_changed\n"
        "for _ in range(5): data_changed()\n"
        "for _ in range(40): data_changed(scopes=(STATISTICS,))\n"
        "for _ in range(70): data_changed(scopes=(FOLLOW_UP,))\n" + _NUMBERS,
    )
    seen = json.loads(moved.stdout.strip().split("\n")[-1])
    assert seen["follow_up"] > seen["accounts"]  # the scopes differ: the test can fail

    _grogrund(site, "restore", "--force", str(archive))
    _grogrund(site, "migrate", "--no-input", "-v0")
    after = _grogrund(
        site,
        "shell",
        "-c",
        "from grogrund.accounts.models import Organisation\n"
        "print(Organisation.objects.filter(slug='gammal').count())\n" + _NUMBERS,
    )
    restored, numbers = after.stdout.strip().split("\n")[-2:]
    assert restored == "1"
    now = json.loads(numbers)
    assert all(now[scope] > seen[scope] for scope in seen), (now, seen)
