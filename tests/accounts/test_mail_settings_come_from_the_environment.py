"""Password-reset mail goes through the SMTP server named in the environment; with DEBUG (the
demo) it is printed on the console instead."""

import json
import os
import subprocess
import sys

CODE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
    "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL]))"
)


def _settings(**env: str) -> list:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DEBUG"))}
    done = subprocess.run(
        [sys.executable, "-c", CODE],
        env={**base, "DJANGO_SETTINGS_MODULE": "grogrund.settings", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def test_production_sends_by_smtp_with_the_environments_server():
    assert _settings(
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="grogrund",
        EMAIL_HOST_PASSWORD="hemligt",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="noreply@example.org",
    ) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        587,
        "grogrund",
        "hemligt",
        True,
        "noreply@example.org",
    ]


def test_the_demo_prints_mail_on_the_console():
    assert _settings(DEBUG="1")[0] == "django.core.mail.backends.console.EmailBackend"
