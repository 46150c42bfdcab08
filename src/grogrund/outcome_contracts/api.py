"""API endpoints of outcome contracts, registered on the one router in grogrund/api/urls.py.

`/api/v1/outcome-contracts/`: the contracts in which one of the user's organisations is the
commissioner or a party (read), each with its terms and its ledger as the user's role sees it —
the amounts due and paid only for the commissioner, the payers (their own) and the investor,
the investor's returns only for the investor and the commissioner.
`/api/v1/outcome-reports/`: the outcome reports of those contracts (read); the service
provider's editors report (`POST`, as JSON or as a multipart form with the `evidence` file),
the evaluator's editors verify
(`POST …/{id}/verify/`, as JSON or as a multipart form with the evidence file, checked as in
the browser: kind, size before the file is read, no personal identity numbers in its text,
cells or name) or return (`POST …/{id}/return/`) — through the same services as the pages,
so the same checks and the same history hold.
`/api/v1/outcome-payments/`: the payments the user's role sees (the commissioner and the
investor every one, a payer its own); a payer's editors record theirs (`POST`); a payer's
editors (their own) or the commissioner's correct one with a reason (`PATCH`, `reason`
required) or remove it (`POST …/{id}/remove/` with the reason).
`/api/v1/outcome-investments/`: the investor's capital, for the investor and the
commissioner; their editors record, correct (`PATCH` with a reason) and remove
(`POST …/{id}/remove/`).
Corrections and removals go to the contract's history with their reason.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.accounts.models import Organisation
from grogrund.api.params import id_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.evidence import MAX_BYTES, EvidenceRefused, check_upload
from grogrund.outcome_contracts.models import (
    Investment,
    OutcomeContract,
    OutcomeMetric,
    OutcomeReport,
    Payment,
)
from grogrund.procurement.api import UploadField, refuse_large_upload


def _standing_and_ledger(
    serializer: serializers.Serializer,
    contract: OutcomeContract,
) -> tuple[selectors.Standing, selectors.ContractLedger]:
    cache = serializer.context.setdefault("_ledgers", {})
    if contract.pk not in cache:
        user = serializer.context["request"].user
        cache[contract.pk] = (
            selectors.standing(user, contract),
            selectors.contract_ledger(contract),
        )
    return cache[contract.pk]  # type: ignore[no-any-return]


class OutcomeContractSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    commissioner = serializers.SlugRelatedField(source="owner", slug_field="slug", read_only=True)
    end_date = serializers.DateField(read_only=True)
    initiative = serializers.PrimaryKeyRelatedField(read_only=True)
    your_roles = serializers.SerializerMethodField(help_text="The user's roles in the contract")
    parties = serializers.SerializerMethodField()
    metrics = serializers.SerializerMethodField()
    ledger = serializers.SerializerMethodField(
        help_text="Each period's outcomes; amounts due and paid (SEK) only where the user's "
        "role sees them"
    )
    investor = serializers.SerializerMethodField(
        help_text="The investor's IRR and money multiple to date and projected (investor and "
        "commissioner only)"
    )

    class Meta:
        model = OutcomeContract
        fields = [
            "id",
            "name",
            "description",
            "commissioner",
            "initiative",
            "cohort_size",
            "cohort_description",
            "start_date",
            "end_date",
            "period_months",
            "periods",
            "cap_total_sek",
            "cap_per_period_sek",
            "payment_days",
            "your_roles",
            "parties",
            "metrics",
            "ledger",
            "investor",
        ]
        read_only_fields = fields

    def get_your_roles(self, obj: OutcomeContract) -> list[str]:
        st, _ledger = _standing_and_ledger(self, obj)
        out = ["commissioner"] if st.commissioner else []
        for held, role in (
            (bool(st.payer_ids), "payer"),
            (st.investor, "investor"),
            (st.provider, "provider"),
            (st.evaluator, "evaluator"),
        ):
            if held:
                out.append(role)
        return out

    def get_parties(self, obj: OutcomeContract) -> list[dict[str, Any]]:
        st, _ledger = _standing_and_ledger(self, obj)
        return [
            {
                "organisation": p.organisation.slug,
                "role": p.role,
                "share": float(p.share) if p.share is not None else None,
                "cap_sek": float(p.cap_sek)
                if p.cap_sek is not None and st.sees_payments_of(p.organisation_id)
                else None,
            }
            for p in sorted(obj.parties.all(), key=lambda p: (p.role, p.organisation.name))
        ]

    def get_metrics(self, obj: OutcomeContract) -> list[dict[str, Any]]:
        _st, ledger = _standing_and_ledger(self, obj)
        return [
            {
                "id": m.pk,
                "name": m.name,
                "direction": m.direction,
                "baseline": m.baseline,
                "baseline_source": m.baseline_source,
                "price_sek_per_unit": float(m.price_sek_per_unit),
                "rate_card": [
                    {
                        "from_period": e.from_period,
                        "price_sek_per_unit": float(e.price_sek_per_unit),
                    }
                    for e in sorted(m.prices.all(), key=lambda e: e.from_period)
                ],
                "cap_sek": float(m.cap_sek) if m.cap_sek is not None else None,
            }
            for m in ledger.metrics
        ]

    def get_ledger(self, obj: OutcomeContract) -> dict[str, Any]:
        st, ledger = _standing_and_ledger(self, obj)
        periods = []
        for view in ledger.period_views(st):
            row = view.row
            entry: dict[str, Any] = {
                "period": row.number,
                "start": row.start.isoformat(),
                "end": row.end.isoformat(),
                "state": row.state,
                "outcomes": [
                    {
                        "metric": c.metric.pk,
                        "reported": c.report.value if c.report else None,
                        "status": c.report.status if c.report else None,
                        "verified": c.report.verified_value if c.report else None,
                    }
                    for c in row.cells
                ],
            }
            if st.sees_payments:
                entry |= {"due_sek": round(view.due_sek, 2), "paid_sek": round(view.paid_sek, 2)}
            periods.append(entry)
        out: dict[str, Any] = {"periods": periods}
        if st.sees_payments:
            out |= {
                "total_due_sek": ledger.total_due_sek,
                "total_paid_sek": round(ledger.total_paid_sek, 2),
                "total_cap_left_sek": ledger.total_left_sek,
            }
        return out

    def get_investor(self, obj: OutcomeContract) -> dict[str, Any] | None:
        st, ledger = _standing_and_ledger(self, obj)
        inv = ledger.investor
        if not st.sees_investor or inv is None:
            return None
        return {
            "paid_in_sek": inv.paid_in_sek,
            "received_sek": inv.received_sek,
            "irr_to_date": inv.irr_to_date,
            "multiple_to_date": inv.multiple_to_date,
            "irr_projected": inv.irr_projected,
            "multiple_projected": inv.multiple_projected,
        }


class OutcomeContractViewSet(UserLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OutcomeContractSerializer

    def get_queryset(self) -> QuerySet[OutcomeContract]:
        return selectors.contracts_with_ledgers(self.request.user)


class OutcomeReportSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=OutcomeContract.objects.none())
    metric = serializers.PrimaryKeyRelatedField(queryset=OutcomeMetric.objects.none())
    period = serializers.IntegerField(min_value=0, max_value=32767)
    value = serializers.IntegerField(min_value=0, max_value=2**31 - 1, help_text="People")
    reported_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    verified_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = OutcomeReport
        fields = [
            "id",
            "contract",
            "metric",
            "period",
            "value",
            "note",
            "status",
            "reported_by",
            "reported_at",
            "verified_value",
            "verified_by",
            "verified_at",
            "comment",
        ]
        read_only_fields = [
            "id",
            "status",
            "reported_by",
            "reported_at",
            "verified_value",
            "verified_by",
            "verified_at",
            "comment",
        ]
        validators: list[Any] = []  # a second report for the same period replaces the first

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            contracts = selectors.contracts_for(request.user)
            self.fields["contract"].queryset = contracts
            self.fields["metric"].queryset = OutcomeMetric.objects.filter(contract__in=contracts)

    def create(self, validated_data: dict[str, Any]) -> OutcomeReport:
        contract = selectors.contract_for_ledger(validated_data["contract"].pk)
        user = self.context["request"].user
        upload = validated_data.get("evidence")
        try:
            files = []
            if upload is not None:
                services.require_provider(user, contract)  # who may, before the file
                try:
                    files.append(check_upload(upload))
                except EvidenceRefused as err:
                    raise ValidationError({"evidence": [str(err)]}) from None
            return services.report_outcome(
                user=user,
                contract=contract,
                metric=validated_data["metric"],
                period=validated_data["period"],
                value=validated_data["value"],
                note=validated_data.get("note", ""),
                files=files,
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ContractError as err:
            raise ValidationError({"detail": str(err)}) from None


class OutcomeReportWithEvidenceSerializer(OutcomeReportSerializer):
    """The provider's report sent as a multipart form, with the evidence file the browser's
    report form takes."""

    evidence = UploadField(
        write_only=True,
        required=False,
        allow_empty_file=True,
        help_text="The report's evidence: a PDF, CSV, text or Excel (.xlsx) file of at most "
        "10 MB, holding counts only (never names or personal identity numbers)",
    )

    class Meta(OutcomeReportSerializer.Meta):
        fields = [*OutcomeReportSerializer.Meta.fields, "evidence"]


class VerifySerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    verified_value = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        help_text="People; empty verifies the figure reported",
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, help_text="What the verification rests on"
    )


class VerifyWithEvidenceSerializer(VerifySerializer):
    evidence = UploadField(
        required=False,
        allow_empty_file=True,
        help_text="The verification's evidence: a PDF, CSV, text or Excel (.xlsx) file of at "
        "most 10 MB, holding counts only (never names or personal identity numbers)",
    )


class ReturnSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    comment = serializers.CharField(help_text="What the provider should correct")


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("contract", int, description="Only this contract's reports")]
    )
)
class OutcomeReportViewSet(
    UserLanguageMixin,
    mixins.CreateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = OutcomeReportSerializer
    parser_classes = [JSONParser, MultiPartParser]

    def get_serializer_class(self) -> Any:
        request = getattr(self, "request", None)
        if (
            self.action == "create"
            and request is not None
            and (request.content_type or "").startswith("multipart/")
        ):
            return OutcomeReportWithEvidenceSerializer
        return OutcomeReportSerializer

    @extend_schema(
        request={
            "application/json": OutcomeReportSerializer,
            "multipart/form-data": OutcomeReportWithEvidenceSerializer,
        },
        responses={201: OutcomeReportSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Report an outcome: an editor of the contract's service provider only. Send a
        multipart form to attach the evidence file, checked as in the browser."""
        refuse_large_upload(request, MAX_BYTES)
        response: Response = super().create(request, *args, **kwargs)
        return response

    def get_queryset(self) -> QuerySet[OutcomeReport]:
        qs = OutcomeReport.objects.filter(contract__in=selectors.contracts_for(self.request.user))
        if (contract := id_param(self.request, "contract")) is not None:
            qs = qs.filter(contract_id=contract)
        return qs.select_related("reported_by", "verified_by").order_by(
            "contract_id", "period", "id"
        )

    def _decide(self, request: Request, serializer_class: Any, verify: bool) -> Response:
        report = self.get_object()
        if verify:
            try:  # who may verify is told before anything about the file
                services.require_evaluator(request.user, report.contract)
            except services.NotAllowed as err:
                raise PermissionDenied(str(err)) from None
            refuse_large_upload(request, MAX_BYTES)
            if request.content_type.startswith("multipart/"):
                serializer_class = VerifyWithEvidenceSerializer
        given = serializer_class(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        files = []
        if given.validated_data.get("evidence") is not None:
            try:
                files.append(check_upload(given.validated_data["evidence"]))
            except EvidenceRefused as err:
                raise ValidationError({"evidence": [str(err)]}) from None
        try:
            if verify:
                report = services.verify_outcome(
                    user=request.user,
                    report=report,
                    verified_value=given.validated_data.get("verified_value"),
                    comment=given.validated_data.get("comment", ""),
                    files=files,
                )
            else:
                report = services.return_report(
                    user=request.user, report=report, comment=given.validated_data["comment"]
                )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ContractError as err:
            raise ValidationError({"detail": str(err)}) from None
        return Response(self.get_serializer(report).data, status=status.HTTP_200_OK)

    @extend_schema(
        request={
            "application/json": VerifySerializer,
            "multipart/form-data": VerifyWithEvidenceSerializer,
        },
        responses=OutcomeReportSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def verify(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Verify the outcome: an editor of the contract's evaluator only. Send a multipart
        form to attach the evidence file the verification rests on."""
        return self._decide(request, VerifySerializer, True)

    @extend_schema(request=ReturnSerializer, responses=OutcomeReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Return the report to the provider with a comment: the evaluator's editors only."""
        return self._decide(request, ReturnSerializer, False)


# --- payments and investments, with corrections --------------------------------------------

#: Far above any contract, far below what the amount columns hold.
MAX_AMOUNT_SEK = 1e12


def _api_errors(call: Any) -> Any:
    try:
        return call()
    except services.NotAllowed as err:
        raise PermissionDenied(str(err)) from None
    except services.ContractError as err:
        raise ValidationError({"detail": str(err)}) from None


class RemovalSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    reason = serializers.CharField(help_text="Why it is removed (kept in the history)")


class PaymentSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=OutcomeContract.objects.none())
    payer = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    period = serializers.IntegerField(min_value=1, max_value=32767)
    amount_sek = serializers.FloatField(min_value=0, max_value=MAX_AMOUNT_SEK)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reason = serializers.CharField(
        write_only=True,
        required=False,
        help_text="Why a recorded payment is corrected: required when changing one",
    )

    class Meta:
        model = Payment
        fields = [
            "id",
            "contract",
            "payer",
            "period",
            "amount_sek",
            "paid_on",
            "reference",
            "recorded_by",
            "recorded_at",
            "reason",
        ]
        read_only_fields = ["id", "recorded_by", "recorded_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["contract"].queryset = selectors.contracts_for(request.user)
        if self.instance is not None and not isinstance(self.instance, (list, QuerySet)):
            for name in ("contract", "payer", "period"):
                self.fields[name].read_only = True

    def create(self, validated_data: dict[str, Any]) -> Payment:
        d = validated_data
        return _api_errors(  # type: ignore[no-any-return]
            lambda: services.record_payment(
                user=self.context["request"].user,
                contract=d["contract"],
                payer=d["payer"],
                period=d["period"],
                amount_sek=d["amount_sek"],
                paid_on=d["paid_on"],
                reference=d.get("reference", ""),
            )
        )

    def update(self, instance: Payment, validated_data: dict[str, Any]) -> Payment:
        d = validated_data
        return _api_errors(  # type: ignore[no-any-return]
            lambda: services.correct_payment(
                user=self.context["request"].user,
                payment=instance,
                amount_sek=d.get("amount_sek", instance.amount_sek),
                paid_on=d.get("paid_on", instance.paid_on),
                reference=d.get("reference", instance.reference),
                reason=d.get("reason", ""),
            )
        )


class InvestmentSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=OutcomeContract.objects.none())
    amount_sek = serializers.FloatField(min_value=0, max_value=MAX_AMOUNT_SEK)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reason = serializers.CharField(
        write_only=True,
        required=False,
        help_text="Why a recorded investment is corrected: required when changing one",
    )

    class Meta:
        model = Investment
        fields = ["id", "contract", "date", "amount_sek", "note", "recorded_by", "recorded_at"]
        fields += ["reason"]
        read_only_fields = ["id", "recorded_by", "recorded_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["contract"].queryset = selectors.contracts_for(request.user)
        if self.instance is not None and not isinstance(self.instance, (list, QuerySet)):
            self.fields["contract"].read_only = True

    def create(self, validated_data: dict[str, Any]) -> Investment:
        d = validated_data
        return _api_errors(  # type: ignore[no-any-return]
            lambda: services.record_investment(
                user=self.context["request"].user,
                contract=d["contract"],
                day=d["date"],
                amount_sek=d["amount_sek"],
                note=d.get("note", ""),
            )
        )

    def update(self, instance: Investment, validated_data: dict[str, Any]) -> Investment:
        d = validated_data
        return _api_errors(  # type: ignore[no-any-return]
            lambda: services.correct_investment(
                user=self.context["request"].user,
                investment=instance,
                day=d.get("date", instance.date),
                amount_sek=d.get("amount_sek", instance.amount_sek),
                note=d.get("note", instance.note),
                reason=d.get("reason", ""),
            )
        )


class _CorrectableViewSet(
    UserLanguageMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _remove(self, request: Request, remove: Any) -> Response:
        obj = self.get_object()
        given = RemovalSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        _api_errors(lambda: remove(obj, given.validated_data["reason"]))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("contract", int, description="Only this contract's payments")]
    )
)
class PaymentViewSet(_CorrectableViewSet):
    """Payments for verified outcomes: a payer records its own; the payer (its own) or the
    commissioner corrects or removes one, with a reason."""

    serializer_class = PaymentSerializer

    def get_queryset(self) -> QuerySet[Payment]:
        qs = selectors.payments_for(self.request.user)
        if (contract := id_param(self.request, "contract")) is not None:
            qs = qs.filter(contract_id=contract)
        return qs.select_related("payer", "recorded_by", "contract").order_by(
            "contract_id", "period", "paid_on", "id"
        )

    @extend_schema(request=RemovalSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove a payment recorded by mistake, with the reason."""
        return self._remove(
            request,
            lambda obj, reason: services.remove_payment(
                user=request.user, payment=obj, reason=reason
            ),
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("contract", int, description="Only this contract's investments")
        ]
    )
)
class InvestmentViewSet(_CorrectableViewSet):
    """The investor's capital: the investor's or the commissioner's editors record, correct
    (with a reason) and remove (with a reason)."""

    serializer_class = InvestmentSerializer

    def get_queryset(self) -> QuerySet[Investment]:
        qs = selectors.investments_for(self.request.user)
        if (contract := id_param(self.request, "contract")) is not None:
            qs = qs.filter(contract_id=contract)
        return qs.select_related("recorded_by", "contract").order_by("contract_id", "date", "id")

    @extend_schema(request=RemovalSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove an investment recorded by mistake, with the reason."""
        return self._remove(
            request,
            lambda obj, reason: services.remove_investment(
                user=request.user, investment=obj, reason=reason
            ),
        )


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("outcome-contracts", OutcomeContractViewSet, basename="outcome-contract")
    router.register("outcome-reports", OutcomeReportViewSet, basename="outcome-report")
    router.register("outcome-payments", PaymentViewSet, basename="outcome-payment")
    router.register("outcome-investments", InvestmentViewSet, basename="outcome-investment")
