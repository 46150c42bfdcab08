"""Forms that edit an engine model field by field (see editor.py for how they fit together)."""

from grogrund.valuations.forms.editor import ModelEditor, RowChange, kind_label
from grogrund.valuations.forms.inputs import (
    FastSelect,
    QuantityField,
    QuantityWidget,
    format_by_year,
    parse_by_year,
    stakeholder_choices,
    value_bank_choices,
)
from grogrund.valuations.forms.rows import (
    ContractForm,
    CopyForm,
    CostForm,
    EffectForm,
    MetricForm,
    NewValuationForm,
    OverrideForm,
    PropertyForm,
    SettingsForm,
    SocioOutcomeForm,
    SroiOutcomeForm,
    YamlForm,
    model_as_yaml,
)

__all__ = [
    "ContractForm",
    "CopyForm",
    "CostForm",
    "EffectForm",
    "FastSelect",
    "MetricForm",
    "ModelEditor",
    "NewValuationForm",
    "OverrideForm",
    "PropertyForm",
    "QuantityField",
    "QuantityWidget",
    "RowChange",
    "SettingsForm",
    "SocioOutcomeForm",
    "SroiOutcomeForm",
    "YamlForm",
    "format_by_year",
    "kind_label",
    "model_as_yaml",
    "parse_by_year",
    "stakeholder_choices",
    "value_bank_choices",
]
