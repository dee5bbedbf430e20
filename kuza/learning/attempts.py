"""What a quiz attempt keeps of the questions it answered, and the rows of its results page.

Each stored result carries a snapshot of its question as the learner answered it: its
translation key, number, kind, source texts, options and the answer given. The results page
reads the snapshot, never the quiz's current questions by position, so an author who moves,
edits or removes questions later cannot pair a stored answer with another question. A text is
shown in the reader's language while the question's current source text is still the one
answered; otherwise as it was answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.safestring import SafeString

from kuza.core.markdown import render_markdown, render_plain_text
from kuza.learning.models import Question, Quiz, QuizAttempt
from kuza.learning.rendering import quiz_text, translated_quiz_texts, with_missing_images_shown
from kuza.translation.rendering import RenderedPart


def question_snapshot(question: Question, given: object) -> dict:
    """The question as answered, with the answer (option keys, or the text typed)."""
    return {
        "unit": question.unit_key or question.position,
        "number": question.position,
        "kind": question.kind,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "options": [
            {"key": option.key, "unit": option.unit_key or option.position, "text": option.text}
            for option in question.options.all()
        ],
        "given": given,
    }


@dataclass(frozen=True)
class AttemptRow:
    number: int
    html: SafeString
    picked: tuple[SafeString, ...]
    given: str
    explanation: SafeString
    # The feedback the learner was given, as stored with the attempt, formulas drawn.
    feedback: tuple[SafeString, ...]
    result: Mapping


def attempt_rows(attempt: QuizAttempt, quiz: Quiz, language: str | None = None) -> list[AttemptRow]:
    """One row per question the attempt answered, from its snapshot."""
    current = {
        question.unit_key or question.position: question
        for question in quiz.questions.prefetch_related("options")
    }
    parts = translated_quiz_texts(quiz, language)
    rows = []
    for index, result in enumerate(attempt.results, start=1):
        snapshot = result.get("question") or {}
        rows.append(_row(snapshot, result, current.get(snapshot.get("unit")), parts, index))
    return rows


def _row(
    snapshot: Mapping,
    result: Mapping,
    question: Question | None,
    parts: Mapping[str, RenderedPart],
    index: int,
) -> AttemptRow:
    prefix = f"q{snapshot.get('unit')}"

    def text(key: str, answered: str, now: str | None) -> str:
        # A translation is of the current text: used only while that is the text answered.
        return quiz_text(parts, key, answered) if now == answered else answered

    current_options = (
        {option.unit_key or option.position: option.text for option in question.options.all()}
        if question is not None
        else {}
    )
    given = snapshot.get("given")
    picked_keys = {str(key) for key in given} if isinstance(given, list) else {str(given)}
    picked = tuple(
        render_plain_text(
            text(f"{prefix}.o{option['unit']}", option["text"], current_options.get(option["unit"]))
        )
        for option in snapshot.get("options", [])
        if given not in (None, "") and str(option["key"]) in picked_keys
    )
    prompt = snapshot.get("prompt", "")
    explanation = snapshot.get("explanation", "")
    return AttemptRow(
        number=snapshot.get("number", index),
        html=with_missing_images_shown(
            render_markdown(text(prefix, prompt, question.prompt if question else None))
        ),
        picked=picked,
        given=given if isinstance(given, str) and not snapshot.get("options") else "",
        explanation=render_plain_text(
            text(f"{prefix}.explanation", explanation, question.explanation if question else None)
        ),
        feedback=tuple(render_plain_text(str(item)) for item in result.get("feedback") or ()),
        result=result,
    )
