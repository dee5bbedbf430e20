import pytest

from kuza.accounts import services
from kuza.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_published(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Kuza API"
    assert "/api/me" in schema["paths"]


def test_me_with_a_token(client):
    owner = UserFactory(username="fatou")
    issued = services.api_token_create(user=owner, name="script")

    response = client.get("/api/me", headers={"Authorization": f"Bearer {issued.plaintext}"})

    assert response.status_code == 200
    assert response.json()["username"] == "fatou"


def test_errors_share_one_body_shape(client):
    unauthenticated = client.get("/api/me")
    missing = client.get("/api/no-such-endpoint")
    bad_token = client.get("/api/me", headers={"Authorization": "Bearer kuza_nope_nope"})

    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["error"]["code"] == "unauthorized"
    assert bad_token.status_code == 401
    assert missing.status_code == 404
    assert set(unauthenticated.json()["error"]) >= {"code", "message"}


def test_about_lists_interface_languages_in_their_own_names(client):
    about = client.get("/api/about").json()
    languages = {entry["code"]: entry["name"] for entry in about["languages"]}
    assert languages == {
        "en": "English",
        "fr": "français",
        "ar": "العربيّة",
        "sw": "Kiswahili",
        "pt": "Português",
        "ha": "Hausa",
        "yo": "Èdè Yorùbá",
        "ig": "Asụsụ Ìgbò",
        "am": "አማርኛ",
    }


def test_anonymous_clients_are_rate_limited(client):
    responses = [client.get("/api/about") for _ in range(70)]
    assert [response.status_code for response in responses[:60]] == [200] * 60
    limited = [response for response in responses if response.status_code == 429]
    assert limited, "60 anonymous requests a minute, then 429"
    assert limited[0].json()["error"]["code"] == "rate_limited"
    assert int(limited[0]["Retry-After"]) >= 1
