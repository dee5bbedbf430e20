import pytest

from kuza.accounts.services import api_token_create
from kuza.accounts.tests.factories import UserFactory
from kuza.credentials.tests.factories import AssertionFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='script').plaintext}"}


def test_a_member_lists_their_own_badges_with_a_token(client):
    holder = UserFactory()
    mine = AssertionFactory(recipient=holder)
    AssertionFactory()

    response = client.get("/api/badges/mine", headers=bearer(holder))

    assert response.status_code == 200
    [badge] = response.json()
    assert badge["id"] == str(mine.uuid)
    assert (badge["status"], badge["is_public"]) == ("valid", False)
    assert badge["assertion_url"].endswith(f"/badges/assertions/{mine.uuid}.json")


def test_the_holder_sets_visibility_and_nobody_else_can(client):
    holder, other = UserFactory(), UserFactory()
    assertion = AssertionFactory(recipient=holder)
    url = f"/api/badges/mine/{assertion.uuid}/visibility"

    refused = client.post(
        url, {"is_public": True}, content_type="application/json", headers=bearer(other)
    )
    done = client.post(
        url, {"is_public": True}, content_type="application/json", headers=bearer(holder)
    )

    assertion.refresh_from_db()
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    assert done.status_code == 200 and done.json()["is_public"] is True
    assert assertion.is_public


def test_the_badge_api_needs_authentication(client):
    assert client.get("/api/badges/mine").status_code == 401
