"""The OpenAPI schema at /api/schema/ is valid and lists every endpoint."""

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from builders import api_client as client_for
from builders import make_user

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_and_lists_the_endpoints():
    response = client_for(make_user()).get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert {
        "/api/v1/areas/",
        "/api/v1/areas/{code}/",
        "/api/v1/indicators/",
        "/api/v1/indicators/{code}/",
        "/api/v1/observations/",
        "/api/v1/observations/{id}/",
        "/api/v1/outcome-measurements/",
        "/api/v1/outcome-measurements/{id}/",
    } <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/v1/observations/"]
    filters = {p["name"] for p in schema["paths"]["/api/v1/observations/"]["get"]["parameters"]}
    assert {"area", "indicator", "period", "dataset"} <= filters


def test_the_schema_describes_token_authentication():
    schema = yaml.safe_load(client_for(make_user()).get("/api/schema/").content)
    schemes = schema["components"]["securitySchemes"]
    assert any(
        s.get("scheme") == "Token"
        or "Token" in s.get("description", "")
        or s.get("name") == "Authorization"
        for s in schemes.values()
    )
