from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from grogrund.accounts.access import can_edit_for, memberships
from grogrund.areas import selectors
from grogrund.areas.models import Area, Dataset, Indicator, Observation


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
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


class IndicatorSerializer(serializers.ModelSerializer):
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


class ObservationSerializer(serializers.ModelSerializer):
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
        attrs.setdefault("retrieved_at", timezone.now())
        if not attrs.get("source") and attrs.get("dataset") is not None:
            attrs["source"] = attrs["dataset"].source
        if attrs.get("value") is None and num is None:
            raise serializers.ValidationError(_("Give a value, or a numerator and denominator."))
        return attrs
