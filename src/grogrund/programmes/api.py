"""API endpoints of programmes, registered on the one router in grogrund/api/urls.py.

Programmes, goals (with their follow-up status) and measurements are read by whoever sees the
programme (grogrund.programmes.selectors.programmes_for; a published programme also without
logging in). Measurements are written and deleted through the same services as the web pages:
an editor of the programme's owner records and deletes for any partner, a partner's editor for
their own organisation only (grogrund.accounts.access.can_edit_as_partner); every change is
kept in the programme's history.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from drf_spectacular.utils import extend_schema_view as schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.accounts.models import Organisation
from grogrund.api.params import id_param, text_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core import exports, generation
from grogrund.core.api_cache import CachedListMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.programmes import selectors, services
from grogrund.programmes.models import Goal, Measurement, Programme


class ProgrammeSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partners = serializers.SlugRelatedField(
        source="shared_with", slug_field="slug", many=True, read_only=True
    )
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    end_year = serializers.IntegerField(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "description",
            "owner",
            "visibility",
            "partners",
            "areas",
            "start_year",
            "horizon_years",
            "end_year",
        ]


class LatestSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField(help_text="Share 0–1")
    expected = serializers.FloatField(help_text="The trajectory's value that year, share 0–1")
    percent_met = serializers.FloatField(help_text="Percent of the planned change met")


class GoalSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reference_area = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The comparison area's code; null for a goal of a fixed number of people set "
        "without a comparison value (reference_share and people_needed are then null too)",
    )
    status = serializers.SerializerMethodField(
        help_text="on_track, behind or at_risk for the latest measurement; no_data without one"
    )
    latest = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "programme",
            "area",
            "indicator",
            "reference_area",
            "direction",
            "baseline_year",
            "deadline_year",
            "baseline_share",
            "reference_share",
            "base",
            "people_needed",
            "share_of_gap",
            "fixed_count",
            "target_count",
            "target_share",
            "status",
            "latest",
        ]

    def _follow_up(self, goal: Goal) -> selectors.GoalFollowUp:
        cached = getattr(goal, "_follow_up", None)
        if cached is None:
            cached = selectors.follow_up(goal, list(goal.measurements.all()))
            goal._follow_up = cached  # type: ignore[attr-defined]
        return cached

    def get_status(self, goal: Goal) -> str:
        return self._follow_up(goal).status

    @extend_schema_field(LatestSerializer(allow_null=True))
    def get_latest(self, goal: Goal) -> dict[str, Any] | None:
        latest = self._follow_up(goal).latest
        if latest is None:
            return None
        return {
            "year": latest.measurement.year,
            "value": latest.measurement.value,
            "expected": latest.expected_share,
            "percent_met": latest.percent_met,
        }


class MeasurementSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        help_text="Slug of the organisation the measurement is recorded for (default: the "
        "programme's owner for its editors, else the user's own partner organisation)",
    )
    value = serializers.FloatField(
        required=False, allow_null=True, help_text="Share 0–1 (or give numerator and denominator)"
    )
    recorded_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Measurement
        fields = [
            "id",
            "goal",
            "year",
            "value",
            "numerator",
            "denominator",
            "source",
            "organisation",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["id", "recorded_by", "recorded_at"]
        # One measurement per goal and year: a second for the same year replaces the first.
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request, view = self.context.get("request"), self.context.get("view")
        if request is not None and not getattr(view, "swagger_fake_view", False):
            # The goals on the visitor's kept programme ids: a plain list to look the goal up in.
            self.fields["goal"].queryset = selectors.visible_goals(request.user)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            for name in ("goal", "year"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise ValidationError(
                        {name: "A measurement's goal and year cannot change: record a new one."}
                    )
        return attrs

    def _save(self, goal: Goal, year: int, data: dict[str, Any], base: Measurement | None) -> Any:
        def pick(name: str) -> Any:
            if name in data:
                return data[name]
            return getattr(base, name) if base is not None else None

        numerator, denominator = pick("numerator"), pick("denominator")
        value = data.get("value")
        if value is not None and "numerator" not in data:
            numerator = denominator = None  # a new value replaces the old fraction
        if value is None and base is not None and "numerator" not in data:
            value = base.value
        try:
            return services.record_measurement(
                user=self.context["request"].user,
                goal=goal,
                year=year,
                value=value,
                numerator=numerator,
                denominator=denominator,
                source=pick("source") or "",
                organisation=pick("organisation"),
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from err
        except services.ProgrammeError as err:
            raise ValidationError(str(err)) from err

    def create(self, validated_data: dict[str, Any]) -> Measurement:
        return self._save(validated_data["goal"], validated_data["year"], validated_data, None)

    def update(self, instance: Measurement, validated_data: dict[str, Any]) -> Measurement:
        return self._save(instance.goal, instance.year, validated_data, instance)


@schema_view(list=extend_schema(parameters=[OpenApiParameter("area", str)]))
class ProgrammeViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Programme]:
        qs = selectors.programmes_for(self.request.user).select_related("owner")
        qs = qs.prefetch_related("shared_with", "areas")
        if area := text_param(self.request, "area"):
            qs = qs.filter(areas__code=area)
        return qs.order_by("id")

    # The figures behind the programme's pages (grogrund.core.exports): the same tables as
    # the pages' XLSX and CSV downloads, as JSON, or as the files with ?format=xlsx|csv.
    def _export(self, request: Request, build: Any) -> Response:
        programme = self.get_object()
        return exports.api_response(request, lambda: build(request, programme))

    @extend_schema(
        summary="The follow-up dashboard's figures: goals, measurements, the twelve steps",
        parameters=exports.EXPORT_PARAMETERS,
        responses=exports.EXPORT_RESPONSES,
    )
    @action(detail=True, url_path="follow-up", renderer_classes=exports.RENDERERS)
    def follow_up(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from grogrund.programmes.exports import follow_up_export

        return self._export(
            request,
            lambda r, p: follow_up_export(p, page_url=_page(r, "programmes:dashboard", p)),
        )

    @extend_schema(
        summary="The portfolio review's figures: initiatives and their outcomes",
        parameters=exports.EXPORT_PARAMETERS,
        responses=exports.EXPORT_RESPONSES,
    )
    @action(detail=True, renderer_classes=exports.RENDERERS)
    def portfolio(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from grogrund.initiatives.exports import portfolio_export

        return self._export(
            request,
            lambda r, p: portfolio_export(p, page_url=_page(r, "initiatives:portfolio", p)),
        )

    @extend_schema(
        summary="The handslag budget: commitments, per year, per partner and year",
        parameters=exports.EXPORT_PARAMETERS,
        responses=exports.EXPORT_RESPONSES,
    )
    @action(detail=True, renderer_classes=exports.RENDERERS)
    def budget(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from grogrund.partnerships.exports import budget_export

        return self._export(
            request,
            lambda r, p: budget_export(r.user, p, page_url=_page(r, "partnerships:detail", p)),
        )


def _page(request: Request, name: str, programme: Programme) -> str:
    return request.build_absolute_uri(reverse(name, args=[programme.pk]))


@schema_view(list=extend_schema(parameters=[OpenApiParameter("programme", int)]))
class GoalViewSet(UserLanguageMixin, CachedListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = GoalSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    # The list is kept until a goal, a measurement or who may see them changes
    # (grogrund.core.api_cache).
    cache_scopes = (
        generation.ACCOUNTS,
        generation.STATISTICS,
        generation.PROGRAMMES,
        generation.FOLLOW_UP,
    )

    def get_queryset(self) -> QuerySet[Goal]:
        if getattr(self, "swagger_fake_view", False):  # the schema: no database to ask
            return Goal.objects.none()
        qs = selectors.visible_goals(self.request.user).prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("year"))
        )
        if (programme := id_param(self.request, "programme")) is not None:
            qs = qs.filter(programme_id=programme)
        return qs.order_by("id")


@schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("programme", int), OpenApiParameter("goal", int)]
    )
)
class MeasurementViewSet(
    UserLanguageMixin,
    CachedListMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = MeasurementSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    cache_scopes = (generation.ACCOUNTS, generation.PROGRAMMES, generation.FOLLOW_UP)

    def get_queryset(self) -> QuerySet[Measurement]:
        if getattr(self, "swagger_fake_view", False):  # the schema: no database to ask
            return Measurement.objects.none()
        qs = Measurement.objects.filter(
            goal__programme_id__in=selectors.visible_programme_ids(self.request.user)
        ).select_related("organisation", "recorded_by")
        for param, field in (("programme", "goal__programme_id"), ("goal", "goal_id")):
            if (value := id_param(self.request, param)) is not None:
                qs = qs.filter(**{field: value})
        return qs.order_by("goal_id", "year")

    def perform_destroy(self, instance: Measurement) -> None:
        """Delete as the goal page does (services.delete_measurement): the history keeps the
        measurement. A measurement of a programme the user cannot see is a 404 (get_object);
        one the user sees but may not delete is a 403, as for a change."""
        try:
            services.delete_measurement(user=self.request.user, measurement=instance)
        except services.NotAllowed as err:
            raise PermissionDenied(
                _(
                    "You may delete measurements only for your own organisation, as an editor "
                    "or administrator of the programme's owner or of one of its partners."
                )
            ) from err


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("programmes", ProgrammeViewSet, basename="programme")
    router.register("goals", GoalViewSet, basename="goal")
    router.register("measurements", MeasurementViewSet, basename="measurement")
