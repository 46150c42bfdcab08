"""Every free-text field of every form and API serializer refuses a Swedish personal identity
number or coordination number, in any written form, and says which field and what to do.

Generated like the route registry: every form and serializer class of the project is found
(so a new one is tested the moment it exists), each must carry the guard of
grogrund.core.validators, and each of its text fields is given a personal number and must
refuse it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django import forms
from rest_framework import serializers

import grogrund
from grogrund.core.validators import PersonalNumberGuard, guarded, is_free_text

# One of each written form, rotated over the fields (880320-0016 and the samordningsnummer
# 880380-0013 have right check digits).
WRITTEN_FORMS = (
    "880320-0016",
    "Hyresgäst 19880320–0016 (bet.)",
    "88.03.20-0016",
    "880320 0016",
    "880320\u00a00016",
    "８８０３２０－００１６",
    "8803800013",
    "19880380−0013",
    "198803200016",
    "880320+0016",
)


def _import_everything() -> None:
    for module in pkgutil.walk_packages(grogrund.__path__, "grogrund."):
        name = module.name
        if ".migrations" in name or name.endswith((".wsgi", ".asgi")) or ".management" in name:
            continue
        importlib.import_module(name)


def _subclasses(base: type) -> list[type]:
    found: list[type] = []
    todo = [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("grogrund.") and sub not in found:
                found.append(sub)
    return found


_import_everything()
FORMS = sorted(
    (c for c in _subclasses(forms.BaseForm) if c is not PersonalNumberGuard),
    key=lambda c: f"{c.__module__}.{c.__qualname__}",
)
SERIALIZERS = sorted(
    _subclasses(serializers.BaseSerializer), key=lambda c: f"{c.__module__}.{c.__qualname__}"
)


def _id(cls: type) -> str:
    return f"{cls.__module__.removeprefix('grogrund.')}.{cls.__qualname__}"


def test_the_walk_finds_the_forms_and_serializers() -> None:
    names = {c.__name__ for c in FORMS + SERIALIZERS}
    assert {"MeasurementForm", "ChallengeForm", "OverrideForm", "MeasurementSerializer"} <= names


@pytest.mark.parametrize("form_class", FORMS, ids=_id)
def test_every_form_is_guarded(form_class: type) -> None:
    assert guarded(form_class), (
        f"{_id(form_class)}: put grogrund.core.validators.PersonalNumberGuard first in its bases"
    )


@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=_id)
def test_every_serializer_is_guarded(serializer_class: type) -> None:
    assert guarded(serializer_class), (
        f"{_id(serializer_class)}: put PersonalNumberGuardSerializer first in its bases"
    )


def _bare_form(form_class: Any, data: dict[str, str]) -> Any:
    """The form with the fields its class declares, bound to `data`, without its own __init__
    (which needs a programme, a user…) and without its cross-field checks (which need what
    __init__ would have set): only field cleaning and the guard run."""
    hooks: dict[str, Any] = {
        "clean": lambda self: self.cleaned_data,
        "_post_clean": lambda self: None,
    }
    for name in form_class.base_fields:
        hooks[f"clean_{name}"] = lambda self, n=name: self.cleaned_data.get(n)
    bare = type(form_class.__name__, (form_class,), hooks)
    form = bare.__new__(bare)
    if issubclass(form_class, forms.BaseModelForm):
        forms.BaseModelForm.__init__(form, data=data)
    else:
        forms.BaseForm.__init__(form, data=data)
    return form


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=_id)
def test_every_free_text_field_of_every_form_refuses_a_personal_number(form_class: Any) -> None:
    text_fields = [n for n, f in form_class.base_fields.items() if is_free_text(f)]
    if not text_fields:
        pytest.skip("no free-text field declared on the class")
    data = {n: WRITTEN_FORMS[i % len(WRITTEN_FORMS)] for i, n in enumerate(text_fields)}
    form = _bare_form(form_class, data)
    assert not form.is_valid()
    errors = form.errors.as_data()
    for name in text_fields:
        codes = [e.code for e in errors.get(name, [])]
        assert "personal_number" in codes, f"{_id(form_class)}.{name} took {data[name]!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=_id)
def test_every_writable_text_field_of_every_serializer_refuses_a_personal_number(
    serializer_class: Any,
) -> None:
    fields = serializer_class().fields
    text_fields = [
        n for n, f in fields.items() if isinstance(f, serializers.CharField) and not f.read_only
    ]
    if not text_fields:
        pytest.skip("no writable text field")
    data = {n: WRITTEN_FORMS[i % len(WRITTEN_FORMS)] for i, n in enumerate(text_fields)}
    serializer = serializer_class(data=data)
    assert not serializer.is_valid()
    for name in text_fields:
        codes = [getattr(e, "code", None) for e in serializer.errors.get(name, [])]
        assert "personal_number" in codes, f"{_id(serializer_class)}.{name} took {data[name]!r}"


def test_the_message_names_the_field_masks_the_number_and_says_what_to_do() -> None:
    from grogrund.programmes.forms import StepStatusForm

    form = _bare_form(StepStatusForm, {"note": "Kontakt: 19880320-0016"})
    assert not form.is_valid()
    message = str(form.errors["note"][0])
    assert "0016" not in message
    assert "19880320-****" in message
    assert str(form.fields["note"].label) in message


def test_ordinary_text_with_figures_is_accepted() -> None:
    from grogrund.programmes.forms import StepStatusForm

    note = "SCB tabell TAB6471, 0114C1010, 2024M09, 1 234 567 kr, tel. 070-123 45 67"
    form = _bare_form(StepStatusForm, {"note": note})
    form.is_valid()
    assert "note" not in form.errors
