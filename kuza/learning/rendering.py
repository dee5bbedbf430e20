"""Lesson and quiz content as readers see it: translated, sanitised, images hidden on request.

The single place where lesson text is turned into HTML, for pages and offline copies alike.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from django.db.models import prefetch_related_objects
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kuza.core.markdown import render_markdown, render_plain_text
from kuza.learning.models import Lesson, Placeholder, Quiz
from kuza.translation.rendering import RenderedField, RenderedPart
from kuza.translation.selectors import translated_field, translated_parts

# Imported lessons mark where a quiz or a kept placeholder stood among the text with a code
# block holding only "\ue010quiz:<olx key>\ue010": private-use characters, so no author types
# one by accident. A code block, because the translation app keeps code out of translation
# units (translators never see markers) and copies it unchanged into every language.
MARK = "\ue010"
_MARKER = re.compile(
    r"<pre><code>"
    + MARK
    + r"(quiz|placeholder):([^"
    + MARK
    + r"<>]+)"
    + MARK
    + r"\n?</code></pre>\s*"
)
_IMG = re.compile(r"<img\b[^>]*>")
# An image the Open edX export referred to but did not contain: the import writes
# `\ue011missing-image:<file name>\ue011` as inline code where the image stood
# (missing_image_marker) and readers see a note naming the file, in their language.
MISSING_IMAGE_MARK = "\ue011"
_MISSING_IMAGE = re.compile(
    "<code>"
    + MISSING_IMAGE_MARK
    + "missing-image:([^"
    + MISSING_IMAGE_MARK
    + "<>]+)"
    + MISSING_IMAGE_MARK
    + "</code>"
)
_ALT = re.compile(r'\balt="([^"]*)"')


def content_marker(kind: Literal["quiz", "placeholder"], olx_key: str) -> str:
    """The Markdown block standing for an imported quiz or placeholder in a lesson's text."""
    return f"~~~\n{MARK}{kind}:{olx_key}{MARK}\n~~~\n"


def missing_image_marker(name: str) -> str:
    """The HTML the import puts where an image missing from the export stood."""
    mark = MISSING_IMAGE_MARK
    return f"<code>{mark}missing-image:{html_lib.escape(name)}{mark}</code>"


def with_missing_images_shown(html: str) -> SafeString:
    """Replace each missing-image marker of sanitised HTML by a visible, translated note."""

    def replace(match: re.Match[str]) -> str:
        name = html_lib.unescape(match[1])
        note = _("Image missing from the imported course: %(name)s") % {"name": name}
        return str(format_html('<span class="missing-image" role="note">[{}]</span>', note))

    return mark_safe(_MISSING_IMAGE.sub(replace, html))  # noqa: S308 - escaped insertions


def without_images(html: str) -> SafeString:
    """Replace each <img> of sanitised HTML by its text alternative in brackets."""

    def replace(match: re.Match[str]) -> str:
        alt = _ALT.search(match[0])
        text = html_lib.unescape(alt[1]) if alt else ""
        if not text:
            return ""
        return str(
            format_html('<span class="muted">[{}]</span>', _("Image: %(alt)s") % {"alt": text})
        )

    return mark_safe(_IMG.sub(replace, html))  # noqa: S308 - sanitised HTML, escaped insertions


@dataclass(frozen=True)
class LessonBody:
    html: SafeString
    rendered: RenderedField
    language: str


def lesson_body_for(lesson: Lesson, language: str | None = None) -> LessonBody:
    """The lesson's text in `language` (or the active one), unit by unit with fallback."""
    rendered = translated_field(lesson, "body", language)
    return LessonBody(rendered.html, rendered, rendered.language)


@dataclass(frozen=True)
class LessonPart:
    kind: Literal["html", "quiz", "placeholder"]
    html: SafeString = mark_safe("")  # noqa: S308 - empty
    quiz: Quiz | None = None
    placeholder: Placeholder | None = None


def lesson_parts(
    lesson: Lesson, body: LessonBody, *, text_only: bool, quizzes=None, placeholders=None
) -> list[LessonPart]:
    """The body cut at its markers, with each quiz and placeholder in its place.

    Quizzes and placeholders no marker names (every quiz of a Markdown lesson) follow the text.
    """
    quizzes = list(lesson.quizzes.all() if quizzes is None else quizzes)
    placeholders = list(lesson.placeholders.all() if placeholders is None else placeholders)
    by_key = {("quiz", quiz.olx_key): quiz for quiz in quizzes if quiz.olx_key}
    by_key.update({("placeholder", item.olx_key): item for item in placeholders})
    html = str(with_missing_images_shown(body.html))
    if text_only:
        html = str(without_images(html))
    parts: list[LessonPart] = []
    placed: set[int] = set()
    position = 0
    for match in _MARKER.finditer(html):
        if match.start() > position:
            parts.append(LessonPart("html", mark_safe(html[position : match.start()])))  # noqa: S308
        position = match.end()
        target = by_key.get((match[1], html_lib.unescape(match[2])))
        if target is None:
            continue
        placed.add(id(target))
        if isinstance(target, Quiz):
            parts.append(LessonPart("quiz", quiz=target))
        else:
            parts.append(LessonPart("placeholder", placeholder=target))
    if position < len(html):
        parts.append(LessonPart("html", mark_safe(html[position:])))  # noqa: S308
    parts += [LessonPart("placeholder", placeholder=p) for p in placeholders if id(p) not in placed]
    parts += [LessonPart("quiz", quiz=quiz) for quiz in quizzes if id(quiz) not in placed]
    return parts


# --- Quizzes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownOption:
    key: str
    html: SafeString
    correct: bool
    feedback: SafeString


