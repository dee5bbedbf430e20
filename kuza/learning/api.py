"""Courses and the caller's own progress."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from kuza.api.auth import token_or_session
from kuza.learning import selectors
from kuza.translation.selectors import translated_field

router = Router(tags=["learning"])


class CourseOut(Schema):
    slug: str
    title: str
    language: str
    self_paced: bool
    modules: int
    url: str


class ProgressOut(Schema):
    course: str
    title: str
    cohort: str | None
    lessons_read: int
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int
    percent: int
    completed_at: datetime | None
    continue_lesson_id: int | None


@router.get("/courses", response=list[CourseOut])
@paginate
def courses(request: HttpRequest):
    """Published courses, titles in the request's language where translated."""
    return [
        {
            "slug": course.slug,
            "title": translated_field(course, "title").text,
            "language": course.language,
            "self_paced": course.self_paced,
            "modules": course.module_count,
            "url": f"/learn/{course.slug}/",
        }
        for course in selectors.course_list(user=request.user)
    ]


@router.get("/me/progress", response=list[ProgressOut], auth=token_or_session)
def my_progress(request: HttpRequest):
    """The caller's enrolments with their progress; nobody else's."""
    rows = []
    for progress in selectors.my_learning(user=request.auth):
        enrolment = progress.enrolment
        counts = progress.counts
        rows.append(
            {
                "course": enrolment.course.slug,
                "title": enrolment.course.title,
                "cohort": enrolment.cohort.slug if enrolment.cohort else None,
                "lessons_read": counts.lessons_read,
                "lessons_total": counts.lessons_total,
                "quizzes_passed": counts.quizzes_passed,
                "quizzes_total": counts.quizzes_total,
                "percent": counts.percent,
                "completed_at": enrolment.completed_at,
                "continue_lesson_id": progress.continue_lesson.pk
                if progress.continue_lesson
                else None,
            }
        )
    return rows
