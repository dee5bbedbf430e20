"""The demo course: three real modules in English and French, quizzes and a running cohort."""

import pytest
from django.urls import reverse

from kuza.learning import selectors
from kuza.learning.models import Lesson, Quiz
from kuza.translation.selectors import object_progress

pytestmark = pytest.mark.django_db


def test_the_demo_course_has_three_modules_with_lessons_and_quizzes(demo_community):
    course = demo_community.extra["learning_course"]
    assert course.modules.count() == 3
    assert Lesson.objects.filter(course=course).count() == 9
    kinds = set(Quiz.objects.filter(course=course).values_list("questions__kind", flat=True))
    assert kinds == {"single", "multiple", "text", "numeric"}


@pytest.mark.parametrize("language", ["fr", "pt"])
def test_the_demo_course_is_fully_translated_into_french_and_portuguese(demo_community, language):
    course = demo_community.extra["learning_course"]
    objects = [
        course,
        *course.modules.all(),
        *Lesson.objects.filter(course=course),
        *Quiz.objects.filter(course=course),
    ]
    for obj in objects:
        assert object_progress(obj)[language].percent == 100, obj


def test_the_demo_course_reads_in_french(client, demo_community):
    course = demo_community.extra["learning_course"]
    lesson = Lesson.objects.filter(course=course).first()
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("learning:lesson", args=[course.slug, lesson.pk])).content.decode()
    assert "Pourquoi le fossé des genres compte" in page
    assert "moins d'une biographie sur cinq" in page.replace("&#x27;", "'")


def test_the_demo_course_reads_in_portuguese_when_the_reader_picks_it(client, demo_community):
    course = demo_community.extra["learning_course"]
    lesson = Lesson.objects.filter(course=course).first()
    client.post(reverse("set_language"), {"language": "pt", "next": "/"})

    page = client.get(reverse("learning:lesson", args=[course.slug, lesson.pk])).content.decode()
    course_page = client.get(reverse("learning:course", args=[course.slug])).content.decode()

    assert '<html lang="pt"' in page
    assert "Porque é que a desigualdade de género importa" in page
    assert "menos de uma biografia em cada cinco" in page
    assert "Lançar uma iniciativa contra a desigualdade de género" in course_page


def test_the_demo_cohort_runs_with_sessions_and_learners_at_various_stages(client, demo_community):
    cohort = demo_community.extra["learning_cohort"]
    assert cohort.sessions.count() == 16
    amina = demo_community.users["amina"]
    rows = selectors.cohort_progress(cohort=cohort, user=amina)
    percents = sorted(row.progress.percent for row in rows)
    assert len(rows) == 10
    assert percents[0] == 0 and len(set(percents)) >= 5
    assert any(row.enrolment.completed_at for row in rows) or percents[-1] > 50
    client.force_login(amina)
    page = client.get(reverse("learning:cohort_progress", args=[cohort.course.slug, cohort.slug]))
    assert page.status_code == 200
