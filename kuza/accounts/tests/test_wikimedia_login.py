"""'Log in with Wikimedia' through allauth's MediaWiki provider, pointed at the configured wiki."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_button_is_hidden_until_a_consumer_is_configured(client):
    assert "Log in with Wikimedia" not in client.get(reverse("account_login")).content.decode()


def test_logging_in_with_wikimedia_sends_the_person_to_the_configured_wiki(client):
    SocialApp.objects.create(
        provider="mediawiki", name="Meta", client_id="kuza-consumer", secret="consumer-secret"
    )

    page = client.get(reverse("account_login")).content.decode()
    assert "Log in with Wikimedia" in page

    response = client.post("/accounts/mediawiki/login/")

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}" == settings.MEDIAWIKI_URL
    assert target.path == "/w/rest.php/oauth2/authorize"
    query = parse_qs(target.query)
    assert query["client_id"] == ["kuza-consumer"]
    assert query["redirect_uri"][0].endswith("/accounts/mediawiki/login/callback/")
    assert query["state"]
