"""Error pages are in the site layout, translated, with a way back; a 403 says what is needed."""

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.models import CodeOfConduct
from kuza.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_in_the_layout_with_a_way_home(client):
    response = client.get("/no-such-page/", HTTP_REFERER="http://testserver/events/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in page and '<nav aria-label="Main">' in page
    assert 'href="http://testserver/events/"' in page and 'href="/"' in page


def test_a_way_back_never_leads_off_the_site(client):
    page = client.get("/no-such-page/", HTTP_REFERER="https://evil.example/").content.decode()

    assert "evil.example" not in page


def test_a_missing_page_speaks_the_readers_language(client):
    client.cookies["django_language"] = "ar"

    page = client.get("/no-such-page/").content.decode()

    assert 'dir="rtl"' in page and "الصفحة غير موجودة" in page


def test_a_member_refused_an_organisers_page_is_told_it_is_for_organisers(client):
    client.force_login(make_person("juma").user)

    response = client.get("/campaigns/new/")

    assert response.status_code == 403
    assert "its organisers" in response.content.decode()


def test_a_member_who_has_not_accepted_the_new_code_of_conduct_is_told_to(client):
    member = make_person("juma").user
    CodeOfConduct.objects.create(
        version=99, title="New", body="Be kind.", published_at=timezone.now()
    )
    client.force_login(member)

    response = client.get("/campaigns/new/")

    assert response.status_code == 403
    assert "accept the new version" in response.content.decode()


def test_a_server_error_is_in_the_layout(settings):
    from kuza.core import errors

    request = Client().get("/").wsgi_request
    response = errors.server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert 'href="/"' in response.content.decode()
