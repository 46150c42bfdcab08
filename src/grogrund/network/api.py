"""API endpoints of the national network and its public data, registered on the one router in
grogrund/api/urls.py; read only, with the rules of the overview (grogrund.network.selectors):

- `network-programmes/`: the network's programmes that their owners share with the network or
  publish, as the user may see them; outside the network (and without login) published ones
  only. Never a programme shared only with named partners or kept private, not even the
  user's own.
- `network-totals/`: goals and results added up per indicator (and per year), over the same
  programmes; outside the network only when the network has chosen to show its totals
  publicly (then from published programmes), else an empty list.

Both take the overview's filters: `county` (the county's id), `police` (a police category)
and `method` (a method's slug).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.utils import extend_schema_view as schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.api.params import choice_param, id_param, text_param
from grogrund.api.views import UserLanguageMixin
from grogrund.areas.models import PoliceCategory
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.network import selectors
from grogrund.programmes.models import Programme

FILTERS = [
    OpenApiParameter("county", int, description="Id of a county: programmes in it"),
    OpenApiParameter(
        "police",
        str,
        description="utsatt, risk or sarskilt_utsatt: programmes for an area on the police's "
        "latest list in that category",
    ),
    OpenApiParameter("method", str, description="Slug of a method of the library"),
]


def _filters(request: Request) -> selectors.Filters:
    return selectors.Filters(
        county=id_param(request, "county"),
        police=choice_param(request, "police", PoliceCategory) or "",
        method=text_param(request, "method", max_length=80) or "",
    )


class NetworkGoalStatusesSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    on_track = serializers.IntegerField()
    behind = serializers.IntegerField()
    at_risk = serializers.IntegerField()
    no_data = serializers.IntegerField()


class NetworkMunicipalitySerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    county = serializers.CharField()


class NetworkProgrammeSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    owner = serializers.CharField(help_text="Slug of the owner organisation")
    owner_name = serializers.CharField()
    visibility = serializers.CharField(help_text="network or public")
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    municipalities = NetworkMunicipalitySerializer(many=True)
    current_step = serializers.IntegerField(
        help_text="The first of the twelve steps not done (1–12); 0 when all are done"
    )
    steps_done = serializers.IntegerField()
    goals = NetworkGoalStatusesSerializer(help_text="The programme's goals by status")


@schema_view(list=extend_schema(parameters=FILTERS))
class NetworkProgrammeViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = NetworkProgrammeSerializer
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[Programme]:
        qs = selectors.counted_programmes(self.request.user)
        if self.action == "list":
            qs = selectors.apply_filters(qs, _filters(self.request))
        return (
            selectors.with_current_step(qs)
            .select_related("owner")
            .order_by("owner__name", "name", "pk")
        )

    def _rows(self, programmes: list[Programme]) -> list[dict[str, Any]]:
        ids = [p.pk for p in programmes]
        places, _counties = selectors.places_of(Programme.objects.filter(pk__in=ids))
        statuses = selectors.programme_statuses(ids)
        return [
            {
                "id": p.pk,
                "name": p.name,
                "owner": p.owner.slug,
                "owner_name": p.owner.name,
                "visibility": p.visibility,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "municipalities": [
                    {"code": m.code, "name": m.name, "county": m.county}
                    for m in places.get(p.pk, [])
                ],
                "current_step": p.current_step,
                "steps_done": p.steps_done,
                "goals": statuses[p.pk],
            }
            for p in programmes
        ]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None  # the router's pagination is always on
        return self.get_paginated_response(self._rows(list(page)))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self._rows([self.get_object()])[0])


class NetworkYearTotalSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    year = serializers.IntegerField()
    goals = serializers.IntegerField(help_text="Goals measured that year")
    planned_people = serializers.FloatField(
        help_text="People the trajectories of those goals ask for that year"
    )
    achieved_people = serializers.FloatField(
        help_text="People more than in each goal's baseline year (fewer for a falling goal)"
    )


class NetworkIndicatorTotalSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    indicator = serializers.CharField(source="code", help_text="The indicator's code")
    name = serializers.CharField()
    programmes = serializers.IntegerField()
    goals = serializers.IntegerField()
    measured = serializers.IntegerField(help_text="Goals with at least one measurement")
    target_people = serializers.IntegerField(help_text="The goals' people added up")
    achieved_people = serializers.FloatField(
        help_text="People reached so far, at each goal's latest measurement"
    )
    statuses = NetworkGoalStatusesSerializer()
    years = NetworkYearTotalSerializer(many=True)


class NetworkTotalsViewSet(UserLanguageMixin, viewsets.GenericViewSet):
    serializer_class = NetworkIndicatorTotalSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    @extend_schema(parameters=FILTERS, responses=NetworkIndicatorTotalSerializer(many=True))
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filters = _filters(request)
        scope = selectors.scope_for(request.user)
        user: Any = request.user
        if scope == selectors.PUBLIC:
            if not selectors.public_totals_shown():
                return Response([])
            user = AnonymousUser()
        programmes = selectors.apply_filters(selectors.counted_programmes(user, scope), filters)
        totals = selectors.indicator_totals(programmes)
        return Response(NetworkIndicatorTotalSerializer(totals, many=True).data)


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("network-programmes", NetworkProgrammeViewSet, basename="network-programme")
    router.register("network-totals", NetworkTotalsViewSet, basename="network-total")
