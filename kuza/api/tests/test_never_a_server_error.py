"""Inputs the fuzzer (.ci/fuzz-api) found answering 500: each now gets a 4xx with the API's
error body, on SQLite and on PostgreSQL. The test client re-raises any server error."""

from __future__ import annotations

import pytest

from kuza.accounts import services
from kuza.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _error_code(response) -> str:
    return response.json()["error"]["code"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/people/?q=%00",
        "/api/people/?region=a%00b",
        "/api/people/organisations?q=%00",
        "/api/people/organisations/a%00",
        "/api/skills/a%00",
        "/api/campaigns/a%00",
        "/api/campaigns/a%00/leaderboard",
        "/api/library/resources?q=%00",
        "/api/library/resources?skill=%00&language=%00",
        "/api/events/?q=%00",
        "/api/about?%00=1",
    ],
)
def test_a_nul_character_in_a_path_or_parameter_is_refused(client, path):
    response = client.get(path)

    assert response.status_code == 400
    assert _error_code(response) == "invalid"


def test_a_nul_character_in_a_json_body_is_refused(client):
    owner = UserFactory()
    token = services.api_token_create(user=owner, name="script").plaintext

    response = client.post(
        "/api/safety/reports",
        {"target_type": "person", "target_id": owner.pk, "reason": "spam", "description": "a\x00"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 400
    assert _error_code(response) == "invalid"


@pytest.mark.parametrize(
    "path",
    [
        "/api/library/resources?offset=9223372036854775808",
        "/api/library/resources?limit=9223372036854775808",
        "/api/campaigns/?offset=9223372036854775808",
        "/api/campaigns/?limit=100000000000000000000",
        "/api/campaigns/?offset=-1",
    ],
)
def test_offsets_and_limits_past_their_bounds_are_refused(client, path):
    response = client.get(path)

    assert response.status_code in {400, 422}
    assert "error" in response.json()


def test_the_bounded_offset_of_a_signed_in_list_is_refused_too(client):
    token = services.api_token_create(user=UserFactory(), name="script").plaintext
    auth = {"Authorization": f"Bearer {token}"}

    too_far = client.get("/api/safety/reports/mine?offset=9223372036854775808", headers=auth)
    first_page = client.get("/api/safety/reports/mine?offset=0&limit=100", headers=auth)

    assert too_far.status_code == 422
    assert first_page.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/people/123456789012345678901234567890",
        "/api/events/123456789012345678901234567890",
        "/api/library/resources/123456789012345678901234567890",
        "/api/people/?min_hours=123456789012345678901234567890",
    ],
)
def test_a_number_past_64_bits_never_reaches_the_database_as_a_500(client, path):
    response = client.get(path)

    assert response.status_code in {400, 404, 422}
    assert "error" in response.json()


WRONG_TOKENS = ["kuza_nope_nope", "not-a-kuza-token", "", "kuza_"]


@pytest.mark.parametrize("path", ["/api/about", "/api/skills/", "/api/library/resources"])
@pytest.mark.parametrize("token", WRONG_TOKENS)
def test_a_wrong_token_is_refused_even_where_visitors_are_welcome(client, path, token):
    assert client.get(path).status_code == 200  # a visitor without a token is served

    response = client.get(path, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert _error_code(response) == "unauthorized"


def test_a_revoked_token_is_refused_everywhere(client):
    owner = UserFactory()
    issued = services.api_token_create(user=owner, name="script")
    auth = {"Authorization": f"Bearer {issued.plaintext}"}
    assert client.get("/api/skills/", headers=auth).status_code == 200

    services.api_token_revoke(user=owner, token_id=issued.token.pk)

    for path in ("/api/skills/", "/api/people/", "/api/campaigns/", "/api/me"):
        assert client.get(path, headers=auth).status_code == 401, path


def test_another_authorization_scheme_is_refused_not_ignored(client):
    response = client.get("/api/skills/", headers={"Authorization": "Basic YTpi"})

    assert response.status_code == 401


def test_an_unknown_api_path_answers_the_api_error_body(client):
    response = client.get("/api/skills/a/b/c")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert _error_code(response) == "not_found"


def test_a_broken_multipart_body_answers_the_api_error_body(client):
    response = client.generic(
        "POST", "/api/safety/reports", b"--x\r\n", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert _error_code(response) == "invalid"
