"""The network's part of the demo: the fictional national network shows its totals on the
public pages, and Grobo Bostäder publishes its programme "Handslag Norrbacka", so that the
public showcase and the network overview have something to show. The network has an
administrator (ADMINISTRATOR, fictional) who chooses that on /natverket/installningar/ and may
upload area boundaries. Running it twice changes nothing; a choice someone made in the demo
since is left as it is."""

from __future__ import annotations

from grogrund.accounts.history import record_history
from grogrund.accounts.models import HistoryAction, Membership, Organisation, Role, User, Visibility
from grogrund.network.models import NetworkSettings
from grogrund.programmes import services
from grogrund.programmes.demo import DEMO_PROGRAMME, OWNER
from grogrund.programmes.models import ChangeLog, Programme

NETWORK = "natverket"
PUBLISHER = "anna"  # administrator of the demo programme's owner
#: The network organisation's administrator: user name and full name (fictional).
ADMINISTRATOR = ("nadja", "Nadja Nätverksadministratör")


def build() -> None:
    network = Organisation.objects.filter(slug=NETWORK).first()
    if network is not None:
        _administrator(network)
        row, created = NetworkSettings.objects.get_or_create(
            organisation=network, defaults={"show_totals_publicly": True}
        )
        if created:
            record_history(
                user=None,
                obj=row,
                action=HistoryAction.CREATE,
                before=None,
                after={"organisation": network.pk, "show_totals_publicly": True},
                organisation=network,
            )
    programme = Programme.objects.filter(name=DEMO_PROGRAMME, owner__slug=OWNER).first()
    publisher = User.objects.filter(username=PUBLISHER).first()
    if programme is None or publisher is None or _sharing_changed(programme):
        return
    services.set_visibility(user=publisher, programme=programme, visibility=Visibility.PUBLIC)


def _administrator(network: Organisation) -> User:
    """The network's administrator, with the demo password (left as it is when it exists)."""
    from grogrund.areas.demo.build import DEMO_PASSWORD

    username, full_name = ADMINISTRATOR
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": full_name, "language": "sv"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=network, defaults={"role": Role.ADMIN})
    return user


def _sharing_changed(programme: Programme) -> bool:
    """Has anyone changed who sees the programme since it was made?"""
    for entry in ChangeLog.objects.filter(
        programme=programme, object_type="programme", action="update"
    ).only("before", "after"):
        before, after = entry.before or {}, entry.after or {}
        if before.get("visibility") != after.get("visibility"):
            return True
    return False
