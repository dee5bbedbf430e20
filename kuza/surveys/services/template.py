"""The ready template: "Skills needs assessment for organisers", in English and French.

Built as a draft from what the community asked for: the skills people most often say they
want to learn (topped up with top-level skills when few have said so), and the taxonomy's
categories as the areas to focus on. The French texts are stored as translations through
the translation app, so the survey reads in French for French readers and translators can
add other languages the usual way.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from kuza.people.models import Organisation
from kuza.skills.models import Skill, SkillCategory, SkillCategoryTranslation
from kuza.surveys.models import Question, Survey
from kuza.surveys.services.building import (
    QuestionFields,
    SurveyFields,
    question_add,
    section_add,
    survey_create,
)
from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.services import translation_sync_source

SKILLS_IN_TEMPLATE = 12

TITLE = (
    "Skills needs assessment for organisers",
    "Évaluation des besoins en compétences des organisateurs",
)
DESCRIPTION = (
    "Tell us which skills you need to grow your community, and which you can share with "
    "others. Answers are anonymous and take about five minutes.",
    "Dites-nous de quelles compétences vous avez besoin pour faire grandir votre communauté, "
    "et lesquelles vous pouvez partager. Les réponses sont anonymes et prennent environ cinq "
    "minutes.",
)
SECTIONS = [
    ("About you and your community", "Vous et votre communauté"),
    ("Skills", "Compétences"),
    ("How you like to learn", "Comment vous aimez apprendre"),
]


def wanted_skills(limit: int = SKILLS_IN_TEMPLATE) -> list[Skill]:
    """The skills most people want to learn, then top-level skills to make up the number."""
    wanted = list(
        Skill.objects.annotate(
            wanting=Count("claims", filter=Q(claims__wants_to_learn=True), distinct=True)
        )
        .filter(wanting__gt=0)
        .order_by("-wanting", "name")[:limit]
    )
    if len(wanted) < limit:
        chosen = {skill.pk for skill in wanted}
        wanted += list(
            Skill.objects.filter(parent__isnull=True)
            .exclude(pk__in=chosen)
            .order_by("category__order", "name")[: limit - len(wanted)]
        )
    return wanted


def _categories() -> list[tuple[str, str]]:
    french = dict(
        SkillCategoryTranslation.objects.filter(language="fr").values_list("category_id", "name")
    )
    return [
        (category.name, french.get(category.pk, category.name))
        for category in SkillCategory.objects.order_by("order", "name")
    ]


def _questions(skills: list[Skill]) -> list[list[tuple[QuestionFields, dict[str, str]]]]:
    """Per section, the questions with their French texts keyed as in presentation.py."""
    kind = Question.Kind
    categories = _categories()
    return [
        [
            (
                QuestionFields(
                    kind=kind.COUNTRY, text="Which country do you organise in?", required=True
                ),
                {"text": "Dans quel pays organisez-vous vos activités ?"},
            ),
            (
                QuestionFields(kind=kind.LANGUAGE, text="In which language do you mostly work?"),
                {"text": "Dans quelle langue travaillez-vous surtout ?"},
            ),
            (
                QuestionFields(
                    kind=kind.ORGANISATION,
                    text="Which organisation or group do you organise with?",
                    help_text="Leave it empty if you organise on your own.",
                ),
                {
                    "text": "Avec quelle organisation ou quel groupe organisez-vous ?",
                    "help": "Laissez vide si vous organisez seul ou seule.",
                },
            ),
            (
                QuestionFields(
                    kind=kind.SINGLE,
                    text="How long have you been organising?",
                    options=["Less than a year", "1 to 3 years", "More than 3 years"],
                ),
                {
                    "text": "Depuis combien de temps organisez-vous ?",
                    "options": ["Moins d'un an", "De 1 à 3 ans", "Plus de 3 ans"],
                },
            ),
        ],
        [
            (
                QuestionFields(
                    kind=kind.SKILLS,
                    text="Which of these skills do you need, and which could you offer?",
                    help_text="The skills members of the community most often want to learn.",
                    required=True,
                    skill_ids=[skill.pk for skill in skills],
                ),
                {
                    "text": (
                        "De quelles compétences avez-vous besoin, et lesquelles pourriez-vous "
                        "offrir ?"
                    ),
                    "help": (
                        "Les compétences que les membres de la communauté veulent le plus "
                        "apprendre."
                    ),
                },
            ),
            (
                QuestionFields(
                    kind=kind.MULTIPLE,
                    text="Which areas should trainings focus on?",
                    options=[english for english, _french in categories],
                ),
                {
                    "text": "Sur quels domaines les formations devraient-elles porter ?",
                    "options": [french for _english, french in categories],
                },
            ),
            (
                QuestionFields(
                    kind=kind.SCALE,
                    text="How confident do you feel running an event on your own?",
                    scale_low_label="Not at all",
                    scale_high_label="Very confident",
                ),
                {
                    "text": (
                        "À quel point vous sentez-vous capable d'organiser seul ou seule un "
                        "événement ?"
                    ),
                    "low": "Pas du tout",
                    "high": "Tout à fait",
                },
            ),
        ],
        [
            (
                QuestionFields(
                    kind=kind.MULTIPLE,
                    text="Which ways of learning suit you?",
                    options=[
                        "An online course at my own pace",
                        "Live online sessions",
                        "Workshops in person",
                        "A mentor",
                        "Written guides",
                    ],
                ),
                {
                    "text": "Quelles façons d'apprendre vous conviennent ?",
                    "options": [
                        "Un cours en ligne à mon rythme",
                        "Des sessions en ligne en direct",
                        "Des ateliers en présentiel",
                        "Un mentor",
                        "Des guides écrits",
                    ],
                },
            ),
            (
                QuestionFields(
                    kind=kind.NUMBER,
                    text="How many hours a month could you spend learning?",
                    min_value=0,
                    max_value=200,
                ),
                {"text": "Combien d'heures par mois pourriez-vous consacrer à apprendre ?"},
            ),
            (
                QuestionFields(kind=kind.TEXT, text="Anything else we should know?"),
                {"text": "Autre chose que nous devrions savoir ?"},
            ),
        ],
    ]


def _store_french(survey: Survey, translator, french: dict[str, str]) -> None:
    """Save French translations of the survey's units (keys: field name or named key)."""
    translatable = translation_sync_source(obj=survey).translatable
    units = SourceUnit.objects.filter(field__translatable=translatable, removed=False)
    rows = []
    for unit in units.select_related("field"):
        key = unit.key if unit.field.field_name == "texts" else unit.field.field_name
        if key in french:
            rows.append(
                UnitTranslation(
                    unit=unit,
                    language="fr",
                    text=french[key],
                    source_hash_at_translation=unit.source_hash,
                    translator=translator,
                )
            )
    UnitTranslation.objects.bulk_create(rows)


