"""Writes for authors: courses, modules, lessons, images, links to media and quizzes.

Each write re-syncs the translation units of what it changed (the translation registry's
save hook does it for single saves; quizzes are synced once their questions are written).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuza.learning.images import ImageError, compress_image
from kuza.learning.models import (
    Course,
    Lesson,
    LessonImage,
    MediaLink,
    Module,
    Option,
    Question,
    Quiz,
)
from kuza.translation.services import translation_sync_source


class AuthoringError(ValueError):
    """Content that cannot be stored, with a message for the author."""


# Addresses under /learn/ that are not courses.
RESERVED_SLUGS = frozenset({"me", "text-only", "calendar"})


def unique_course_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:90] or "course"
    if base in RESERVED_SLUGS:
        base = f"{base}-course"
    slug, number = base, 2
    while Course.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def course_create(*, title: str, summary: str = "", language: str = "en", **options) -> Course:
    return Course.objects.create(
        title=title,
        slug=options.pop("slug", "") or unique_course_slug(title),
        summary=summary,
        language=language,
        **options,
    )


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def module_create(*, course: Course, title: str) -> Module:
    return Module.objects.create(
        course=course, title=title, position=_next_position(course.modules.all())
    )


def lesson_create(*, module: Module, title: str, body: str = "") -> Lesson:
    return Lesson.objects.create(
        course=module.course,
        module=module,
        title=title,
        body=body,
        position=_next_position(module.lessons.all()),
    )


def media_link_add(
    *, lesson: Lesson, title: str, url: str, kind: str = "video", size_note: str = ""
) -> MediaLink:
    return MediaLink.objects.create(
        lesson=lesson,
        title=title,
        url=url,
        kind=kind,
        size_note=size_note,
        position=_next_position(lesson.media_links.all()),
    )


def lesson_image_add(
    *, lesson: Lesson, data: bytes, alt_text: str, caption: str = "", name: str = "image"
) -> LessonImage:
    """Store an image resized to at most 1024 px wide and recompressed (WebP, quality 70)."""
    if not alt_text.strip():
        raise AuthoringError(_("Describe the image for people who cannot see it."))
    try:
        compressed = compress_image(data)
    except ImageError as error:
        raise AuthoringError(_("This file is not an image Kuza can read.")) from error
    stem = slugify(name.rsplit(".", 1)[0])[:60] or "image"
    image = LessonImage(
        lesson=lesson,
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        width=compressed.width,
        height=compressed.height,
        size_bytes=len(compressed.data),
        position=_next_position(lesson.images.all()),
    )
    image.image.save(stem + compressed.extension, ContentFile(compressed.data), save=False)
    image.save()
    return image


@dataclass(frozen=True)
class OptionInput:
    text: str
    correct: bool = False
    feedback: str = ""
    feedback_unselected: str = ""


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    prompt: str = ""
    prompt_html: str = ""
    options: tuple[OptionInput, ...] = ()
    accepted_answers: tuple[str, ...] = ()
    wrong_answer_feedback: dict[str, str] = field(default_factory=dict)
    case_sensitive: bool = False
    accent_insensitive: bool = False
    regex: bool = False
    numeric_answer: float | None = None
    tolerance: float = 0.0
    tolerance_kind: str = "absolute"
    combination_feedback: tuple[dict, ...] = ()
    explanation: str = ""
    correct_feedback: str = ""


def _check_question(question: QuestionInput) -> None:
    if question.kind not in Question.Kind.values:
        raise AuthoringError(_("Unknown kind of question: %(kind)s") % {"kind": question.kind})
    if question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
        if len(question.options) < 2:
            raise AuthoringError(_("A choice question needs at least two options."))
        correct = sum(option.correct for option in question.options)
        if question.kind == Question.Kind.SINGLE and correct != 1:
            raise AuthoringError(_("A single-choice question needs exactly one correct option."))
    if question.kind == Question.Kind.TEXT and not question.accepted_answers:
        raise AuthoringError(_("A short-text question needs at least one accepted answer."))
    if question.kind == Question.Kind.NUMERIC and question.numeric_answer is None:
        raise AuthoringError(_("A number question needs its answer."))
    if question.tolerance < 0:
        raise AuthoringError(_("A tolerance cannot be negative."))


def quiz_questions_replace(
    *, quiz: Quiz, questions: list[QuestionInput] | tuple[QuestionInput, ...]
) -> None:
    """Replace the quiz's questions (positions 1..n) and re-sync its translation units."""
    for question in questions:
        _check_question(question)
    with transaction.atomic():
        quiz.questions.all().delete()
        for position, question in enumerate(questions, start=1):
            stored = Question.objects.create(
                quiz=quiz,
                position=position,
                kind=question.kind,
                prompt=question.prompt,
                prompt_html=question.prompt_html,
                explanation=question.explanation,
                accepted_answers=list(question.accepted_answers),
                wrong_answer_feedback=dict(question.wrong_answer_feedback),
                case_sensitive=question.case_sensitive,
                accent_insensitive=question.accent_insensitive,
                regex=question.regex,
                numeric_answer=question.numeric_answer,
                tolerance=question.tolerance,
                tolerance_kind=question.tolerance_kind,
                combination_feedback=list(question.combination_feedback),
                correct_feedback=question.correct_feedback,
            )
            Option.objects.bulk_create(
                Option(
                    question=stored,
                    position=index,
                    text=option.text,
                    correct=option.correct,
                    feedback=option.feedback,
                    feedback_unselected=option.feedback_unselected,
                )
                for index, option in enumerate(question.options, start=1)
            )
        translation_sync_source(obj=quiz)


def quiz_create(
    *,
    lesson: Lesson,
    title: str,
    questions: list[QuestionInput] | tuple[QuestionInput, ...],
    intro: str = "",
    pass_mark: int = 70,
    max_attempts: int = 0,
) -> Quiz:
    if not 0 <= pass_mark <= 100:
        raise AuthoringError(_("The pass mark is a percentage, from 0 to 100."))
    with transaction.atomic():
        quiz = Quiz.objects.create(
            course=lesson.course,
            lesson=lesson,
            title=title,
            intro=intro,
            pass_mark=pass_mark,
            max_attempts=max_attempts,
            position=_next_position(lesson.quizzes.all()),
        )
        quiz_questions_replace(quiz=quiz, questions=questions)
    return quiz
