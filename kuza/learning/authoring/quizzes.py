"""Writing quizzes: questions of four kinds, options with feedback, and their order.

Every change to a quiz's questions goes through `quiz_questions_replace`, which checks each
question, writes them at positions 1..n and re-syncs the quiz's translation units once.

Each question and option keeps a `unit_key` naming its texts for translators: an input that
carries one (read back by `question_input_from`) keeps it, so moving or removing a question
or an option leaves every other translation where it was; a new one gets a fresh key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kuza.learning.authoring.content import AuthoringError, clean_markdown, next_position
from kuza.learning.models import Lesson, Option, Question, Quiz
from kuza.translation.services import translation_sync_source


@dataclass(frozen=True)
class OptionInput:
    text: str
    correct: bool = False
    feedback: str = ""
    feedback_unselected: str = ""
    unit_key: int = 0  # 0: a new option


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    prompt: str = ""
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
    answer_unit: str = ""  # text and number questions: shown after the answer box, e.g. "%"
    unit_key: int = 0  # 0: a new question


def _unit_keys(wanted: list[int], *, above: int = 0) -> list[int]:
    """Each distinct key kept; zeros and repeats get fresh keys above every key in use."""
    kept: set[int] = set()
    top = max([above, *wanted])
    keys = []
    for key in wanted:
        if key and key not in kept:
            kept.add(key)
            keys.append(key)
        else:
            top += 1
            keys.append(top)
    return keys


def _check_question(question: QuestionInput) -> None:
    if question.kind not in Question.Kind.values:
        raise AuthoringError(_("Unknown kind of question: %(kind)s") % {"kind": question.kind})
    if question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
        if len(question.options) < 2:
            raise AuthoringError(_("A choice question needs at least two options."))
        correct = sum(option.correct for option in question.options)
        if question.kind == Question.Kind.SINGLE and correct != 1:
            raise AuthoringError(_("A single-choice question needs exactly one correct option."))
        if any(not option.text.strip() for option in question.options):
            raise AuthoringError(_("Every option needs its text."))
    if question.kind == Question.Kind.TEXT:
        if not any(answer.strip() for answer in question.accepted_answers):
            raise AuthoringError(_("A short-text question needs at least one accepted answer."))
        if question.regex:
            for answer in question.accepted_answers:
                try:
                    re.compile(answer)
                except re.error:
                    raise AuthoringError(
                        _("%(answer)s is not a valid regular expression.") % {"answer": answer}
                    ) from None
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
        in_use = quiz.questions.aggregate(top=Max("unit_key"))["top"] or 0
        keys = _unit_keys([question.unit_key for question in questions], above=in_use)
        quiz.questions.all().delete()
        for position, (question, unit_key) in enumerate(zip(questions, keys, strict=True), 1):
            stored = Question.objects.create(
                quiz=quiz,
                position=position,
                unit_key=unit_key,
                kind=question.kind,
                prompt=clean_markdown(question.prompt),
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
                answer_unit=question.answer_unit.strip(),
            )
            Option.objects.bulk_create(
                Option(
                    question=stored,
                    position=index,
                    unit_key=option_key,
                    text=option.text,
                    correct=option.correct,
                    feedback=option.feedback,
                    feedback_unselected=option.feedback_unselected,
                )
                for index, (option, option_key) in enumerate(
                    zip(
                        question.options,
                        _unit_keys([option.unit_key for option in question.options]),
                        strict=True,
                    ),
                    start=1,
                )
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
    _check_quiz_settings(title=title, pass_mark=pass_mark, max_attempts=max_attempts)
    with transaction.atomic():
        quiz = Quiz.objects.create(
            course=lesson.course,
            lesson=lesson,
            title=title,
            intro=clean_markdown(intro),
            pass_mark=pass_mark,
            max_attempts=max_attempts,
            position=next_position(lesson.quizzes.all()),
        )
        quiz_questions_replace(quiz=quiz, questions=questions)
    return quiz


def _check_quiz_settings(*, title: str, pass_mark: int, max_attempts: int) -> None:
    if not title.strip():
        raise AuthoringError(_("A quiz needs a title."))
    if not 0 <= pass_mark <= 100:
        raise AuthoringError(_("The pass mark is a percentage, from 0 to 100."))
    if max_attempts < 0:
        raise AuthoringError(_("Attempts allowed: 0 for no limit, or a positive number."))


def quiz_update(
    *,
    quiz: Quiz,
    title: str,
    intro: str = "",
    explanation: str = "",
    hints: Sequence[str] | None = None,
    pass_mark: int = 70,
    max_attempts: int = 0,
) -> Quiz:
    """Change a quiz's settings and texts; `hints` (Markdown, in the order learners reveal
    them) replaces the quiz's hints, None leaves them."""
    _check_quiz_settings(title=title, pass_mark=pass_mark, max_attempts=max_attempts)
    quiz.title = title.strip()
    quiz.intro = clean_markdown(intro)
    quiz.explanation = clean_markdown(explanation)
    if hints is not None:
        quiz.hints = [text for text in (clean_markdown(hint) for hint in hints) if text.strip()]
    quiz.pass_mark = pass_mark
    quiz.max_attempts = max_attempts
    with transaction.atomic():
        quiz.save()
    return quiz


