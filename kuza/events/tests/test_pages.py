"""Pages and their permissions: visitors, members, registered members, organisers, staff."""

import csv
import io
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kuza.events.models import Event, Question, Registration
from kuza.events.tests.factories import (
    EventFactory,
    MemberFactory,
    QuestionFactory,
    RegistrationFactory,
)
from kuza.people.models import Membership, Organisation

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/secret-room"


@pytest.fixture
def event():
    return EventFactory(capacity=2, online_url=SECRET_LINK, title="Wikidata skill-share")


@pytest.fixture
def personas(event):
    """Everyone who might look at `event`, by role."""
    registered = MemberFactory(username="registered")
    RegistrationFactory(event=event, user=registered)
    waiting = MemberFactory(username="waiting")
    RegistrationFactory(event=event, user=waiting, status=Registration.Status.WAITING)
    return {
        "anonymous": None,
        "member": MemberFactory(username="member"),
        "registered": registered,
        "waiting": waiting,
        "organiser": event.created_by,
        "staff": MemberFactory(username="staff", is_staff=True),
    }


def as_(client, person):
    if person is not None:
        client.force_login(person)
    return client


ORGANISER_PAGES = ["edit", "questions", "attendance", "registrations.csv"]


@pytest.mark.parametrize(
    "role,sees_link",
    [
        ("anonymous", False),
        ("member", False),
        ("waiting", False),
        ("registered", True),
        ("organiser", True),
        ("staff", True),
    ],
)
def test_the_online_link_is_shown_only_to_people_with_a_place_and_organisers(
    client, event, personas, role, sees_link
):
    as_(client, personas[role])

    page = client.get(f"/events/{event.pk}/").content.decode()
    calendar = client.get(f"/events/{event.pk}/calendar.ics").content.decode()

    assert (SECRET_LINK in page) is sees_link
    assert ("secret-room" in calendar) is sees_link
    assert "secret-room" not in client.get(f"/api/events/{event.pk}").content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "registered", "waiting"])
@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organiser_pages_are_closed_to_everyone_else(client, event, personas, role, page):
    as_(client, personas[role])

    response = client.get(f"/events/{event.pk}/{page}" + ("" if "." in page else "/"))

    if role == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404
    assert b"registered" not in response.content


@pytest.mark.parametrize("role", ["organiser", "staff"])
@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organisers_and_staff_reach_the_organiser_pages(client, event, personas, role, page):
    as_(client, personas[role])
    response = client.get(f"/events/{event.pk}/{page}" + ("" if "." in page else "/"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "member", "registered", "waiting"])
def test_nobody_but_organisers_sees_who_registered_or_their_answers(client, event, personas, role):
    question = QuestionFactory(event=event, label="Dietary needs?")
    registration = Registration.objects.get(user=personas["registered"])
    registration.answers.create(question=question, value="vegetarian-answer")
    as_(client, personas[role])

    bodies = [client.get(f"/events/{event.pk}/").content, client.get("/events/").content]
    bodies.append(client.get(f"/api/events/{event.pk}").content)
    bodies.append(client.get("/api/events/").content)

    for body in bodies:
        text = body.decode()
        assert "vegetarian-answer" not in text
        for other in ("registered", "waiting"):
            if other != role:
                assert f">{other.title()}<" not in text and f"({other})" not in text


def test_the_attendance_page_lists_the_people_with_a_place_and_the_waiting_list(
    client, event, personas
):
    client.force_login(personas["organiser"])
    page = client.get(f"/events/{event.pk}/attendance/").content.decode()
    assert "Registered" in page
    assert "Waiting" in page
    assert "Attendance can be marked once the event has started" in page