@dataclass(frozen=True)
class ShownQuestion:
    position: int
    kind: str
    html: SafeString
    options: tuple[ShownOption, ...]
    explanation: SafeString
    # Right answers to a text or number question, as written (offline copies show them).
    answers: tuple[str, ...] = ()
    unit: SafeString = mark_safe("")  # noqa: S308 - empty; shown right after the answer box of a text or number question

    @property
    def field_name(self) -> str:
        return f"q{self.position}"


def wrong_answer_key(prefix: str, answer: str) -> str:
    """The unit key of the feedback on one anticipated wrong answer: named by the answer, so
    it follows the answer whatever else the author adds or removes."""
    return f"{prefix}.w{hashlib.sha256(answer.encode()).hexdigest()[:12]}"


def combination_key(prefix: str, positions: Iterable[object]) -> str:
    """The unit key of the feedback on one exact set of ticked options."""
    key = f"{prefix}.c" + "-".join(sorted(str(p) for p in positions))
    if len(key) > 60:
        return f"{prefix}.c{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    return key


def quiz_questions(quiz: Quiz) -> list:
    """The quiz's questions with their options, read in two queries once per quiz object
    (a quiz page reads them for its texts and again to show them)."""
    prefetch_related_objects([quiz], "questions__options")
    return list(quiz.questions.all())


def quiz_texts(quiz: Quiz) -> dict[str, str]:
    """The translatable parts of a quiz's questions, keyed by each question's and option's
    unit key (see Question.unit_key), so moving or removing one leaves the others' keys."""
    texts: dict[str, str] = {}
    for question in quiz_questions(quiz):
        prefix = question.unit_prefix
        if question.prompt:
            texts[prefix] = question.prompt
        if question.explanation:
            texts[f"{prefix}.explanation"] = question.explanation
        if question.correct_feedback:
            texts[f"{prefix}.feedback"] = question.correct_feedback
        if question.answer_unit:
            texts[f"{prefix}.unit"] = question.answer_unit
        for option in question.options.all():
            key = f"{prefix}.{option.unit_suffix}"
            texts[key] = option.text
            if option.feedback:
                texts[f"{key}.feedback"] = option.feedback
            if option.feedback_unselected:
                texts[f"{key}.unselected"] = option.feedback_unselected
        for answer, feedback in (question.wrong_answer_feedback or {}).items():
            if feedback:
                texts[wrong_answer_key(prefix, str(answer))] = str(feedback)
        for item in question.combination_feedback or []:
            if item.get("feedback"):
                texts[combination_key(prefix, item.get("options", []))] = str(item["feedback"])
    return texts


def quiz_hints(quiz: Quiz) -> dict[str, str]:
    """A quiz's hints for translators, keyed "h1", "h2"... in the order they are revealed."""
    return {f"h{number}": str(hint) for number, hint in enumerate(quiz.hints or [], start=1)}


def shown_hints(quiz: Quiz, language: str | None = None) -> list[SafeString]:
    """The quiz's hints as HTML, in the reader's language where translated and up to date."""
    texts = quiz_hints(quiz)
    if not texts:
        return []
    parts, _progress = translated_parts(quiz, "hints", language)
    return [
        with_missing_images_shown(render_markdown(quiz_text(parts, key, source)))
        for key, source in texts.items()
    ]


def translated_quiz_texts(quiz: Quiz, language: str | None = None) -> dict[str, RenderedPart]:
    parts, _progress = translated_parts(quiz, "questions", language)
    return parts


def quiz_text(parts: Mapping[str, RenderedPart], key: str, source: str) -> str:
    """A quiz part in the reader's language only while its translation is up to date.

    Lessons show an outdated translation, flagged; a quiz does not: a stale option or answer
    feedback can point a learner to the wrong answer (the author may have just changed which
    option is right), so the source is shown until a translator confirms the new text.
    """
    part = parts.get(key)
    if part is None or part.is_outdated:
        return source
    return part.text


def shown_questions(quiz: Quiz, language: str | None = None) -> list[ShownQuestion]:
    """The questions as the quiz page shows them, in the reader's language where translated."""
    parts = translated_quiz_texts(quiz, language)

    def text(key: str, fallback: str) -> str:
        return quiz_text(parts, key, fallback)

    shown = []
    for question in quiz_questions(quiz):
        prefix = question.unit_prefix
        prompt_html = with_missing_images_shown(render_markdown(text(prefix, question.prompt)))
        options = tuple(
            ShownOption(
                key=option.key,
                html=render_plain_text(text(f"{prefix}.{option.unit_suffix}", option.text)),
                correct=option.correct,
                feedback=render_plain_text(
                    text(f"{prefix}.{option.unit_suffix}.feedback", option.feedback)
                ),
            )
            for option in question.options.all()
        )
        shown.append(
            ShownQuestion(
                position=question.position,
                kind=question.kind,
                html=prompt_html,
                options=options,
                explanation=render_plain_text(text(f"{prefix}.explanation", question.explanation)),
                answers=_answers(question),
                unit=render_plain_text(text(f"{prefix}.unit", question.answer_unit)),
            )
        )
    return shown


def _answers(question) -> tuple[str, ...]:
    if question.kind == "text" and not question.regex:
        return tuple(str(answer) for answer in question.accepted_answers or [])
    if question.kind == "numeric" and question.numeric_answer is not None:
        answer = f"{question.numeric_answer:g}"
        if question.tolerance:
            unit = "%" if question.tolerance_kind == "percent" else ""
            answer = f"{answer} ± {question.tolerance:g}{unit}"
        return (answer,)
    return ()
