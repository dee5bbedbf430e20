"""Courses built through the authoring services, as the app builds them."""

from __future__ import annotations

import datetime as dt
import io

import factory
from django.utils import timezone
from PIL import Image

from kuza.accounts.tests.factories import UserFactory
from kuza.learning.authoring import (
    OptionInput,
    QuestionInput,
    course_create,
    lesson_create,
    module_create,
    quiz_create,
)
from kuza.learning.models import Cohort, CohortSession

__all__ = [
    "UserFactory",
    "CohortFactory",
    "SessionFactory",
    "make_course",
    "png_bytes",
    "QUESTIONS",
]

QUESTIONS = (
    QuestionInput(
        kind="single",
        prompt="Which property records gender?",
        options=(
            OptionInput("P21", correct=True, feedback="Right: sex or gender."),
            OptionInput("P27", feedback="P27 is citizenship."),
        ),
    ),
    QuestionInput(
        kind="multiple",
        prompt="Which are reliable sources?",
        options=(
            OptionInput("A newspaper profile", correct=True),
            OptionInput("Her own blog", feedback_unselected="Right to leave it out."),
            OptionInput("An academic book", correct=True),
        ),
    ),
    QuestionInput(kind="text", prompt="Name the human item.", accepted_answers=("Q5",)),
    QuestionInput(kind="numeric", prompt="380 of 2000 in %?", numeric_answer=19, tolerance=0.5),
)
RIGHT_ANSWERS = {"q1": "1", "q2": ["1", "3"], "q3": " q5 ", "q4": "19,2"}


def make_course(
    *, modules: int = 2, lessons_per_module: int = 2, with_quiz: bool = True, **options
):
    """A course with numbered modules and lessons and, optionally, one quiz per module."""
    course = course_create(
        title=options.pop("title", "Closing the gap"),
        summary=options.pop("summary", "A course **about** the gap."),
        **options,
    )
    for module_number in range(1, modules + 1):
        module = module_create(course=course, title=f"Module {module_number}")
        for lesson_number in range(1, lessons_per_module + 1):
            lesson = lesson_create(
                module=module,
                title=f"Lesson {module_number}.{lesson_number}",
                body=f"## Part {lesson_number}\n\nText of lesson {module_number}.{lesson_number}.",
            )
        if with_quiz:
            quiz_create(lesson=lesson, title=f"Quiz {module_number}", questions=QUESTIONS)
    return course


def png_bytes(width: int = 2000, height: int = 1000, color: str = "teal") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), color).save(output, format="PNG")
    return output.getvalue()


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    course = factory.LazyFunction(lambda: make_course(with_quiz=False))
    name = factory.Sequence(lambda n: f"Cohort {n}")
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortSession

    cohort = factory.SubFactory(CohortFactory)
    title = "Webinar: sources"
    starts_at = dt.datetime(2026, 3, 4, 13, 0, tzinfo=dt.UTC)
    duration_minutes = 60
    join_url = "https://meet.example.org/room"
