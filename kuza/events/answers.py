"""Validation of the answers people give to an event's registration questions.

Used by the registration form (to show errors next to each question) and again by the
registration service, which never trusts its caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from kuza.events.models import Question

MAX_ANSWER_LENGTH = 1000


class AnswersInvalid(ValueError):
    """Some answers are missing or not allowed; `errors` maps question ids to messages."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def clean_answers(questions: Iterable[Question], raw: Mapping[int, str]) -> dict[int, str]:
    """The trimmed, non-empty answers to `questions`; answers to other questions are ignored."""
    cleaned: dict[int, str] = {}
    errors: dict[int, str] = {}
    for question in questions:
        value = str(raw.get(question.pk) or "").strip()
        if not value:
            if question.required:
                errors[question.pk] = _("Please answer this question.")
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.options:
            errors[question.pk] = _("Choose one of the options given.")
        elif len(value) > MAX_ANSWER_LENGTH:
            errors[question.pk] = _("Please keep your answer under %(limit)s characters.") % {
                "limit": MAX_ANSWER_LENGTH
            }
        else:
            cleaned[question.pk] = value
    if errors:
        raise AnswersInvalid(errors)
    return cleaned
