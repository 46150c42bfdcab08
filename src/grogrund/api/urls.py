from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from grogrund.api import views

router = DefaultRouter()
router.register("areas", views.AreaViewSet, basename="area")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("observations", views.ObservationViewSet, basename="observation")
# Each app adds its own endpoints (its api.register), so apps never edit this file.
for app in ("programmes", "initiatives", "valuations", "partnerships", "network", "methods"):
    import_module(f"grogrund.{app}.api").register(router)
import_module("grogrund.procurement.api").register(router)
import_module("grogrund.outcome_contracts.api").register(router)
import_module("grogrund.reports.api").register(router)

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
