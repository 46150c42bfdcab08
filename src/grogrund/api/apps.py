from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "grogrund.api"
    label = "api"
    verbose_name = "API"
