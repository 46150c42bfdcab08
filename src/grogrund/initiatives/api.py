"""API endpoints of this app, registered on the one router in grogrund/api/urls.py:
`/api/v1/initiatives/` (read) — each initiative with its effect logic (nodes, links, outcome
measurements) and what the effect logic still lacks; only initiatives of programmes the user
sees. `/api/v1/outcome-measurements/` (read and write) — the measured values of the
initiatives' outcomes, read by whoever sees the programme and written and deleted through the
same services as the outcome page (services.record_measurement/delete_measurement): editors of
the programme's owner and of the organisation that runs the initiative
(selectors.can_record_outcomes); every change is kept in the programme's history."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.routers import DefaultRouter

from grogrund.api.params import id_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.initiatives import selectors, services
from grogrund.initiatives.models import (
    OUTCOME_STAGES,
    EffectLink,
    EffectNode,
    Initiative,
    OutcomeMeasurement,
)


class OutcomeMeasurementSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    class Meta:
        model = OutcomeMeasurement
        fields = ["id", "year", "value", "source"]


class EffectNodeSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    goal = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
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


class EffectLinkSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    class Meta:
        model = EffectLink
        fields = ["id", "source", "target"]


class IssueSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    severity = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()
    node = serializers.IntegerField(source="node_id", allow_null=True)


class InitiativeSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
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
        if (programme := id_param(self.request, "programme")) is not None:
            qs = qs.filter(programme_id=programme)
        return qs.order_by("programme_id", "name", "id")


VALUE_HELP = (
    "The measured value in the outcome indicator's own scale, as stored and as "
    "/api/v1/initiatives/ shows it: a share as 0–1 (0.62 = 62 %), never as percent"
)


class OutcomeValueSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    """One outcome's measured value in one year, written through services.record_measurement."""

    initiative = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The initiative the outcome belongs to (taken from the outcome)"
    )
    outcome = serializers.PrimaryKeyRelatedField(
        queryset=EffectNode.objects.none(),
        help_text="Id of a short- or long-term outcome of the initiative's effect logic, linked "
        "to an indicator",
    )
    value = serializers.FloatField(help_text=VALUE_HELP)
    recorded_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = OutcomeMeasurement
        fields = [
            "id",
            "initiative",
            "outcome",
            "year",
            "value",
            "source",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["id", "initiative", "recorded_by", "recorded_at"]
        # One value per outcome and year: a second for the same year replaces the first.
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["outcome"].queryset = EffectNode.objects.filter(
                initiative__in=selectors.initiatives_for(request.user)
            ).select_related("initiative__programme", "indicator")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            for name in ("outcome", "year"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise ValidationError(
                        {
                            name: _(
                                "The outcome and year of a value cannot change: record a new one."
                            )
                        }
                    )
        return attrs

    def _save(self, outcome: EffectNode, year: int, value: float, source: str) -> Any:
        try:
            return services.record_measurement(
                user=self.context["request"].user,
                outcome=outcome,
                year=year,
                value=value,
                source=source,
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from err
        except services.InitiativeError as err:
            raise ValidationError({_field_of(outcome, source): [str(err)]}) from err

    def create(self, validated_data: dict[str, Any]) -> OutcomeMeasurement:
        return self._save(
            validated_data["outcome"],
            validated_data["year"],
            validated_data["value"],
            validated_data["source"],
        )

    def update(
        self, instance: OutcomeMeasurement, validated_data: dict[str, Any]
    ) -> OutcomeMeasurement:
        return self._save(
            instance.outcome,
            instance.year,
            validated_data.get("value", instance.value),
            validated_data.get("source", instance.source),
        )


def _field_of(outcome: EffectNode, source: str) -> str:
    """The field a refusal of services.record_measurement is about (the service names none):
    the outcome (not an outcome, or without indicator), the source (empty), else the value."""
    if outcome.stage not in OUTCOME_STAGES or outcome.indicator_id is None:
        return "outcome"
    if not source.strip():
        return "source"
    return "value"


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("initiative", int), OpenApiParameter("outcome", int)]
    )
)
class OutcomeMeasurementViewSet(
    UserLanguageMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Outcome values of initiatives the user sees. Posting a value for an outcome and year
    that already has one replaces it (201 either way, as /api/v1/measurements/ answers)."""

    serializer_class = OutcomeValueSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[OutcomeMeasurement]:
        qs = OutcomeMeasurement.objects.filter(
            initiative__in=selectors.initiatives_for(self.request.user)
        ).select_related("initiative__programme", "outcome__indicator", "recorded_by")
        for param, field in (("initiative", "initiative_id"), ("outcome", "outcome_id")):
            if (value := id_param(self.request, param)) is not None:
                qs = qs.filter(**{field: value})
        return qs.order_by("initiative_id", "outcome_id", "year")

    def perform_destroy(self, instance: OutcomeMeasurement) -> None:
        """Delete as the outcome page does (services.delete_measurement): the history keeps
        the value. One the user cannot see is a 404 (get_object); one the user sees but may
        not delete is a 403 with the service's reason."""
        try:
            services.delete_measurement(user=self.request.user, measurement=instance)
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from err


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("initiatives", InitiativeViewSet, basename="initiative")
    router.register(
        "outcome-measurements", OutcomeMeasurementViewSet, basename="outcome-measurement"
    )
