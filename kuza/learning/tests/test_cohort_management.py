"""Course managers create and edit cohorts with their facilitators, and facilitators schedule,
change and cancel sessions, on plain web forms instead of the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from kuza.learning import authoring, scheduling, services
from kuza.learning.models import Cohort, CohortSession
from kuza.learning.tests.factories import CohortFactory, SessionFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory(username="amina")


@pytest.fixture
def course(author):
    return make_course(modules=1, lessons_per_module=1, with_quiz=False, author=author)


@pytest.fixture
def juma():
    return UserFactory(username="Juma")


COHORT = {
    "name": "March 2026",
    "slug": "",
    "description": "We meet *weekly*.",
    "starts_on": "2026-03-02",
    "ends_on": "2026-04-30",
    "is_open": "on",
    "facilitators": "@juma, amina",
}


def test_a_manager_creates_a_cohort_naming_facilitators_by_username(client, author, course, juma):
    client.force_login(author)
    editor = client.get(reverse("learning:edit_course", args=[course.slug])).content.decode()
    new = reverse("learning:edit_cohort_new", args=[course.slug])
    assert f'href="{new}"' in editor

    response = client.post(new, COHORT)

    cohort = Cohort.objects.get(course=course)
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:edit_cohort", args=[course.slug, "march-2026"])
    assert (cohort.name, cohort.slug, cohort.is_open) == ("March 2026", "march-2026", True)
    assert (cohort.starts_on, cohort.ends_on) == (dt.date(2026, 3, 2), dt.date(2026, 4, 30))
    assert set(cohort.facilitators.all()) == {juma, author}
    page = client.get(response["Location"]).content.decode()
    assert 'value="Juma amina"' in page or 'value="amina Juma"' in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"facilitators": "juma, ghost, nobody"}, "No member has the username ghost, nobody."),
        ({"ends_on": "2026-02-01"}, "A cohort cannot end before it starts."),
        ({"starts_on": "not a date"}, "Enter a valid date."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_a_refused_cohort_says_why_keeps_what_was_typed_and_creates_nothing(
    client, author, course, juma, change, message
):
    client.force_login(author)

    response = client.post(
        reverse("learning:edit_cohort_new", args=[course.slug]), {**COHORT, **change}
    )

    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert "We meet *weekly*." in page
    assert not Cohort.objects.exists()


def test_a_suspended_member_cannot_be_made_facilitator(client, author, course):
    UserFactory(username="gone", is_active=False)
    client.force_login(author)

    response = client.post(
        reverse("learning:edit_cohort_new", args=[course.slug]), {**COHORT, "facilitators": "gone"}
    )

    assert response.status_code == 400 and "No member has the username gone." in (
        response.content.decode()
    )


def test_a_manager_edits_a_cohort_and_replaces_its_facilitators(client, author, course, juma):
    cohort = CohortFactory(course=course, slug="spring", name="Spring")
    cohort.facilitators.add(juma)
    other = CohortFactory(course=course, slug="autumn")
    client.force_login(author)
    url = reverse("learning:edit_cohort", args=[course.slug, cohort.slug])

    taken = client.post(url, {**COHORT, "slug": "autumn", "facilitators": "amina"})
    assert taken.status_code == 400 and "already has the short name autumn" in (
        taken.content.decode()
    )
    response = client.post(
        url, {**COHORT, "name": "Spring 2026", "slug": "spring", "facilitators": "amina"}
    )

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Spring 2026" and list(cohort.facilitators.all()) == [author]
    assert (cohort.slug, cohort.starts_on) == ("spring", dt.date(2026, 3, 2))
    assert Cohort.objects.get(pk=other.pk).slug == "autumn"


def test_the_services_check_the_rules_whoever_calls_them(course):
    data = scheduling.CohortInput(
        name="X", starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1)
    )
    with pytest.raises(authoring.AuthoringError, match="end before it starts"):
        scheduling.cohort_create(course=course, data=data)
    cohort = CohortFactory(course=course)
    for bad in (
        {"time_zone": "Mars/Olympus"},
        {"duration_minutes": 0},
        {"join_url": "javascript:alert(1)"},
        {"title": "  "},
        {"kind": "party"},
    ):
        session = {
            "title": "Webinar",
            "day": dt.date(2026, 3, 4),
            "start": dt.time(16, 0),
            "time_zone": "Africa/Nairobi",
            **bad,
        }
        with pytest.raises(authoring.AuthoringError):
            scheduling.session_create(cohort=cohort, data=scheduling.SessionInput(**session))
    assert not Cohort.objects.filter(name="X").exists() and not cohort.sessions.exists()


SESSION = {
    "kind": "office_hours",
    "title": "Office hours: sources",
    "day": "2026-03-04",
    "start": "16:00",
    "time_zone": "Africa/Nairobi",
    "duration_minutes": "90",
    "join_url": "https://meet.example.org/room",
    "description": "Bring your drafts.",
}


@pytest.fixture
def cohort(course, juma):
    cohort = CohortFactory(course=course, slug="spring")
    cohort.facilitators.add(juma)
    return cohort


def test_a_facilitator_schedules_a_session_in_their_time_zone_and_learners_see_it_in_theirs(
    client, cohort, juma
):
    client.force_login(juma)
    page = client.get(reverse("learning:cohort", args=[cohort.course.slug, cohort.slug]))
    new = reverse("learning:edit_session_new", args=[cohort.course.slug, cohort.slug])
    assert f'href="{new}"' in page.content.decode()

    response = client.post(new, SESSION)

    assert response.status_code == 302
    session = CohortSession.objects.get(cohort=cohort)
    assert session.starts_at == dt.datetime(2026, 3, 4, 13, 0, tzinfo=dt.UTC)
    assert (session.kind, session.duration_minutes) == ("office_hours", 90)
    learner = UserFactory()
    services.enrolment_create(user=learner, course=cohort.course, cohort=cohort)
    client.force_login(learner)
    page = client.get(
        reverse("learning:cohort", args=[cohort.course.slug, cohort.slug]), {"tz": "Africa/Lagos"}
    ).content.decode()
    assert "Office hours: sources" in page and "14:00" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"time_zone": "Nairobi time"}, "Not a time zone Kuza knows"),
        ({"start": "25:00"}, "Enter a valid time."),
        ({"duration_minutes": "0"}, "greater than or equal to 1"),
        ({"join_url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_a_refused_session_says_why_and_schedules_nothing(client, cohort, juma, change, message):
    client.force_login(juma)

    response = client.post(
        reverse("learning:edit_session_new", args=[cohort.course.slug, cohort.slug]),
        {**SESSION, **change},
    )

    assert response.status_code == 400 and message in response.content.decode()
    assert "Bring your drafts." in response.content.decode()
    assert not CohortSession.objects.exists()


def test_editing_then_cancelling_a_session_reaches_the_page_and_calendar_apps(client, cohort, juma):
    session = SessionFactory(cohort=cohort, title="Webinar: sources")
    client.force_login(juma)
    args = [cohort.course.slug, cohort.slug, session.pk]
    form = client.get(reverse("learning:edit_session", args=args)).content.decode()
    assert 'value="Webinar: sources"' in form

    client.post(
        reverse("learning:edit_session", args=args),
        {**SESSION, "title": "Webinar: moved", "start": "17:30"},
    )
    session.refresh_from_db()
    assert session.title == "Webinar: moved" and session.sequence == 1
    assert session.starts_at == dt.datetime(2026, 3, 4, 14, 30, tzinfo=dt.UTC)

    response = client.post(reverse("learning:edit_session_cancel", args=args))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.cancelled and session.sequence == 2
    page = client.get(reverse("learning:cohort", args=args[:2])).content.decode()
    assert "Cancelled" in page and "meet.example.org" not in page
    feed = client.get(reverse("learning:cohort_feed", args=[cohort.feed_token]))
    (event,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2


@pytest.mark.parametrize("who", ["learner", "another author", "facilitator elsewhere", "visitor"])
def test_nobody_else_creates_edits_or_cancels_cohorts_and_sessions(client, cohort, who):
    session = SessionFactory(cohort=cohort)
    course = cohort.course
    if who == "learner":
        user = UserFactory()
        services.enrolment_create(user=user, course=course, cohort=cohort)
    elif who == "another author":
        user = UserFactory()
        authoring.course_create(title="Their own", author=user)
    elif who == "facilitator elsewhere":
        user = UserFactory()
        CohortFactory(course=course, slug="other").facilitators.add(user)
    if who != "visitor":
        client.force_login(user)
    args = [course.slug, cohort.slug]
    urls = [
        reverse("learning:edit_cohort_new", args=[course.slug]),
        reverse("learning:edit_cohort", args=args),
        reverse("learning:edit_session_new", args=args),
        reverse("learning:edit_session", args=[*args, session.pk]),
        reverse("learning:edit_session_cancel", args=[*args, session.pk]),
    ]
    expected = 302 if who == "visitor" else 403
    for url in urls:
        assert client.get(url).status_code in {expected, 405}, url
        response = client.post(url, {**COHORT, **SESSION, "name": "Hijacked"})
        assert response.status_code == expected, url
        if who == "visitor":
            assert "login" in response["Location"]
    assert list(Cohort.objects.filter(course=course).values_list("slug", flat=True)) in (
        ["spring"],
        ["spring", "other"],
        ["other", "spring"],
    )
    session.refresh_from_db()
    assert session.title == "Webinar: sources" and not session.cancelled


def test_a_facilitator_schedules_sessions_but_does_not_edit_the_cohort(client, cohort, juma):
    client.force_login(juma)
    args = [cohort.course.slug, cohort.slug]

    assert client.get(reverse("learning:edit_session_new", args=args)).status_code == 200
    assert client.get(reverse("learning:edit_cohort", args=args)).status_code == 403
    assert (
        client.post(reverse("learning:edit_cohort_new", args=args[:1]), COHORT).status_code == 403
    )


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")])
def test_the_cohort_pages_fit_the_budget_need_no_script_and_are_translated(
    client, author, cohort, language, direction
):
    from django.utils import translation

    from kuza.core.pagecheck import check_page

    session = SessionFactory(cohort=cohort)
    client.force_login(author)
    client.cookies["django_language"] = language
    args = [cohort.course.slug, cohort.slug]
    for url in (
        reverse("learning:edit_cohort_new", args=args[:1]),
        reverse("learning:edit_cohort", args=args),
        reverse("learning:edit_session_new", args=args),
        reverse("learning:edit_session", args=[*args, session.pk]),
        reverse("learning:cohort", args=args),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        report = check_page(url, response.content)
        assert not report.problems(), (url, report.problems())
        assert (report.lang, report.direction) == (language, direction), url
    with translation.override(language):
        label = translation.gettext("Schedule a session")
    assert language == "en" or label != "Schedule a session"
    assert label in client.get(reverse("learning:edit_cohort", args=args)).content.decode()


def test_a_short_name_taken_at_the_last_moment_is_a_clear_error(course, monkeypatch):
    CohortFactory(course=course, slug="spring")
    # As if another manager saved "spring" after the check: the database refuses the write.
    monkeypatch.setattr(scheduling, "_check_cohort", lambda *args, **kwargs: "spring")
    data = scheduling.CohortInput(
        name="Spring", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 4, 1)
    )

    with pytest.raises(authoring.AuthoringError, match="already has the short name spring"):
        scheduling.cohort_create(course=course, data=data)
    assert Cohort.objects.filter(course=course).count() == 1
