import pytest
from django.test import Client
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_carry_security_headers(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/")
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_forms_are_refused_without_a_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("account_login"), {"login": "a", "password": "b"})
    assert response.status_code == 403


def test_admin_is_for_staff_only(client):
    member = UserFactory()
    client.force_login(member)
    assert client.get("/admin/").status_code == 302

    member.is_staff = True
    member.save()
    assert client.get("/admin/").status_code == 200


def test_pages_contain_no_inline_script(client, demo_community):
    client.force_login(demo_community.users["amina"])
    for url in ["/", reverse("account_home"), reverse("code_of_conduct")]:
        assert "<script" not in client.get(url).content.decode()
