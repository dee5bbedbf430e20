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


def test_paginated_lists_publish_their_bounds(client):
    schema = client.get("/api/openapi.json").json()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/campaigns/"]["get"]["parameters"]
    }

    assert parameters["offset"]["maximum"] > 0
    assert parameters["limit"]["maximum"] == 100
