"""Every API endpoint, of every app, answers a token-authenticated user in the user's own
language (the mixin in grogrund.api.views; the router is read, so a new endpoint is tried too)."""

import pytest
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from builders import api_token, make_area, make_org, make_user
from grogrund.api.urls import router

pytestmark = pytest.mark.django_db

BASENAMES = sorted(basename for _prefix, _viewset, basename in router.registry)


@pytest.mark.parametrize("basename", BASENAMES)
@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_list_answers_in_the_users_language(basename, language):
    user = make_user(make_org())
    user.language = language
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    try:
        url = reverse(f"api:{basename}-list")
    except NoReverseMatch:
        # An endpoint about one area only (areas like mine): asked about a DeSO.
        municipality = make_area("9901", "municipality")
        deso = make_area("9901A0010", parent=municipality)
        url = reverse(f"api:{basename}-detail", kwargs={"code": deso.code})
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language


@pytest.mark.parametrize(
    "language,required",
    [("en", "This field is required."), ("sv", "Det här fältet är obligatoriskt.")],
)
def test_a_validation_message_of_a_programme_app_is_in_the_users_language(language, required):
    user = make_user(make_org())
    user.language = language
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    response = client.post(reverse("api:measurement-list"), {}, format="json")
    assert response.status_code == 400
    assert required in str(response.json())
