"""Reads: catalogue, outlines, a learner's progress, cohorts and what facilitators see.

Object access is checked here: each `*_for` function fetches and checks in one step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import access, among_people, published_rows, visible_to
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.learning import completion, permissions
from kuza.learning.models import (
    Announcement,
    Cohort,
    CohortSession,
    Course,
    Enrolment,
    Lesson,
    LessonRead,
    Module,
    Quiz,
    QuizAttempt,
)
from kuza.translation.selectors import prefetch_translations

# --- Courses ---------------------------------------------------------------------------------


def course_list(*, user) -> QuerySet[Course]:
    """The courses `user` may read (the audience declared in integrations.py), with the
    number of modules."""
    courses = Course.objects.annotate(module_count=Count("modules", distinct=True))
    return visible_to(courses, user).order_by("title", "pk")


def course_for(*, slug: str, user) -> Course:
    """The course if `user` may read it: published and not hidden by moderators, or theirs
    to manage."""
    courses = permissions.with_viewer_permissions(
        Course.objects.select_related("organisation"), user
    )
    # Whether the viewer manages the course is read with it, once for the whole page.
    return permissions.remember_viewer_permissions(access(courses, user, slug=slug), user)


def course_for_editing(*, slug: str, user) -> Course:
    """The course if `user` may edit it; 404 if they may not even see it, else 403."""
    course = course_for(slug=slug, user=user)
    if not permissions.can_manage_course(user, course):
        raise PermissionDenied
    return course


def _readable_lessons(course: Course, user) -> QuerySet[Lesson]:
    """Lessons of `course` `user` may read (the audience declared in integrations.py: those
    moderators hid are left out unless they manage the course); every lesson without a user
    (the authoring outline, behind its own check)."""
    lessons = Lesson.objects.filter(course=course)
    return lessons if user is None else visible_to(lessons, user)


def course_outline(course: Course, *, user=None) -> list[Module]:
    """Modules with their lessons and each lesson's quizzes, in order, in four queries.

    With `user`, lessons moderators hid are left out unless `user` manages the course.
    """
    modules = list(
        course.modules.prefetch_related(
            Prefetch(
                "lessons",
                queryset=_readable_lessons(course, user)
                .order_by("position", "pk")
                .prefetch_related(
                    Prefetch("quizzes", queryset=Quiz.objects.order_by("position", "pk"))
                ),
            )
        ).order_by("position", "pk")
    )
    lessons = [lesson for module in modules for lesson in module.lessons.all()]
    # The outline shows every title: read them all in one query.
    prefetch_translations(
        [
            course,
            *modules,
            *lessons,
            *(quiz for lesson in lessons for quiz in lesson.quizzes.all()),
        ]
    )
    return modules


def lessons_in_order(course: Course) -> list[Lesson]:
    """The lessons learners read, in order (lessons moderators hid do not count)."""
    return list(
        published_rows(Lesson.objects.filter(course=course)).order_by(
            "module__position", "module_id", "position", "pk"
        )
    )


def lesson_for(*, course: Course, lesson_id: int, user) -> Lesson:
    """The lesson; one moderators hid is not found but for the course's managers."""
    lesson = (
        _readable_lessons(course, user)
        .select_related("module", "course")
        .filter(course=course, pk=lesson_id)
        .first()
    )
    if lesson is None:
        raise Http404
    return lesson


def module_for(*, course: Course, module_id: int) -> Module:
    module = Module.objects.filter(course=course, pk=module_id).first()
    if module is None:
        raise Http404
    return module


def quiz_for(*, course: Course, quiz_id: int, user) -> Quiz:
    """The quiz; one in a lesson moderators hid is not found but for the course's managers."""
    quiz = (
        Quiz.objects.select_related("lesson", "course")
        .filter(course=course, pk=quiz_id, lesson__in=_readable_lessons(course, user))
        .first()
    )
    if quiz is None:
        raise Http404
    return quiz


def lesson_neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    ordered = lessons_in_order(lesson.course)
    ids = [item.pk for item in ordered]
    if lesson.pk not in ids:  # hidden by moderators, seen by a manager
        return None, None
    index = ids.index(lesson.pk)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following


def next_in_outline(lesson: Lesson) -> Lesson | Quiz | None:
    """What follows `lesson` in the course outline: its first quiz, else the next lesson."""
    quiz = lesson.quizzes.order_by("position", "pk").first()
    if quiz is not None:
        return quiz
    return lesson_neighbours(lesson)[1]


def after_quiz(quiz: Quiz) -> Lesson | Quiz | None:
    """What follows `quiz` in the course outline: its lesson's next quiz, else the next lesson."""
    following = (
        quiz.lesson.quizzes.filter(
            Q(position__gt=quiz.position) | Q(position=quiz.position, pk__gt=quiz.pk)
        )
        .order_by("position", "pk")
        .first()
    )
    if following is not None:
        return following
    return lesson_neighbours(quiz.lesson)[1]


