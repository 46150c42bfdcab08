"""API endpoints of outcome contracts, registered on the one router in grogrund/api/urls.py.

`/api/v1/outcome-contracts/`: the contracts in which one of the user's organisations is the
commissioner or a party (read), each with its terms and its ledger as the user's role sees it —
the amounts due and paid only for the commissioner, the payers (their own) and the investor,
the investor's returns only for the investor and the commissioner.
`/api/v1/outcome-reports/`: the outcome reports of those contracts (read); the service
provider's editors report (`POST`), the evaluator's editors verify
(`POST …/{id}/verify/`) or return (`POST …/{id}/return/`) — through the same services as the
pages, so the same checks and the same history hold. Evidence files are attached in the
browser.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from grogrund.api.params import id_param
from grogrund.api.views import UserLanguageMixin
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.models import OutcomeContract, OutcomeMetric, OutcomeReport


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
        try:
            return services.report_outcome(
                user=self.context["request"].user,
                contract=contract,
                metric=validated_data["metric"],
                period=validated_data["period"],
                value=validated_data["value"],
                note=validated_data.get("note", ""),
            )
        except services.NotAllowed as err:
            raise PermissionDenied(str(err)) from None
        except services.ContractError as err:
            raise ValidationError({"detail": str(err)}) from None


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

    def get_queryset(self) -> QuerySet[OutcomeReport]:
        qs = OutcomeReport.objects.filter(contract__in=selectors.contracts_for(self.request.user))
        if (contract := id_param(self.request, "contract")) is not None:
            qs = qs.filter(contract_id=contract)
        return qs.select_related("reported_by", "verified_by").order_by(
            "contract_id", "period", "id"
        )

    def _decide(self, request: Request, serializer_class: Any, verify: bool) -> Response:
        report = self.get_object()
        given = serializer_class(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        try:
            if verify:
                report = services.verify_outcome(
                    user=request.user,
                    report=report,
                    verified_value=given.validated_data.get("verified_value"),
                    comment=given.validated_data.get("comment", ""),
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

    @extend_schema(request=VerifySerializer, responses=OutcomeReportSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Verify the outcome: an editor of the contract's evaluator only."""
        return self._decide(request, VerifySerializer, True)

    @extend_schema(request=ReturnSerializer, responses=OutcomeReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Return the report to the provider with a comment: the evaluator's editors only."""
        return self._decide(request, ReturnSerializer, False)


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
    router.register("outcome-contracts", OutcomeContractViewSet, basename="outcome-contract")
    router.register("outcome-reports", OutcomeReportViewSet, basename="outcome-report")
