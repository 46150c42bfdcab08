"""API endpoints of the method library, registered on the one router in grogrund/api/urls.py.
All read-only, with the rules of the site:

- `methods/`: published methods for everyone (also without logging in), and the drafts and
  proposals the user may see (their organisations'; curators also proposals);
- `methods/{slug}/benchmark/`: the method's benchmark, counting only initiatives of programmes
  shared with the network (for its members) or the public;
- `areas-like-mine/{code}/`: the areas most like a DeSO or RegSO, with the visible programmes
  and published methods running there.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.api.params import choice_param, text_param
from grogrund.api.views import UserLanguageMixin
from grogrund.areas.models import AreaLevel
from grogrund.areas.selectors import areas_for
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.methods import benchmark as bench
from grogrund.methods import selectors, similar
from grogrund.methods.models import EvidenceLevel, Method, MethodSource, TemplateNode
from grogrund.programmes.steps import STEPS


class TemplateNodeSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = TemplateNode
        fields = ["stage", "text", "indicator"]
        read_only_fields = fields


class SourceSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    class Meta:
        model = MethodSource
        fields = ["kind", "title", "publisher", "year", "url"]
        read_only_fields = fields


class MethodSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    evidence_label = serializers.CharField(source="get_evidence_level_display", read_only=True)
    steps = serializers.ListField(child=serializers.CharField(), read_only=True)
    value_bank_entries = serializers.ListField(child=serializers.CharField(), read_only=True)
    template = TemplateNodeSerializer(source="template_nodes", many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Method
        fields = [
            "slug",
            "name",
            "status",
            "owner",
            "summary",
            "problem",
            "target_group",
            "steps",
            "cost_per_participant_sek",
            "months_to_effect",
            "value_bank_entries",
            "evidence_level",
            "evidence_label",
            "evidence_note",
            "template",
            "sources",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields


class SpreadSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    n = serializers.IntegerField(help_text="How many figures the median and range are of")
    median = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)


class OutcomeTallySerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    outcomes = serializers.IntegerField()
    on_track = serializers.IntegerField()
    behind = serializers.IntegerField()
    at_risk = serializers.IntegerField()
    not_followed = serializers.IntegerField()


class InitiativeRowSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    initiative_id = serializers.IntegerField()
    name = serializers.CharField()
    programme = serializers.CharField()
    organisation = serializers.CharField()
    status = serializers.CharField()
    participants = serializers.IntegerField(allow_null=True)
    reached = serializers.IntegerField(allow_null=True)
    percent_met = serializers.FloatField(allow_null=True)
    cost_per_outcome = serializers.FloatField(allow_null=True, help_text="kr per person")
    ratio = serializers.FloatField(allow_null=True)


class GapSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    area_share = serializers.FloatField(help_text="Share 0–1")
    reference = serializers.CharField()
    reference_share = serializers.FloatField(help_text="Share 0–1")
    people = serializers.FloatField(help_text="The gap in people")


class AreaContextSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    police = serializers.CharField(help_text="The police's latest classification, or empty")
    police_year = serializers.IntegerField(allow_null=True)
    population = serializers.FloatField(allow_null=True)
    population_year = serializers.IntegerField(allow_null=True)
    gaps = GapSerializer(many=True)


class BenchmarkSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    audience = serializers.ChoiceField(
        choices=[bench.PUBLIC, bench.NETWORK],
        help_text="public: published programmes only; network: also those shared with it",
    )
    programmes = serializers.IntegerField()
    organisations = serializers.IntegerField()
    areas = serializers.IntegerField()
    initiatives = serializers.IntegerField()
    participants = serializers.IntegerField()
    reached = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    outcomes = OutcomeTallySerializer()
    percent_met = SpreadSerializer()
    cost_per_outcome = SpreadSerializer()
    cost_per_participant = SpreadSerializer()
    ratios = SpreadSerializer()
    rows = InitiativeRowSerializer(many=True)
    contexts = AreaContextSerializer(many=True)
    more_rows = serializers.IntegerField(help_text="Initiatives counted but not listed")
    more_contexts = serializers.IntegerField(help_text="Areas counted but not listed")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("step", str, enum=[s.code for s in STEPS]),
            OpenApiParameter("evidence", int, enum=list(EvidenceLevel.values)),
            OpenApiParameter("q", str, description="Text in the name, summary or problem"),
        ]
    )
)
class MethodViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MethodSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[Method]:
        qs = selectors.with_details(selectors.methods_for(self.request.user))
        if step := choice_param(self.request, "step", [s.code for s in STEPS]):
            qs = qs.filter(steps__icontains=f'"{step}"')
        evidence = choice_param(self.request, "evidence", [str(v) for v in EvidenceLevel.values])
        if evidence:
            qs = qs.filter(evidence_level__gte=int(evidence))
        if text := text_param(self.request, "q", max_length=100):
            qs = qs.filter(name__icontains=text) | qs.filter(summary__icontains=text)
        return qs.order_by("name", "id")

    @extend_schema(responses=BenchmarkSerializer)
    @action(detail=True, methods=["get"])
    def benchmark(self, request: Request, slug: str | None = None, **kwargs: Any) -> Response:
        method = self.get_object()
        if method.status not in selectors.PUBLIC_STATUSES:
            raise Http404
        return Response(BenchmarkSerializer(bench.benchmark(method, request.user)).data)


class ReasonSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    mine = serializers.FloatField()
    theirs = serializers.FloatField()


class RunningSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    programme = serializers.IntegerField(source="programme.pk")
    name = serializers.CharField(source="programme.name")
    methods = serializers.SerializerMethodField(help_text="Short names of published methods")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_methods(self, obj: Any) -> list[str]:
        return [m.slug for m in obj.methods]


class MatchSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    code = serializers.CharField(source="area.code")
    name = serializers.CharField(source="area.name")
    distance = serializers.FloatField(help_text="Root mean square of the z-score differences")
    shared = serializers.IntegerField(help_text="Indicators compared")
    similar_in = ReasonSerializer(source="reasons", many=True)
    running = RunningSerializer(many=True)


class AreasLikeMineSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    code = serializers.CharField(source="area.code")
    name = serializers.CharField(source="area.name")
    year = serializers.IntegerField(allow_null=True)
    indicators = serializers.SerializerMethodField(help_text="Codes of the indicators compared")
    compared = serializers.IntegerField(help_text="Areas of the same level compared with")
    problem = serializers.CharField(help_text="Why nothing was compared; empty when compared")
    matches = MatchSerializer(many=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_indicators(self, obj: Any) -> list[str]:
        return [i.code for i in obj.indicators]


class AreasLikeMineViewSet(UserLanguageMixin, viewsets.ViewSet):
    """The areas most like a DeSO or RegSO by standardised profile indicators."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @extend_schema(responses=AreasLikeMineSerializer)
    def retrieve(self, request: Request, code: str | None = None, **kwargs: Any) -> Response:
        area = get_object_or_404(
            areas_for(request.user),
            code=code,
            level__in=[AreaLevel.DESO, AreaLevel.REGSO],
        )
        result: Any = similar.areas_like(request.user, area)
        return Response(AreasLikeMineSerializer(result).data)


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("methods", MethodViewSet, basename="method")
    router.register("areas-like-mine", AreasLikeMineViewSet, basename="areas-like-mine")
