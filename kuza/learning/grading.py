"""Quiz grading: pure functions over plain data, no Django.

Question types:

- single choice: one option picked (radio buttons, or an Open edX dropdown);
- multiple choice: tick all that apply, right only when exactly the correct set is ticked;
- short text: compared after normalising (Unicode NFKC, surrounding and repeated spaces, case
  unless case-sensitive, accents when accent-insensitive), against several accepted answers,
  or as regular expressions matched against the whole answer;
- numeric: within an absolute or percentage tolerance of the answer; "1,5" and "1 000" are
  read the way people write numbers in many languages.

A question scores 1 or 0 (Open edX's default, which Kuza keeps for imported courses); a quiz
scores the percentage of its questions answered right, and passes at its pass mark.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

# ---------------------------------------------------------------------------------------------
# Questions


@dataclass(frozen=True)
class Option:
    key: str
    correct: bool
    feedback: str = ""  # shown when the option is picked
    feedback_unselected: str = ""  # multiple choice: shown when the option is left unticked


@dataclass(frozen=True)
class SingleChoice:
    options: tuple[Option, ...]
    kind: Literal["single"] = "single"


@dataclass(frozen=True)
class MultipleChoice:
    options: tuple[Option, ...]
    # Feedback for one exact set of ticked options, keyed by the sorted option keys.
    combination_feedback: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    kind: Literal["multiple"] = "multiple"


@dataclass(frozen=True)
class ShortText:
    accepted: tuple[str, ...]
    case_sensitive: bool = False
    accent_insensitive: bool = False
    regex: bool = False
    # Feedback for anticipated wrong answers, keyed by the answer as written by the author.
    wrong_answer_feedback: Mapping[str, str] = field(default_factory=dict)
    correct_feedback: str = ""  # shown when the answer is right
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class Numeric:
    answer: float
    tolerance: float = 0.0
    tolerance_kind: Literal["absolute", "percent"] = "absolute"
    correct_feedback: str = ""  # shown when the answer is right
    kind: Literal["numeric"] = "numeric"

    def allowed_difference(self) -> float:
        if self.tolerance_kind == "percent":
            return abs(self.answer) * abs(self.tolerance) / 100
        return abs(self.tolerance)


Question = SingleChoice | MultipleChoice | ShortText | Numeric

# A learner's response: the picked option key(s) for choices, the typed text otherwise.
Response = str | frozenset[str] | None


@dataclass(frozen=True)
class QuestionResult:
    correct: bool
    answered: bool
    feedback: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        return 1 if self.correct else 0


@dataclass(frozen=True)
class QuizResult:
    questions: tuple[QuestionResult, ...]
    score_percent: float
    passed: bool


# ---------------------------------------------------------------------------------------------
# Text and numbers


_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_text(
    text: str, *, case_sensitive: bool = False, accent_insensitive: bool = False
) -> str:
    """The form two short answers are compared in."""
    text = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        text = unicodedata.normalize("NFKC", text.casefold())
    if accent_insensitive:
        text = unicodedata.normalize("NFKC", strip_accents(text))
    # Spaces last: removing an accent or folding a character can leave a space at an end.
    return _SPACES.sub(" ", text).strip()


_THOUSANDS_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f'](?=\d{3}(?!\d))")


def parse_number(text: str) -> float | None:
    """A number as people type it, or None: "1.5", "1,5", "-2", "1 000", "1e3", "50%" -> 50."""
    text = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    if text.endswith("%"):
        text = text[:-1].rstrip()
    text = _THOUSANDS_SPACE.sub("", text)
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    elif "," in text and "." in text:
        text = text.replace(",", "")  # "1,234.5": commas group thousands
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# ---------------------------------------------------------------------------------------------
# Grading


def _keys(response: Response) -> frozenset[str]:
    if response is None:
        return frozenset()
    if isinstance(response, str):
        return frozenset({response}) if response else frozenset()
    return frozenset(response)


def _text(response: Response) -> str:
    return response if isinstance(response, str) else ""


def grade_single(question: SingleChoice, response: Response) -> QuestionResult:
    picked = _keys(response)
    options = {option.key: option for option in question.options}
    if len(picked) != 1 or next(iter(picked)) not in options:
        return QuestionResult(correct=False, answered=False)
    option = options[next(iter(picked))]
    feedback = (option.feedback,) if option.feedback else ()
    return QuestionResult(correct=option.correct, answered=True, feedback=feedback)


def grade_multiple(question: MultipleChoice, response: Response) -> QuestionResult:
    known = {option.key for option in question.options}
    picked = _keys(response) & known
    correct_keys = {option.key for option in question.options if option.correct}
    combination = question.combination_feedback.get(tuple(sorted(picked)))
    if combination:
        feedback: tuple[str, ...] = (combination,)
    else:
        feedback = tuple(
            text
            for option in question.options
            if (text := option.feedback if option.key in picked else option.feedback_unselected)
        )
    # An empty tick set is an answer ("none of these") only when it is the right one.
    answered = bool(picked) or not correct_keys
    return QuestionResult(correct=picked == correct_keys, answered=answered, feedback=feedback)


def _text_matches(question: ShortText, given: str, accepted: str) -> bool:
    if question.regex:
        flags = 0 if question.case_sensitive else re.IGNORECASE
        try:
            return re.fullmatch(accepted, given, flags) is not None
        except re.error:
            return False
    return given == normalise_text(
        accepted,
        case_sensitive=question.case_sensitive,
        accent_insensitive=question.accent_insensitive,
    )


def grade_text(question: ShortText, response: Response) -> QuestionResult:
    raw = _text(response)
    if not raw.strip():
        return QuestionResult(correct=False, answered=False)
    if question.regex:
        given = unicodedata.normalize("NFKC", raw).strip()
    else:
        given = normalise_text(
            raw,
            case_sensitive=question.case_sensitive,
            accent_insensitive=question.accent_insensitive,
        )
    if any(_text_matches(question, given, accepted) for accepted in question.accepted):
        return QuestionResult(correct=True, answered=True, feedback=_right(question))
    normalised_given = normalise_text(
        raw, case_sensitive=question.case_sensitive, accent_insensitive=question.accent_insensitive
    )
    feedback = tuple(
        text
        for answer, text in question.wrong_answer_feedback.items()
        if text
        and normalise_text(
            answer,
            case_sensitive=question.case_sensitive,
            accent_insensitive=question.accent_insensitive,
        )
        == normalised_given
    )
    return QuestionResult(correct=False, answered=True, feedback=feedback)


def grade_numeric(question: Numeric, response: Response) -> QuestionResult:
    raw = _text(response)
    if not raw.strip():
        return QuestionResult(correct=False, answered=False)
    value = parse_number(raw)
    if value is None:
        return QuestionResult(correct=False, answered=True)
    # A hair of slack so that 0.1 + 0.2 still equals 0.3 when no tolerance is set.
    slack = 1e-9 * max(1.0, abs(question.answer))
    within = abs(value - question.answer) <= question.allowed_difference() + slack
    return QuestionResult(
        correct=within, answered=True, feedback=_right(question) if within else ()
    )


def _right(question: ShortText | Numeric) -> tuple[str, ...]:
    return (question.correct_feedback,) if question.correct_feedback else ()


def grade_question(question: Question, response: Response) -> QuestionResult:
    if isinstance(question, SingleChoice):
        return grade_single(question, response)
    if isinstance(question, MultipleChoice):
        return grade_multiple(question, response)
    if isinstance(question, ShortText):
        return grade_text(question, response)
    return grade_numeric(question, response)


def grade_quiz(
    questions: Sequence[Question], responses: Sequence[Response], *, pass_mark_percent: float
) -> QuizResult:
    """Grade every question; `responses` holds one response per question, in order."""
    if len(questions) != len(responses):
        raise ValueError("one response per question is needed")
    results = tuple(
        grade_question(question, response)
        for question, response in zip(questions, responses, strict=True)
    )
    score = 100.0 * sum(result.score for result in results) / len(results) if results else 0.0
    return QuizResult(questions=results, score_percent=score, passed=score >= pass_mark_percent)


def best_score(scores: Iterable[float]) -> float | None:
    """The learner's best score over their attempts, None before any attempt."""
    return max(scores, default=None)


def attempts_left(*, limit: int, used: int) -> int | None:
    """None when attempts are unlimited (limit 0)."""
    if limit <= 0:
        return None
    return max(0, limit - used)
