"""The API, fuzzed against its own OpenAPI schema (schemathesis, issue 11): for every operation,
generated requests — valid and invalid — as an editor of the owning organisation and as an
outsider, get no server error and, where the schema declares the response, a response that
matches it (types, required fields, nullability) with the declared content type.

Examples per operation are bounded (FUZZ_EXAMPLES) so the suite stays within CI's time; the
same test with more examples is a `make bench`-sized run: FUZZ_EXAMPLES=200 pytest this file."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from builders import api_token, make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import Area
from grogrund.wsgi import application
from programmes.programme_builders import make_programme

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


# Read from the running app as a client would (the schema view needs no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The requests go straight to the WSGI app, not through Django's test client, so Django
    would close the connection that holds the test's transaction at each request's start and
    end (it does so for a connection not in autocommit). Done here as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    """An organisation with a programme, a dataset and figures; its editor and an outsider."""
    owner = make_org("Bostadsbolaget")
    deso = Area.objects.get(code="0180C1010")
    indicator = make_indicator("employment", kind="share")
    dataset = make_dataset(owner)
    make_observation(dataset, deso, indicator, "2024", numerator=5, denominator=10)
    make_programme(owner, [deso])
    editor = make_user(owner, role=Role.EDITOR)
    outsider = make_user(make_org("Annan organisation"), role=Role.EDITOR)
    return {"editor": api_token(editor), "outsider": api_token(outsider)}


def _fuzz(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_an_editor(case, tokens):
    _fuzz(case, tokens["editor"])


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_an_outsider(case, tokens):
    _fuzz(case, tokens["outsider"])
