"""Who sees a dataset or a challenge is decided by grogrund.accounts.access, from its visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser

from builders import make_area, make_challenge, make_dataset, make_org, make_user
from grogrund.accounts.access import editable, visible
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import Challenge, Dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = make_org("Ägare AB", in_network=True)
    partner = make_org("Partner AB")
    network = make_org("Nätverksbolaget", in_network=True)
    outsider = make_org("Utomstående AB")
    return {
        "owner": owner,
        "member": make_user(owner, Role.VIEWER),
        "partner": make_user(partner, Role.EDITOR),
        "network": make_user(network, Role.ADMIN),
        "outsider": make_user(outsider, Role.ADMIN),
        "anonymous": AnonymousUser(),
        "partner_org": partner,
    }


SEES = {
    Visibility.PRIVATE: {"member"},
    Visibility.PARTNERS: {"member", "partner"},
    Visibility.NETWORK: {"member", "partner", "network"},
    Visibility.PUBLIC: {"member", "partner", "network", "outsider", "anonymous"},
}


def _dataset(world, visibility):
    dataset = make_dataset(world["owner"], visibility=visibility)
    dataset.shared_with.set([world["partner_org"]])
    return dataset


def _challenge(world, visibility):
    challenge = make_challenge(world["owner"], make_area("9980"), visibility=visibility)
    challenge.shared_with.set([world["partner_org"]])
    return challenge


@pytest.mark.parametrize("visibility", list(SEES))
@pytest.mark.parametrize("make,model", [(_dataset, Dataset), (_challenge, Challenge)])
def test_each_visibility_shows_the_object_to_exactly_the_right_people(
    world, visibility, make, model
):
    obj = make(world, visibility)
    for who in ("member", "partner", "network", "outsider", "anonymous"):
        seen = visible(model.objects.all(), world[who]).filter(pk=obj.pk).exists()
        assert seen == (who in SEES[visibility]), f"{who} and a {visibility} {model.__name__}"


def test_a_private_object_shared_with_a_partner_stays_private(world):
    dataset = _dataset(world, Visibility.PRIVATE)
    assert not visible(Dataset.objects.all(), world["partner"]).filter(pk=dataset.pk).exists()


def test_an_object_shared_with_several_partners_is_listed_once(world):
    dataset = make_dataset(world["owner"], visibility=Visibility.PARTNERS)
    dataset.shared_with.set([world["partner_org"], make_org(), make_org()])
    member = world["member"]
    assert list(visible(Dataset.objects.all(), member)) == [dataset]


@pytest.mark.parametrize(
    "role,can_edit", [(Role.VIEWER, False), (Role.EDITOR, True), (Role.ADMIN, True)]
)
def test_only_editors_and_admins_of_the_owner_may_change_it(role, can_edit):
    owner = make_org()
    dataset = make_dataset(owner, visibility=Visibility.PUBLIC)
    user = make_user(owner, role)
    assert editable(Dataset.objects.all(), user).filter(pk=dataset.pk).exists() == can_edit


def test_partners_and_anonymous_visitors_may_not_change_what_is_shared_with_them(world):
    dataset = _dataset(world, Visibility.PUBLIC)
    for who in ("partner", "network", "outsider", "anonymous"):
        assert not editable(Dataset.objects.all(), world[who]).filter(pk=dataset.pk).exists()
