"""Routes under /program/<pk>/… (see grogrund/urls.py): every view takes the programme's pk."""

from django.urls import URLPattern

app_name = "partnerships"
urlpatterns: list[URLPattern] = []
