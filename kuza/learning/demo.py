"""Demo: a real course on starting a gender-gap initiative, in English with French and
Portuguese translations through the translation app, and a running cohort with sessions and learners
at various stages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.learning import services
from kuza.learning.authoring import (
    OptionInput,
    QuestionInput,
    course_create,
    lesson_create,
    media_link_add,
    module_create,
    quiz_create,
)
from kuza.learning.demo_course import COURSE, MODULES
from kuza.learning.demo_course.portuguese import PORTUGUESE
from kuza.learning.models import Announcement, Cohort, CohortSession, Course, Question, Quiz
from kuza.people.models import Organisation
from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.services import translation_sync_source
from kuza.translation.units import normalise_source, split_markdown

FRENCH_TRANSLATOR = "sophie.bernard"
PORTUGUESE_TRANSLATOR = "claire.martin"
CO_FACILITATOR = "ngozi.adeyemi"
JOIN_URL = "https://meet.jit.si/kuza-gender-gap-starters"
WEBINAR_TOPICS = (
    "finding the gap",
    "measuring with Wikidata",
    "choosing a focus",
    "planning the day",
    "sources and notability",
    "on the day",
    "safety",
    "measuring results",
)


def _question(spec: dict, language: int) -> QuestionInput:
    options = tuple(
        OptionInput(text=text[language], correct=correct, feedback=feedback[language])
        for text, correct, feedback in spec.get("options", [])
    )
    return QuestionInput(
        kind=spec["kind"],
        prompt=spec["prompt"][language],
        options=options,
        accepted_answers=tuple(spec.get("accepted", ())),
        accent_insensitive=spec.get("accent_insensitive", False),
        numeric_answer=spec.get("answer"),
        tolerance=spec.get("tolerance", 0.0),
        tolerance_kind=spec.get("tolerance_kind", "absolute"),
    )


def _named_texts(questions: list[QuestionInput]) -> dict[str, str]:
    """The quiz's translatable parts by key, as kuza.learning.rendering.quiz_texts keys them."""
    texts = {}
    for position, question in enumerate(questions, start=1):
        texts[f"q{position}"] = question.prompt
        for index, option in enumerate(question.options, start=1):
            texts[f"q{position}.o{index}"] = option.text
            if option.feedback:
                texts[f"q{position}.o{index}.feedback"] = option.feedback
    return texts


class _French:
    """Collects French translations of the course's units, to store in one go."""

    def __init__(self, translator) -> None:
        self.translator = translator
        self.rows: list[UnitTranslation] = []

    def _units(self, obj, field_name: str) -> list[SourceUnit]:
        translatable = translation_sync_source(obj=obj).translatable
        return list(
            SourceUnit.objects.filter(
                field__translatable=translatable, field__field_name=field_name, removed=False
            ).order_by("position")
        )

    def _add(self, unit: SourceUnit, text: str) -> None:
        self.rows.append(
            UnitTranslation(
                unit=unit,
                language="fr",
                text=text,
                source_hash_at_translation=unit.source_hash,
                translator=self.translator,
            )
        )

    def markdown(self, obj, field_name: str, french: str) -> None:
        units = self._units(obj, field_name)
        french_units = split_markdown(french).units
        if len(units) != len(french_units):
            raise ValueError(f"{obj}: French {field_name} does not pair with the English units")
        for unit, translated in zip(units, french_units, strict=True):
            self._add(unit, translated.text)

    def plain(self, obj, field_name: str, french: str) -> None:
        for unit in self._units(obj, field_name):
            self._add(unit, french)

    def named(self, obj, field_name: str, french: dict[str, str]) -> None:
        for unit in self._units(obj, field_name):
            if unit.key in french:
                self._add(unit, french[unit.key])

    def save(self) -> None:
        UnitTranslation.objects.bulk_create(self.rows)


def _translate_by_source(objects, language: str, texts: dict[str, str], translator) -> None:
    """Translate every unit of `objects` whose source text `texts` has (kuza.translation's
    units, as a translator would in the editor)."""
    by_source = {normalise_source(source): text for source, text in texts.items()}
    translatables = [translation_sync_source(obj=obj).translatable for obj in objects]
    units = SourceUnit.objects.filter(field__translatable__in=translatables, removed=False)
    UnitTranslation.objects.bulk_create(
        UnitTranslation(
            unit=unit,
            language=language,
            text=by_source[normalise_source(unit.text)],
            source_hash_at_translation=unit.source_hash,
            translator=translator,
        )
        for unit in units
        if normalise_source(unit.text) in by_source
    )


def _right_answers(quiz: Quiz) -> dict[str, object]:
    answers: dict[str, object] = {}
    for question in quiz.questions.prefetch_related("options"):
        correct = [option.key for option in question.options.all() if option.correct]
        if question.kind == Question.Kind.SINGLE:
            answers[question.field_name] = correct[0]
        elif question.kind == Question.Kind.MULTIPLE:
            answers[question.field_name] = correct
        elif question.kind == Question.Kind.TEXT:
            answers[question.field_name] = question.accepted_answers[0]
        else:
            answers[question.field_name] = f"{question.numeric_answer:g}"
    return answers


