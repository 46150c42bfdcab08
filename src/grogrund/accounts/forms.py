from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import TokenAccess
from grogrund.core.forms import IntegerNumberField
from grogrund.core.validators import PersonalNumberGuard


class ApiTokenForm(PersonalNumberGuard, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, for example the name of a script."),
    )
    access = forms.ChoiceField(
        label=_("Access"), choices=TokenAccess.choices, initial=TokenAccess.READ
    )
    days = IntegerNumberField(label=_("Valid for (days)"), min_value=1, max_value=365)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.API_TOKEN_DAYS
