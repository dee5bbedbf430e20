import pytest
from django.urls import reverse

from kuza.accounts import services
from kuza.accounts.models import ApiToken
from kuza.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_created_token_authenticates_its_owner_and_only_its_hash_is_stored():
    owner = UserFactory()
    issued = services.api_token_create(user=owner, name="campaign script")

    assert services.api_token_authenticate(issued.plaintext) == owner
    stored = ApiToken.objects.get()
    assert issued.plaintext.split("_", 2)[2] not in {stored.secret_hash, stored.prefix}
    assert stored.last_used_at is not None


def test_revoked_wrong_and_malformed_tokens_do_not_authenticate():
    owner = UserFactory()
    issued = services.api_token_create(user=owner, name="old")
    services.api_token_revoke(user=owner, token_id=issued.token.pk)

    assert services.api_token_authenticate(issued.plaintext) is None
    assert services.api_token_authenticate(issued.plaintext[:-1] + "x") is None
    assert services.api_token_authenticate("not-a-token") is None


def test_a_token_of_a_deactivated_account_stops_working():
    owner = UserFactory()
    issued = services.api_token_create(user=owner, name="bot")
    owner.is_active = False
    owner.save()

    assert services.api_token_authenticate(issued.plaintext) is None


def test_nobody_can_revoke_someone_elses_token():
    owner, other = UserFactory(), UserFactory()
    issued = services.api_token_create(user=owner, name="mine")

    with pytest.raises(services.AccountError):
        services.api_token_revoke(user=other, token_id=issued.token.pk)
    assert services.api_token_authenticate(issued.plaintext) == owner


def test_a_blank_name_is_refused_with_a_clear_error():
    with pytest.raises(services.AccountError, match="name"):
        services.api_token_create(user=UserFactory(), name="   ")
    assert not ApiToken.objects.exists()


def test_account_page_shows_a_new_token_once_and_revokes_it(client):
    owner = UserFactory()
    client.force_login(owner)

    page = client.post(reverse("account_home"), {"name": "wiki bot"}).content.decode()
    token = ApiToken.objects.get(user=owner)
    assert f"kuza_{token.prefix}_" in page
    assert f"kuza_{token.prefix}_" not in client.get(reverse("account_home")).content.decode()

    client.post(reverse("token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
