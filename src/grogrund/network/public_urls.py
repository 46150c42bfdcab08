"""The public pages, without login: mounted at oppet/ (grogrund/urls.py)."""

from django.urls import path

from grogrund.network import views

app_name = "public"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("program/<int:pk>/", views.public_programme, name="programme"),
    path("metoder/", views.public_methods, name="methods"),
    path("natverket/", views.public_totals, name="totals"),
]
