"""Number fields as Swedes write them: "5,5", "1 234,5", "12 %", "−3".

Text inputs with `inputmode` (a phone shows its number pad) rather than `type="number"`, whose
parsing depends on the browser's locale: an English browser refused "13,9" and a Swedish one let
"5,5" through as 55. The server reads what was typed with `grogrund.core.numbers.parse_number`
and shows values in `format_number`'s format with all their digits (`number_text`), so a value
shown in a form is read back as the same number when the form is sent again."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grogrund.core.numbers import MINUS, NBSP, parse_number

if TYPE_CHECKING:
    from grogrund.engine.plausibility import Verdict

#: The most decimals a value is shown with in a form: every float of 1e-12 or more is shown
#: with all its digits (the shortest that read back as the same float), so sending a form
#: unchanged changes nothing.
MAX_DECIMALS = 30


def number_text(value: float | int | Decimal | None, *, grouping: bool = True) -> str:
    """A number as a form shows it: in the language's format (as `format_number`), with the
    digits of the shortest decimal that is the same float (`5,5`, `1 234 567`, `0,035`), never
    rounded away, so that `parse_number` reads back the same number. Without `grouping`
    (years) no thousands separator: `2026`."""
    if value is None:
        return ""
    number = float(value)
    if not math.isfinite(number):
        return ""
    exact = Decimal(repr(number))
    exponent = exact.normalize().as_tuple().exponent
    decimals = min(MAX_DECIMALS, max(0, -exponent)) if isinstance(exponent, int) else 0
    text = f"{abs(exact):{',' if grouping else ''}.{decimals}f}"
    if not (get_language() or "sv").startswith("en"):
        text = text.replace(",", NBSP).replace(".", ",")
    return (MINUS if number < 0 and exact.normalize() != 0 else "") + text


class NumberInput(forms.TextInput):
    """A text input for a number: the browser leaves the text alone, the phone shows digits."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, inputmode: str = "decimal") -> None:
        super().__init__({"inputmode": inputmode, **(attrs or {})})


@deconstructible
class AtLeast(MinValueValidator):
    """The smallest value allowed, named in the user's format (`0,5`, not `0.5`)."""

    message = _("Give %(limit_value)s or more.")

    def __call__(self, value: Any) -> None:
        if value < self.limit_value:
            raise forms.ValidationError(
                self.message, code=self.code, params={"limit_value": number_text(self.limit_value)}
            )


@deconstructible
class AtMost(MaxValueValidator):
    message = _("Give %(limit_value)s or less.")

    def __call__(self, value: Any) -> None:
        if value > self.limit_value:
            raise forms.ValidationError(
                self.message, code=self.code, params={"limit_value": number_text(self.limit_value)}
            )


class NumberField(forms.Field):
    """A decimal number typed as people write it; `cleaned_data` holds a float (or None).

    `suffixes` are units that may follow the number ("kr"): they are dropped when read."""

    widget = NumberInput
    default_error_messages = {
        "invalid": _("“%(value)s” is not a number. Write it like %(example)s."),
    }
    #: What the error message gives as an example of a number that works.
    example: float = 1234.5
    suffixes: tuple[str, ...] = ()
    grouping = True

    def __init__(
        self,
        *,
        min_value: float | None = None,
        max_value: float | None = None,
        suffixes: tuple[str, ...] | None = None,
        **kwargs: Any,
    ) -> None:
        self.min_value, self.max_value = min_value, max_value
        if suffixes is not None:
            self.suffixes = suffixes
        kwargs.pop("localize", None)  # always localized
        super().__init__(**kwargs)
        if min_value is not None:
            self.validators.append(AtLeast(min_value))
        if max_value is not None:
            self.validators.append(AtMost(max_value))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return number_text(value, grouping=self.grouping)
        return value

    def to_python(self, value: Any) -> float | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return float(value)
        text = str(value).strip()
        if text in self.empty_values:
            return None
        try:
            return parse_number(self._without_suffix(text), decimal_comma=True)
        except ValueError:
            raise self._invalid(text) from None

    def _without_suffix(self, text: str) -> str:
        for suffix in self.suffixes:
            pattern = rf"[\s\u00a0\u202f]*{re.escape(suffix)}\.?$"
            if re.search(pattern, text, flags=re.IGNORECASE):
                return re.sub(pattern, "", text, flags=re.IGNORECASE)
        return text

    def _invalid(self, text: str) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["invalid"],
            code="invalid",
            params={"value": text, "example": self.example_text()},
        )

    def example_text(self) -> str:
        return number_text(self.example, grouping=self.grouping)