@transaction.atomic
def survey_from_template(
    *, creator, organisation: Organisation | None = None, closes_in_days: int = 30
) -> Survey:
    """A draft "Skills needs assessment for organisers", ready to review and publish."""
    now = timezone.now()
    survey = survey_create(
        creator=creator,
        fields=SurveyFields(
            title=TITLE[0],
            description=DESCRIPTION[0],
            audience=Survey.Audience.ORGANISATION if organisation else Survey.Audience.MEMBERS,
            organisation=organisation,
            anonymous=True,
            opens_at=now,
            closes_at=now + datetime.timedelta(days=closes_in_days),
        ),
    )
    french = {"title": TITLE[1], "description": DESCRIPTION[1]}
    for (section_title, section_french), questions in zip(
        SECTIONS, _questions(wanted_skills()), strict=True
    ):
        section = section_add(user=creator, survey=survey, title=section_title)
        french[f"s{section.pk}"] = section_french
        for fields, texts in questions:
            question = question_add(user=creator, section=section, fields=fields)
            french[f"q{question.pk}"] = texts["text"]
            for part in ("help", "low", "high"):
                if part in texts:
                    french[f"q{question.pk}.{part}"] = texts[part]
            for option, label in zip(
                question.options.order_by("position"), texts.get("options", []), strict=False
            ):
                french[f"o{option.pk}"] = label
    _store_french(survey, creator, french)
    return survey
