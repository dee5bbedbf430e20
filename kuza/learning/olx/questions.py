"""Quiz questions read from Open edX problems, one dataclass per supported response type.

Each question keeps what Kuza needs to show and grade it without Open edX: the answers, the
per-answer feedback and the explanation. `accepts()` follows Open edX's grading rules so the
Django layer grades imported questions the way learners were graded before.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

# Open edX compares numbers with this relative tolerance when a problem sets none, so that
# "0.3" still matches 0.1 + 0.2; Kuza keeps that behaviour for imported questions.
DEFAULT_RELATIVE_TOLERANCE_PERCENT = 0.001


@dataclass(frozen=True)
class Choice:
    html: str
    correct: bool
    # Multiple choice only has feedback for a selected choice; checkboxes can also explain
    # why leaving a choice unticked was right or wrong.
    feedback_when_selected: str = ""
    feedback_when_unselected: str = ""


@dataclass(frozen=True)
class CombinationFeedback:
    """Feedback shown when exactly this set of checkboxes is ticked (Open edX compoundhint)."""

    choice_positions: tuple[int, ...]  # 0-based positions in ChoiceQuestion.choices
    feedback: str


@dataclass(frozen=True)
class ChoiceQuestion:
    # multiplechoiceresponse: pick one (radio buttons); choiceresponse: tick all that apply.
    response_type: Literal["multiplechoiceresponse", "choiceresponse"]
    label: str
    description: str
    prompt_html: str
    explanation_html: str
    choices: tuple[Choice, ...]
    combination_feedback: tuple[CombinationFeedback, ...] = ()
    question_html: str = ""  # see QUESTION_HTML below

    @property
    def allows_several_answers(self) -> bool:
        return self.response_type == "choiceresponse"


@dataclass(frozen=True)
class DropdownOption:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class DropdownQuestion:
    response_type: Literal["optionresponse"]
    label: str
    description: str
    prompt_html: str
    explanation_html: str
    options: tuple[DropdownOption, ...]
    question_html: str = ""


@dataclass(frozen=True)
class AcceptedText:
    text: str  # a literal answer, or a regular expression when TextQuestion.regex is set
    feedback: str = ""


@dataclass(frozen=True)
class WrongTextFeedback:
    """Feedback for one anticipated wrong answer (Open edX stringequalhint)."""

    text: str
    feedback: str


@dataclass(frozen=True)
class TextQuestion:
    response_type: Literal["stringresponse"]
    label: str
    description: str
    prompt_html: str
    explanation_html: str
    accepted: tuple[AcceptedText, ...]  # the main answer first, then additional_answer ones
    case_sensitive: bool
    regex: bool
    wrong_answer_feedback: tuple[WrongTextFeedback, ...] = ()
    question_html: str = ""
    unit: str = ""  # text shown right after the answer box, such as "%" (trailing_text)

    def accepts(self, given: str) -> bool:
        # Open edX ignores surrounding spaces and matches a regular expression against the
        # whole answer, not a substring of it.
        given = given.strip()
        if self.regex:
            flags = 0 if self.case_sensitive else re.IGNORECASE
            return any(re.fullmatch(answer.text, given, flags) for answer in self.accepted)
        if self.case_sensitive:
            return any(given == answer.text for answer in self.accepted)
        folded = given.casefold()
        return any(folded == answer.text.casefold() for answer in self.accepted)


@dataclass(frozen=True)
class Tolerance:
    kind: Literal["absolute", "percent"]
    amount: float

    def allowed_difference(self, expected: float) -> float:
        if self.kind == "percent":
            return abs(expected) * self.amount / 100
        return self.amount


@dataclass(frozen=True)
class NumericalQuestion:
    response_type: Literal["numericalresponse"]
    label: str
    description: str
    prompt_html: str
    explanation_html: str
    answer: float
    tolerance: Tolerance | None  # None: the problem set none (Open edX's default applies)
    correct_feedback: str = ""
    question_html: str = ""
    unit: str = ""  # text shown right after the answer box, such as "%" (trailing_text)

    def accepts(self, given: float) -> bool:
        if not math.isfinite(given):
            return False
        tolerance = self.tolerance or Tolerance("percent", DEFAULT_RELATIVE_TOLERANCE_PERCENT)
        return abs(given - self.answer) <= tolerance.allowed_difference(self.answer)


Question = ChoiceQuestion | DropdownQuestion | TextQuestion | NumericalQuestion
# QUESTION_HTML: every question type's `question_html` is its whole text as the learner reads
# it, in the export's order: the label (in bold), the description and the other content,
# each where the author put it, so a label written after a table or picture stays below it.
# `label`, `description` and `prompt_html` are the same parts taken apart.