# --- A learner's progress -----------------------------------------------------------------------


def enrolment_for(*, user, course: Course) -> Enrolment | None:
    if not is_signed_in(user):
        return None
    return (
        Enrolment.objects.select_related("cohort", "last_lesson")
        .filter(user=user, course=course)
        .first()
    )


@dataclass
class EnrolmentProgress:
    enrolment: Enrolment
    counts: completion.Progress
    read_lesson_ids: set[int] = field(default_factory=set)
    passed_quiz_ids: set[int] = field(default_factory=set)
    best_scores: dict[int, float] = field(default_factory=dict)
    continue_lesson: Lesson | None = None

    @property
    def percent(self) -> int:
        return self.counts.percent

    @property
    def is_complete(self) -> bool:
        return self.enrolment.completed_at is not None


def enrolment_progress(
    enrolment: Enrolment, lessons: list[Lesson] | None = None
) -> EnrolmentProgress:
    """Lessons read, quizzes passed, best scores and the lesson to continue with."""
    return enrolments_progress([enrolment], enrolment.course, lessons)[0]


def enrolments_progress(
    enrolments: list[Enrolment], course: Course, lessons: list[Lesson] | None = None
) -> list[EnrolmentProgress]:
    """`enrolment_progress` of many enrolments in one course, in four queries for them all."""
    lessons = lessons_in_order(course) if lessons is None else lessons
    lesson_ids = {lesson.pk for lesson in lessons}
    ids = [enrolment.pk for enrolment in enrolments]
    quiz_ids = set(Quiz.objects.filter(course=course).values_list("pk", flat=True))
    read: dict[int, set[int]] = {pk: set() for pk in ids}
    for enrolment_id, lesson_id in LessonRead.objects.filter(
        enrolment_id__in=ids, lesson__course=course
    ).values_list("enrolment_id", "lesson_id"):
        read[enrolment_id].add(lesson_id)
    best: dict[int, dict[int, float]] = {pk: {} for pk in ids}
    passed: dict[int, set[int]] = {pk: set() for pk in ids}
    for enrolment_id, quiz_id, top, any_passed in (
        QuizAttempt.objects.filter(enrolment_id__in=ids, quiz__course=course)
        .values_list("enrolment_id", "quiz_id")
        .annotate(best=Max("score"), any_passed=Max(Cast("passed", IntegerField())))
        .values_list("enrolment_id", "quiz_id", "best", "any_passed")
    ):
        best[enrolment_id][quiz_id] = top
        if any_passed:
            passed[enrolment_id].add(quiz_id)
    return [
        EnrolmentProgress(
            enrolment=enrolment,
            counts=completion.Progress(
                lessons_total=len(lessons),
                lessons_read=len(read[enrolment.pk] & lesson_ids),
                quizzes_total=len(quiz_ids),
                quizzes_passed=len(passed[enrolment.pk] & quiz_ids),
            ),
            read_lesson_ids=read[enrolment.pk],
            passed_quiz_ids=passed[enrolment.pk],
            best_scores=best[enrolment.pk],
            continue_lesson=continue_lesson(enrolment, lessons, read[enrolment.pk]),
        )
        for enrolment in enrolments
    ]


def continue_lesson(enrolment: Enrolment, lessons: list[Lesson], read: set[int]) -> Lesson | None:
    """Where the learner left off: the last lesson opened if unread, else the next unread one."""
    if not lessons:
        return None
    ids = [lesson.pk for lesson in lessons]
    last = enrolment.last_lesson_id
    if last in ids:
        start = ids.index(last)
        if last not in read:
            return lessons[start]
        for lesson in lessons[start + 1 :] + lessons[:start]:
            if lesson.pk not in read:
                return lesson
        return lessons[start]
    return next((lesson for lesson in lessons if lesson.pk not in read), lessons[0])


def my_learning(*, user) -> list[EnrolmentProgress]:
    """The learner's courses, most recently visited first, each with its progress."""
    enrolments = Enrolment.objects.filter(
        user=user, course__in=visible_to(Course.objects.all(), user).values("pk")
    ).select_related("course", "cohort", "last_lesson")
    return [enrolment_progress(enrolment) for enrolment in enrolments]


def quiz_attempts(*, enrolment: Enrolment | None, quiz: Quiz) -> list[QuizAttempt]:
    if enrolment is None:
        return []
    return list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("-number"))


def attempt_for(*, enrolment: Enrolment | None, quiz: Quiz, attempt_id: int) -> QuizAttempt:
    """One of the learner's own attempts; anyone else's is not found."""
    attempt = (
        QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz, pk=attempt_id).first()
        if enrolment is not None
        else None
    )
    if attempt is None:
        raise Http404
    return attempt


# --- Cohorts ---------------------------------------------------------------------------------


