"""Keep the version stamps of cached profiles moving with the data they show.

Imports set `Dataset.changed_at` themselves (they write with COPY, which sends no signals);
these receivers cover single saves (the API, the admin, tests). There is deliberately no
delete receiver on Observation: one would make Django delete a dataset's million rows one by
one. Deleting an observation through the API touches its dataset in the view.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils import timezone

from grogrund.areas.models import Area, Dataset, Observation
from grogrund.core.generation import STATISTICS, data_changed


def touch_dataset(dataset_id: int) -> None:
    Dataset.objects.filter(pk=dataset_id).update(changed_at=timezone.now())
    data_changed(scopes=(STATISTICS,))  # figures and datasets are statistics alone


@receiver(post_save, sender=Observation, dispatch_uid="grogrund_observation_saved")
def observation_saved(sender: Any, instance: Observation, **kwargs: Any) -> None:
    touch_dataset(instance.dataset_id)


@receiver(m2m_changed, sender=Area.members.through, dispatch_uid="grogrund_area_members")
def area_members_changed(
    sender: Any, instance: Area, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    # Forward: `instance` is the custom area. Reverse: the custom areas are in pk_set
    # (or, after a reverse clear, unknown: then every custom area `instance` belonged to).
    if not reverse:
        ids: Any = [instance.pk]
    elif pk_set:
        ids = pk_set
    else:
        ids = Area.objects.filter(level="custom").values("pk")
    # The data generation moves with the relation itself (grogrund.core.generation).
    Area.objects.filter(pk__in=ids).update(changed_at=timezone.now())
