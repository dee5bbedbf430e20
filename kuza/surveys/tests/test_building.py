"""Organisers build surveys in the web pages (plain forms, no script), and who may."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership
from kuza.people.tests.factories import make_person
from kuza.safety.services import block_create
from kuza.skills.models import Skill, SkillCategory
from kuza.surveys.models import Invitation, Question, Section, Survey
from kuza.surveys.selectors import surveys_for
from kuza.surveys.services import SurveyError
from kuza.surveys.services.building import QuestionFields, question_update
from kuza.surveys.services.invitations import invitations_send
from kuza.surveys.tests.factories import (
    OrganisationFactory,
    SurveyFactory,
    organiser_of,
    question,
    section,
)

pytestmark = pytest.mark.django_db

K = Question.Kind


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_organiser_builds_reorders_and_publishes_a_survey_without_javascript():
    group = OrganisationFactory()
    organiser = organiser_of(group, "halima")
    client = logged_in(organiser)

    created = client.post(
        "/surveys/new/",
        {
            "title": "Needs of our group",
            "description": "Why we ask.",
            "language": "en",
            "audience": "organisation",
            "organisation": str(group.pk),
            "anonymous": "on",
            "opens_on": timezone.now().date().isoformat(),
            "closes_on": timezone.now().date().isoformat(),
            "feeds_capacity_map": "on",
        },
    )
    survey = Survey.objects.get()
    assert created["Location"] == f"/surveys/{survey.pk}/build/"
    assert survey.organisation == group and not survey.published

    client.post(f"/surveys/{survey.pk}/sections/", {"title": "About you"})
    page = survey.sections.get()
    client.post(
        f"/surveys/{survey.pk}/sections/{page.pk}/questions/", {"kind": "text", "text": "First?"}
    )
    details = client.post(
        f"/surveys/{survey.pk}/sections/{page.pk}/questions/",
        {"kind": "single", "text": "Second?"},
    )
    second = Question.objects.get(text="Second?")
    assert details["Location"] == f"/surveys/{survey.pk}/questions/{second.pk}/"

    # Publishing refuses a choice question without options.
    client.post(f"/surveys/{survey.pk}/publish/")
    survey.refresh_from_db()
    assert not survey.published

    client.post(
        f"/surveys/{survey.pk}/questions/{second.pk}/",
        {"kind": "single", "text": "Second?", "options": "Yes\n\nNo\n", "required": "on"},
    )
    assert list(second.options.values_list("label", flat=True)) == ["Yes", "No"]

    client.post(f"/surveys/{survey.pk}/questions/{second.pk}/action/", {"action": "up"})
    order = list(page.questions.order_by("position").values_list("text", flat=True))
    assert order == ["Second?", "First?"]

    client.post(f"/surveys/{survey.pk}/sections/", {"title": "Skills"})
    later = Section.objects.get(title="Skills")
    client.post(f"/surveys/{survey.pk}/sections/{later.pk}/", {"action": "up"})
    assert [s.title for s in survey.sections.order_by("position")] == ["Skills", "About you"]

    builder = client.get(f"/surveys/{survey.pk}/build/").content.decode()
    assert "<script" not in builder and 'value="up"' in builder

    client.post(f"/surveys/{survey.pk}/publish/")
    survey.refresh_from_db()
    assert survey.published

    # Once published, questions are fixed.
    client.post(f"/surveys/{survey.pk}/questions/{second.pk}/action/", {"action": "delete"})
    assert Question.objects.filter(pk=second.pk).exists()
    with pytest.raises(SurveyError):
        question_update(
            user=organiser, question=second, fields=QuestionFields(kind=K.TEXT, text="Changed")
        )


def test_only_organisers_of_an_organisation_or_staff_may_create_surveys_and_only_for_their_own():
    group, other_group = OrganisationFactory(), OrganisationFactory()
    member = UserFactory()
    Membership.objects.create(organisation=group, user=member)

    assert logged_in(member).get("/surveys/new/").status_code == 403
    organiser = organiser_of(group, "karim")
    response = logged_in(organiser).post(
        "/surveys/new/",
        {
            "title": "Not mine",
            "language": "en",
            "audience": "organisation",
            "organisation": str(other_group.pk),
            "opens_on": timezone.now().date().isoformat(),
            "closes_on": timezone.now().date().isoformat(),
        },
    )
    assert response.status_code == 200 and not Survey.objects.exists()


def test_co_organisers_may_edit_and_others_get_not_found():
    survey = SurveyFactory(published=False)
    page = section(survey)
    asked = question(page, K.TEXT)
    stranger, co = UserFactory(), make_person("co-organiser", display_name="Neema Co").user

    assert logged_in(stranger).get(f"/surveys/{survey.pk}/build/").status_code == 404
    assert logged_in(stranger).get(f"/surveys/{survey.pk}/").status_code == 404  # a draft
    blocked = logged_in(stranger).post(
        f"/surveys/{survey.pk}/questions/{asked.pk}/action/", {"action": "delete"}
    )
    assert blocked.status_code == 404 and Question.objects.filter(pk=asked.pk).exists()

    logged_in(survey.created_by).post(f"/surveys/{survey.pk}/organisers/", {"person": "neema"})
    assert logged_in(co).get(f"/surveys/{survey.pk}/build/").status_code == 200


@pytest.fixture
def skill():
    category = SkillCategory.objects.create(slug="b-cat", name="B category")
    return Skill.objects.create(slug="b-skill", name="B skill", category=category)


def test_a_skills_question_needs_skills_listed(skill):
    survey = SurveyFactory(published=False)
    asked = question(section(survey), K.SKILLS)
    client = logged_in(survey.created_by)

    refused = client.post(
        f"/surveys/{survey.pk}/questions/{asked.pk}/", {"kind": "skills", "text": "Skills?"}
    )
    assert refused.status_code == 400
    client.post(
        f"/surveys/{survey.pk}/questions/{asked.pk}/",
        {"kind": "skills", "text": "Skills?", "skills": [str(skill.pk)]},
    )
    assert list(asked.skills.all()) == [skill]


def test_blocks_keep_a_members_survey_and_its_invitations_from_people_blocked_either_way():
    author = UserFactory(username="author")
    survey = SurveyFactory(created_by=author)
    question(section(survey), K.TEXT)
    blocked_by_author, blocker, other = (
        UserFactory(username=name) for name in ("blockedbyauthor", "blocker", "other")
    )
    block_create(blocker=author, blocked=blocked_by_author)
    block_create(blocker=blocker, blocked=author)

    assert survey not in surveys_for(blocked_by_author)
    assert survey not in surveys_for(blocker)
    assert survey in surveys_for(other)
    assert survey.title not in logged_in(blocker).get("/surveys/").content.decode()
    assert survey.title in logged_in(other).get("/surveys/").content.decode()

    invited = invitations_send(user=author, survey=survey)
    invitees = set(Invitation.objects.values_list("user__username", flat=True))

    assert "other" in invitees
    assert not invitees & {"blockedbyauthor", "blocker", "author"}
    assert invited == len(invitees)
    assert invitations_send(user=author, survey=survey) == 0  # nobody is invited twice


def test_an_organisation_survey_is_listed_and_sent_to_its_members_only():
    group = OrganisationFactory()
    organiser = organiser_of(group, "lead")
    member, outsider = UserFactory(username="member"), UserFactory(username="outsider")
    Membership.objects.create(organisation=group, user=member)
    survey = SurveyFactory(
        created_by=organiser, audience=Survey.Audience.ORGANISATION, organisation=group
    )
    question(section(survey), K.TEXT)

    assert survey in surveys_for(member) and survey not in surveys_for(outsider)
    invitations_send(user=organiser, survey=survey)
    assert set(Invitation.objects.values_list("user__username", flat=True)) == {"member"}
