"""A user revokes their own tokens on the account page; a revoked token answers 401. Logging
out leaves tokens alone (a script keeps working), and nobody revokes another user's token."""

import pytest
from rest_framework.test import APIClient

from builders import make_user
from grogrund.accounts.models import ApiToken
from grogrund.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def _status(secret: str) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return api.get("/api/v1/areas/").status_code


def test_a_revoked_token_is_refused(client):
    user = make_user()
    made = create_token(user=user, name="Nattlig rapportkörning")
    client.force_login(user)
    response = client.post(f"/konto/token/{made.token.pk}/aterkalla/")
    assert response.status_code == 302
    assert _status(made.secret) == 401
    assert ApiToken.objects.get().revoked_at is not None  # kept, for the record
    assert "Nattlig rapportkörning" not in client.get("/konto/").content.decode()


def test_revoking_one_token_leaves_the_others(client):
    user = make_user()
    first, second = create_token(user=user, name="a"), create_token(user=user, name="b")
    client.force_login(user)
    client.post(f"/konto/token/{first.token.pk}/aterkalla/")
    assert (_status(first.secret), _status(second.secret)) == (401, 200)


def test_another_users_token_cannot_be_revoked(client):
    made = create_token(user=make_user(), name="inte din")
    client.force_login(make_user())
    assert client.post(f"/konto/token/{made.token.pk}/aterkalla/").status_code == 404
    assert _status(made.secret) == 200


def test_logging_out_does_not_revoke_tokens(client):
    user = make_user()
    made = create_token(user=user, name="Nattlig rapportkörning")
    client.force_login(user)
    client.post("/konto/logga-ut/")
    assert _status(made.secret) == 200


def test_a_deactivated_users_tokens_stop_working():
    user = make_user()
    made = create_token(user=user, name="Nattlig rapportkörning")
    user.is_active = False
    user.save()
    assert _status(made.secret) == 401