class PercentField(NumberField):
    """A percentage: the user types "12,5", "12,5 %" or "12,5%", `cleaned_data` holds the
    number of percent (12.5), not the share."""

    example = 12.5
    suffixes = ("%",)

    def example_text(self) -> str:
        return f"{number_text(self.example)}{NBSP}%"


class IntegerNumberField(NumberField):
    """A whole number ("1 200", "−3"); `cleaned_data` holds an int. `grouping=False` for years
    and other numbers people write without a thousands separator."""

    widget = NumberInput
    default_error_messages = {
        "whole": _("“%(value)s” is not a whole number. Write it like %(example)s."),
    }
    example = 1200

    def __init__(self, *, grouping: bool = True, **kwargs: Any) -> None:
        self.grouping = grouping
        if not grouping:
            self.example = 2026
        kwargs.setdefault("widget", NumberInput(inputmode="numeric"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        number = super().to_python(value)
        if number is None:
            return None
        if not float(number).is_integer():
            raise forms.ValidationError(
                self.error_messages["whole"],
                code="whole",
                params={"value": str(value).strip(), "example": self.example_text()},
            )
        return int(number)


class YearField(IntegerNumberField):
    """A year, written without a thousands separator (2026)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(grouping=False, **kwargs)


# --- "Did you mean …?" ------------------------------------------------------------------------

#: The form data keys of the plausibility question.
CONFIRM = "value_is_right"
USE_SUGGESTION = "use_suggestion"
SUGGESTED_FOR = "suggestion_for"


class ConfirmValueWidget(forms.CheckboxInput):
    """The "Yes, the value is right" checkbox, followed by a button that saves the suggested
    reading instead (with the typed text it was made for: a changed value is checked anew)."""

    def __init__(self, *, suggestion: str = "", typed: str = "", label: str = "") -> None:
        super().__init__()
        self.suggestion, self.typed, self.label = suggestion, typed, label

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        box = super().render(name, value, attrs, renderer)
        if not self.suggestion:
            return box
        prefix = name.removesuffix(CONFIRM)
        return format_html(
            '{} <input type="hidden" name="{}" value="{}">'
            ' <button type="submit" name="{}" value="{}" class="use-suggestion">{}</button>',
            box,
            prefix + SUGGESTED_FOR,
            self.typed,
            prefix + USE_SUGGESTION,
            self.suggestion,
            self.label,
        )


def confirmed_value(
    form: forms.Form, name: str, value: float, verdict: Verdict, *, unit: str = ""
) -> float | None:
    """The value to save from field `name` of a cleaned `form`, given the plausibility
    `verdict` on `value`: as typed when plausible or confirmed, the suggestion when its button
    was pressed for the text still typed; otherwise None, the question added to the form (an
    error on the field saying what was probably meant, and the confirm checkbox)."""
    field = form.fields[name]
    typed = str(form.data.get(form.add_prefix(name), "")).strip()
    if form.data.get(form.add_prefix(CONFIRM)):
        return value
    chosen = str(form.data.get(form.add_prefix(USE_SUGGESTION), "")).strip()
    if chosen and form.data.get(form.add_prefix(SUGGESTED_FOR)) == typed:
        try:
            return float(field.clean(chosen))
        except forms.ValidationError as error:
            form.add_error(name, error)
            return None
    if verdict.plausible:
        return value

    def shown(x: float) -> str:
        return f"{number_text(x)}{NBSP}{unit}" if unit else number_text(x)

    params = {"value": shown(value), "reference": shown(verdict.reference or 0.0)}
    if verdict.suggestion is not None:
        params["suggestion"] = shown(verdict.suggestion)
        message = _(
            "Did you mean %(suggestion)s? %(value)s is far from the values so far (about "
            "%(reference)s). Use the suggestion, or tick “Yes, the value is right” to save "
            "%(value)s."
        )
    else:
        message = _(
            "%(value)s is far from the values so far (about %(reference)s). Check it, or tick "
            "“Yes, the value is right” to save it as typed."
        )
    form.fields[CONFIRM] = forms.BooleanField(
        label=_("Yes, the value is right"),
        required=False,
        widget=ConfirmValueWidget(
            suggestion=number_text(verdict.suggestion) if verdict.suggestion is not None else "",
            typed=typed,
            label=str(_("Use %(suggestion)s") % params) if verdict.suggestion is not None else "",
        ),
    )
    form.add_error(name, forms.ValidationError(message, code="implausible", params=params))
    return None
