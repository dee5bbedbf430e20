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
    )
    html = template.render(Context({"user": AnonymousUser(), "a": hidden.user, "b": public.user}))

    first, second, third = (part.strip() for part in html.split("|"))
    assert "Zawadi" not in first and "A member" in first
    assert f'href="/people/{public.pk}/"' in second and "Juma Open" in second
    assert "Zawadi Secret" in third
    assert person_name(None, hidden.user) == "A member"
    assert person_name(None, public.user) == "Juma Open"
