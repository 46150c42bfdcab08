"""Django's ModelBackend, with the signed-in user kept in each process between requests.

Every request of a signed-in visitor loads their user row. The row is kept in the process's
default cache under the user and the generation of the `accounts` scope
(grogrund.core.generation), read once per request with the other scopes' numbers: any change
to a user (a new password, deactivation, a deletion, a login, a new language) or to any other
account moves that number, and every process then loads the row again on the visitor's next
request. So a password change or a deactivation ends the user's sessions on every process at
once, as before (Django still compares the session's password hash with the user's). Changed
the database by hand? `grogrund data_changed`, as for every other cache (docs/caching.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import backends

from grogrund.core.generation import ACCOUNTS, kept


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        # An unknown or inactive user (None) is not kept.
        return kept(
            f"user:{user_id}", lambda: super(ModelBackend, self).get_user(user_id), [ACCOUNTS]
        )
