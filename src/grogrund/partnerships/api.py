"""API endpoints of this app, registered on the one router in grogrund/api/urls.py.

`/api/v1/commitments/`: the partners' commitments to the programmes the user sees (read);
a partner's editor creates and changes its own organisation's commitment, the owner's editors
any partner's (accounts.access.can_edit_as_partner); `POST …/{id}/sign/` signs it and
`DELETE …/{id}/` deletes it (its partner's editors or the owner's). The writes go through
partnerships.services, so the history is kept as in the browser."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.accounts.models import Organisation
from grogrund.api.params import id_param, text_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.partnerships import services
from grogrund.partnerships.calculations import YearAmounts, value_sek
from grogrund.partnerships.models import DEFAULT_HOURLY_COST_SEK, Commitment
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import programmes_for


class CommitmentYearSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2200)
    money_sek = serializers.IntegerField(min_value=0, default=0)
    staff_hours = serializers.FloatField(min_value=0, default=0.0)
    in_kind_sek = serializers.IntegerField(min_value=0, default=0)


class CommitmentSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.none())
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    years = CommitmentYearSerializer(many=True, required=False)
    hourly_cost_sek = serializers.IntegerField(min_value=0, default=DEFAULT_HOURLY_COST_SEK)
    signed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    total_sek = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = [
            "id",
            "programme",
            "organisation",
            "hourly_cost_sek",
            "in_kind_description",
            "note",
            "years",
            "total_sek",
            "signed_by",
            "signed_at",
        ]
        read_only_fields = ["id", "signed_by", "signed_at", "total_sek"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["programme"].queryset = programmes_for(request.user)
        if self.instance is not None and not isinstance(self.instance, (list, QuerySet)):
            self.fields["programme"].read_only = True
            self.fields["organisation"].read_only = True

    def get_total_sek(self, obj: Commitment) -> float:
        """Money + staff hours × hourly cost + in kind, all years."""
        return sum(
            value_sek(
                YearAmounts(y.year, y.money_sek, y.staff_hours, y.in_kind_sek), obj.hourly_cost_sek
            )
            for y in obj.years.all()
        )

    def to_representation(self, instance: Commitment) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["years"] = [
            {
                "year": y.year,
                "money_sek": y.money_sek,
                "staff_hours": y.staff_hours,
                "in_kind_sek": y.in_kind_sek,
            }
            for y in instance.years.all()
        ]
        return data

    def _save(self, programme: Programme, organisation: Organisation) -> Commitment:
        data = self.validated_data
        instance: Commitment | None = self.instance
        if "years" in data:
            years = [services.YearInput(**y) for y in data["years"]]
        elif instance is not None:
            years = [
                services.YearInput(y.year, y.money_sek, y.staff_hours, y.in_kind_sek)
                for y in instance.years.all()
            ]
        else:
            years = []

        def pick(name: str, default: Any) -> Any:
            if name in data:
                return data[name]
            return getattr(instance, name) if instance is not None else default

        try:
            return services.save_commitment(
                user=self.context["request"].user,
                programme=programme,
                organisation=organisation,
                years=years,
                hourly_cost_sek=pick("hourly_cost_sek", DEFAULT_HOURLY_COST_SEK),
                in_kind_description=pick("in_kind_description", ""),
                note=pick("note", ""),
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ProgrammeError as err:
            raise ValidationError({"detail": str(err)}) from None

    def create(self, validated_data: dict[str, Any]) -> Commitment:
        programme, organisation = validated_data["programme"], validated_data["organisation"]
        if Commitment.objects.filter(programme=programme, organisation=organisation).exists():
            raise ValidationError(
                {
                    "organisation": _(
                        "%(org)s already has a commitment to this programme: change it instead."
                    )
                    % {"org": organisation.name}
                }
            )
        return self._save(programme, organisation)

    def update(self, instance: Commitment, validated_data: dict[str, Any]) -> Commitment:
        return self._save(instance.programme, instance.organisation)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("programme", int, description="Only this programme's commitments"),
            OpenApiParameter("organisation", str, description="Short name of the partner"),
        ]
    )
)
class CommitmentViewSet(
    UserLanguageMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = CommitmentSerializer

    def get_queryset(self) -> QuerySet[Commitment]:
        qs = Commitment.objects.filter(programme__in=programmes_for(self.request.user))
        if (programme := id_param(self.request, "programme")) is not None:
            qs = qs.filter(programme_id=programme)
        if organisation := text_param(self.request, "organisation"):
            qs = qs.filter(organisation__slug=organisation)
        return (
            qs.select_related("organisation", "signed_by", "programme")
            .prefetch_related("years")
            .order_by("programme_id", "organisation__name")
        )

    def perform_destroy(self, instance: Commitment) -> None:
        """Delete as the commitment's page does; the history keeps what it was."""
        try:
            services.delete_commitment(user=self.request.user, commitment=instance)
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ProgrammeError as err:
            raise ValidationError({"detail": str(err)}) from None

    @extend_schema(request=None, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Sign the commitment: an editor of the committing organisation only."""
        commitment = self.get_object()
        try:
            services.sign_commitment(user=request.user, commitment=commitment)
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ProgrammeError as err:
            raise ValidationError({"detail": str(err)}) from None
        commitment.refresh_from_db()
        return Response(self.get_serializer(commitment).data, status=status.HTTP_200_OK)


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("commitments", CommitmentViewSet, basename="commitment")
