from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from grogrund.accounts.access import editable
from grogrund.api.serializers import AreaSerializer, IndicatorSerializer, ObservationSerializer
from grogrund.areas import selectors
from grogrund.areas.models import Area, Indicator, Observation


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "level", str, description="country, county, municipality, regso, deso, custom"
            ),
            OpenApiParameter("parent", str, description="Code of the parent area"),
        ]
    )
)
class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AreaSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Area]:
        qs = selectors.areas_for(self.request.user).select_related("parent")
        qs = qs.prefetch_related("members")
        params = self.request.query_params
        if params.get("level"):
            qs = qs.filter(level=params["level"])
        if params.get("parent"):
            qs = qs.filter(parent__code=params["parent"])
        return qs.order_by("code")


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Indicator]:
        return selectors.indicators().order_by("code")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("area", str),
            OpenApiParameter("indicator", str),
            OpenApiParameter("period", str),
            OpenApiParameter("dataset", int),
        ]
    )
)
class ObservationViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = ObservationSerializer

    def get_queryset(self) -> QuerySet[Observation]:
        qs = selectors.observations_for(self.request.user)
        if self.action in {"update", "partial_update", "destroy"}:
            qs = editable(qs, self.request.user, prefix="dataset__")
        params = self.request.query_params
        for param, field in (
            ("area", "area__code"),
            ("indicator", "indicator__code"),
            ("period", "period"),
            ("dataset", "dataset_id"),
        ):
            if params.get(param):
                qs = qs.filter(**{field: params[param]})
        return qs.select_related("area", "indicator", "dataset").order_by("id")

    def perform_create(self, serializer: Any) -> None:
        serializer.save()
