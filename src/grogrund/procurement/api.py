"""API endpoints of social procurement, registered on the one router in grogrund/api/urls.py.

- `/api/v1/procurement-contracts/`: the contracts the user sees (selectors.contracts_for),
  with their clauses, what was delivered (verified), each clause's status and its penalty
  (vite) as the contract's page computes it; the buyer's internal note only for the buyer's
  members. Read only.
- `/api/v1/procurement-reports/`: the reports of the contracts where the user's organisation
  is the buyer or the supplier (read); the supplier's editors create and correct their
  reports (counts only) and attach their evidence (`POST …/{id}/evidence/`, a multipart
  upload checked as in the browser: kind, size before the file is read, no personal identity
  numbers in its text, cells or name). The buyer's editors verify a report
  (`POST …/{id}/verify/`, with an optional comment) or return it to the supplier
  (`POST …/{id}/return/`, with the comment saying what to correct). The writes go through
  procurement.services, with the same checks and history as the browser.
- `/api/v1/clause-templates/`: the network's clause templates (read).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.accounts.access import member_org_ids
from grogrund.accounts.models import HistoryChannel
from grogrund.api.params import id_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.procurement import selectors, services
from grogrund.procurement.evidence import MAX_EVIDENCE_BYTES
from grogrund.procurement.models import (
    Clause,
    ClauseTemplate,
    Contract,
    DeliveryReport,
    TargetGroup,
)

#: Far above any contract (a whole city's workforce; a trillion kronor), far below what the
#: database's integer and float columns hold: larger figures are refused, not stored.
MAX_PERSONS = 1_000_000
MAX_AMOUNT = 1e12


def _blank_or_target_group() -> serializers.ChoiceField:
    """A target group, or "" when the clause names none: read only; declared so that the schema
    allows the blank (DRF drops `allow_blank` from read-only model fields)."""
    return serializers.ChoiceField(choices=TargetGroup.choices, allow_blank=True, read_only=True)


class ClausePenaltySerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    """A clause's penalty (vite) as the contract's page shows it (selectors.clause_row)."""

    missing_units = serializers.FloatField(
        help_text="What is missing of the target, in the clause's unit (percentage points for "
        "a share)"
    )
    amount_sek = serializers.FloatField(
        help_text="What is due (the term is over) or would be due if nothing more is "
        "delivered, after the cap"
    )
    uncapped_sek = serializers.FloatField(help_text="The amount before the cap")
    capped = serializers.BooleanField(help_text="The cap lowered the amount")
    due = serializers.BooleanField(help_text="The term is over: the amount is due")


class ClauseSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    target_group = _blank_or_target_group()
    delivered = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    penalty = serializers.SerializerMethodField()

    class Meta:
        model = Clause
        fields = [
            "id",
            "kind",
            "name",
            "measure",
            "unit",
            "target",
            "target_group",
            "reporting_period",
            "penalty_kind",
            "penalty_sek_per_unit",
            "penalty_cap_sek",
            "delivered",
            "status",
            "penalty",
        ]
        read_only_fields = fields

    def _row(self, obj: Clause) -> selectors.ClauseRow:
        cache = self.context.setdefault("_rows", {})
        if obj.pk not in cache:
            cache[obj.pk] = selectors.clause_row(obj, obj.reports.all(), selectors.today())
        return cache[obj.pk]  # type: ignore[no-any-return]

    def get_delivered(self, obj: Clause) -> float:
        """Verified reports only, in the clause's measure (a share 0–1 for share measures)."""
        return self._row(obj).delivered

    def get_status(self, obj: Clause) -> str:
        """on_track, behind or met."""
        return str(self._row(obj).status)

    @extend_schema_field(ClausePenaltySerializer(allow_null=True))
    def get_penalty(self, obj: Clause) -> dict[str, Any] | None:
        """The penalty of a clause with a penalty per missing unit (null for a clause without
        one), from the same calculation as the contract's page."""
        row = self._row(obj)
        if not row.has_penalty:
            return None
        p = row.penalty
        return {
            "missing_units": p.missing_units,
            "amount_sek": round(p.amount_sek, 2),
            "uncapped_sek": round(p.uncapped_sek, 2),
            "capped": p.capped,
            "due": p.due,
        }


class ContractSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    buyer = serializers.SlugRelatedField(source="owner", slug_field="slug", read_only=True)
    supplier = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    clauses = ClauseSerializer(many=True, read_only=True)
    internal_note = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "name",
            "buyer",
            "supplier",
            "category",
            "value_sek",
            "start_date",
            "end_date",
            "areas",
            "programme",
            "description",
            "internal_note",
            "visibility",
            "clauses",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_internal_note(self, obj: Contract) -> str | None:
        """The buyer's internal note, for the buyer's members only (null for others)."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not selectors.standing(user, obj).sees_internal:
            return None
        return obj.internal_note


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("programme", int, description="Only this programme's")]
    )
)
class ContractViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ContractSerializer

    def get_queryset(self) -> QuerySet[Contract]:
        qs = selectors.contracts_for(self.request.user)
        if (programme := id_param(self.request, "programme")) is not None:
            qs = qs.filter(programme_id=programme)
        return (
            selectors.with_clauses(qs)
            .prefetch_related("areas")
            .order_by("-start_date", "name", "id")
        )


class DeliveryReportSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    clause = serializers.PrimaryKeyRelatedField(queryset=Clause.objects.none())
    contract = serializers.IntegerField(source="clause.contract_id", read_only=True)
    persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, default=0)
    new_persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, default=0)
    target_group_persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, default=0)
    area_persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, default=0)
    hours = serializers.FloatField(min_value=0, max_value=MAX_AMOUNT, default=0.0)
    employment_months = serializers.FloatField(min_value=0, max_value=MAX_AMOUNT, default=0.0)
    total_hours = serializers.FloatField(
        min_value=0, max_value=MAX_AMOUNT, required=False, allow_null=True
    )
    quantity = serializers.FloatField(
        min_value=0, max_value=MAX_AMOUNT, required=False, allow_null=True
    )
    base = serializers.FloatField(
        min_value=0, max_value=MAX_AMOUNT, required=False, allow_null=True
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = DeliveryReport
        fields = [
            "id",
            "contract",
            "clause",
            "period_start",
            "period_end",
            "persons",
            "new_persons",
            "target_group_persons",
            "area_persons",
            "hours",
            "employment_months",
            "total_hours",
            "quantity",
            "base",
            "comment",
            "evidence_name",
            "status",
            "review_comment",
            "submitted_at",
            "reviewed_at",
        ]
        read_only_fields = [
            "id",
            "contract",
            "evidence_name",
            "status",
            "review_comment",
            "submitted_at",
            "reviewed_at",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["clause"].queryset = Clause.objects.filter(
                contract__in=selectors.contracts_for(request.user)
            ).select_related("contract__owner", "contract__supplier")
        if self.instance is not None and not isinstance(self.instance, (list, QuerySet)):
            self.fields["clause"].read_only = True

    def _save(self, clause: Clause, instance: DeliveryReport | None) -> DeliveryReport:
        data = self.validated_data

        def pick(name: str, default: Any) -> Any:
            if name in data:
                return data[name]
            return getattr(instance, name) if instance is not None else default

        report_input = services.ReportInput(
            period_start=pick("period_start", None),
            period_end=pick("period_end", None),
            persons=pick("persons", 0),
            new_persons=pick("new_persons", 0),
            target_group_persons=pick("target_group_persons", 0),
            area_persons=pick("area_persons", 0),
            hours=pick("hours", 0.0),
            employment_months=pick("employment_months", 0.0),
            total_hours=pick("total_hours", None),
            quantity=pick("quantity", None),
            base=pick("base", None),
            comment=pick("comment", ""),
        )
        try:
            return services.submit_report(
                user=self.context["request"].user,
                clause=clause,
                data=report_input,
                report=instance,
                via=HistoryChannel.API,
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ProcurementError as err:
            raise ValidationError({"detail": str(err)}) from None

    def create(self, validated_data: dict[str, Any]) -> DeliveryReport:
        return self._save(validated_data["clause"], None)

    def update(self, instance: DeliveryReport, validated_data: dict[str, Any]) -> DeliveryReport:
        return self._save(instance.clause, instance)


#: Room for the multipart form's own lines around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


class TooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def refuse_large_upload(request: Request, limit: int) -> None:
    """Refuse a body larger than a file of `limit` bytes could make, from its declared length,
    before anything of it is read."""
    from django.utils.translation import gettext as _

    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit + MULTIPART_OVERHEAD_BYTES:
        raise TooLarge(
            _("The file is larger than %(limit)s MB: attach a smaller file.")
            % {"limit": limit // (1024 * 1024)}
        )


@extend_schema_field({"type": "string", "format": "binary"})
class UploadField(serializers.FileField):
    """A file sent as a part of a multipart form (binary in the OpenAPI schema)."""


class EvidenceUploadSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    """The evidence file. It has no free text of its own; the guard is here for any text field
    added later, and the file's name and content are checked by services.attach_evidence (as
    in the browser)."""

    file = UploadField(
        allow_empty_file=True,
        help_text="The evidence: a PDF, an Excel workbook (.xlsx), a CSV file or an image (PNG, "
        "JPEG) of at most 10 MB, holding counts only (never names or personal identity numbers)",
    )


class ReportVerifySerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="What the verification rests on (the supplier sees it)",
    )


class ReportReturnSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    # Blank is let through so that the service says why a comment is needed.
    comment = serializers.CharField(
        allow_blank=True, help_text="What the supplier should correct (the supplier sees it)"
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("contract", int, description="Only this contract's reports"),
            OpenApiParameter("clause", int, description="Only this clause's reports"),
        ]
    )
)
class ReportViewSet(
    UserLanguageMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """The reports of the contracts where the user's organisation is the buyer or the supplier;
    the supplier's editors create and correct them (never a verified one), the buyer's editors
    verify or return them."""

    serializer_class = DeliveryReportSerializer

    def get_queryset(self) -> QuerySet[DeliveryReport]:
        orgs = member_org_ids(self.request.user)
        contracts = selectors.contracts_for(self.request.user).filter(
            Q(owner_id__in=orgs) | Q(supplier_id__in=orgs)
        )
        qs = DeliveryReport.objects.filter(clause__contract__in=contracts)
        if (contract := id_param(self.request, "contract")) is not None:
            qs = qs.filter(clause__contract_id=contract)
        if (clause := id_param(self.request, "clause")) is not None:
            qs = qs.filter(clause_id=clause)
        return qs.select_related("clause__contract__owner", "clause__contract__supplier").order_by(
            "clause__contract_id", "clause_id", "period_start"
        )

    @extend_schema(
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses=DeliveryReportSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def evidence(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Attach (or replace) the report's evidence: the supplier's editors, before the buyer
        verifies it. The file is checked as in the browser before it is stored."""
        report = self.get_object()
        try:  # who may attach is told before anything about the file
            services.require_supplier_editor(request.user, report.clause.contract)
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        refuse_large_upload(request, MAX_EVIDENCE_BYTES)
        given = EvidenceUploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            report = services.attach_evidence(
                user=request.user,
                report=report,
                evidence=given.validated_data["file"],
                via=HistoryChannel.API,
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ProcurementError as err:
            raise ValidationError({"file": [str(err)]}) from None
        return Response(self.get_serializer(report).data, status=status.HTTP_200_OK)

    def _review(self, request: Request, given_class: Any, decide: Any) -> Response:
        report = self.get_object()
        try:  # who may is told before anything about the comment
            services.require_verifier(request.user, report.clause.contract)
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        given = given_class(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        try:
            report = decide(
                user=request.user,
                report=report,
                comment=given.validated_data["comment"],
                via=HistoryChannel.API,
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ProcurementError as err:
            raise ValidationError({"detail": str(err)}) from None
        return Response(self.get_serializer(report).data, status=status.HTTP_200_OK)

    @extend_schema(request=ReportVerifySerializer, responses=DeliveryReportSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Verify the report: its figures count as delivered from now on. The buyer's editors
        only; a returned report is verified once the supplier has sent it again."""
        return self._review(request, ReportVerifySerializer, services.verify_report)

    @extend_schema(request=ReportReturnSerializer, responses=DeliveryReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Return the report to the supplier with a comment saying what to correct: the
        buyer's editors only, never a verified report."""
        return self._review(request, ReportReturnSerializer, services.return_report)


class ClauseTemplateSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    default_target_group = _blank_or_target_group()

    class Meta:
        model = ClauseTemplate
        fields = list(services.TEMPLATE_FIELDS)
        read_only_fields = fields


class ClauseTemplateViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ClauseTemplateSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[ClauseTemplate]:
        return ClauseTemplate.objects.order_by("position", "code")


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("procurement-contracts", ContractViewSet, basename="procurement-contract")
    router.register("procurement-reports", ReportViewSet, basename="procurement-report")
    router.register("clause-templates", ClauseTemplateViewSet, basename="clause-template")
