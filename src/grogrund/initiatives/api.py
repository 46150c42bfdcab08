"""API endpoints of this app, registered on the one router in grogrund/api/urls.py:
`/api/v1/initiatives/` (read) — each initiative with its effect logic (nodes, links, outcome
measurements) and what the effect logic still lacks; only initiatives of programmes the user
sees."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from grogrund.api.views import UserLanguageMixin
from grogrund.initiatives import selectors
from grogrund.initiatives.models import EffectLink, EffectNode, Initiative, OutcomeMeasurement


class OutcomeMeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutcomeMeasurement
        fields = ["id", "year", "value", "source"]


class EffectNodeSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    goal = serializers.PrimaryKeyRelatedField(read_only=True)
    measurements = serializers.SerializerMethodField()

    class Meta:
        model = EffectNode
        fields = [
            "id",
            "stage",
            "text",
            "position",
            "indicator",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "goal",
            "measurements",
        ]

    @extend_schema_field(OutcomeMeasurementSerializer(many=True))
    def get_measurements(self, node: EffectNode) -> list[dict[str, Any]]:
        """Outcome measurements (values in the indicator's scale: shares 0–1), by year."""
        by_outcome = self.context.setdefault("_measurements", {})
        initiative_ms = by_outcome.get(node.initiative_id)
        if initiative_ms is None:
            initiative_ms = list(node.initiative.outcome_measurements.all())
            by_outcome[node.initiative_id] = initiative_ms
        return OutcomeMeasurementSerializer(
            [m for m in initiative_ms if m.outcome_id == node.pk], many=True
        ).data


class EffectLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = EffectLink
        fields = ["id", "source", "target"]


class IssueSerializer(serializers.Serializer):
    severity = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()
    node = serializers.IntegerField(source="node_id", allow_null=True)


class InitiativeSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    nodes = EffectNodeSerializer(many=True, read_only=True)
    links = EffectLinkSerializer(many=True, read_only=True)
    effect_logic_complete = serializers.SerializerMethodField()
    issues = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "programme",
            "name",
            "owner",
            "status",
            "target_group",
            "budget",
            "method",
            "description",
            "nodes",
            "links",
            "effect_logic_complete",
            "issues",
        ]

    def get_effect_logic_complete(self, obj: Initiative) -> bool:
        return selectors.validation_of(obj).complete

    @extend_schema_field(IssueSerializer(many=True))
    def get_issues(self, obj: Initiative) -> list[dict[str, Any]]:
        return IssueSerializer(selectors.validation_of(obj).issues, many=True).data


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("programme", int)]),
)
class InitiativeViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = InitiativeSerializer

    def get_queryset(self) -> QuerySet[Initiative]:
        qs = selectors.with_effect_logic(selectors.initiatives_for(self.request.user))
        programme = self.request.query_params.get("programme")
        if programme:
            try:
                qs = qs.filter(programme_id=int(programme))
            except ValueError:
                qs = qs.none()
        return qs.order_by("programme_id", "name", "id")


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("initiatives", InitiativeViewSet, basename="initiative")
