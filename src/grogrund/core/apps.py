from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

APP_PREFIX = "grogrund."


def is_grogrund_model(model: Any) -> bool:
    """Does `model` (or a many-to-many table between them) belong to one of Grogrund's apps?"""
    app_config = model._meta.app_config
    return app_config is not None and app_config.name.startswith(APP_PREFIX)


class CoreConfig(AppConfig):
    name = "grogrund.core"
    label = "core"
    verbose_name = _("Grogrund")

    def ready(self) -> None:
        from grogrund.core import generation

        generation.connect()
