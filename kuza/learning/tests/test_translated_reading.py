"""Learners read course content in their language, unit by unit, with the source as fallback."""

import re

import pytest
from django.urls import reverse

from kuza.learning.models import Lesson, Module, Quiz
from kuza.learning.rendering import lesson_body_for, shown_questions
from kuza.learning.tests.factories import make_course
from kuza.translation.models import SourceUnit
from kuza.translation.tests.factories import translate_unit

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    return re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)


@pytest.fixture
def course():
    return make_course(modules=1, lessons_per_module=1)


def test_a_lesson_reads_in_french_with_english_fallback_and_a_partial_notice(client, course):
    lesson = Lesson.objects.get(course=course)
    translate_unit(lesson, "Lesson 1.1", "fr", "Leçon 1.1")
    translate_unit(lesson, "Part 1", "fr", "Partie 1")
    translate_unit(course.modules.get(), "Module 1", "fr", "Module un")
    client.cookies["django_language"] = "fr"

    main = _main(client.get(reverse("learning:lesson", args=[course.slug, lesson.pk])))

    assert "<h1><bdi>Leçon 1.1</bdi></h1>" in main
    assert "<h2>Partie 1</h2>" in main
    assert "Module un" in main
    # The untranslated paragraph is shown in English, marked as such.
    assert '<span lang="en" dir="ltr">Text of lesson 1.1.</span>' in main
    assert "partiellement" in main or "partly translated" in main


def test_the_selector_renders_the_source_when_nothing_is_translated(course):
    lesson = Lesson.objects.get(course=course)
    body = lesson_body_for(lesson, "sw")
    assert "Text of lesson 1.1." in body.html
    assert body.rendered.is_untranslated


def test_quiz_questions_and_options_are_translated_parts(course):
    quiz = Quiz.objects.get(course=course)
    translate_unit(
        quiz, "Which property records gender?", "fr", "Quelle propriété indique le genre ?"
    )
    translate_unit(quiz, "P27 is citizenship.", "fr", "P27 est la nationalité.")
    questions = shown_questions(quiz, "fr")
    assert "Quelle propriété indique le genre ?" in questions[0].html
    assert questions[0].options[1].feedback == "P27 est la nationalité."
    assert "Which are reliable sources?" in questions[1].html  # fallback


def test_course_titles_and_module_titles_are_registered_for_translation(course):
    labels = set(
        SourceUnit.objects.values_list(
            "field__translatable__content_type__model", "field__field_name"
        )
    )
    assert {
        ("course", "title"),
        ("course", "summary"),
        ("module", "title"),
        ("lesson", "title"),
        ("lesson", "body"),
        ("quiz", "title"),
        ("quiz", "questions"),
    } <= labels
    assert Module.objects.get(course=course).title == "Module 1"


def test_editing_a_lesson_marks_its_french_paragraph_outdated(client, course):
    lesson = Lesson.objects.get(course=course)
    translate_unit(lesson, "Text of lesson 1.1.", "fr", "Texte de la leçon 1.1.")
    lesson.body = lesson.body.replace("Text of lesson 1.1.", "Text of lesson 1.1, revised.")
    lesson.save()
    client.cookies["django_language"] = "fr"
    main = _main(client.get(reverse("learning:lesson", args=[course.slug, lesson.pk])))
    assert "Texte de la leçon 1.1." in main
    assert "outdated" in main


def test_a_cohort_description_reads_in_french_with_english_fallback(client):
    from kuza.learning.tests.factories import CohortFactory

    cohort = CohortFactory(description="Welcome, everyone.\n\nBring your questions.")
    translate_unit(cohort, "Welcome, everyone.", "fr", "Bienvenue à toutes et à tous.")
    client.cookies["django_language"] = "fr"
    main = _main(client.get(reverse("learning:cohort", args=[cohort.course.slug, cohort.slug])))
    assert "Bienvenue à toutes et à tous." in main
    assert '<span lang="en" dir="ltr">Bring your questions.</span>' in main
