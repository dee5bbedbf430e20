"""Changing what exists: course settings, publishing, titles and texts, and the order of things.

Reordering renumbers the siblings 1..n before swapping, so positions stay distinct even after
imports or edits in the admin left gaps or duplicates.
"""

from __future__ import annotations

from typing import Literal

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from kuza.learning.authoring.content import AuthoringError, clean_markdown
from kuza.learning.models import Course, Lesson, Module, Quiz

Direction = Literal["up", "down"]


def course_update(
    *,
    course: Course,
    title: str,
    summary: str,
    language: str,
    completion_rule: str,
    completion_percent: int,
    self_paced: bool,
) -> Course:
    if not title.strip():
        raise AuthoringError(_("A course needs a title."))
    if completion_rule not in Course.CompletionRule.values:
        raise AuthoringError(_("Choose a completion rule."))
    if not 1 <= completion_percent <= 100:
        raise AuthoringError(_("The percentage to complete is from 1 to 100."))
    if not language.strip():
        raise AuthoringError(_("Say which language the course is written in."))
    course.title = title.strip()
    course.summary = clean_markdown(summary)
    course.language = language.strip()
    course.completion_rule = completion_rule
    course.completion_percent = completion_percent
    course.self_paced = self_paced
    with transaction.atomic():
        course.save()
    return course


def course_publish(*, course: Course, published: bool) -> Course:
    """Publish (learners find and enrol in it) or unpublish (only its managers see it)."""
    if published and not Lesson.objects.filter(course=course).exists():
        raise AuthoringError(_("Add at least one lesson before publishing the course."))
    empty = Quiz.objects.filter(course=course, questions__isnull=True).order_by("pk").first()
    if published and empty is not None:
        # Learners could never pass it, so the course could never be completed.
        raise AuthoringError(
            _("The quiz “%(title)s” has no questions yet: add some or remove it first.")
            % {"title": empty.title}
        )
    Course.objects.filter(pk=course.pk).update(is_published=published)
    course.is_published = published
    return course


def module_update(*, module: Module, title: str) -> Module:
    if not title.strip():
        raise AuthoringError(_("A module needs a title."))
    module.title = title.strip()
    with transaction.atomic():
        module.save()
    return module


def lesson_update(*, lesson: Lesson, title: str, body: str) -> Lesson:
    if not title.strip():
        raise AuthoringError(_("A lesson needs a title."))
    lesson.title = title.strip()
    lesson.body = clean_markdown(body)
    with transaction.atomic():
        lesson.save()
    return lesson


def _move(obj: Model, siblings: QuerySet, direction: Direction) -> None:
    with transaction.atomic():
        ordered = list(siblings.select_for_update().order_by("position", "pk"))
        index = next(i for i, item in enumerate(ordered) if item.pk == obj.pk)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(ordered):
            ordered[index], ordered[target] = ordered[target], ordered[index]
        model = type(obj)
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                model.objects.filter(pk=item.pk).update(position=position)
        obj.position = next(i for i, item in enumerate(ordered, 1) if item.pk == obj.pk)


def module_move(*, module: Module, direction: Direction) -> None:
    _move(module, Module.objects.filter(course_id=module.course_id), direction)


def lesson_move(*, lesson: Lesson, direction: Direction) -> None:
    """Up or down within its module (lessons change module only by being written anew)."""
    _move(lesson, Lesson.objects.filter(module_id=lesson.module_id), direction)


def quiz_move(*, quiz: Quiz, direction: Direction) -> None:
    _move(quiz, Quiz.objects.filter(lesson_id=quiz.lesson_id), direction)
