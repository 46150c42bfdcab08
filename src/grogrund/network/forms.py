from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.core.validators import PersonalNumberGuard


class NetworkSettingsForm(PersonalNumberGuard, forms.Form):
    show_totals_publicly = forms.BooleanField(
        label=_("Show the network's totals on the public pages"),
        required=False,
        help_text=_(
            "Counted from published programmes only: what members share with the network "
            "stays within the network."
        ),
    )
