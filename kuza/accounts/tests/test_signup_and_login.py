import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from kuza.accounts.models import ConductAcceptance, User
from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "username": "zawadi",
        "email": "zawadi@example.org",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
        "accept_code_of_conduct": "on",
    }
    data.update(overrides)
    return data


def test_signup_records_acceptance_of_the_current_code_of_conduct(client):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    user = User.objects.get(username="zawadi")
    acceptance = ConductAcceptance.objects.get(user=user)
    assert acceptance.conduct == current_code_of_conduct()
    assert acceptance.conduct.version == 1
    assert acceptance.accepted_at is not None


def test_signup_without_accepting_the_code_of_conduct_is_refused_and_creates_nothing(client):
    data = signup_data()
    del data["accept_code_of_conduct"]

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    assert "You must accept the code of conduct to join." in response.content.decode()
    assert not User.objects.filter(username="zawadi").exists()


def test_login_and_logout(client):
    UserFactory(username="neema")

    response = client.post(reverse("account_login"), {"login": "neema", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("account_home")).status_code == 200

    client.post(reverse("account_logout"))
    assert client.get(reverse("account_home")).status_code == 302


def test_failed_logins_are_rate_limited(client):
    UserFactory(username="neema")
    limited = "Too many failed login attempts. Try again later."
    pages = [
        client.post(reverse("account_login"), {"login": "neema", "password": "wrong"})
        for _attempt in range(6)
    ]
    # Five failures per account in five minutes; the sixth attempt is refused outright.
    assert [limited in page.content.decode() for page in pages] == [False] * 5 + [True]
    response = client.post(reverse("account_login"), {"login": "neema", "password": PASSWORD})
    assert response.status_code == 200, "even the right password waits out the limit"
    assert limited in response.content.decode()
    assert client.get(reverse("account_home")).status_code == 302


# The worker closes connections between tasks, as it should in production; that needs data
# committed for real rather than held in a test transaction.
@pytest.mark.django_db(transaction=True)
def test_password_reset_email_is_sent_by_the_background_worker(client):
    UserFactory(username="rehema", email="rehema@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "rehema@example.org"})
    assert response.status_code == 302
    assert mail.outbox == [], "the request only queues the email"

    call_command("db_worker", "--batch", "--no-startup-delay")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rehema@example.org"]
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page = client.get(link.group(0).replace("http://testserver", ""), follow=True)
    assert "Choose a new password" in page.content.decode()
