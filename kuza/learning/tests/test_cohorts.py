"""Cohorts: sessions in each learner's time zone, calendars, announcements, facilitators' view."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from kuza.learning import services, timezones
from kuza.learning.models import Announcement, Lesson
from kuza.learning.tests.factories import CohortFactory, SessionFactory, UserFactory
from kuza.people.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory()


@pytest.fixture
def session(cohort):
    # 13:00 UTC is 16:00 in Nairobi, 14:00 in Lagos and 08:00 in New York (EST).
    return SessionFactory(cohort=cohort, starts_at=dt.datetime(2026, 3, 4, 13, 0, tzinfo=dt.UTC))


def _cohort_url(cohort, name="learning:cohort", *extra):
    return reverse(name, args=[cohort.course.slug, cohort.slug, *extra])


def _member(client, cohort):
    user = UserFactory()
    services.enrolment_create(user=user, course=cohort.course, cohort=cohort)
    client.force_login(user)
    return user


def test_sessions_show_in_utc_by_default(client, cohort, session):
    page = client.get(_cohort_url(cohort)).content.decode()
    assert "Times are shown in UTC." in page
    assert "13:00" in page


@pytest.mark.parametrize(
    "zone,local",
    [("Africa/Nairobi", "16:00"), ("Africa/Lagos", "14:00"), ("America/New_York", "08:00")],
)
def test_a_chosen_time_zone_converts_session_times_and_is_remembered(
    client, cohort, session, zone, local
):
    response = client.get(_cohort_url(cohort), {"tz": zone})
    assert local in response.content.decode()
    assert response.cookies[timezones.COOKIE].value == zone
    # The next visit, without the query, still uses it.
    assert local in client.get(_cohort_url(cohort)).content.decode()


def test_an_unknown_time_zone_is_ignored(client, cohort, session):
    response = client.get(_cohort_url(cohort), {"tz": "Mars/Olympus"})
    assert "Times are shown in UTC." in response.content.decode()
    assert timezones.COOKIE not in response.cookies


def test_the_profile_time_zone_wins_when_the_profile_has_one(rf):
    user = UserFactory()
    user.profile.time_zone = "Africa/Casablanca"  # the people app adds this field
    request = rf.get("/", {"tz": "Europe/Paris"})
    request.user = user
    assert timezones.learner_time_zone(request) == "Africa/Casablanca"
    user.profile.time_zone = ""
    assert timezones.learner_time_zone(request) == "Europe/Paris"


def test_session_ics_parses_back_with_the_session_in_utc(client, cohort, session):
    _member(client, cohort)
    response = client.get(_cohort_url(cohort, "learning:session_ics", session.pk))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=60)
    assert str(event["uid"]) == f"{session.uid}@kuza"
    assert session.title in str(event["summary"])
    assert str(event["url"]) == session.join_url


def test_session_ics_is_for_members_only(client, cohort, session):
    client.force_login(UserFactory())
    assert client.get(_cohort_url(cohort, "learning:session_ics", session.pk)).status_code == 403
    assert session.join_url not in client.get(_cohort_url(cohort)).content.decode()


def test_cohort_feed_lists_every_session_and_parses_back(client, cohort, session):
    later = SessionFactory(
        cohort=cohort, title="Office hours", starts_at=session.starts_at + dt.timedelta(days=2)
    )
    SessionFactory(title="Another cohort's webinar")
    response = client.get(reverse("learning:cohort_feed", args=[cohort.feed_token]))
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert sorted(str(event["uid"]) for event in events) == sorted(
        [f"{session.uid}@kuza", f"{later.uid}@kuza"]
    )
    assert str(calendar["x-wr-calname"]).endswith(cohort.name)


def test_joining_a_cohort_enrols_in_its_course(client, cohort):
    user = UserFactory()
    client.force_login(user)
    client.post(_cohort_url(cohort, "learning:cohort_join"))
    assert user.enrolments.get(course=cohort.course).cohort == cohort


def test_facilitators_post_announcements_and_learners_cannot(client, cohort):
    learner = _member(client, cohort)
    client.post(_cohort_url(cohort, "learning:announce"), {"title": "Hi", "body": "Spam"})
    assert not Announcement.objects.exists()
    facilitator = UserFactory()
    cohort.facilitators.add(facilitator)
    client.force_login(facilitator)
    client.post(
        _cohort_url(cohort, "learning:announce"), {"title": "Week 2", "body": "**Read** module 2"}
    )
    client.force_login(learner)
    page = client.get(_cohort_url(cohort)).content.decode()
    assert "Week 2" in page and "<strong>Read</strong>" in page


def _progress_fixture(client, cohort):
    learners = [_member(client, cohort) for _ in range(2)]
    lesson = Lesson.objects.filter(course=cohort.course).first()
    services.lesson_mark_read(enrolment=learners[0].enrolments.get(), lesson=lesson)
    return learners


def test_learners_cannot_see_the_progress_of_others(client, cohort):
    learners = _progress_fixture(client, cohort)
    client.force_login(learners[1])
    assert client.get(_cohort_url(cohort, "learning:cohort_progress")).status_code == 403
    assert client.get(_cohort_url(cohort, "learning:cohort_progress_csv")).status_code == 403
    other_cohort_facilitator = UserFactory()
    CohortFactory(course=cohort.course).facilitators.add(other_cohort_facilitator)
    client.force_login(other_cohort_facilitator)
    assert client.get(_cohort_url(cohort, "learning:cohort_progress")).status_code == 403


def test_facilitators_see_every_learner_and_export_csv(client, cohort):
    learners = _progress_fixture(client, cohort)
    facilitator = UserFactory()
    cohort.facilitators.add(facilitator)
    client.force_login(facilitator)
    page = client.get(_cohort_url(cohort, "learning:cohort_progress")).content.decode()
    assert all(learner.profile.display_name in page for learner in learners)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(_cohort_url(cohort, "learning:cohort_progress_csv")).content.decode()
            )
        )
    )
    by_user = {row["username"]: row for row in rows}
    assert by_user[learners[0].username]["lessons_read"] == "1"
    assert by_user[learners[1].username]["lessons_read"] == "0"
    assert by_user[learners[0].username]["lessons_total"] == "4"


def test_organisers_of_the_course_organisation_see_progress(client, cohort):
    _progress_fixture(client, cohort)
    organisation = Organisation.objects.create(name="Group", slug="group", kind="user_group")
    cohort.course.organisation = organisation
    cohort.course.save()
    organiser = UserFactory()
    Membership.objects.create(organisation=organisation, user=organiser, role="organiser")
    member = UserFactory()
    Membership.objects.create(organisation=organisation, user=member, role="member")
    client.force_login(organiser)
    assert client.get(_cohort_url(cohort, "learning:cohort_progress")).status_code == 200
    client.force_login(member)
    assert client.get(_cohort_url(cohort, "learning:cohort_progress")).status_code == 403


def test_csv_cells_cannot_start_a_spreadsheet_formula(client, cohort):
    learner = _member(client, cohort)
    learner.profile.display_name = '=HYPERLINK("http://evil")'
    learner.profile.save()
    facilitator = UserFactory()
    cohort.facilitators.add(facilitator)
    client.force_login(facilitator)
    text = client.get(_cohort_url(cohort, "learning:cohort_progress_csv")).content.decode()
    assert "'=HYPERLINK" in text


def test_the_dashboard_lists_coming_sessions_in_the_learners_time_zone(client, cohort):
    day = dt.date.today() + dt.timedelta(days=3)
    SessionFactory(
        cohort=cohort,
        title="Coming webinar",
        starts_at=dt.datetime.combine(day, dt.time(13, 0), tzinfo=dt.UTC),
    )
    _member(client, cohort)
    client.cookies[timezones.COOKIE] = "Africa/Nairobi"
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert "Coming webinar" in page and "16:00" in page
