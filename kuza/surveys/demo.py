"""Demo surveys: last month's skills needs assessment (closed, on the capacity map) and an
open, identified survey about the next training cohort.

Responses are written in bulk as the answering service would leave them (respondent keys,
no account on anonymous responses, breakdown fields filled at submission).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.people.models import Membership, ProfileLanguage
from kuza.surveys import keys
from kuza.surveys.models import Answer, Question, Response, Section, Survey
from kuza.surveys.services.building import (
    QuestionFields,
    SurveyFields,
    question_add,
    section_add,
    survey_create,
    survey_publish,
)
from kuza.surveys.services.template import survey_from_template

CLOSED_RESPONSES = 26
COMMENTS = [
    "A mentor for grant writing would help our group most.",
    "Evening sessions suit us better: many of us work during the day.",
    "We need help keeping new editors after the first edit-a-thon.",
    "Please offer trainings in French too.",
]


def _people(community: DemoCommunity) -> list:
    return [user for name, user in sorted(community.users.items()) if name != DEMO_ORGANISER]


def _answers_for(question: Question, response: Response, rng, person_facts: dict) -> list[Answer]:
    kind = question.kind
    base = {"response": response, "question": question}
    options = list(question.options.all())
    if kind == Question.Kind.COUNTRY:
        return [Answer(code=person_facts["country"], **base)] if person_facts["country"] else []
    if kind == Question.Kind.LANGUAGE:
        return [Answer(code=person_facts["language"], **base)] if person_facts["language"] else []
    if kind == Question.Kind.ORGANISATION:
        organisation = person_facts["organisation"]
        return [Answer(organisation_id=organisation, **base)] if organisation else []
    if kind == Question.Kind.SINGLE:
        return [Answer(option=rng.choice(options), **base)]
    if kind == Question.Kind.MULTIPLE:
        chosen = rng.sample(options, k=rng.randint(1, min(3, len(options))))
        return [Answer(option=option, **base) for option in chosen]
    if kind == Question.Kind.SCALE:
        return [Answer(number=rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]), **base)]
    if kind == Question.Kind.NUMBER:
        return [Answer(number=rng.choice([2, 4, 4, 6, 8, 10, 12, 20]), **base)]
    if kind == Question.Kind.SKILLS:
        skills = list(question.skills.order_by("pk"))
        # The first few skills are wanted most: the needs are skewed towards them.
        weighted = skills[:4] * 3 + skills
        need = {skill.pk for skill in rng.sample(weighted, k=min(3, len(weighted)))}
        offer = {skill.pk for skill in rng.sample(skills, k=rng.randint(0, 2))} - need
        return [Answer(skill_id=pk, skill_need=True, **base) for pk in sorted(need)] + [
            Answer(skill_id=pk, skill_need=False, **base) for pk in sorted(offer)
        ]
    if kind == Question.Kind.TEXT and rng.random() < 0.25:
        return [Answer(text=rng.choice(COMMENTS), **base)]
    return []


def _facts(people) -> dict[int, dict]:
    languages: dict[int, str] = {}
    for user_id, tag in (
        ProfileLanguage.objects.filter(profile__user__in=people)
        .order_by("-proficiency", "tag")
        .values_list("profile__user_id", "tag")
    ):
        languages.setdefault(user_id, tag)
    organisations = dict(
        Membership.objects.filter(user__in=people).values_list("user_id", "organisation_id")
    )
    return {
        user.pk: {
            "country": str(user.profile.country or ""),
            "language": languages.get(user.pk, ""),
            "organisation": organisations.get(user.pk),
        }
        for user in people
    }


def _respond(survey: Survey, people, rng, *, on: datetime.date) -> None:
    questions = list(survey.questions.prefetch_related("options", "skills"))
    facts = _facts(people)
    sections = survey.sections.count()
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                respondent_key=keys.user_key(survey.pk, person.pk),
                user=None if survey.anonymous else person,
                next_section=sections,
                submitted=True,
                submitted_on=on,
                country=facts[person.pk]["country"],
                language=facts[person.pk]["language"],
                organisation_id=facts[person.pk]["organisation"],
            )
            for person in people
        ]
    )
    answers = []
    for person, response in zip(people, responses, strict=True):
        for question in questions:
            answers += _answers_for(question, response, rng, facts[person.pk])
    Answer.objects.bulk_create(answers)


def _closed_assessment(community: DemoCommunity, organiser) -> Survey:
    survey = survey_from_template(creator=organiser)
    survey_publish(user=organiser, survey=survey)
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=10)
    )
    survey.refresh_from_db()
    people = community.rng.sample(_people(community), k=CLOSED_RESPONSES)
    _respond(survey, people, community.rng, on=(now - datetime.timedelta(days=20)).date())
    return survey


def _open_survey(community: DemoCommunity, organiser) -> Survey:
    now = timezone.now()
    survey = survey_create(
        creator=organiser,
        fields=SurveyFields(
            title="What should the next training cohort cover?",
            description=(
                "We are planning the next cohort of the organisers' programme. Your name is "
                "kept with your answers so that we can follow up with you."
            ),
            anonymous=False,
            opens_at=now - datetime.timedelta(days=2),
            closes_at=now + datetime.timedelta(days=21),
            results_public=True,
        ),
    )
    section: Section = section_add(user=organiser, survey=survey, title="The next cohort")
    for fields in (
        QuestionFields(
            kind=Question.Kind.SINGLE,
            text="Which topic should come first?",
            required=True,
            options=["Partnerships with institutions", "Grant reporting", "Safe spaces"],
        ),
        QuestionFields(
            kind=Question.Kind.SCALE,
            text="How useful was the last cohort for you?",
            scale_low_label="Not useful",
            scale_high_label="Very useful",
        ),
        QuestionFields(kind=Question.Kind.TEXT, text="What would you change?"),
    ):
        question_add(user=organiser, section=section, fields=fields)
    survey_publish(user=organiser, survey=survey)
    people = community.rng.sample(_people(community), k=4)
    _respond(survey, people, community.rng, on=now.date())
    return survey


def load(community: DemoCommunity) -> None:
    organiser = community.users[DEMO_ORGANISER]
    community.extra["surveys"] = {
        "closed": _closed_assessment(community, organiser),
        "open": _open_survey(community, organiser),
    }
