"""A token-authenticated request gets its messages in the user's own language (the language
middleware cannot know the token's user: it runs before DRF authenticates)."""

import pytest
from rest_framework.test import APIClient

from builders import api_token, make_dataset, make_indicator, make_org, make_user

pytestmark = pytest.mark.django_db


def _post_negative_count(language):
    org = make_org()
    user = make_user(org)
    user.language = language
    user.save()
    # 0180C1010 (a DeSO in Stockholm) comes with the area registry.
    make_indicator("employment")
    dataset = make_dataset(org)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client.post(
        "/api/v1/observations/",
        {
            "dataset": dataset.pk,
            "area": "0180C1010",
            "indicator": "employment",
            "period": "2024",
            "numerator": -1,
            "denominator": 10,
        },
        format="json",
    )


def test_an_english_user_gets_english_messages():
    response = _post_negative_count("en")
    assert response.status_code == 400
    assert response.json() == {"numerator": ["Must be zero or more."]}
    assert response.headers["Content-Language"] == "en"


def test_a_swedish_user_gets_swedish_messages():
    response = _post_negative_count("sv")
    assert response.status_code == 400
    assert response.json() == {"numerator": ["Måste vara noll eller mer."]}
    assert response.headers["Content-Language"] == "sv"
