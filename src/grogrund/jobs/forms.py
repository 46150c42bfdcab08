from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import editor_organisations
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Area, AreaLevel
from grogrund.core.validators import PersonalNumberGuard


def municipalities() -> list[tuple[str, str]]:
    return list(
        Area.objects.filter(level=AreaLevel.MUNICIPALITY, owner__isnull=True)
        .order_by("name")
        .values_list("code", "name")
    )


def find_municipality(text: str) -> Area:
    """A municipality by code ("1480"), "code name" ("1480 Göteborg") or name."""
    text = " ".join(text.split())
    qs = Area.objects.filter(level=AreaLevel.MUNICIPALITY, owner__isnull=True)
    head = text.split(" ", 1)[0]
    if head.isdigit():
        found = qs.filter(code=head).first()
        if found is not None:
            return found
        raise forms.ValidationError(
            _("There is no municipality with the code %(code)s."), params={"code": head}
        )
    exact = list(qs.filter(name__iexact=text))
    candidates = exact or list(qs.filter(name__icontains=text)[:11])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise forms.ValidationError(
            _("No municipality is called '%(name)s'. Type its name or its four-digit code."),
            params={"name": text},
        )
    raise forms.ValidationError(
        _("'%(name)s' matches several municipalities: %(list)s. Choose one."),
        params={"name": text, "list": ", ".join(f"{a.code} {a.name}" for a in candidates[:10])},
    )


class FetchMunicipalityForm(PersonalNumberGuard, forms.Form):
    owner = forms.ModelChoiceField(
        queryset=None,
        label=_("For organisation"),
        help_text=_("The figures are stored in this organisation's datasets."),
    )
    municipality = forms.CharField(
        label=_("Municipality"),
        max_length=120,
        help_text=_("Name or four-digit code, for example Göteborg or 1480."),
        widget=forms.TextInput(attrs={"list": "municipality-list", "autocomplete": "off"}),
    )
    periods = forms.CharField(
        label=_("Years"),
        required=False,
        max_length=200,
        help_text=_("Comma-separated, for example 2022,2023,2024. Empty: the latest five."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see the figures"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        help_text=_("SCB's and Kolada's figures are public statistics."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user).order_by("name")

    def clean_municipality(self) -> Area:
        return find_municipality(self.cleaned_data["municipality"])

    def clean_periods(self) -> list[str]:
        raw = self.cleaned_data.get("periods") or ""
        periods = [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]
        bad = [p for p in periods if not (p.isdigit() and len(p) == 4)]
        if bad:
            raise forms.ValidationError(
                _("'%(value)s' is not a year. Give years such as 2023, separated by commas."),
                params={"value": bad[0]},
            )
        return periods
