"""A NUL character anywhere in a request answers 400 on every page, never a 500 (PostgreSQL
cannot compare or store one). See kuza/core/middleware.py."""

from __future__ import annotations

import pytest

from kuza.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/people/?q=%00", "/library/?q=a%00", "/skills/a%00/", "/campaigns/a%00/", "/?next=%00"],
)
def test_a_page_asked_with_a_nul_character_answers_400(client, path):
    response = client.get(path)

    assert response.status_code == 400


def test_a_form_posted_with_a_nul_character_answers_400_and_changes_nothing(client):
    member = UserFactory(username="wanjiru")
    client.force_login(member)

    response = client.post("/accounts/login/", {"login": "wanjiru\x00", "password": "x"})

    assert response.status_code == 400


def test_a_cookie_with_a_nul_character_answers_400(client):
    client.cookies["sessionid"] = "abc\x00def"

    assert client.get("/").status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/people/?q=amina").status_code == 200
