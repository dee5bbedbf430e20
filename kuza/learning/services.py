"""Writes: enrolment, reading, quiz attempts, completion, cohorts and announcements.

Authoring (creating courses and their content) is in authoring.py; the Open edX import in
importing.py.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.learning import completion, grading, permissions, selectors
from kuza.learning.achievements import emit_completion
from kuza.learning.attempts import question_snapshot
from kuza.learning.models import (
    Announcement,
    Cohort,
    Course,
    Enrolment,
    Lesson,
    LessonRead,
    Question,
    Quiz,
    QuizAttempt,
)
from kuza.learning.rendering import (
    combination_key,
    quiz_text,
    translated_quiz_texts,
    wrong_answer_key,
)
from kuza.learning.signals import cohort_completed, course_completed


class LearningError(Exception):
    """A request that cannot be honoured, with a message for the person."""


# --- Enrolment and reading -----------------------------------------------------------------


def enrolment_create(*, user, course: Course, cohort: Cohort | None = None) -> Enrolment:
    """Enrol `user` (idempotent); joining a cohort moves an existing enrolment into it."""
    if cohort is not None and cohort.course_id != course.pk:
        raise LearningError(_("This cohort belongs to another course."))
    if cohort is None and not course.self_paced:
        raise LearningError(_("This course is only taught in cohorts: join one of them."))
    if cohort is not None and not cohort.is_open:
        raise LearningError(_("This cohort is closed for enrolment."))
    if not course.is_published and not permissions.can_manage_course(user, course):
        raise LearningError(_("This course is not published."))
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"cohort": cohort}
        )
        if not created and cohort is not None and enrolment.cohort_id != cohort.pk:
            enrolment.cohort = cohort
            enrolment.save(update_fields=["cohort"])
    return enrolment


def enrolment_visit(*, enrolment: Enrolment, lesson: Lesson) -> None:
    """Remember the lesson the learner is on, for "continue where you left off"."""
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_lesson=lesson, last_seen_at=timezone.now()
    )
    enrolment.last_lesson = lesson


def lesson_mark_read(*, enrolment: Enrolment, lesson: Lesson) -> bool:
    """Record that the learner read `lesson`; True if the course became complete."""
    if lesson.course_id != enrolment.course_id:
        raise LearningError(_("This lesson belongs to another course."))
    with transaction.atomic():
        LessonRead.objects.get_or_create(enrolment=enrolment, lesson=lesson)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            last_lesson=lesson, last_seen_at=timezone.now()
        )
        return enrolment_check_completion(enrolment=enrolment)


# --- Quizzes ---------------------------------------------------------------------------------


def question_spec(question: Question, texts: dict | None = None) -> grading.Question:
    """A question as the pure grader sees it; `texts` are translated parts by key."""

    def text(key: str, source: str) -> str:
        return quiz_text(texts or {}, key, source)

    prefix = question.unit_prefix
    if question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
        options = tuple(
            grading.Option(
                key=option.key,
                correct=option.correct,
                feedback=text(f"{prefix}.{option.unit_suffix}.feedback", option.feedback),
                feedback_unselected=text(
                    f"{prefix}.{option.unit_suffix}.unselected", option.feedback_unselected
                ),
            )
            for option in question.options.all()
        )
        if question.kind == Question.Kind.SINGLE:
            return grading.SingleChoice(options)
        combinations = {
            tuple(sorted(str(position) for position in item.get("options", []))): text(
                combination_key(prefix, item.get("options", [])), str(item.get("feedback", ""))
            )
            for item in question.combination_feedback or []
        }
        return grading.MultipleChoice(options, combinations)
    if question.kind == Question.Kind.TEXT:
        return grading.ShortText(
            accepted=tuple(str(answer) for answer in question.accepted_answers or []),
            case_sensitive=question.case_sensitive,
            accent_insensitive=question.accent_insensitive,
            regex=question.regex,
            wrong_answer_feedback={
                str(answer): text(wrong_answer_key(prefix, str(answer)), str(feedback))
                for answer, feedback in (question.wrong_answer_feedback or {}).items()
            },
            correct_feedback=text(f"{prefix}.feedback", question.correct_feedback),
        )
    return grading.Numeric(
        answer=float(question.numeric_answer or 0.0),
        tolerance=question.tolerance,
        tolerance_kind=question.tolerance_kind,  # type: ignore[arg-type]
        correct_feedback=text(f"{prefix}.feedback", question.correct_feedback),
    )


def quiz_submit(*, enrolment: Enrolment, quiz: Quiz, responses: dict[str, object]) -> QuizAttempt:
    """Grade one attempt and store it; `responses` maps "q<position>" to the learner's answer.

    Refused once the attempts allowed are used up. Passing may complete the course.
    """
    if quiz.course_id != enrolment.course_id:
        raise LearningError(_("This quiz belongs to another course."))
    questions = list(quiz.questions.prefetch_related("options"))
    texts = translated_quiz_texts(quiz)
    specs = [question_spec(question, texts) for question in questions]
    given: list[grading.Response] = []
    for question in questions:
        value = responses.get(question.field_name)
        if isinstance(value, list | tuple | set | frozenset):
            given.append(frozenset(str(item) for item in value))
        elif value is None:
            given.append(None)
        else:
            given.append(str(value))
    result = grading.grade_quiz(specs, given, pass_mark_percent=quiz.pass_mark)
    stored = {
        question.field_name: sorted(value) if isinstance(value, frozenset) else value
        for question, value in zip(questions, given, strict=True)
    }
    with transaction.atomic():
        # Locking the enrolment serialises one learner's submissions, so the limit holds.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        used = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).count()
        if grading.attempts_left(limit=quiz.max_attempts, used=used) == 0:
            raise LearningError(_("You have used all the attempts allowed for this quiz."))
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=used + 1,
            score=round(result.score_percent, 2),
            passed=result.passed,
            responses=stored,
            # Each result keeps its question as answered: the results page never pairs an
            # answer with a question the author moved or changed since (kuza.learning.attempts).
            results=[
                {
                    "correct": item.correct,
                    "answered": item.answered,
                    "feedback": list(item.feedback),
                    "question": question_snapshot(question, stored[question.field_name]),
                }
                for question, item in zip(questions, result.questions, strict=True)
            ],
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(
            last_lesson_id=quiz.lesson_id, last_seen_at=timezone.now()
        )
        if result.passed:
            enrolment_check_completion(enrolment=enrolment)
    return attempt


# --- Completion ------------------------------------------------------------------------------


def enrolment_check_completion(*, enrolment: Enrolment) -> bool:
    """Complete the enrolment if the course's rule is now met; True if it just completed."""
    if enrolment.completed_at is not None:
        return False
    course = enrolment.course
    progress = selectors.enrolment_progress(enrolment).counts
    if completion.is_complete(
        progress, rule=course.completion_rule, percent=course.completion_percent
    ):
        return course_complete(enrolment=enrolment)
    return False


def course_complete(*, enrolment: Enrolment) -> bool:
    """Mark the enrolment complete and tell other features, once.

    Emits the course's (and cohort's) achievements (`learning.achievements`) and sends
    `learning.signals.course_completed(sender=Enrolment, enrolment=...)` and, for a
    learner in a cohort, `cohort_completed(sender=Enrolment, enrolment=..., cohort=...)`,
    after the transaction commits. Returns False if it was already complete.
    """
    with transaction.atomic():
        updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if not updated:
            return False
        enrolment.refresh_from_db(fields=["completed_at", "cohort"])

        def announce() -> None:
            emit_completion(enrolment)
            course_completed.send(sender=Enrolment, enrolment=enrolment)
            if enrolment.cohort_id is not None:
                cohort_completed.send(
                    sender=Enrolment, enrolment=enrolment, cohort=enrolment.cohort
                )

        transaction.on_commit(announce)
    return True


# --- Cohorts ---------------------------------------------------------------------------------


def announcement_post(*, cohort: Cohort, author, title: str, body: str) -> Announcement:
    if not permissions.can_facilitate(author, cohort):
        raise PermissionDenied
    return Announcement.objects.create(cohort=cohort, author=author, title=title, body=body)