def test_the_csv_holds_every_registration_and_answer_and_defuses_formulas(client, event, personas):
    question = QuestionFactory(event=event, label="Dietary needs?")
    registration = Registration.objects.get(user=personas["registered"])
    registration.answers.create(question=question, value='=HYPERLINK("http://evil")')
    client.force_login(personas["organiser"])

    response = client.get(f"/events/{event.pk}/registrations.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-1] == "Dietary needs?"
    by_user = {row[0]: row for row in rows[1:]}
    assert set(by_user) == {"registered", "waiting"}
    assert by_user["registered"][-1].startswith("'=")
    assert response["Content-Disposition"].startswith("attachment")


# --- Registering through the pages ---------------------------------------------------------------


def test_a_member_registers_and_cancels_with_plain_forms(client):
    event = EventFactory(capacity=1)
    member, waiting = MemberFactory.create_batch(2)
    client.force_login(member)

    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert "You have a place" in response.content.decode()

    client.force_login(waiting)
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert "You are number 1 on the waiting list" in response.content.decode()

    client.force_login(member)
    response = client.post(f"/events/{event.pk}/cancel/", follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    assert Registration.objects.get(event=event, user=waiting).status == "confirmed"

    client.force_login(waiting)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "A place became free and you were first on the waiting list" in page
    assert "moved up from the waiting list" in client.get("/events/").content.decode()


def test_registering_needs_a_post_and_a_login(client):
    event = EventFactory()
    assert client.get(f"/events/{event.pk}/register/").status_code in {302, 405}
    response = client.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(MemberFactory())
    assert client.get(f"/events/{event.pk}/register/").status_code == 405
    assert not event.registrations.exists()


def test_wrong_answers_are_shown_next_to_the_question_and_nothing_is_saved(client):
    event = EventFactory()
    question = QuestionFactory(
        event=event, kind=Question.Kind.CHOICE, choices="Beginner\nExpert", required=True
    )
    client.force_login(MemberFactory())

    missing = client.post(f"/events/{event.pk}/register/", {})
    invented = client.post(f"/events/{event.pk}/register/", {f"question_{question.pk}": "Guru"})

    assert missing.status_code == 400
    assert "Please answer this question." in missing.content.decode()
    assert invented.status_code == 400
    assert not event.registrations.exists()
    client.post(f"/events/{event.pk}/register/", {f"question_{question.pk}": "Expert"})
    assert event.registrations.get().answers.get().value == "Expert"


def test_a_member_who_has_not_accepted_the_code_of_conduct_is_sent_to_accept_it(client):
    event = EventFactory()
    client.force_login(MemberFactory(accepted_conduct=False))

    page = client.get(f"/events/{event.pk}/").content.decode()
    response = client.post(f"/events/{event.pk}/register/", follow=True)

    assert "/safety/conduct/" in page
    assert not event.registrations.exists()
    assert "code of conduct" in response.content.decode()


def test_unpublished_events_are_seen_by_their_organisers_only(client):
    draft = EventFactory(published=False, title="Draft gathering")
    assert client.get(f"/events/{draft.pk}/").status_code == 404
    client.force_login(MemberFactory())
    assert client.get(f"/events/{draft.pk}/").status_code == 404
    assert "Draft gathering" not in client.get("/events/").content.decode()
    client.force_login(draft.created_by)
    assert client.get(f"/events/{draft.pk}/").status_code == 200
    assert "Draft gathering" in client.get("/events/").content.decode()


# --- Organiser forms ---------------------------------------------------------------------------


def organiser_of_an_organisation():
    person = MemberFactory()
    organisation = Organisation.objects.create(slug="wwea", name="Wiki Women of East Africa")
    Membership.objects.create(
        organisation=organisation, user=person, role=Membership.Role.ORGANISER
    )
    return person


def event_form_data(**overrides) -> dict:
    return {
        "title": "Monthly conversation",
        "kind": Event.Kind.CONVERSATION,
        "series": "",
        "description": "Let us talk.",
        "format": Event.Format.ONLINE,
        "location": "",
        "online_url": "https://meet.example.org/x",
        "starts": "2031-03-10T16:00",
        "ends": "2031-03-10T18:00",
        "time_zone": "Africa/Nairobi",
        "capacity": "30",
        "organiser_names": "",
        "campaign": "",
        "published": "on",
    } | overrides


def test_an_organisation_organiser_creates_an_event_in_its_time_zone(client):
    creator = organiser_of_an_organisation()
    co_organiser = MemberFactory(username="wanjiru")
    client.force_login(creator)

    response = client.post("/events/new/", event_form_data(organiser_names="wanjiru"))

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at.isoformat() == "2031-03-10T13:00:00+00:00"
    assert set(event.organisers.all()) == {creator, co_organiser}


def test_members_who_organise_nothing_cannot_create_events(client):
    client.force_login(MemberFactory())
    assert client.get("/events/new/").status_code == 403
    assert client.post("/events/new/", event_form_data()).status_code == 403
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"ends": "2031-03-10T15:00"}, "ends"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"format": Event.Format.IN_PERSON}, "location"),
        ({"organiser_names": "nobody-by-this-name"}, "organiser_names"),
        # 02:30 does not exist in Paris on the night clocks go forward.
        ({"starts": "2031-03-30T02:30", "time_zone": "Europe/Paris"}, "starts"),
    ],
)
def test_the_event_form_refuses_bad_input_with_a_message(client, overrides, field):
    client.force_login(organiser_of_an_organisation())
    response = client.post("/events/new/", event_form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Event.objects.exists()


def test_editing_shows_the_times_in_the_events_zone_and_saves_changes(client, event, personas):
    client.force_login(personas["organiser"])
    page = client.get(f"/events/{event.pk}/edit/").content.decode()
    local = event.starts_at.astimezone(ZoneInfo("Africa/Nairobi"))
    assert local.strftime("%Y-%m-%dT%H:%M") in page

    data = event_form_data(
        title="Renamed", capacity="5", organiser_names=personas["organiser"].username
    )
    response = client.post(f"/events/{event.pk}/edit/", data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Renamed", 5)
    # More places: the person waiting got one.
    assert Registration.objects.get(user=personas["waiting"]).status == "confirmed"


def test_organisers_add_edit_and_delete_questions(client, event, personas):
    client.force_login(personas["organiser"])
    response = client.post(
        f"/events/{event.pk}/questions/",
        {"label": "Your level?", "kind": "choice", "choices": "New\nExpert", "position": "1"},
    )
    assert response.status_code == 302
    question = event.questions.get()
    assert question.options == ["New", "Expert"]

    bad = client.post(
        f"/events/{event.pk}/questions/{question.pk}/",
        {"label": "Your level?", "kind": "choice", "choices": "Only one", "position": "1"},
    )
    assert bad.status_code == 200 and bad.context["form"].errors["choices"]

    client.post(f"/events/{event.pk}/questions/{question.pk}/delete/")
    assert not event.questions.exists()


def test_a_member_cannot_delete_questions_of_an_event_they_do_not_organise(client, event, personas):
    question = QuestionFactory(event=event)
    client.force_login(personas["registered"])
    response = client.post(f"/events/{event.pk}/questions/{question.pk}/delete/")
    assert response.status_code == 404
    assert event.questions.exists()


def test_organisers_mark_attendance_with_checkboxes(client, personas):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    came, absent = RegistrationFactory.create_batch(2, event=event)
    client.force_login(event.created_by)

    page = client.get(f"/events/{event.pk}/attendance/").content.decode()
    assert len(re.findall(r'type="checkbox"', page)) == 2
    client.post(f"/events/{event.pk}/attendance/", {"attended": [str(came.pk)]})

    assert dict(event.registrations.values_list("pk", "attended")) == {
        came.pk: True,
        absent.pk: False,
    }


def test_the_events_list_shows_report_counts_to_organisers_only(client, event, personas):
    assert "participant" not in client.get("/events/").content.decode()
    client.force_login(personas["member"])
    assert "participant" not in client.get("/events/").content.decode()
    client.force_login(personas["staff"])
    page = client.get("/events/").content.decode()
    assert "1 event, 1 participant" in page


@pytest.mark.parametrize(("language", "separator"), [("en", ", "), ("fr", ", "), ("ar", "، ")])
def test_the_report_counts_are_separated_as_the_language_writes_lists(
    client, event, personas, language, separator
):
    client.cookies["django_language"] = language
    client.force_login(personas["staff"])
    page = client.get("/events/").content.decode()
    stat = re.search(r'<span class="stat">(.*?)</span>', page).group(1)
    first, second = stat.split(separator)
    assert first.strip() and second.strip()
    assert "," not in stat or separator == ", "
