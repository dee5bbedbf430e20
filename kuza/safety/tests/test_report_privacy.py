"""Reporting a person never reveals a profile its owner keeps from the reporter."""

from __future__ import annotations

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import ContactRequest, Visibility
from kuza.safety import services
from kuza.safety.models import Block, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_person():
    person = UserFactory(username="kamau-private")
    person.profile.display_name = "Kamau Hidden"
    person.profile.visibility = Visibility.ONLY_ME
    person.profile.save()
    return person


def test_a_hidden_profile_is_not_named_on_the_report_page_nor_reportable_by_id(
    client, hidden_person
):
    reporter = UserFactory(username="curious")
    client.force_login(reporter)

    page = client.get(f"/safety/report/person/{hidden_person.pk}/")

    assert page.status_code == 404
    assert "Kamau" not in page.content.decode() and "kamau-private" not in page.content.decode()
    with pytest.raises(services.SafetyError, match="no longer exists"):
        services.report_create(
            reporter=reporter,
            kind="person",
            target_id=hidden_person.pk,
            description="Just probing.",
            evidence_links="",
        )
    assert not Report.objects.exists()


@pytest.mark.parametrize("direction", ["they wrote to me", "I wrote to them"])
def test_someone_who_was_in_touch_can_be_reported_even_with_a_hidden_profile(
    client, hidden_person, direction
):
    reporter = UserFactory(username="harassed")
    sender, recipient = (
        (hidden_person, reporter) if direction == "they wrote to me" else (reporter, hidden_person)
    )
    ContactRequest.objects.create(sender=sender, recipient=recipient, message="Hello")
    client.force_login(reporter)

    assert (
        "Kamau Hidden" in client.get(f"/safety/report/person/{hidden_person.pk}/").content.decode()
    )
    client.post(f"/safety/report/person/{hidden_person.pk}/", {"description": "Threats."})

    assert Report.objects.get().reported_user == hidden_person


@pytest.mark.parametrize("blocker", ["reporter", "reported"])
def test_a_block_never_stops_a_report(client, blocker):
    reporter, person = UserFactory(username="asha"), UserFactory(username="juma")
    if blocker == "reporter":
        Block.objects.create(blocker=reporter, blocked=person)
    else:
        Block.objects.create(blocker=person, blocked=reporter)
    client.force_login(reporter)

    client.post(f"/safety/report/person/{person.pk}/", {"description": "He followed me."})

    assert Report.objects.get().reported_user == person


def _unpublished_event():
    from kuza.events.tests.factories import EventFactory

    return EventFactory(title="Secret planning meeting", published=False)


def _draft_survey():
    from kuza.surveys.tests.factories import SurveyFactory

    return SurveyFactory(title="Secret needs assessment", published=False)


@pytest.mark.parametrize(
    ("kind", "make", "title"),
    [
        pytest.param("event", _unpublished_event, "Secret planning meeting"),
        pytest.param("survey", _draft_survey, "Secret needs assessment"),
    ],
)
def test_what_only_its_organisers_see_cannot_be_reported_or_named_by_id(client, kind, make, title):
    target = make()
    client.force_login(UserFactory(username="prober"))

    page = client.get(f"/safety/report/{kind}/{target.pk}/")

    assert page.status_code == 404 and title not in page.content.decode()
