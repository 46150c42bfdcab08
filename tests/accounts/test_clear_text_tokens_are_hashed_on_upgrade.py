"""An installation upgraded from the clear-text tokens of rest_framework.authtoken keeps its
tokens working, now hashed, read-and-write, expiring in 90 days; the clear text is deleted."""

import hashlib
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from builders import make_user
from grogrund.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

migration = import_module("grogrund.accounts.migrations.0002_api_tokens_hashed")
# The data migration uses only the editor's connection (a real one cannot open in a test's
# transaction on SQLite).
SCHEMA_EDITOR = SimpleNamespace(connection=connection)
OLD_KEY = "0123456789abcdef0123456789abcdef01234567"


def test_an_old_token_becomes_a_hashed_one_that_still_works():
    user = make_user()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, "
            "created timestamp)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, %s)",
            [OLD_KEY, user.pk, timezone.now()],
        )
    migration.hash_clear_text_tokens(apps, SCHEMA_EDITOR)
    token = ApiToken.objects.get()
    assert token.user == user and token.access == "write"
    assert token.key_hash == hashlib.sha256(OLD_KEY.encode()).hexdigest()
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
        cursor.execute("DROP TABLE authtoken_token")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {OLD_KEY}")
    assert api.get("/api/v1/areas/").status_code == 200


def test_a_fresh_installation_has_nothing_to_convert():
    migration.hash_clear_text_tokens(apps, SCHEMA_EDITOR)
    assert not ApiToken.objects.exists()
