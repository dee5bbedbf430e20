import pytest

from kuza.people.contact import CONTACT_LIMIT, contact_request_send
from kuza.people.models import ContactRequest, Visibility
from kuza.people.services import PeopleError
from kuza.people.tests.factories import ContactRequestFactory, SkillClaimFactory, make_person, skill
from kuza.safety.selectors import is_blocked_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return make_person("sender", display_name="Sender Person"), make_person(
        "recipient", display_name="Recipient Person"
    )


def test_a_member_sends_a_request_the_recipient_sees_and_answers(client, pair):
    sender, recipient = pair
    client.force_login(sender.user)
    client.post(f"/people/{recipient.pk}/contact/", {"message": "Can you mentor me?"})

    client.force_login(recipient.user)
    inbox = client.get("/people/inbox/").content.decode()
    request = ContactRequest.objects.get()
    client.post(f"/people/inbox/{request.pk}/answer/", {"answer": "Yes, gladly."})

    assert "Can you mentor me?" in inbox and "Sender Person" in inbox
    request.refresh_from_db()
    assert request.status == ContactRequest.Status.ANSWERED
    client.force_login(sender.user)
    assert "Yes, gladly." in client.get("/people/inbox/").content.decode()


def test_the_sender_never_learns_the_recipients_email(client, pair):
    sender, recipient = pair
    client.force_login(sender.user)
    client.post(f"/people/{recipient.pk}/contact/", {"message": "Hello"})

    for url in ["/people/inbox/", f"/people/{recipient.pk}/"]:
        assert recipient.user.email not in client.get(url).content.decode()


def test_ignoring_keeps_the_request_but_closes_it(client, pair):
    sender, recipient = pair
    request = ContactRequestFactory(sender=sender.user, recipient=recipient.user)
    client.force_login(recipient.user)

    client.post(f"/people/inbox/{request.pk}/ignore/")

    request.refresh_from_db()
    assert request.status == ContactRequest.Status.IGNORED


def test_blocking_the_sender_stops_contact_search_and_profile_in_both_directions(client, pair):
    sender, recipient = pair
    SkillClaimFactory(profile=recipient, skill=skill("mentoring"), can_mentor=True)
    request = ContactRequestFactory(sender=sender.user, recipient=recipient.user)
    client.force_login(recipient.user)
    assert (
        f'href="/people/inbox/{request.pk}/block/"' in client.get("/people/inbox/").content.decode()
    )

    asked = client.get(f"/people/inbox/{request.pk}/block/").content.decode()
    assert "<h1>Block this person?</h1>" in asked and "<bdi>Sender Person</bdi>" in asked
    assert not is_blocked_between(sender.user, recipient.user)
    client.post(f"/people/inbox/{request.pk}/block/")

    assert is_blocked_between(sender.user, recipient.user)
    assert "Sender Person" not in client.get("/people/inbox/").content.decode()
    assert client.get(f"/people/{sender.pk}/").status_code == 404
    client.force_login(sender.user)
    assert client.get(f"/people/{recipient.pk}/").status_code == 404
    found = client.get("/people/", {"skill": "mentoring"}).content.decode()
    assert "Recipient Person" not in found
    with pytest.raises(PeopleError):
        contact_request_send(sender=sender.user, recipient_profile_id=recipient.pk, message="Again")
    assert ContactRequest.objects.count() == 1


def test_contact_requests_are_rate_limited_per_sender_with_a_clear_message(client):
    sender = make_person("busy")
    recipients = [make_person(f"r{index}") for index in range(CONTACT_LIMIT + 1)]
    client.force_login(sender.user)

    for recipient in recipients[:CONTACT_LIMIT]:
        client.post(f"/people/{recipient.pk}/contact/", {"message": "Hi"})
    refused = client.post(f"/people/{recipients[-1].pk}/contact/", {"message": "Hi"}, follow=True)

    assert ContactRequest.objects.count() == CONTACT_LIMIT
    assert "at most 10 contact requests per hour" in refused.content.decode()


