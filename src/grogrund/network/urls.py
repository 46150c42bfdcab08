from django.urls import path

from grogrund.network import views

app_name = "network"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("installningar/", views.network_settings, name="settings"),
]
