"""The `grogrund` command: Django's management commands plus a few of our own.

grogrund value MODEL.yaml [...]     value a model file with the engine (no database)
grogrund import scb|kolada|csv|xlsx  import statistics (see `grogrund import --help`)
grogrund demo [--scale national]    load the demo data
grogrund fetch --municipality 1480   a municipality's statistics from SCB and Kolada
grogrund worker                     run background jobs
grogrund serve                      the production web server (gunicorn)
grogrund backup | restore ARCHIVE   database and stored files in one archive
grogrund <django command>           migrate, runserver, createsuperuser, ...
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "import": "grogrund_import",
    "demo": "load_demo",
    "areas": "grogrund_areas",
    "fetch": "grogrund_fetch",
    "worker": "grogrund_worker",
}


# Commands that answer requests: each request says its own channel.
SERVING = {"serve", "runserver", "testserver"}
CHANNEL_VARIABLE = "GROGRUND_CHANNEL"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    prog = "grogrund"
    if args and args[0] == "manage":
        prog = "manage.py"
        args = args[1:]
    if args and args[0] == "value":
        from grogrund.engine.cli import main as value_main

        return value_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grogrund.settings")
    from django.core.management import execute_from_command_line

    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    if not args or args[0] not in SERVING:
        # Changes made by a command (and by the worker) are the command line's in the history
        # (grogrund.accounts.channel).
        os.environ.setdefault(CHANNEL_VARIABLE, "cli")
    execute_from_command_line([prog, *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
