from typing import Any

from django.http import HttpRequest

from grogrund.accounts.access import memberships
from grogrund.accounts.models import Organisation


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    ids = memberships(user)
    return {"my_organisations": Organisation.objects.filter(id__in=ids)}
