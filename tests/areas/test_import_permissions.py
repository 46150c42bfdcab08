"""Only editors and administrators of an organisation import data for it."""

import pytest

from builders import csv_file, make_org, make_user
from builders import read_records as read
from grogrund.accounts.models import Role
from grogrund.areas.models import Observation
from grogrund.areas.services import NotAllowed, import_observations


@pytest.mark.parametrize("role", [Role.EDITOR, Role.ADMIN])
def test_an_editor_or_admin_imports(catalogue, tmp_path, role):
    result = import_observations(
        records=read(csv_file(tmp_path, "f.csv", ["9901A0010;employment;2024;1;2"])),
        owner=catalogue,
        dataset_name="E",
        source="Egen",
        user=make_user(catalogue, role),
    )
    assert result.created == 1


def test_a_viewer_may_not_import(catalogue, tmp_path):
    with pytest.raises(NotAllowed):
        import_observations(
            records=read(csv_file(tmp_path, "f.csv", ["9901A0010;employment;2024;1;2"])),
            owner=catalogue,
            dataset_name="E",
            source="Egen",
            user=make_user(catalogue, Role.VIEWER),
        )
    assert Observation.objects.count() == 0


def test_an_editor_of_another_organisation_may_not_import_for_this_one(catalogue, tmp_path):
    with pytest.raises(NotAllowed):
        import_observations(
            records=read(csv_file(tmp_path, "f.csv", ["9901A0010;employment;2024;1;2"])),
            owner=catalogue,
            dataset_name="E",
            source="Egen",
            user=make_user(make_org()),
        )


def test_the_upload_form_offers_only_organisations_where_the_user_is_editor(catalogue, client):
    user = make_user(catalogue, Role.VIEWER)
    editable = make_org("Där jag redigerar")
    from grogrund.accounts.models import Membership

    Membership.objects.create(user=user, organisation=editable, role=Role.EDITOR)
    client.force_login(user)
    form = client.get("/omraden/import/").context["form"]
    assert list(form.fields["owner"].queryset) == [editable]


def test_a_viewer_posting_the_upload_form_for_their_organisation_is_refused(
    catalogue, client, tmp_path
):
    client.force_login(make_user(catalogue, Role.VIEWER))
    path = csv_file(tmp_path, "f.csv", ["9901A0010;employment;2024;1;2"])
    with path.open("rb") as fh:
        response = client.post(
            "/omraden/import/",
            {
                "file": fh,
                "owner": catalogue.pk,
                "dataset": "E",
                "source": "Egen",
                "visibility": "private",
                "area_column": "area",
                "indicator_column": "indicator",
                "period_column": "period",
                "numerator_column": "numerator",
                "denominator_column": "denominator",
            },
        )
    assert "owner" in response.context["form"].errors
    assert Observation.objects.count() == 0
