"""The history of a stored report names its kind as a reader says it ("Programrapport"),
never the registry's key ("programme")."""

import pytest

from grogrund.programmes.history_text import history_rows
from grogrund.programmes.models import ChangeLog

pytestmark = pytest.mark.django_db


def test_the_kind_of_a_stored_report_is_its_name(world):
    ChangeLog.objects.create(
        programme=world.programme,
        object_type="report",
        object_id=1,
        action="create",
        after={"title": "Programrapport 2024", "kind": "programme"},
    )
    (row,) = history_rows(ChangeLog.objects.filter(object_type="report"))
    text = " ".join(str(line) for line in row.lines)
    assert "Programrapport" in text.replace("Programrapport 2024", "")
    assert "programme" not in text
