"""`grogrund serve`: the production web server (gunicorn) for Grogrund's WSGI application.

Workers are processes (2 × CPU cores + 1 unless WEB_CONCURRENCY or --workers says otherwise).
By default each serves one request at a time (gunicorn's sync workers): a worker takes the
next connection from the one queue they share only when it is free, so requests are served in
the order they came, whichever worker is free first, and a slow page holds up no request but
its own. That is what a reverse proxy or load balancer in front is for: it buffers slow
clients and keeps browsers' connections alive. With nothing in front to buffer slow clients,
give workers threads (--threads or GROGRUND_THREADS above 1: gunicorn's gthread workers, which
keep connections alive and wait for slow clients without holding a process). Under load the
threaded workers are slower and unfair: a worker keeps the connections it took, however busy
it is (docs/deploy.md, benchmarks/bench_load.py). Every request is logged as one line with its
duration in milliseconds. Before starting, the database is asked whether every migration is
applied: a server on a half-migrated database would fail in ways that look like bugs.

Anything else gunicorn can do is reachable through its own GUNICORN_CMD_ARGS variable;
FORWARDED_ALLOW_IPS names the reverse proxies whose X-Forwarded-* headers are trusted
(gunicorn's default: this machine only). See docs/deploy.md.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from grogrund.core import health

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_THREADS = 1
# One line per request: time, request line, status, response bytes, duration in ms. Nothing
# names the visitor (no address, no user).
ACCESS_LOG_FORMAT = '%(t)s "%(r)s" %(s)s %(B)s %(M)sms'
# A worker silent this long is killed and replaced (a request may run this long); on
# SIGTERM workers get GRACEFUL_TIMEOUT seconds to finish the requests they are serving.
TIMEOUT = 120
GRACEFUL_TIMEOUT = 30
KEEP_ALIVE = 5  # seconds an idle connection is kept (threaded workers; sync workers close each)
# A worker is replaced after this many requests (± jitter), bounding what its memory caches
# and any slow leak can grow to.
MAX_REQUESTS = 5000
MAX_REQUESTS_JITTER = 500


def default_workers() -> int:
    """WEB_CONCURRENCY if set (the convention gunicorn and hosting platforms share), else
    2 × CPU cores + 1 (gunicorn's advice)."""
    if os.environ.get("WEB_CONCURRENCY"):
        return int(os.environ["WEB_CONCURRENCY"])
    return 2 * (os.cpu_count() or 1) + 1


def default_bind() -> str:
    """PORT (set by container platforms) listens on every address; otherwise this machine only."""
    port = os.environ.get("PORT")
    return f"0.0.0.0:{port}" if port else DEFAULT_BIND


def worker_class(threads: int) -> str:
    """gunicorn's sync workers for one thread per worker, its threaded workers for more."""
    return "sync" if threads <= 1 else "gthread"


def gunicorn_argv(*, bind: str, workers: int, threads: int, timeout: int = TIMEOUT) -> list[str]:
    """The gunicorn command line `serve` runs (in place of itself)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "grogrund.wsgi:application",
        "--name",
        "grogrund",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-class",
        worker_class(threads),
        "--threads",
        str(threads),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        str(GRACEFUL_TIMEOUT),
        "--keep-alive",
        str(KEEP_ALIVE),
        "--max-requests",
        str(MAX_REQUESTS),
        "--max-requests-jitter",
        str(MAX_REQUESTS_JITTER),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        "-",
        # No control socket in the home folder: services run with ProtectHome, and
        # several servers on one machine would share the one path.
        "--no-control-socket",
    ]


class Command(BaseCommand):
    help = "Run the production web server (gunicorn) on --bind (default: PORT, or 127.0.0.1:8000)."

    requires_system_checks: list[str] = []  # run below, with a clearer message on failure

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=None,
            help=f"address:port to listen on (default: 0.0.0.0:$PORT if PORT is set, "
            f"else {DEFAULT_BIND}); unix:/path for a socket",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default: WEB_CONCURRENCY, else 2 × CPU cores + 1)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("GROGRUND_THREADS", DEFAULT_THREADS)),
            help=f"threads per worker (default: GROGRUND_THREADS, else {DEFAULT_THREADS}); "
            "1 serves one request at a time per worker, for use behind a reverse proxy that "
            "buffers slow clients; more keeps connections alive, for use without one",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=TIMEOUT,
            help=f"seconds a request may take before its worker is replaced ({TIMEOUT})",
        )
        parser.add_argument(
            "--no-check",
            action="store_true",
            help="start even if migrations are pending or static files are not collected",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        if not o["no_check"]:
            self.check(display_num_errors=False)
            self._refuse_unless_ready()
        argv = gunicorn_argv(
            bind=o["bind"] or default_bind(),
            workers=o["workers"] or default_workers(),
            threads=o["threads"],
            timeout=o["timeout"],
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grogrund.settings")
        sys.stdout.flush()
        sys.stderr.flush()
        # gunicorn takes this process's place, so a service manager's signals reach it.
        os.execv(argv[0], argv)

    def _refuse_unless_ready(self) -> None:
        if not health.database_answers():
            raise CommandError(
                _(
                    "The database does not answer. Check DATABASE_URL and that the database "
                    "server runs, then start again."
                )
            )
        pending = health.pending_migrations()
        if pending:
            shown = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
            raise CommandError(
                _(
                    "%(count)s database migrations are not applied (%(migrations)s). Run "
                    "`grogrund migrate` first (after a backup), or start with --no-check."
                )
                % {"count": len(pending), "migrations": shown}
            )
        missing = _static_manifest_missing()
        if missing:
            raise CommandError(
                _(
                    "Static files are not collected (%(file)s is missing). Run "
                    "`grogrund collectstatic --no-input` first, or start with --no-check."
                )
                % {"file": missing}
            )


def _static_manifest_missing() -> str | None:
    """The manifest file's path when static files are served from a manifest that is not there
    (every page would fail); None otherwise."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if isinstance(storage, ManifestFilesMixin) and storage.read_manifest() is None:
        return str(storage.path(storage.manifest_name))
    return None