def question_input_from(question: Question) -> QuestionInput:
    """A stored question as the input that would write it again unchanged."""
    return QuestionInput(
        kind=question.kind,
        prompt=question.prompt,
        options=tuple(
            OptionInput(
                text=option.text,
                correct=option.correct,
                feedback=option.feedback,
                feedback_unselected=option.feedback_unselected,
                unit_key=option.unit_key,
            )
            for option in question.options.all()
        ),
        accepted_answers=tuple(question.accepted_answers or ()),
        wrong_answer_feedback=dict(question.wrong_answer_feedback or {}),
        case_sensitive=question.case_sensitive,
        accent_insensitive=question.accent_insensitive,
        regex=question.regex,
        numeric_answer=question.numeric_answer,
        tolerance=question.tolerance,
        tolerance_kind=question.tolerance_kind,
        combination_feedback=tuple(question.combination_feedback or ()),
        explanation=question.explanation,
        correct_feedback=question.correct_feedback,
        answer_unit=question.answer_unit,
        unit_key=question.unit_key,
    )


def _current_inputs(quiz: Quiz) -> list[QuestionInput]:
    return [question_input_from(q) for q in quiz.questions.prefetch_related("options")]


def _check_position(inputs: list[QuestionInput], position: int) -> None:
    if not 1 <= position <= len(inputs):
        raise AuthoringError(_("This quiz has no question %(number)s.") % {"number": position})


def question_save(*, quiz: Quiz, question: QuestionInput, position: int | None = None) -> int:
    """Add the question at the end (position None) or replace question `position`.

    Combination feedback names options by position, so it is kept only while the number of
    options is unchanged. Returns the question's position.
    """
    with transaction.atomic():
        Quiz.objects.select_for_update().filter(pk=quiz.pk).first()
        inputs = _current_inputs(quiz)
        if position is None:
            inputs.append(question)
            position = len(inputs)
        else:
            _check_position(inputs, position)
            old = inputs[position - 1]
            if len(old.options) != len(question.options) or old.kind != question.kind:
                question = replace(question, combination_feedback=())
            elif not question.combination_feedback:
                # The web form does not edit it: keep what the question had.
                question = replace(question, combination_feedback=old.combination_feedback)
            # Still the same question for translators.
            question = replace(question, unit_key=old.unit_key)
            inputs[position - 1] = question
        quiz_questions_replace(quiz=quiz, questions=inputs)
    return position


def question_move(*, quiz: Quiz, position: int, direction: Literal["up", "down"]) -> int:
    """Swap question `position` with its neighbour; returns its new position."""
    with transaction.atomic():
        Quiz.objects.select_for_update().filter(pk=quiz.pk).first()
        inputs = _current_inputs(quiz)
        _check_position(inputs, position)
        target = position - 1 if direction == "up" else position + 1
        if not 1 <= target <= len(inputs):
            return position
        inputs[position - 1], inputs[target - 1] = inputs[target - 1], inputs[position - 1]
        quiz_questions_replace(quiz=quiz, questions=inputs)
    return target


def question_delete(*, quiz: Quiz, position: int) -> None:
    with transaction.atomic():
        Quiz.objects.select_for_update().filter(pk=quiz.pk).first()
        inputs = _current_inputs(quiz)
        _check_position(inputs, position)
        del inputs[position - 1]
        quiz_questions_replace(quiz=quiz, questions=inputs)


def quiz_delete(*, quiz: Quiz) -> None:
    """Remove a quiz nobody has attempted (attempts are learners' records: they stay)."""
    with transaction.atomic():
        if quiz.attempts.exists():
            raise AuthoringError(
                _("Learners have attempted this quiz, so it stays; you can edit it instead.")
            )
        quiz.delete()
