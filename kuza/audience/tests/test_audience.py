"""The audience layer: one rule for rows (visible_to / access) and one for naming people."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.template import Context, Template

from kuza.audience.presenter import person_name
from kuza.audience.selectors import access, people_shown_to, visible_to
from kuza.events.models import Event
from kuza.events.tests.factories import EventFactory
from kuza.people.models import Visibility
from kuza.people.tests.factories import make_person
from kuza.safety.models import Block
from kuza.safety.tests.factories import hide_content

pytestmark = pytest.mark.django_db


def test_visible_to_applies_published_state_moderation_suspension_and_blocks_once():
    viewer = make_person("viewer").user
    organiser = make_person("organiser").user
    shown = EventFactory(created_by=organiser, title="Shown")
    draft = EventFactory(created_by=organiser, published=False)
    hidden = EventFactory(created_by=organiser)
    hide_content(hidden)
    by_suspended = EventFactory(created_by=make_person("gone").user)
    by_suspended.created_by.is_active = False
    by_suspended.created_by.save()
    by_blocked = EventFactory(created_by=make_person("blocked").user)
    Block.objects.create(blocker=by_blocked.created_by, blocked=viewer)

    assert set(visible_to(Event.objects.all(), viewer)) == {shown}
    assert set(visible_to(Event.objects.all(), AnonymousUser())) == {shown, by_blocked}
    # Organisers always see their own events, drafts and hidden ones too.
    assert set(visible_to(Event.objects.all(), organiser)) == {shown, draft, hidden, by_blocked}
    assert access(Event, organiser, pk=draft.pk) == draft
    for missing in (draft.pk, hidden.pk, by_suspended.pk, by_blocked.pk, 10**9):
        with pytest.raises(Http404):
            access(Event, viewer, pk=missing)


def test_an_undeclared_model_is_refused_rather_than_shown():
    from kuza.safety.models import Block as Undeclared

    with pytest.raises(LookupError):
        visible_to(Undeclared.objects.all(), None)


def test_people_shown_follow_tiers_blocks_and_suspension():
    member = make_person("member").user
    public = make_person("public", visibility=Visibility.PUBLIC).user
    members_only = make_person("membersonly", visibility=Visibility.MEMBERS).user
    only_me = make_person("onlyme", visibility=Visibility.ONLY_ME).user
    blocker = make_person("blocker", visibility=Visibility.PUBLIC).user
    Block.objects.create(blocker=blocker, blocked=member)
    suspended = make_person("suspended", visibility=Visibility.PUBLIC).user
    suspended.is_active = False
    suspended.save()
    everyone = [public.pk, members_only.pk, only_me.pk, blocker.pk, suspended.pk]

    assert people_shown_to(AnonymousUser(), everyone) == {public.pk, blocker.pk}
    assert people_shown_to(member, everyone) == {public.pk, members_only.pk}


def test_the_person_tag_names_only_whom_the_viewer_may_see_and_moderators_see_everyone():
    hidden = make_person(
        "zawadi-hidden", display_name="Zawadi Secret", visibility=Visibility.ONLY_ME
    )
    public = make_person("juma-public", display_name="Juma Open", visibility=Visibility.PUBLIC)
    template = Template(
        "{% load audience %}{% person a %} | {% person b %} | {% person a everyone=True %}"
        " | {% person b everyone=True %}"
    )
    html = template.render(Context({"user": AnonymousUser(), "a": hidden.user, "b": public.user}))

    first, second, third, fourth = (part.strip() for part in html.split("|"))
    assert "Zawadi" not in first and "A member" in first
    assert f'href="/people/{public.pk}/"' in second and "Juma Open" in second
    # Named on a restricted screen, but not linked: her profile would answer "not found".
    assert "Zawadi Secret" in third and "href" not in third
    assert person_name(None, hidden.user) == "A member"
    assert person_name(None, hidden.user, everyone=True) == "Zawadi Secret"
    assert person_name(None, public.user) == "Juma Open"
    assert f'href="/people/{public.pk}/"' in fourth


def test_among_people_leaves_out_suspended_people_and_blocks_unless_told_otherwise():
    from django.contrib.auth import get_user_model

    from kuza.audience.selectors import among_people

    viewer = make_person("viewer").user
    stays = make_person("stays").user
    suspended = make_person("suspended").user
    suspended.is_active = False
    suspended.save()
    blocker = make_person("blocker").user
    Block.objects.create(blocker=blocker, blocked=viewer)
    users = get_user_model().objects.filter(pk__in=[stays.pk, suspended.pk, blocker.pk])

    assert set(among_people(users, viewer)) == {stays}
    assert set(among_people(users, viewer, despite_blocks=True)) == {stays, blocker}
    assert set(among_people(users, AnonymousUser())) == {stays, blocker}
    # Through a path: rows naming the person (an event's registrations).
    from kuza.events.models import Registration
    from kuza.events.tests.factories import RegistrationFactory

    event = EventFactory()
    for person in (stays, suspended, blocker):
        RegistrationFactory(event=event, user=person)
    rows = among_people(Registration.objects.filter(event=event), viewer, "user")
    assert {row.user for row in rows} == {stays}


def test_a_lesson_and_an_announcement_are_seen_only_within_a_course_the_viewer_may_read():
    from kuza.learning.models import Announcement, Lesson
    from kuza.learning.tests.factories import CohortFactory, make_course

    author = make_person("author").user
    reader = make_person("reader").user
    course = make_course(modules=1, lessons_per_module=2, with_quiz=False, author=author)
    course.authors.add(author)
    shown, hidden = Lesson.objects.filter(course=course).order_by("pk")
    hide_content(hidden)
    cohort = CohortFactory(course=course)
    note = Announcement.objects.create(cohort=cohort, author=author, title="Hi", body="Hello")

    course.is_published = False
    course.save()
    assert not visible_to(Lesson.objects.filter(course=course), reader).exists()
    assert not visible_to(Announcement.objects.all(), reader).exists()
    # Its author manages it: every lesson, the hidden one too.
    assert set(visible_to(Lesson.objects.filter(course=course), author)) == {shown, hidden}

    course.is_published = True
    course.save()
    assert set(visible_to(Lesson.objects.filter(course=course), reader)) == {shown}
    assert list(visible_to(Announcement.objects.all(), reader)) == [note]
    Block.objects.create(blocker=author, blocked=reader)
    assert not visible_to(Announcement.objects.all(), reader).exists()


def test_may_see_checks_one_object_by_the_rule_of_visible_to():
    from kuza.audience.selectors import may_see

    viewer = make_person("viewer").user
    organiser = make_person("organiser").user
    shown = EventFactory(created_by=organiser)
    draft = EventFactory(created_by=organiser, published=False)
    hidden = EventFactory(created_by=organiser)
    hide_content(hidden)
    assert may_see(viewer, shown) and may_see(AnonymousUser(), shown)
    assert not may_see(viewer, draft) and not may_see(viewer, hidden)
    assert may_see(organiser, draft)
    Block.objects.create(blocker=organiser, blocked=viewer)
    assert not may_see(viewer, shown)
    assert may_see(viewer, shown, despite_blocks=True)


def test_nobody_may_report_what_they_may_not_see_whatever_the_kind_registers():
    """The seen check is the audience layer's, for every kind: a kind registered without a
    `reportable_by` of its own is still refused for a draft or hidden event."""
    from kuza.safety import reportables
    from kuza.safety.services import SafetyError, report_create

    reporter = make_person("reporter").user
    organiser = make_person("organiser").user
    draft = EventFactory(created_by=organiser, published=False)
    hidden = EventFactory(created_by=organiser)
    hide_content(hidden)
    shown = EventFactory(created_by=organiser)
    assert reportables.get("event").reportable_by is reportables._any_member
    for target in (draft, hidden):
        with pytest.raises(SafetyError):
            report_create(
                reporter=reporter,
                kind="event",
                target_id=target.pk,
                description="Offensive",
                evidence_links="",
            )
    report = report_create(
        reporter=reporter, kind="event", target_id=shown.pk, description="Bad", evidence_links=""
    )
    assert report.pk
    # Blocks do not stop a report: the event page is shown despite them, and says why.
    Block.objects.create(blocker=organiser, blocked=reporter)
    assert reportables.may_report(reportables.get("event"), shown, reporter)


def test_the_inbox_names_a_sender_only_when_the_recipient_may_see_their_profile(client):
    from kuza.people.models import ContactRequest

    recipient = make_person("recipient-rehema", visibility=Visibility.PUBLIC).user
    open_sender = make_person("open-sender", display_name="Juma Open", visibility=Visibility.PUBLIC)
    hidden_sender = make_person(
        "hidden-sender", display_name="Zawadi Secret", visibility=Visibility.ONLY_ME
    )
    for sender in (open_sender.user, hidden_sender.user):
        ContactRequest.objects.create(sender=sender, recipient=recipient, message="Hello there")
    client.force_login(recipient)

    page = client.get("/people/inbox/").content.decode()

    assert f'href="/people/{open_sender.pk}/">Juma Open</a>' in page
    assert "Zawadi Secret" not in page and "hidden-sender" not in page
    assert "A member" in page


def test_a_cohorts_calendar_feed_ends_when_its_course_may_no_longer_be_read(client):
    from django.urls import reverse

    from kuza.learning.tests.factories import CohortFactory

    cohort = CohortFactory()
    course = cohort.course
    course.is_published = True
    course.save()
    feed = reverse("learning:cohort_feed", args=[cohort.feed_token])
    assert client.get(feed).status_code == 200

    hide_content(course)
    assert client.get(feed).status_code == 404
