from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from grogrund.accounts.access import editable
from grogrund.accounts.history import record_history
from grogrund.accounts.history import snapshot as history_snapshot
from grogrund.accounts.middleware import SUPPORTED
from grogrund.accounts.models import HistoryAction, HistoryChannel
from grogrund.api.params import choice_param, id_param, text_param
from grogrund.api.serializers import AreaSerializer, IndicatorSerializer, ObservationSerializer
from grogrund.areas import selectors
from grogrund.areas.models import Area, AreaLevel, Indicator, Observation
from grogrund.areas.signals import touch_dataset
from grogrund.core import exports, generation
from grogrund.core.api_cache import CachedListMixin


class UserLanguageMixin:
    """Answer in the authenticated user's language.

    The language middleware runs before DRF authenticates a token, so it sees an anonymous
    visitor and picks Swedish. Here the user is known: authenticate first, then switch to
    the user's language before permissions, validation and messages. Any app's viewset can
    put this mixin first in its bases.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.perform_authentication(request)  # type: ignore[attr-defined]
        user = request.user
        language = getattr(user, "language", None) if user.is_authenticated else None
        if language in SUPPORTED:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response.headers["Content-Language"] = translation.get_language()
        return response


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
class AreaViewSet(UserLanguageMixin, CachedListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AreaSerializer
    # The list is kept until an area or a membership changes (grogrund.core.api_cache).
    cache_scopes = (generation.ACCOUNTS, generation.STATISTICS)
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Area]:
        qs = selectors.areas_for(self.request.user).select_related("parent")
        qs = qs.prefetch_related("members")
        if level := choice_param(self.request, "level", AreaLevel):
            qs = qs.filter(level=level)
        if parent := text_param(self.request, "parent"):
            qs = qs.filter(parent__code=parent)
        return qs.order_by("code")

    @extend_schema(
        summary="The area profile's figures (gaps and trends) as on its page",
        parameters=exports.EXPORT_PARAMETERS,
        responses=exports.EXPORT_RESPONSES,
    )
    @action(detail=True, renderer_classes=exports.RENDERERS)
    def profile(self, request: Request, code: str = "", **kwargs: Any) -> Response:
        """The ranked gaps and the trend series of the area's profile page, from the
        datasets the user may see (grogrund.areas.exports)."""
        from grogrund.areas.exports import profile_export

        area = self.get_object()
        url = request.build_absolute_uri(reverse("areas:profile", args=[area.code]))
        return exports.api_response(
            request, lambda: profile_export(area, request.user, page_url=url)
        )


class IndicatorViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
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
    UserLanguageMixin,
    CachedListMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = ObservationSerializer
    # The list is kept until a figure, a dataset's sharing or a membership changes.
    cache_scopes = (generation.ACCOUNTS, generation.STATISTICS)

    def get_queryset(self) -> QuerySet[Observation]:
        qs = selectors.observations_for(self.request.user)
        if self.action in {"update", "partial_update", "destroy"}:
            qs = editable(qs, self.request.user, prefix="dataset__")
        for param, field in (
            ("area", "area__code"),
            ("indicator", "indicator__code"),
            ("period", "period"),
        ):
            if value := text_param(self.request, param):
                qs = qs.filter(**{field: value})
        if (dataset := id_param(self.request, "dataset")) is not None:
            qs = qs.filter(dataset_id=dataset)
        return qs.select_related("area", "indicator", "dataset").order_by("id")

    # Each write is kept in the history (grogrund.accounts.history), in its transaction.
    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        observation = serializer.save()  # the post_save signal moves the dataset's version stamp
        self._record(observation, HistoryAction.CREATE, None, history_snapshot(observation))

    @transaction.atomic
    def perform_update(self, serializer: Any) -> None:
        before = history_snapshot(serializer.instance)
        observation = serializer.save()
        self._record(observation, HistoryAction.UPDATE, before, history_snapshot(observation))

    @transaction.atomic
    def perform_destroy(self, instance: Observation) -> None:
        dataset_id = instance.dataset_id
        self._record(instance, HistoryAction.DELETE, history_snapshot(instance), None)
        instance.delete()
        touch_dataset(dataset_id)  # cached profiles showing the figure are out of date

    def _record(self, observation: Observation, action: str, before: Any, after: Any) -> None:
        record_history(
            user=self.request.user,
            obj=observation,
            action=action,
            before=before,
            after=after,
            via=HistoryChannel.API,
        )
