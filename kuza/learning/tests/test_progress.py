"""Enrolment, reading, quiz attempts, completion and the completion signals."""

import pytest

from kuza.learning import selectors, services
from kuza.learning.models import Enrolment, Lesson, Quiz
from kuza.learning.signals import cohort_completed, course_completed
from kuza.learning.tests.factories import RIGHT_ANSWERS, CohortFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def course_receiver(sender, enrolment, **kwargs):
        calls.append(("course", enrolment.pk))

    def cohort_receiver(sender, enrolment, cohort, **kwargs):
        calls.append(("cohort", enrolment.pk, cohort.pk))

    course_completed.connect(course_receiver)
    cohort_completed.connect(cohort_receiver)
    yield calls
    course_completed.disconnect(course_receiver)
    cohort_completed.disconnect(cohort_receiver)


def _lessons(course):
    return list(Lesson.objects.filter(course=course).order_by("module__position", "position"))


def test_enrolling_twice_keeps_one_enrolment():
    course, user = make_course(), UserFactory()
    first = services.enrolment_create(user=user, course=course)
    assert services.enrolment_create(user=user, course=course) == first
    assert Enrolment.objects.filter(user=user).count() == 1


def test_a_cohort_only_course_refuses_self_paced_enrolment():
    course = make_course(self_paced=False)
    with pytest.raises(services.LearningError):
        services.enrolment_create(user=UserFactory(), course=course)


def test_completing_every_lesson_and_quiz_completes_once_and_signals_after_commit(
    received, django_capture_on_commit_callbacks
):
    course, user = make_course(modules=1, lessons_per_module=2), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    quiz = Quiz.objects.get(course=course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in _lessons(course):
            assert not services.lesson_mark_read(enrolment=enrolment, lesson=lesson)
        assert received == []  # lessons read, quiz not passed yet
        services.quiz_submit(enrolment=enrolment, quiz=quiz, responses=RIGHT_ANSWERS)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert received == [("course", enrolment.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.course_complete(enrolment=enrolment)
    assert received == [("course", enrolment.pk)]


def test_completing_in_a_cohort_also_sends_cohort_completed(
    received, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    enrolment = services.enrolment_create(user=UserFactory(), course=cohort.course, cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in _lessons(cohort.course):
            services.lesson_mark_read(enrolment=enrolment, lesson=lesson)
    assert received == [("course", enrolment.pk), ("cohort", enrolment.pk, cohort.pk)]


def test_percentage_rule_completes_before_everything_is_done(django_capture_on_commit_callbacks):
    course = make_course(
        modules=1, lessons_per_module=4, with_quiz=False, completion_rule="percent"
    )
    course.completion_percent = 75
    course.save()
    enrolment = services.enrolment_create(user=UserFactory(), course=course)
    lessons = _lessons(course)
    assert not services.lesson_mark_read(enrolment=enrolment, lesson=lessons[0])
    assert not services.lesson_mark_read(enrolment=enrolment, lesson=lessons[1])
    assert services.lesson_mark_read(enrolment=enrolment, lesson=lessons[2])


def test_progress_counts_read_lessons_and_passed_quizzes_with_best_score():
    course, user = make_course(modules=2, lessons_per_module=2), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    lessons = _lessons(course)
    services.lesson_mark_read(enrolment=enrolment, lesson=lessons[0])
    quiz = Quiz.objects.filter(course=course).first()
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "1"})  # 25%
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses=RIGHT_ANSWERS)  # 100%
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={})  # 0%

    progress = selectors.enrolment_progress(enrolment)

    assert (progress.counts.lessons_read, progress.counts.lessons_total) == (1, 4)
    assert (progress.counts.quizzes_passed, progress.counts.quizzes_total) == (1, 2)
    assert progress.best_scores[quiz.pk] == 100
    assert progress.percent == 100 * 2 // 6


def test_continue_where_you_left_off_follows_the_last_lesson_opened():
    course, user = make_course(modules=2, lessons_per_module=2, with_quiz=False), UserFactory()
    enrolment = services.enrolment_create(user=user, course=course)
    lessons = _lessons(course)
    assert selectors.enrolment_progress(enrolment).continue_lesson == lessons[0]

    services.enrolment_visit(enrolment=enrolment, lesson=lessons[2])
    assert selectors.enrolment_progress(enrolment).continue_lesson == lessons[2]

    services.lesson_mark_read(enrolment=enrolment, lesson=lessons[2])
    enrolment.refresh_from_db()
    assert selectors.enrolment_progress(enrolment).continue_lesson == lessons[3]

    services.lesson_mark_read(enrolment=enrolment, lesson=lessons[3])
    enrolment.refresh_from_db()
    # Wraps round to the first lesson not read yet.
    assert selectors.enrolment_progress(enrolment).continue_lesson == lessons[0]


def test_attempts_limit_is_enforced():
    course = make_course(modules=1)
    quiz = Quiz.objects.get(course=course)
    quiz.max_attempts = 2
    quiz.save()
    enrolment = services.enrolment_create(user=UserFactory(), course=course)
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={})
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={})
    with pytest.raises(services.LearningError):
        services.quiz_submit(enrolment=enrolment, quiz=quiz, responses=RIGHT_ANSWERS)
    assert quiz.attempts.count() == 2


def test_a_quiz_of_another_course_cannot_be_submitted():
    enrolment = services.enrolment_create(user=UserFactory(), course=make_course())
    other_quiz = Quiz.objects.filter(course=make_course(title="Other")).first()
    with pytest.raises(services.LearningError):
        services.quiz_submit(enrolment=enrolment, quiz=other_quiz, responses={})
