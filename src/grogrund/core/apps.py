from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grogrund.core"
    label = "core"
    verbose_name = _("Grogrund")

    def ready(self) -> None:
        from grogrund.core import generation

        generation.connect()
