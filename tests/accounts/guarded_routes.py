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


def _organisation_of_a(w: PrivateWorld) -> int:
    """Organisation A, with a private change in its history."""
    from grogrund.accounts.history import record_history
    from grogrund.accounts.models import HistoryAction

    record_history(
        user=None,
        obj=w.challenge,
        action=HistoryAction.UPDATE,
        before={"title": "Hemlig utmaning Alfa"},
        after={"title": "Hemlig utmaning Alfa"},
    )
    return int(w.area.owner_id)


# The history of changes is for the organisation's administrators: the registry's member of
# A is an editor, so not even they get it (tests/accounts/test_organisation_history.py signs in
# an administrator).
ROUTES["organisation_history"] = Case(
    private=True, kwargs={"pk": _organisation_of_a}, member_status=404
)
