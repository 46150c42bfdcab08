"""Choosing an area among thousands: a search box instead of a list.

`AreaSearchWidget` replaces the select of a ModelChoiceField or ModelMultipleChoiceField over
areas. It shows the areas already chosen (as checked boxes, or a checked radio button), a
search box and the areas that match what was typed. With JavaScript, htmx asks
`areas:search` for the matches as the user types; without it, the Search button sends the
form back and the page shows the matches (the view must not save then: see `searching`).

The choices offered are the field's own queryset (what the user may choose) filtered by the
text; the endpoint offers only the areas the user may see, and the form checks the choice
against its queryset on save as always.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.areas import search
from grogrund.areas.models import AreaLevel
from grogrund.core.validators import PersonalNumberGuard

#: At most this many matches are offered at a time; type more to narrow them.
MAX_CHOICES = 20


class AreaSearchWidget(forms.Widget):
    template_name = "areas/widgets/area_search.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = False) -> None:
        super().__init__(attrs)
        self.allow_multiple_selected = multiple
        self.choices: Any = ()
        self.search_text = ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        self.search_text = (data.get(f"{name}_q") or "").strip()
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False if self.allow_multiple_selected else name not in data

    def _key(self) -> str:
        field = getattr(self.choices, "field", None)
        return (getattr(field, "to_field_name", None) or "pk") if field else "pk"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        queryset = getattr(self.choices, "queryset", None)
        key = self._key()
        values = value if isinstance(value, list | tuple) else [value]
        values = [str(v) for v in values if v not in (None, "")]
        chosen: list[Any] = []
        matches: list[Any] = []
        if queryset is not None:
            if values:
                chosen = list(queryset.filter(**{f"{key}__in": values}).select_related("parent"))
            if self.search_text:
                matches = list(
                    search.best_first(queryset, self.search_text)
                    .exclude(**{f"{key}__in": values})
                    .select_related("parent")[:MAX_CHOICES]
                )
        widget_id = context["widget"]["attrs"].get("id") or name
        context["widget"].update(
            {
                "id": widget_id,
                "multiple": self.allow_multiple_selected,
                "chosen": [(str(getattr(a, key)), a) for a in chosen],
                "matches": [(str(getattr(a, key)), a) for a in matches],
                "search_text": self.search_text,
                "searched": bool(self.search_text),
                "key": key,
                "max_choices": MAX_CHOICES,
            }
        )
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_q" if id_ else id_


def searching(form: forms.BaseForm) -> bool:
    """Was the form sent back by an area search's button (no JavaScript) rather than to save?"""
    return any(
        f"{bound.html_name}_search" in form.data
        for bound in form
        if isinstance(bound.field.widget, AreaSearchWidget)
    )


class AreaListFilter(PersonalNumberGuard, forms.Form):
    """The area list's search: text, level and municipality."""

    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *AreaLevel.choices]
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False, choices=[])

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All municipalities"))] + [
            (code, f"{name} ({code})") for code, name in municipalities
        ]