@pytest.mark.parametrize("message", ["", "   ", "x" * 1001])
def test_empty_or_long_messages_are_refused(pair, message):
    sender, recipient = pair
    with pytest.raises(PeopleError):
        contact_request_send(sender=sender.user, recipient_profile_id=recipient.pk, message=message)


def test_a_person_hidden_from_the_sender_cannot_be_contacted_and_gets_no_hint(pair):
    sender, recipient = pair
    recipient.visibility = Visibility.ONLY_ME
    recipient.save()

    with pytest.raises(PeopleError) as hidden:
        contact_request_send(sender=sender.user, recipient_profile_id=recipient.pk, message="Hi")
    with pytest.raises(PeopleError) as missing:
        contact_request_send(sender=sender.user, recipient_profile_id=999_999, message="Hi")

    assert str(hidden.value) == str(missing.value)


def test_only_the_recipient_can_act_on_a_request(client, pair):
    sender, recipient = pair
    request = ContactRequestFactory(sender=sender.user, recipient=recipient.user)
    client.force_login(make_person("stranger").user)

    client.post(f"/people/inbox/{request.pk}/block/")
    client.post(f"/people/inbox/{request.pk}/answer/", {"answer": "Hijacked"})

    request.refresh_from_db()
    assert request.status == ContactRequest.Status.PENDING and request.answer == ""
    assert not is_blocked_between(sender.user, recipient.user)


def test_contact_writes_need_post(client, pair):
    sender, recipient = pair
    client.force_login(sender.user)

    assert client.get(f"/people/{recipient.pk}/contact/").status_code == 405


def test_api_contact_request_with_a_token(client, pair):
    from kuza.accounts.services import api_token_create

    sender, recipient = pair
    token = api_token_create(user=sender.user, name="script").plaintext

    sent = client.post(
        f"/api/people/{recipient.pk}/contact",
        {"message": "Hello from the API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    refused = client.post(
        f"/api/people/{recipient.pk}/contact",
        {"message": ""},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert sent.status_code == 201 and sent.json()["status"] == "pending"
    assert ContactRequest.objects.get().message == "Hello from the API"
    assert refused.status_code == 400 and refused.json()["error"]["message"]


def test_a_member_who_has_not_accepted_the_current_code_of_conduct_cannot_write():
    sender = make_person("newcomer", accepts_conduct=False)
    recipient = make_person("elder")

    with pytest.raises(PeopleError, match="code of conduct"):
        contact_request_send(
            sender=sender.user, recipient_profile_id=recipient.pk, message="Habari!"
        )
    assert not ContactRequest.objects.exists()


def test_a_profile_page_offers_to_block_and_report_the_person_but_not_oneself(client, pair):
    sender, recipient = pair
    client.force_login(sender.user)
    page = client.get(f"/people/{recipient.pk}/").content.decode()
    own_page = client.get(f"/people/{sender.pk}/").content.decode()

    assert f'href="/safety/block/{recipient.user.pk}/?next=/people/{recipient.pk}/"' in page
    assert f'href="/safety/report/person/{recipient.user.pk}/"' in page
    assert "/safety/block/" not in own_page and "/safety/report/" not in own_page

    client.post(f"/safety/block/{recipient.user.pk}/", {"next": f"/people/{recipient.pk}/"})
    assert is_blocked_between(sender.user, recipient.user)


def test_a_received_request_can_be_reported_and_the_report_names_the_sender(client, pair):
    sender, recipient = pair
    ContactRequestFactory(sender=sender.user, recipient=recipient.user, message="Unwanted")
    client.force_login(recipient.user)
    inbox = client.get("/people/inbox/").content.decode()
    report_url = f"/safety/report/person/{sender.user.pk}/"

    assert f'href="{report_url}"' in inbox
    assert "Sender Person" in client.get(report_url).content.decode()
