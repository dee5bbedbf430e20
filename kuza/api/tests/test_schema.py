"""The OpenAPI schema describes what the API really answers: one schema per name, and every
error status with the shared error body (the fuzzer holds the server to it)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from kuza.api.api import api
from kuza.api.errors import ERROR_STATUSES

pytestmark = pytest.mark.django_db
REF = "#/components/schemas/{model}"


def _operations():
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def test_no_two_different_schemas_share_a_name():
    seen: dict[str, set[str]] = defaultdict(set)
    for operation in _operations():
        models = [*operation.response_models.values(), *operation.models]
        for model in models:
            if not hasattr(model, "model_json_schema"):
                continue  # an operation without a body or a response body
            definitions = model.model_json_schema(ref_template=REF).get("$defs", {})
            for name, definition in definitions.items():
                seen[name].add(json.dumps(definition, sort_keys=True))

    assert {name: len(kinds) for name, kinds in seen.items() if len(kinds) > 1} == {}


def test_about_is_documented_with_its_own_language_schema(client):
    schema = client.get("/api/openapi.json").json()
    about = schema["paths"]["/api/about"]["get"]["responses"]["200"]["content"]
    about_ref = about["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    languages = schema["components"]["schemas"][about_ref]["properties"]["languages"]

    language_ref = languages["items"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][language_ref]["required"]) == {"code", "name"}


def test_every_operation_documents_every_error_status_with_the_error_body(client):
    schema = client.get("/api/openapi.json").json()
    error_body = schema["components"]["schemas"]["ErrorOut"]
    assert error_body["required"] == ["error"]

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ERROR_STATUSES:
                documented = operation["responses"].get(str(status))
                assert documented, f"{method.upper()} {path} does not document {status}"
                body = documented["content"]["application/json"]["schema"]
                assert body["$ref"].endswith("/ErrorOut"), (method, path, status)


def _documenting(schema: dict, status: int) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if str(status) in operation["responses"]
    }


def test_403_and_409_are_documented_only_where_they_can_be_answered(client):
    """403: the operations whose rules refuse some callers, and unsafe methods taking the
    browser session (CSRF). 409: the one operation that can conflict. No other."""
    schema = client.get("/api/openapi.json").json()
    forbidden = _documenting(schema, 403)

    assert {name for name in forbidden if name.startswith("GET ")} == {
        "GET /api/campaigns/{slug}/participants/wikis",
        "GET /api/events/summary",
        "GET /api/safety/moderation/reports",
        "GET /api/safety/moderation/reports/{report_id}",
        "GET /api/translation/objects",
        "GET /api/translation/objects/{object_pk}",
    }
    assert "POST /api/safety/reports" in forbidden  # session callers need the CSRF token
    assert _documenting(schema, 409) == {"POST /api/safety/conduct/accept"}


def test_the_documented_403_and_409_are_really_answered(client):
    from django.test import Client

    from kuza.accounts.tests.factories import UserFactory
    from kuza.safety.tests.factories import ModeratorRoleFactory

    member = UserFactory()
    client.force_login(member)
    assert client.get("/api/safety/moderation/reports").status_code == 403
    assert client.get("/api/events/summary").status_code == 403
    stale = client.post(
        "/api/safety/conduct/accept", {"version": 999}, content_type="application/json"
    )
    assert stale.status_code == 409
    client.force_login(ModeratorRoleFactory(organisation=None).user)
    assert client.get("/api/safety/moderation/reports").status_code == 200

    # A browser session without the CSRF token is refused; no session at all is a 401.
    browser = Client(enforce_csrf_checks=True)
    report = {"kind": "person", "target_id": member.pk, "description": "x"}
    no_one = browser.post("/api/safety/reports", report, content_type="application/json")
    assert no_one.status_code == 401
    browser.force_login(UserFactory())
    without_token = browser.post("/api/safety/reports", report, content_type="application/json")
    assert without_token.status_code == 403


def test_paginated_lists_publish_their_bounds(client):
    schema = client.get("/api/openapi.json").json()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/campaigns/"]["get"]["parameters"]
    }

    assert parameters["offset"]["maximum"] > 0
    assert parameters["limit"]["maximum"] == 100
