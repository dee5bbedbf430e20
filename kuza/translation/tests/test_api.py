"""Read-only progress in the JSON API."""

import pytest

from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.tests.factories import (
    CodeOfConductFactory,
    MembershipFactory,
    TranslatorRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def conduct():
    conduct = CodeOfConductFactory(body="One.\n\nTwo.\n\nThree.\n", title="Code")
    for text in ("One.", "Two."):
        unit = SourceUnit.objects.get(field__translatable__object_id=conduct.pk, text=text)
        UnitTranslation.objects.create(
            unit=unit,
            language="sw",
            text=f"sw {text}",
            source_hash_at_translation=unit.source_hash if text == "One." else "",
        )
    return conduct


def test_translators_read_progress_per_object_and_language(client, conduct):
    client.force_login(TranslatorRoleFactory(language="fr").user)

    body = client.get("/api/translation/objects").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert (item["model"], item["object_id"]) == ("accounts.codeofconduct", conduct.pk)
    by_language = {entry["language"]: entry for entry in item["languages"]}
    assert "en" not in by_language  # the source language
    assert by_language["sw"] == {
        "language": "sw",
        "total": 4,
        "translated": 1,
        "outdated": 1,
        "missing": 2,
        "percent": 25,
    }
    single = client.get(f"/api/translation/objects/{item['id']}").json()
    assert single == item


def test_progress_is_refused_to_anonymous_visitors_and_plain_members(client, conduct):
    anonymous = client.get("/api/translation/objects")
    client.force_login(MembershipFactory().user)
    member = client.get("/api/translation/objects")

    assert anonymous.status_code == 401
    assert member.status_code == 403
    assert member.json()["error"]["code"] == "error"


def test_the_progress_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert "/api/translation/objects" in paths
    assert "/api/translation/objects/{object_pk}" in paths
    assert set(paths["/api/translation/objects"]) == {"get"}
