"""API endpoints of this app, registered on the one router in grogrund/api/urls.py.

Valuations are read-only here: the model (the engine's model file as JSON) and the key
results, from the cached result (services.result_for). Access as on the site: whoever sees the
programme sees its valuations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from grogrund.api.params import id_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.engine.errors import ModelError
from grogrund.valuations import selectors, services
from grogrund.valuations.models import Valuation

KEY_FIGURES = ("pv_benefits", "pv_costs", "npv", "ratio", "payback_years", "break_even_year")


class ValuationSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    results = serializers.SerializerMethodField()

    class Meta:
        model = Valuation
        fields = [
            "id",
            "programme",
            "initiative",
            "name",
            "question",
            "kind",
            "model",
            "results",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_results(self, obj: Valuation) -> dict[str, Any] | None:
        """Key figures (SEK in the model's price year), by stakeholder, the simulation's
        NPV percentiles and P(NPV > 0); null when the model no longer validates."""
        try:
            data = services.cached_result(obj)
        except ModelError:
            return None
        sim = data.get("simulation") or None
        return {
            **{k: data.get(k) for k in KEY_FIGURES},
            "price_year": data.get("price_year"),
            "discount_rate_percent": data.get("discount_rate_percent"),
            "by_stakeholder": [
                {k: row[k] for k in ("stakeholder", "name", "pv_benefits", "pv_costs", "npv")}
                for row in data.get("by_stakeholder", [])
            ],
            "simulation": None
            if sim is None
            else {
                "draws": sim["draws"],
                "seed": sim["seed"],
                "npv": sim["npv"],
                "probability_npv_positive": sim["probability_npv_positive"],
            },
            "warnings": data.get("warnings", []),
            "value_bank_version": data.get("value_bank_version"),
        }


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("programme", int, description="Only this programme's valuations"),
            OpenApiParameter("initiative", int, description="Only this initiative's valuations"),
        ]
    )
)
class ValuationViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ValuationSerializer

    def get_queryset(self) -> QuerySet[Valuation]:
        qs = selectors.valuations_for(self.request.user)
        for param, field in (("programme", "programme_id"), ("initiative", "initiative_id")):
            if (value := id_param(self.request, param)) is not None:
                qs = qs.filter(**{field: value})
        return qs.order_by("id")


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("valuations", ValuationViewSet, basename="valuation")
