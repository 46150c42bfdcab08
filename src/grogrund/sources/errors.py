"""Errors a user can cause by handing us a file or a mapping, with a message for the user.

Every message is an English msgid with %(name)s placeholders, marked with `gettext_noop` so
Django's makemessages extracts it; the Django layer shows `gettext(err.msgid) % err.params`.
The location fields (file, row, column, field) are always present in `params`, so a message
may name them.
"""

from __future__ import annotations

from collections.abc import Mapping

from .records import Location


def gettext_noop(s: str) -> str:
    """Mark a string for translation without translating it (no Django import here)."""
    return s


class SourceError(Exception):
    """A problem in the data or its source that the user can fix.

    `code` is a stable machine-readable name (e.g. "personal_number", "not_a_number").
    """

    def __init__(
        self,
        msgid: str,
        params: Mapping[str, object] | None = None,
        location: Location | None = None,
        *,
        code: str = "invalid",
    ) -> None:
        self.msgid = msgid
        self.location = location if location is not None else Location(file="")
        merged: dict[str, object] = {
            "file": self.location.file,
            "row": "" if self.location.row is None else self.location.row,
            "column": self.location.column or "",
            "field": self.location.field or "",
        }
        merged.update(params or {})
        self.params = merged
        self.code = code
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message with its parameters filled in."""
        return self.msgid % self.params

    def __str__(self) -> str:
        where = self.location.describe()
        return f"{self.message} [{where}]" if where else self.message

    def __repr__(self) -> str:
        return f"SourceError(code={self.code!r}, message={self.message!r})"
