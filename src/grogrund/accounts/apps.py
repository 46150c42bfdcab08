from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "grogrund.accounts"
    label = "accounts"
    verbose_name = _("Organisations and users")


class GrogrundAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Grogrund's admin site: superusers only, edits kept in the history."""

    default = False
    default_site = "grogrund.accounts.admin_site.GrogrundAdminSite"
