"""`grogrund serve` refuses a database with pending migrations, saying what to do; with
--no-check it serves anyway, and every request is logged as one line with its duration."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

GROGRUND = [sys.executable, "-m", "grogrund.cli"]


def _env(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="grogrund.test_settings",
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONUNBUFFERED="1",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_refuses_a_database_with_pending_migrations(tmp_path):
    done = subprocess.run(
        [*GROGRUND, "serve", "--bind", f"127.0.0.1:{_free_port()}"],
        env=_env(tmp_path / "empty.sqlite3"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    # The message (in the default language) names the first pending migration and the cure.
    assert "contenttypes.0001_initial" in done.stderr
    assert "grogrund migrate" in done.stderr


def test_serve_without_checks_answers_and_logs_each_request_with_its_duration(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [*GROGRUND, "serve", "--no-check", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=_env(tmp_path / "empty.sqlite3"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5)
            except urllib.error.HTTPError as err:
                status, body = err.code, err.read()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        # The empty database answers, but has no migrations applied.
        assert status == 503
        assert b'"migrations": "pending"' in body
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    # One request at a time per worker by default (behind a proxy that buffers slow clients).
    assert "Using worker: sync" in output
    assert re.search(r'"GET /health/ HTTP/1\.1" 503 \d+ \d+ms$', output, re.MULTILINE), output