def _build_course(community: DemoCommunity) -> tuple[Course, list, list[Quiz]]:
    french = _French(community.users.get(FRENCH_TRANSLATOR))
    course = course_create(
        title=COURSE["title"][0],
        summary=COURSE["summary"][0],
        language="en",
        slug="gender-gap-initiative",
        organisation=Organisation.objects.filter(slug="wiki-women-east-africa").first(),
    )
    french.plain(course, "title", COURSE["title"][1])
    french.markdown(course, "summary", COURSE["summary"][1])
    lessons, quizzes = [], []
    for spec in MODULES:
        module = module_create(course=course, title=spec["title"][0])
        french.plain(module, "title", spec["title"][1])
        for lesson_spec in spec["lessons"]:
            lesson = lesson_create(
                module=module, title=lesson_spec["title"][0], body=lesson_spec["body"][0]
            )
            french.plain(lesson, "title", lesson_spec["title"][1])
            french.markdown(lesson, "body", lesson_spec["body"][1])
            for title, url, kind, size_note in lesson_spec.get("links", []):
                media_link_add(lesson=lesson, title=title, url=url, kind=kind, size_note=size_note)
            lessons.append(lesson)
        quiz_spec = spec["quiz"]
        english = [_question(question, 0) for question in quiz_spec["questions"]]
        quiz = quiz_create(
            lesson=lesson,
            title=quiz_spec["title"][0],
            questions=english,
            pass_mark=quiz_spec["pass_mark"],
            max_attempts=quiz_spec.get("max_attempts", 0),
        )
        french.plain(quiz, "title", quiz_spec["title"][1])
        french.named(
            quiz,
            "questions",
            _named_texts([_question(question, 1) for question in quiz_spec["questions"]]),
        )
        quizzes.append(quiz)
    french.save()
    modules = list(course.modules.all())
    _translate_by_source(
        [course, *modules, *lessons, *quizzes],
        "pt",
        PORTUGUESE,
        community.users.get(PORTUGUESE_TRANSLATOR),
    )
    return course, lessons, quizzes


def _build_cohort(community: DemoCommunity, course: Course) -> Cohort:
    today = timezone.localdate()
    starts = today - dt.timedelta(days=14)
    cohort = Cohort.objects.create(
        course=course,
        name="Gender gap starters, 2026 cohort",
        slug="starters-2026",
        description=(
            "Eight weeks, one module every two to three weeks, with a webinar every Wednesday "
            "and office hours on Fridays. Bring your focus list to the first webinar."
        ),
        starts_on=starts,
        ends_on=today + dt.timedelta(days=42),
    )
    facilitators = [
        community.users[name]
        for name in (DEMO_ORGANISER, CO_FACILITATOR)
        if name in community.users
    ]
    cohort.facilitators.set(facilitators)
    first_wednesday = starts + dt.timedelta(days=(2 - starts.weekday()) % 7)
    sessions = []
    for week in range(8):
        day = first_wednesday + dt.timedelta(weeks=week)
        sessions.append(
            CohortSession(
                cohort=cohort,
                kind=CohortSession.Kind.WEBINAR,
                title=f"Webinar {week + 1}: {WEBINAR_TOPICS[week]}",
                starts_at=dt.datetime.combine(day, dt.time(13, 0), tzinfo=dt.UTC),
                duration_minutes=60,
                join_url=JOIN_URL,
            )
        )
        sessions.append(
            CohortSession(
                cohort=cohort,
                kind=CohortSession.Kind.OFFICE_HOURS,
                title=f"Office hours, week {week + 1}",
                description="Bring a draft, a source you are unsure about or a question.",
                starts_at=dt.datetime.combine(
                    day + dt.timedelta(days=2), dt.time(16, 30), tzinfo=dt.UTC
                ),
                duration_minutes=45,
                join_url=JOIN_URL,
            )
        )
    CohortSession.objects.bulk_create(sessions)
    author = community.users.get(DEMO_ORGANISER)
    Announcement.objects.create(
        cohort=cohort,
        author=author,
        title="Welcome to the cohort",
        body=(
            "Welcome! Start with module 1 this week and write down your baseline figures "
            "before Wednesday's webinar. Office hours are for any question, however small."
        ),
    )
    Announcement.objects.create(
        cohort=cohort,
        author=author,
        title="Module 2 is open",
        body="Module 2 covers planning your edit-a-thon. Check that your venue has power sockets!",
    )
    return cohort


def load(community: DemoCommunity) -> None:
    course, lessons, quizzes = _build_course(community)
    cohort = _build_cohort(community, course)
    facilitators = {DEMO_ORGANISER, CO_FACILITATOR}
    learners = [user for name, user in sorted(community.users.items()) if name not in facilitators]
    learners = community.rng.sample(learners, min(12, len(learners)))
    answers = [_right_answers(quiz) for quiz in quizzes]
    # Progress from nothing to complete: lessons read in order, each module's quiz passed once
    # its lessons are read.
    for index, learner in enumerate(learners):
        in_cohort = index < 10
        enrolment = services.enrolment_create(
            user=learner, course=course, cohort=cohort if in_cohort else None
        )
        read_count = min(len(lessons), index)
        for lesson in lessons[:read_count]:
            services.lesson_mark_read(enrolment=enrolment, lesson=lesson)
        for module_index, quiz in enumerate(quizzes):
            if read_count >= 3 * (module_index + 1):
                if index % 3 == 0:  # a first try that falls short, then a pass
                    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={})
                services.quiz_submit(
                    enrolment=enrolment, quiz=quiz, responses=answers[module_index]
                )
    community.extra["learning_course"] = course
    community.extra["learning_cohort"] = cohort
