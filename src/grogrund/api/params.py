"""Query parameters of the API, read in one place: a value that cannot be what the parameter
means is a 400 that names the parameter, never a 500 and never a silently empty list.

Ids and page positions are bounded by the largest integer PostgreSQL and SQLite store
(2⁶³ − 1) and by `MAX_PAGE_SIZE` for `limit`, so no filter can overflow the database and no
request can ask for millions of rows at once."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

#: The most rows one API page returns; larger `limit` values are refused, not cut silently,
#: so a client that pages by its own limit notices. 1 000 observations are about 400 kB.
MAX_PAGE_SIZE = 1000
#: The largest id a database column holds (bigint).
MAX_ID = 2**63 - 1


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _whole_number(value: str, low: int, high: int) -> int | None:
    """`value` as an int from `low` to `high`, or None. Only ASCII digits: str.isdigit()
    accepts "²" and other digits int() refuses or no client means."""
    if value.isascii() and value.isdigit() and low <= int(value) <= high:
        return int(value)
    return None


def id_param(request: Request, name: str) -> int | None:
    """A positive whole number (an id) or None when the parameter is absent or empty."""
    value = request.query_params.get(name, "")
    if value == "":
        return None
    number = _whole_number(value, 0, MAX_ID)
    if number is None:
        raise _refuse(name, _("'%(value)s' is not an id: give a whole number.") % {"value": value})
    return number


def text_param(request: Request, name: str, *, max_length: int = 200) -> str | None:
    """A code or name, trimmed; None when absent or empty."""
    value = request.query_params.get(name, "").strip()
    if value == "":
        return None
    if len(value) > max_length or "\x00" in value:
        raise _refuse(name, _("The value is too long or contains characters no code has."))
    return value


def choice_param(request: Request, name: str, choices: Any) -> str | None:
    """One of `choices` (a TextChoices class or an iterable of values)."""
    value = text_param(request, name)
    if value is None:
        return None
    allowed = [str(c) for c in getattr(choices, "values", choices)]
    if value not in allowed:
        raise _refuse(
            name,
            _("'%(value)s' is not one of: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(allowed)},
        )
    return value


class BoundedPagination(LimitOffsetPagination):
    """limit/offset paging with a cap: `limit` from 1 to MAX_PAGE_SIZE, `offset` from 0; any
    other value is a 400 naming the parameter."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request: Request) -> int | None:
        value = request.query_params.get(self.limit_query_param, "")
        if value == "":
            return self.default_limit
        limit = _whole_number(value, 1, MAX_PAGE_SIZE)
        if limit is None:
            raise _refuse(
                self.limit_query_param,
                _("Give a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE},
            )
        return limit

    def get_offset(self, request: Request) -> int:
        value = request.query_params.get(self.offset_query_param, "")
        if value == "":
            return 0
        offset = _whole_number(value, 0, MAX_ID)
        if offset is None:
            raise _refuse(self.offset_query_param, _("Give a whole number, 0 or more."))
        return offset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter.setdefault("schema", {})
            if parameter["name"] == self.limit_query_param:
                schema.update(minimum=1, maximum=MAX_PAGE_SIZE)
            elif parameter["name"] == self.offset_query_param:
                schema.update(minimum=0, maximum=MAX_ID)
        return parameters
