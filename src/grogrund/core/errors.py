"""Show errors the user caused in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext

from grogrund.sources.errors import SourceError


def user_message(err: SourceError) -> str:
    """The error's message translated into the active language, with its parameters filled."""
    return gettext(err.msgid) % err.params
