from django.db import models
from django.utils.translation import gettext_lazy as _


class DataGeneration(models.Model):
    """One row per scope of data counting its changes, so cached pages know when they are
    stale (see grogrund.core.generation). On PostgreSQL the counts live in sequences instead,
    which writers move without waiting for one another."""

    scope = models.CharField(max_length=20, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data generation")
        verbose_name_plural = _("data generations")

    def __str__(self) -> str:
        return f"{self.scope} {self.value}"
