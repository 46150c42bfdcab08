from django.db import models
from django.utils.translation import gettext_lazy as _


class DataGeneration(models.Model):
    """One row counting the changes to Grogrund's data, so cached pages know when they are
    stale (see grogrund.core.generation). On PostgreSQL the count lives in a sequence instead,
    which writers move without waiting for one another."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data generation")
        verbose_name_plural = _("data generations")

    def __str__(self) -> str:
        return str(self.value)
