"""Learning's achievements: completing a course, completing it within a cohort.

Learning emits them through `kuza.core.achievements` (credentials turns them into badges) and
describes them there, so a badge rule's target is picked from the courses and cohorts and a
rule added later can be applied to those who already completed.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kuza.core import achievements
from kuza.learning.models import Cohort, Course, Enrolment
from kuza.learning.selectors import course_list


def _course_url(course) -> str:
    return settings.SITE_URL + reverse("learning:course", args=[course.slug])


def cohort_key(cohort: Cohort) -> str:
    return f"{cohort.course.slug}/{cohort.slug}"


def completion_achievements(enrolment: Enrolment) -> list[achievements.Achievement]:
    """What completing this enrolment achieved: the course, and its cohort if any."""
    course = enrolment.course
    made = [
        achievements.Achievement(
            kind=achievements.COURSE_COMPLETED,
            subject=course.slug,
            user=enrolment.user,
            evidence_url=_course_url(course),
        )
    ]
    if enrolment.cohort_id is not None:
        made.append(
            achievements.Achievement(
                kind=achievements.COHORT_COMPLETED,
                subject=cohort_key(enrolment.cohort),
                user=enrolment.user,
                evidence_url=_course_url(course),
            )
        )
    return made


def emit_completion(enrolment: Enrolment) -> None:
    for achievement in completion_achievements(enrolment):
        achievements.emit(achievement)


def _courses(viewer):
    """The courses `viewer` may read; every course for None (checking a rule's key)."""
    if viewer is None:
        return Course.objects.order_by("title", "pk")
    return course_list(user=viewer)


def course_targets(viewer) -> list[achievements.Target]:
    return [achievements.Target(course.slug, course.title) for course in _courses(viewer)]


def cohort_targets(viewer) -> list[achievements.Target]:
    courses = _courses(viewer).values("pk")
    cohorts = Cohort.objects.filter(course__in=courses).select_related("course")
    return [
        achievements.Target(cohort_key(cohort), f"{cohort.course.title} — {cohort.name}")
        for cohort in cohorts.order_by("course__title", "-starts_on", "name")
    ]


def _completed():
    return Enrolment.objects.filter(completed_at__isnull=False).select_related(
        "user", "course", "cohort__course"
    )


def courses_completed(target: str) -> Iterator[achievements.Achievement]:
    enrolments = _completed()
    if target:
        enrolments = enrolments.filter(course__slug=target)
    for enrolment in enrolments.order_by("pk").iterator(chunk_size=500):
        yield completion_achievements(enrolment)[0]


def cohorts_completed(target: str) -> Iterator[achievements.Achievement]:
    enrolments = _completed().filter(cohort__isnull=False)
    if target:
        course_slug, _slash, cohort_slug = target.partition("/")
        enrolments = enrolments.filter(course__slug=course_slug, cohort__slug=cohort_slug)
    for enrolment in enrolments.order_by("pk").iterator(chunk_size=500):
        yield completion_achievements(enrolment)[1]


def register() -> None:
    achievements.register_source(
        achievements.AchievementSource(
            kind=achievements.COURSE_COMPLETED,
            label=_("Course completed"),
            any_label=_("Any course"),
            targets=course_targets,
            achieved=courses_completed,
        )
    )
    achievements.register_source(
        achievements.AchievementSource(
            kind=achievements.COHORT_COMPLETED,
            label=_("Cohort completed"),
            any_label=_("Any cohort"),
            targets=cohort_targets,
            achieved=cohorts_completed,
        )
    )