def cohort_for(*, course: Course, slug: str, user=None) -> Cohort:
    """The cohort of `course` (the very object, with what was read with it: the course is
    not read again); with `user`, whether they facilitate it is read in the same query."""
    cohorts = Cohort.objects.filter(course=course, slug=slug)
    cohort = (permissions.with_facilitator(cohorts, user) if user else cohorts).first()
    if cohort is None:
        raise Http404
    cohort.course = course
    return permissions.remember_facilitator(cohort, user) if user else cohort


def cohort_list(course: Course) -> list[Cohort]:
    return list(course.cohorts.annotate(learner_count=Count("enrolments")).order_by("-starts_on"))


def cohort_sessions(cohort: Cohort, *, upcoming_only: bool = False) -> QuerySet[CohortSession]:
    sessions = cohort.sessions.order_by("starts_at", "pk")
    if upcoming_only:
        sessions = sessions.filter(starts_at__gte=timezone.now() - timedelta(hours=3))
    return sessions


def session_for(*, cohort: Cohort, session_id: int) -> CohortSession:
    session = cohort.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def cohort_by_feed_token(token) -> Cohort:
    """The cohort whose feed address holds `token`, while its course is one anyone may read
    (a calendar application fetches it signed out): none once moderators hid the course."""
    return access(Cohort.objects.select_related("course"), AnonymousUser(), feed_token=token)


def cohort_facilitators(cohort: Cohort, viewer):
    """The facilitators a cohort page lists to `viewer`, named through the presenter:
    suspended members appear nowhere; they lead the cohort whoever blocked them, so one in
    a block with the viewer is listed, unnamed."""
    return among_people(cohort.facilitators.all(), viewer, despite_blocks=True).select_related(
        "profile"
    )


def cohort_announcements(cohort: Cohort, viewer) -> QuerySet[Announcement]:
    """The cohort's announcements `viewer` may read (audience declared in integrations.py)."""
    return visible_to(cohort.announcements.select_related("author__profile"), viewer)


def upcoming_sessions_for(*, user, limit: int = 5) -> list[CohortSession]:
    """Upcoming sessions of every cohort the learner is in or facilitates."""
    now = timezone.now()
    return list(
        CohortSession.objects.filter(
            Q(cohort__enrolments__user=user) | Q(cohort__facilitators=user),
            starts_at__gte=now - timedelta(hours=1),
            cancelled=False,
        )
        .filter(cohort__course__in=visible_to(Course.objects.all(), user).values("pk"))
        .select_related("cohort__course")
        .distinct()
        .order_by("starts_at")[:limit]
    )


def home_courses_in_progress(user) -> list[HomeItem]:
    """Personal home: courses `user` started, not finished, last visited first (one query)."""
    enrolments = (
        Enrolment.objects.filter(
            user=user,
            completed_at__isnull=True,
            course__in=visible_to(Course.objects.all(), user).values("pk"),
        )
        .select_related("course", "last_lesson")
        .order_by("-last_seen_at", "-enrolled_at", "-pk")[: home.LIMIT]
    )
    items = []
    for enrolment in enrolments:
        course, lesson = enrolment.course, enrolment.last_lesson
        if lesson is not None and lesson.course_id == course.pk:
            url = reverse("learning:lesson", args=[course.slug, lesson.pk])
            reason = _("Continue where you left off: %(lesson)s") % {"lesson": lesson.title}
        else:
            url = reverse("learning:course", args=[course.slug])
            reason = _("You are enrolled: start with the first lesson")
        items.append(HomeItem(title=course.title, url=url, reason=reason, source=(course, "title")))
    return items


def home_upcoming_sessions(user) -> list[HomeItem]:
    """Personal home: the next sessions of `user`'s cohorts (one query)."""
    return [
        HomeItem(
            title=session.title,
            source=(session, "title"),
            url=reverse("learning:cohort", args=[session.cohort.course.slug, session.cohort.slug]),
            reason=_("Session of %(cohort)s, %(when)s")
            % {
                "cohort": session.cohort.name,
                "when": date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT"),
            },
            when=session.starts_at,
        )
        for session in upcoming_sessions_for(user=user, limit=home.LIMIT)
    ]


@dataclass(frozen=True)
class LearnerRow:
    enrolment: Enrolment
    progress: EnrolmentProgress


def cohort_progress(*, cohort: Cohort, user) -> list[LearnerRow]:
    """Every learner's progress in the cohort: for its facilitators and the course's managers."""
    if not permissions.can_facilitate(user, cohort):
        raise PermissionDenied
    lessons = lessons_in_order(cohort.course)
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("user__profile", "course", "last_lesson")
        .order_by("user__username")
    )
    progress = enrolments_progress(enrolments, cohort.course, lessons)
    return [LearnerRow(enrolment, row) for enrolment, row in zip(enrolments, progress, strict=True)]
