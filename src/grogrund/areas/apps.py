from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "grogrund.areas"
    label = "areas"
    verbose_name = _("Areas and statistics")

    def ready(self) -> None:
        from grogrund.areas import signals  # noqa: F401  (connects the receivers)
