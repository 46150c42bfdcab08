"""`manage.py check --deploy` is clean with production settings from the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(**env_vars: str) -> subprocess.CompletedProcess:
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "SECURE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"))
        },
        "DEBUG": "0",
        "ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "grogrund.settings",
        **env_vars,
    }
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_debug_off_and_a_real_secret_key():
    done = _check_deploy(SECRET_KEY=secrets.token_urlsafe(60))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key():
    done = _check_deploy()
    assert done.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in done.stderr, done.stderr


def test_production_refuses_to_start_with_an_empty_secret_key():
    done = _check_deploy(SECRET_KEY="  ")
    assert "ImproperlyConfigured: SECRET_KEY is not set" in done.stderr, done.stderr


def test_with_debug_on_the_development_key_is_used_and_check_deploy_flags_it():
    done = _check_deploy(DEBUG="1")
    assert "security.W009" in done.stdout + done.stderr
