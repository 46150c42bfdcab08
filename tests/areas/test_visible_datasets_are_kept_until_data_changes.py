"""The ids of the datasets a visitor may see are kept per visitor until any data changes:
sharing a dataset with the visitor's organisation, or a new membership, shows at once; another
visitor never gets them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from builders import make_dataset, make_org, make_user
from grogrund.accounts.models import Membership, Role, Visibility
from grogrund.areas.selectors import visible_dataset_ids

pytestmark = pytest.mark.django_db


def test_kept_per_visitor_and_renewed_by_sharing_and_membership():
    mine, other = make_org("Bostadsbolaget"), make_org("Kommunen")
    reader = make_user(mine, Role.VIEWER)
    stranger = make_user(make_org("Annat bolag"), Role.VIEWER)
    own = make_dataset(mine, "Egna", visibility=Visibility.PRIVATE)
    theirs = make_dataset(other, "Kommunens", visibility=Visibility.PARTNERS)
    assert visible_dataset_ids(reader) == [own.pk]
    with CaptureQueriesContext(connection) as queries:
        assert visible_dataset_ids(reader) == [own.pk]
    assert not [q for q in queries.captured_queries if "areas_dataset" in q["sql"]]
    assert visible_dataset_ids(stranger) == []
    theirs.shared_with.add(mine)  # moves the generation
    assert visible_dataset_ids(reader) == [own.pk, theirs.pk]
    assert visible_dataset_ids(stranger) == []
    Membership.objects.create(user=stranger, organisation=other, role=Role.VIEWER)
    again = type(stranger).objects.get(pk=stranger.pk)  # their next request
    assert visible_dataset_ids(again) == [theirs.pk]
