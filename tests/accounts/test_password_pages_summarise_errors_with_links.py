"""The password pages (change, forgotten password, set a new one) start a failed form with the
error summary of the other forms: a box that takes the focus (data-error-summary, moved to by
static/grogrund/forms.js) with each error a link to its field, and each field with an error
marked aria-invalid and described by its error text on the page."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from builders import make_user

pytestmark = pytest.mark.django_db


def _summary(html: str) -> list[str]:
    """The ids the error summary links to, after checking the box itself."""
    box = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert box is not None, "no error summary"
    tag = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert "data-error-summary" in tag and 'tabindex="-1"' in tag and 'role="alert"' in tag
    # The box comes before the fields, at the top of the form.
    first_field = re.search(r'<input[^>]*\bid="id_', html).start()
    assert html.index("<h1") < html.index('class="error-summary"') < first_field
    return re.findall(r'<a href="#([^"]+)">', box.group(1))


def _invalid_and_described(html: str, field_id: str) -> None:
    tag = re.search(rf'<input[^>]*\bid="{field_id}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in tag
    refs = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    assert f"{field_id}_error" in refs
    for ref in refs:
        assert f'id="{ref}"' in html, ref


def test_the_password_change_links_each_error_to_its_field(client):
    client.force_login(make_user(username="anna"))
    response = client.post(
        "/konto/losenord/",
        {"old_password": "fel", "new_password1": "grön-äng-1987", "new_password2": "annat"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    targets = _summary(html)
    assert "id_old_password" in targets and "id_new_password2" in targets
    for field_id in ("id_old_password", "id_new_password2"):
        _invalid_and_described(html, field_id)


def test_the_forgotten_password_form_links_the_address_error(client):
    html = client.post("/konto/glomt-losenord/", {"email": "inte en adress"}).content.decode()
    assert _summary(html) == ["id_email"]
    _invalid_and_described(html, "id_email")


def test_the_new_password_form_links_the_mismatch_to_the_second_field():
    user = make_user(username="berit")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    client = Client()
    form_url = client.get(f"/konto/glomt-losenord/{uid}/{token}/")["Location"]
    response = client.post(form_url, {"new_password1": "grön-äng-1987", "new_password2": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _summary(html) == ["id_new_password2"]
    _invalid_and_described(html, "id_new_password2")


def test_a_correct_form_shows_no_summary(client):
    client.force_login(make_user())
    assert 'class="error-summary"' not in client.get("/konto/losenord/").content.decode()
