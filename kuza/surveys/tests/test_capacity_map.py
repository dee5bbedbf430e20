"""Skill needs from closed surveys on the capacity map: per country, labelled per survey."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.people.capacity import MapFilter, capacity_map, need_sources
from kuza.safety.models import SafetyPreferences
from kuza.safety.services import block_create
from kuza.skills.models import Skill, SkillCategory
from kuza.surveys import keys
from kuza.surveys.models import Question, Survey
from kuza.surveys.selectors import Respondent
from kuza.surveys.services.responding import response_save_section
from kuza.surveys.tests.factories import SurveyFactory, question, section

pytestmark = pytest.mark.django_db

K = Question.Kind


@pytest.fixture
def skills():
    category = SkillCategory.objects.create(slug="map-cat", name="Map category")
    return {
        name: Skill.objects.create(slug=f"map-{name}", name=name.title(), category=category)
        for name in ("grants", "wikidata")
    }


def needs_survey(skills, **fields):
    survey = SurveyFactory(**fields)
    page = section(survey)
    country = question(page, K.COUNTRY)
    picker = question(page, K.SKILLS, skills=list(skills.values()))
    return survey, country, picker


def respond(survey, country, picker, person, where, need=(), offer=()):
    response_save_section(
        survey=survey,
        respondent=Respondent(key=keys.user_key(survey.pk, person.pk), user=person),
        section_index=0,
        data={
            f"q{country.pk}": where,
            f"q{picker.pk}": [str(skill.pk) for skill in need],
            f"q{picker.pk}_offer": [str(skill.pk) for skill in offer],
        },
    )


def close(survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())


def rows_for(viewer, map_filter=None):
    return {row.country: row for row in capacity_map(viewer, map_filter or MapFilter())}


def test_closed_surveys_add_needs_per_country_in_a_column_named_after_the_survey(skills):
    survey, country, picker = needs_survey(skills, title="Needs of 2026")
    for _index in range(4):
        respond(survey, country, picker, UserFactory(), "GH", need=[skills["grants"]])
    respond(survey, country, picker, UserFactory(), "GH", offer=[skills["grants"]])  # no need
    respond(survey, country, picker, UserFactory(), "TG", need=[skills["wikidata"]])
    viewer = UserFactory()
    key = f"survey-{survey.pk}"

    assert key not in {source.key for source in need_sources()}  # open: not on the map yet
    assert "GH" not in rows_for(viewer)

    close(survey)
    labels = {source.key: str(source.label) for source in need_sources()}
    rows = rows_for(viewer)

    assert labels[key] == "Survey: Needs of 2026"
    assert rows["GH"].needs_by_source[key].value == 4
    assert rows["GH"].needs.value == 4
    assert rows["TG"].needs_by_source[key].is_small  # one response: "fewer than 3"
    # The map's skill filter applies to the survey's needs too.
    only_wikidata = rows_for(viewer, MapFilter(skill_ids=frozenset({skills["wikidata"].pk})))
    assert "GH" not in only_wikidata or only_wikidata["GH"].needs_by_source[key].value is None

    viewer_page = Client()
    viewer_page.force_login(viewer)
    page = viewer_page.get("/people/map/").content.decode()
    assert "Survey: Needs of 2026" in page


def test_surveys_left_off_the_map_by_their_organisers_do_not_count(skills):
    survey, country, picker = needs_survey(skills, feeds_capacity_map=False)
    for _index in range(3):
        respond(survey, country, picker, UserFactory(), "GH", need=[skills["grants"]])
    close(survey)

    assert f"survey-{survey.pk}" not in {source.key for source in need_sources()}


@pytest.mark.parametrize("anonymous", [True, False])
def test_people_who_left_the_map_or_are_blocked_or_suspended_are_not_counted(skills, anonymous):
    survey, country, picker = needs_survey(skills, anonymous=anonymous)
    people = [UserFactory() for _index in range(6)]
    for person in people:
        respond(survey, country, picker, person, "GH", need=[skills["grants"]])
    close(survey)
    viewer = UserFactory()
    key = f"survey-{survey.pk}"
    assert rows_for(viewer)["GH"].needs_by_source[key].value == 6

    SafetyPreferences.objects.update_or_create(user=people[0], defaults={"hide_from_map": True})
    type(people[1]).objects.filter(pk=people[1].pk).update(is_active=False)
    block_create(blocker=people[2], blocked=viewer)

    assert rows_for(viewer)["GH"].needs_by_source[key].value == 3
    # Someone else, whom no one blocked, still misses those who left the map or were suspended.
    assert rows_for(UserFactory())["GH"].needs_by_source[key].value == 4


def test_only_the_newest_closed_surveys_get_a_column(skills):
    from kuza.surveys.capacity import MAX_SURVEYS_ON_MAP

    now = timezone.now()
    surveys = []
    for index in range(MAX_SURVEYS_ON_MAP + 1):
        survey, *_rest = needs_survey(
            skills,
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now - datetime.timedelta(days=index + 1),
        )
        surveys.append(survey)

    keys_on_map = {source.key for source in need_sources() if source.key.startswith("survey-")}

    assert keys_on_map == {f"survey-{survey.pk}" for survey in surveys[:MAX_SURVEYS_ON_MAP]}
