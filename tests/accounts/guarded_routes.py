"""The accounts app's routes in the access registry
(tests/accounts/test_every_route_is_guarded.py): password change and reset, and API tokens,
tried against an API token of organisation A's member."""

from __future__ import annotations

from route_registry import Case, PrivateWorld

SECRETS = ("Hemlig token Alfa",)


def token_of_a(w: PrivateWorld) -> int:
    """An API token of the member of A the registry test signs in."""
    from grogrund.accounts.models import User
    from grogrund.accounts.tokens import create_token

    member = User.objects.filter(memberships__organisation=w.area.owner).order_by("pk").first()
    assert member is not None
    return create_token(user=member, name="Hemlig token Alfa").token.pk


ROUTES: dict[str, Case] = {
    "token_revoke": Case(private=True, kwargs={"pk": token_of_a}, method="post", member_status=302),
    "password_change": Case(),
    "password_change_done": Case(),
    "password_reset": Case(),
    "password_reset_done": Case(),
    "password_reset_confirm": Case(
        kwargs={"uidb64": lambda w: "MQ", "token": lambda w: "not-a-valid-token"}
    ),
    "password_reset_complete": Case(),
}
