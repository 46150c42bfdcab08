from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from grogrund.accounts.access import can_edit_for, memberships
from grogrund.areas import selectors
from grogrund.areas.models import Area, Dataset, Indicator, IndicatorKind, Observation
from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.sources.periods import normalise_period


class AreaSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    members = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Area
        fields = [
            "code",
            "name",
            "level",
            "parent",
            "kolada_code",
            "vintage",
            "members",
            "is_fictional",
        ]


class IndicatorSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_sv",
            "name_en",
            "unit",
            "kind",
            "direction",
            "source",
            "description",
        ]


def _check_figure(attrs: dict[str, Any], instance: Observation | None) -> None:
    """The value checks of an import (areas.import_checks), for a figure written through the
    API: a period that is a period, a share in 0–1 with its numerator not above its
    denominator, a count not negative. (Infinity and NaN are refused by the number fields.)"""

    def current(name: str) -> Any:
        if name in attrs:
            return attrs[name]
        return getattr(instance, name, None)

    if "period" in attrs:
        period = normalise_period(str(attrs["period"]))
        if period is None:
            raise serializers.ValidationError(
                {
                    "period": _(
                        "Not a period. Write a year (2023), a month (2024M09), a quarter "
                        "(2024K3) or two consecutive years (2023-2024)."
                    )
                }
            )
        attrs["period"] = period
    indicator, value = current("indicator"), current("value")
    num, den = current("numerator"), current("denominator")
    kind = getattr(indicator, "kind", None)
    if kind == IndicatorKind.SHARE:
        if num is not None and den is not None and num > den:
            raise serializers.ValidationError(
                {"numerator": _("A share's numerator cannot be above its denominator.")}
            )
        if value is not None and not 0 <= value <= 1:
            raise serializers.ValidationError(
                {"value": _("A share is between 0 and 1: 74 percent is 0.74.")}
            )
    if kind == IndicatorKind.COUNT and value is not None and value < 0:
        raise serializers.ValidationError({"value": _("Must be zero or more.")})


class ObservationSerializer(PersonalNumberGuardSerializer, serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", queryset=Area.objects.all())
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    dataset = serializers.PrimaryKeyRelatedField(queryset=Dataset.objects.all())

    class Meta:
        model = Observation
        fields = [
            "id",
            "dataset",
            "area",
            "indicator",
            "period",
            "value",
            "numerator",
            "denominator",
            "source",
            "retrieved_at",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {"retrieved_at": {"required": False}, "source": {"required": False}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            user = request.user
            self.fields["area"].queryset = selectors.areas_for(user)
            self.fields["dataset"].queryset = selectors.datasets_for(user)

    def to_representation(self, instance: Observation) -> dict[str, Any]:
        data = super().to_representation(instance)
        # As in the area profile, a figure from a group smaller than the indicator's
        # min_group_size (tenant surveys) is shown only inside the organisation that owns it.
        size = instance.indicator.min_group_size
        if size and instance.denominator is not None and instance.denominator < size:
            request = self.context.get("request")
            user = request.user if request is not None else None
            if instance.dataset.owner_id not in memberships(user):
                data["value"] = data["numerator"] = None
        return data

    def validate_dataset(self, dataset: Dataset) -> Dataset:
        if not can_edit_for(self.context["request"].user, dataset.owner_id):
            raise serializers.ValidationError(
                _("You may not write to this dataset: you need the role editor in %(org)s.")
                % {"org": dataset.owner.name}
            )
        return dataset

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        num, den = attrs.get("numerator"), attrs.get("denominator")
        for name in ("numerator", "denominator"):
            if attrs.get(name) is not None and attrs[name] < 0:
                raise serializers.ValidationError({name: _("Must be zero or more.")})
        if num is not None and den is not None and attrs.get("value") is None and den:
            attrs["value"] = num / den
        _check_figure(attrs, self.instance)
        attrs.setdefault("retrieved_at", timezone.now())
        if not attrs.get("source") and attrs.get("dataset") is not None:
            attrs["source"] = attrs["dataset"].source
        if attrs.get("value") is None and num is None:
            raise serializers.ValidationError(_("Give a value, or a numerator and denominator."))
        return attrs
