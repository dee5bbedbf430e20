"""The ready template (English and French, from the skills people want), and reading a
survey in one's language with part-by-part fallback through the translation app."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Profile, SkillClaim
from kuza.skills.models import Skill
from kuza.surveys.models import Question, Survey
from kuza.surveys.presentation import survey_texts
from kuza.surveys.services.template import SKILLS_IN_TEMPLATE, survey_from_template
from kuza.surveys.tests.factories import OrganisationFactory, organiser_of
from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.services import translation_sync_source

pytestmark = pytest.mark.django_db


def want(skill: Skill, people: int) -> None:
    for _index in range(people):
        profile = Profile.objects.get(user=UserFactory())
        SkillClaim.objects.create(profile=profile, skill=skill, wants_to_learn=True)


def test_the_template_asks_about_the_skills_the_community_wants_most_in_english_and_french():
    skills = list(Skill.objects.order_by("pk"))
    assert len(skills) > SKILLS_IN_TEMPLATE, "the seeded taxonomy is expected"
    most, second = skills[-1], skills[-2]
    want(most, 3)
    want(second, 2)
    group = OrganisationFactory()
    organiser = organiser_of(group, "fatou")
    client = Client()
    client.force_login(organiser)

    response = client.post("/surveys/new/template/", {"organisation": str(group.pk)})
    survey = Survey.objects.get()

    assert response["Location"] == f"/surveys/{survey.pk}/build/"
    assert survey.title == "Skills needs assessment for organisers"
    assert survey.organisation == group and survey.anonymous and not survey.published
    picker = survey.questions.get(kind=Question.Kind.SKILLS)
    listed = list(picker.skills.all())
    assert len(listed) == SKILLS_IN_TEMPLATE and {most, second} <= set(listed)
    kinds = set(survey.questions.values_list("kind", flat=True))
    assert {"country", "language", "organisation", "skills", "scale", "number", "text"} <= kinds

    french = survey_texts(survey, "fr")
    english = survey_texts(survey, "en")
    assert french.title == "Évaluation des besoins en compétences des organisateurs"
    assert french.question(picker).startswith("De quelles compétences")
    assert english.question(picker).startswith("Which of these skills")
    fr_page = Client()
    fr_page.force_login(organiser)
    fr_page.cookies["django_language"] = "fr"
    assert "Évaluation des besoins" in fr_page.get(f"/surveys/{survey.pk}/").content.decode()


def test_the_management_command_builds_the_template_for_a_named_organiser(capsys):
    staff = UserFactory(username="staffer", is_staff=True)

    call_command("survey_template", "staffer")

    survey = Survey.objects.get()
    assert survey.created_by == staff
    assert str(survey.pk) in capsys.readouterr().out


def test_a_half_translated_survey_falls_back_part_by_part_to_its_own_language():
    organiser = UserFactory(is_staff=True)
    survey = survey_from_template(creator=organiser)
    first = survey.questions.order_by("section__position", "position").first()
    # Drop the French of the first question only.
    units = SourceUnit.objects.filter(key=f"q{first.pk}")
    UnitTranslation.objects.filter(unit__in=units, language="fr").delete()

    french = survey_texts(survey, "fr")
    swahili = survey_texts(survey, "sw")

    assert french.question(first) == first.text  # fallback to English for this part only
    assert french.title.startswith("Évaluation")
    assert swahili.title == survey.title  # nothing in Swahili yet: all in English


def test_editing_a_question_marks_its_translation_outdated_and_keeps_the_others():
    organiser = UserFactory(is_staff=True)
    survey = survey_from_template(creator=organiser)
    scale = survey.questions.get(kind=Question.Kind.SCALE)
    scale.text = "How confident are you, running an event alone?"
    scale.save()
    translation_sync_source(obj=survey)

    french = survey_texts(survey, "fr")
    part = french.parts[f"q{scale.pk}"]

    assert part.is_outdated
    assert french.low(scale) == "Pas du tout"
