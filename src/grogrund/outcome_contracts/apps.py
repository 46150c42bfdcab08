from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomeContractsConfig(AppConfig):
    name = "grogrund.outcome_contracts"
    label = "outcome_contracts"
    verbose_name = _("Outcome contracts")
