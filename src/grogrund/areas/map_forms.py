"""Forms of the maps: choosing what a choropleth shows, uploading boundary files, and the
custom-area editor."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import editor_organisations
from grogrund.areas.boundaries import EDITIONS
from grogrund.areas.custom_areas import NAME_MAX
from grogrund.areas.models import AreaLevel, Indicator
from grogrund.charts.maps import EQUAL_INTERVALS, QUANTILES
from grogrund.core.uploads import checked_upload
from grogrund.core.validators import PersonalNumberGuard

LEVEL_CHOICES = [(AreaLevel.DESO.value, _("DeSO")), (AreaLevel.REGSO.value, _("RegSO"))]
METHOD_CHOICES = [
    (QUANTILES, _("Quintiles: about as many areas in each class")),
    (EQUAL_INTERVALS, _("Equal intervals: classes equally wide")),
]


class MapChoiceForm(PersonalNumberGuard, forms.Form):
    """What the area profile's map shows (a GET form: the choice is in the address)."""

    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    level = forms.ChoiceField(
        label=_("Areas"), choices=LEVEL_CHOICES, initial="deso", required=False
    )
    classes = forms.ChoiceField(
        label=_("Classes"), choices=METHOD_CHOICES, initial=QUANTILES, required=False
    )

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(i.code, i.name) for i in indicators]

    def choice(self, indicators: list[Indicator]) -> tuple[Indicator, str, str]:
        """(indicator, level, method): the valid choices, the first indicator and the
        defaults otherwise (a stale address shows a map rather than an error)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        by_code = {i.code: i for i in indicators}
        indicator = by_code.get(data.get("indicator") or "") or indicators[0]
        return indicator, data.get("level") or "deso", data.get("classes") or QUANTILES


BOUNDARY_LEVELS = [
    ("", _("From the file's code column")),
    ("deso", _("DeSO")),
    ("regso", _("RegSO")),
    ("municipality", _("Municipalities")),
]
EDITION_LABELS = {
    "auto": _("From the file (DeSO 2025 files name the code desokod)"),
    "2018": _("DeSO 2018 and RegSO 2020: codes as they are"),
    "2025": _("DeSO 2025 and RegSO 2025: SCB's suffix added to the codes"),
}


class BoundaryUploadForm(PersonalNumberGuard, forms.Form):
    file = forms.FileField(
        label=_("Boundary file"),
        help_text=_("SCB's GeoPackage (.gpkg) or a GeoJSON file, in SWEREF 99 TM or WGS 84."),
    )
    level = forms.ChoiceField(label=_("Level"), choices=BOUNDARY_LEVELS, required=False)
    edition = forms.ChoiceField(
        label=_("Edition"), choices=[(e, EDITION_LABELS[e]) for e in EDITIONS], initial="auto"
    )
    layer = forms.CharField(
        label=_("Layer"),
        required=False,
        max_length=200,
        help_text=_("Only for a GeoPackage with several layers of areas."),
    )
    source = forms.CharField(label=_("Source"), max_length=300, initial="SCB, öppna geodata (CC0)")
    retrieved = forms.DateField(
        label=_("Downloaded on"),
        initial=date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_file(self) -> Any:
        return checked_upload(
            self.cleaned_data["file"],
            (".gpkg", ".geojson", ".json"),
            wrong_kind=_(
                "%(name)s is neither a GeoPackage (.gpkg) nor a GeoJSON file (.geojson, .json)."
            ),
            too_large=_(
                "The file is larger than Grogrund accepts in one upload: import it on the "
                "command line with grogrund areas boundaries FILE."
            ),
        )


class CustomAreaForm(PersonalNumberGuard, forms.Form):
    """A custom area's name, owner and sharing; its members are the checkboxes (and map) of
    the page, read with `members` below."""

    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, empty_label=None)
    is_public = forms.BooleanField(
        label=_("Others may see which areas it is made of"),
        required=False,
        help_text=_("Its figures are always shown only from the datasets each visitor may see."),
    )
    municipality = forms.ChoiceField(label=_("Municipality whose areas are listed"), required=False)

    def __init__(self, *args: Any, user: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = editor_organisations(user).order_by("name")
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = [("", "–")] + [
            (code, f"{name} ({code})") for code, name in municipalities
        ]
        # With htmx a new municipality lists its areas at once (the "Show" button without).
        municipality.widget.attrs.update(
            {
                "hx-post": "",
                "hx-trigger": "change",
                "hx-vals": '{"show": "1"}',
                "hx-select": "#picker",
                "hx-target": "#picker",
                "hx-swap": "outerHTML",
            }
        )
