"""The personal home's items added for #20: programme milestones, survey invitations, a
campaign's own figures, and content titles in the reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory, RevisionFactory
from kuza.core.home import personal_home
from kuza.programs.models import Milestone
from kuza.programs.tests.factories import PlanFactory
from kuza.surveys.models import Invitation, Survey
from kuza.surveys.tests.factories import SurveyFactory
from kuza.translation.tests.factories import translate_unit

pytestmark = pytest.mark.django_db


def _item(user, title):
    home = personal_home(user)
    found = [item for item in home.waiting + home.next if item.title == title]
    assert len(found) == 1, [item.title for item in home.waiting + home.next]
    return found[0]


def test_an_open_milestone_of_my_plan_is_next_and_an_overdue_one_says_so():
    plan = PlanFactory()
    today = timezone.localdate()
    Milestone.objects.create(
        plan=plan, title="Draft the grant", due_on=today - datetime.timedelta(3)
    )
    Milestone.objects.create(plan=plan, title="Book the room", due_on=today + datetime.timedelta(9))
    Milestone.objects.create(
        plan=plan, title="Done already", due_on=today, status=Milestone.Status.DONE
    )
    user = plan.member.user

    overdue = _item(user, "Draft the grant")
    assert overdue.reason.startswith("A milestone of your plan, overdue since")
    assert overdue.url == plan.get_absolute_url()
    assert "due on" in _item(user, "Book the room").reason
    assert "Done already" not in [item.title for item in personal_home(user).next]
    assert not [item for item in personal_home(UserFactory()).next if "grant" in item.title]


def test_a_survey_i_was_invited_to_waits_for_me_even_when_only_its_link_is_shared():
    invited, other = UserFactory(), UserFactory()
    survey = SurveyFactory(title="Venue needs", audience=Survey.Audience.LINK)
    Invitation.objects.create(survey=survey, user=invited)

    assert _item(invited, "Venue needs").reason.startswith("You are invited to answer")
    assert "Venue needs" not in [item.title for item in personal_home(other).waiting]


def test_my_campaign_shows_my_own_edits_and_articles_created():
    now = timezone.now()
    campaign = CampaignFactory(
        name="Women in science",
        start=now - datetime.timedelta(days=5),
        end=now + datetime.timedelta(days=5),
    )
    wiki = campaign.wikis.get()
    user = UserFactory()
    ParticipantFactory(campaign=campaign, user=user, wiki_username="Amina W")
    when = now - datetime.timedelta(days=1)
    RevisionFactory(wiki=wiki, user="Amina W", timestamp=when, is_page_creation=True)
    RevisionFactory(wiki=wiki, user="Amina W", timestamp=when, is_page_creation=False)
    RevisionFactory(wiki=wiki, user="Someone else", timestamp=when)

    item = _item(user, "Women in science")

    assert item.figure == "2 edits of yours collected so far, 1 article created"


def test_content_titles_on_the_home_are_in_the_readers_language():
    now = timezone.now()
    campaign = CampaignFactory(
        name="Women in science",
        start=now - datetime.timedelta(days=5),
        end=now + datetime.timedelta(days=5),
    )
    user = UserFactory()
    ParticipantFactory(campaign=campaign, user=user)
    translate_unit(campaign, "Women in science", "fr", "Les femmes en sciences")

    with translation.override("fr"):
        assert _item(user, "Les femmes en sciences").url == campaign.get_absolute_url()
    with translation.override("en"):
        assert _item(user, "Women in science")
