"""The national network's own choices (issue 13): what it shows the public.

The network overview itself keeps nothing: it is read from the programmes their owners share
with the network or the public (grogrund.network.selectors).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation


class NetworkSettings(models.Model):
    """A network organisation's choices, changed by its administrators
    (grogrund.network.services.save_settings), every change kept in the history."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="network_settings",
        verbose_name=_("network organisation"),
    )
    # The totals shown publicly are always counted from published programmes only.
    show_totals_publicly = models.BooleanField(
        _("show the network's totals on the public pages"), default=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self) -> str:
        return str(self.organisation)
