"""API endpoints of stored reports, registered on the one router in grogrund/api/urls.py.

Read only: the reports a user may see (grogrund.reports.selectors.reports_for; a published
report also without logging in), each with what it is about, its period, who made it, its
figures as stored, and its PDF at `/api/v1/reports/{id}/pdf/`. Reports are made on the site
(or by a job), where the PDF is printed."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.utils import extend_schema_view as schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.routers import DefaultRouter

from grogrund.api.params import id_param, text_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.reports.models import Report, ReportStatus
from grogrund.reports.selectors import reports_for


class PdfRenderer(BaseRenderer):
    """Lets a client ask for the PDF with `Accept: application/pdf`; the PDF itself is sent as
    stored, and an error (a dict) as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


class ReportSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partners = serializers.SlugRelatedField(
        source="shared_with", slug_field="slug", many=True, read_only=True
    )
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    pdf_url = serializers.SerializerMethodField(help_text="Where the stored PDF is read")

    class Meta:
        model = Report
        fields = [
            "id",
            "title",
            "kind",
            "subject_id",
            "subject_name",
            "programme",
            "period_start",
            "period_end",
            "language",
            "status",
            "owner",
            "visibility",
            "partners",
            "page_count",
            "pdf_sha256",
            "created_by",
            "created_at",
            "pdf_url",
        ]
        read_only_fields = fields

    def get_pdf_url(self, obj: Report) -> str | None:
        if obj.status != ReportStatus.READY:
            return None
        request = self.context.get("request")
        path = f"/api/v1/reports/{obj.pk}/pdf/"
        return request.build_absolute_uri(path) if request is not None else path


class ReportDetailSerializer(ReportSerializer):
    figures = serializers.JSONField(
        read_only=True, help_text="Every figure of the report as stored (numbers unformatted)"
    )

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "figures"]
        read_only_fields = fields


@schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("programme", int, description="Only this programme's reports"),
            OpenApiParameter("kind", str, description="Only reports of this kind (programme…)"),
        ]
    )
)
class ReportViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_serializer_class(self) -> Any:
        return ReportDetailSerializer if self.action != "list" else ReportSerializer

    def get_queryset(self) -> QuerySet[Report]:
        qs = reports_for(self.request.user).prefetch_related("shared_with")
        if (programme := id_param(self.request, "programme")) is not None:
            qs = qs.filter(programme_id=programme)
        if kind := text_param(self.request, "kind", max_length=40):
            qs = qs.filter(kind=kind)
        if self.action == "list":
            qs = qs.defer("figures")
        return qs.order_by("-created_at", "-id")

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        description="The stored PDF, as it was made.",
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer])
    def pdf(self, request: Request, pk: Any = None, **kwargs: Any) -> FileResponse:
        report = self.get_object()
        if report.status != ReportStatus.READY or not report.pdf:
            raise Http404
        try:
            handle = report.pdf.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        name = (slugify(report.title)[:100] or "rapport") + ".pdf"
        return FileResponse(handle, content_type="application/pdf", filename=name)


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("reports", ReportViewSet, basename="report")
