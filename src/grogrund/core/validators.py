"""No personal identity numbers in anything a person types: the free-text counterpart of the
readers' guard (grogrund.sources.personal_numbers).

Grogrund holds aggregate figures and plans, never data about individual people, so a Swedish
personnummer or samordningsnummer, in any written form ("880320-0016", "19880320–0016",
"88.03.20-0016", full-width digits…), is refused in every free-text field: a source, a note,
a challenge's description, an effect-logic text, a valuation's reason, an API field.

One mechanism for all of them:
- `PersonalNumberGuard`, a mixin first in the bases of every form (forms.Form and ModelForm):
  after cleaning, each text field (every forms.CharField: TextInput, Textarea, hidden, e-mail,
  custom text fields) whose submitted text holds such a number gets an error naming the field
  and saying what to do, so the form is invalid and nothing is saved. It checks what was
  typed, not the cleaned value, so fields that turn text into numbers or dicts are covered
  too, as are fields a form adds in its __init__;
- `PersonalNumberGuardSerializer`, the same for API serializers: every writable CharField
  gets the validator, nested serializers included.

tests/core/test_free_text_refuses_personal_numbers.py walks every form and serializer of the
project and checks that each is guarded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from grogrund.sources.personal_numbers import PersonalNumberMatch, find_personal_number

MESSAGE = _(
    "%(field)s contains what looks like a Swedish personal identity number or coordination "
    "number (%(masked)s). Grogrund must never hold data about individual people: remove the "
    "number and save again."
)
CODE = "personal_number"


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def find_in(value: Any) -> PersonalNumberMatch | None:
    """The first personal number in a typed value (a text, or a list of texts)."""
    for text in _texts(value):
        found = find_personal_number(text)
        if found is not None:
            return found
    return None


def personal_number_error(found: PersonalNumberMatch, field: object) -> ValidationError:
    params = {"masked": found.masked, "field": field}
    return ValidationError(MESSAGE, code=CODE, params=params)


def is_free_text(field: forms.Field) -> bool:
    """A field a person types text into. Choice, number, date, file and multi-value fields
    are not CharFields."""
    return isinstance(field, forms.CharField)


class PersonalNumberGuard:
    """Form mixin (first in the bases): every free-text field refuses personal numbers."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        form: Any = self
        if not form.is_bound or (form.empty_permitted and not form.has_changed()):
            return
        for name, field in self.fields.items():
            if field.disabled or not is_free_text(field):
                continue
            found = find_in(form[name].data)
            if found is not None:
                form.add_error(name, personal_number_error(found, field.label or name))


class _SerializerValidator:
    """DRF field validator with the field's label in its message (DRF turns the Django
    ValidationError into its own, message and code kept)."""

    def __init__(self, label: object) -> None:
        self.label = label

    def __call__(self, value: Any) -> None:
        found = find_in(value)
        if found is not None:
            raise personal_number_error(found, self.label)


class PersonalNumberGuardSerializer:
    """Serializer mixin (first in the bases): every writable CharField refuses personal
    numbers."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields: dict[str, serializers.Field] = super().get_fields()  # type: ignore[misc]
        for name, field in fields.items():
            if isinstance(field, serializers.CharField) and not field.read_only:
                field.validators.append(_SerializerValidator(field.label or name))
        return fields


def guarded(cls: type) -> bool:
    """Whether a form or serializer class refuses personal numbers in its free text."""
    return issubclass(cls, PersonalNumberGuard | PersonalNumberGuardSerializer)
