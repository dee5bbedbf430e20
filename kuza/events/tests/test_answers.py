"""Validation of answers to registration questions, on its own."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuza.events.answers import MAX_ANSWER_LENGTH, AnswersInvalid, clean_answers
from kuza.events.models import Question


def question(pk: int, kind: str = "text", required: bool = False, choices: str = "") -> Question:
    return Question(pk=pk, label=f"Q{pk}", kind=kind, required=required, choices=choices)


def test_optional_questions_may_stay_empty_and_answers_are_trimmed():
    questions = [question(1), question(2)]
    assert clean_answers(questions, {1: "  Hello  ", 2: "   "}) == {1: "Hello"}


def test_every_problem_is_reported_at_once():
    questions = [
        question(1, required=True),
        question(2, kind="choice", choices="Yes\nNo"),
        question(3),
    ]
    with pytest.raises(AnswersInvalid) as problems:
        clean_answers(questions, {2: "Maybe", 3: "x" * (MAX_ANSWER_LENGTH + 1)})
    assert set(problems.value.errors) == {1, 2, 3}


def test_a_choice_must_be_one_of_the_options_exactly():
    choice = question(1, kind="choice", choices="Kiswahili\nFrançais")
    assert clean_answers([choice], {1: "Français"}) == {1: "Français"}
    with pytest.raises(AnswersInvalid):
        clean_answers([choice], {1: "français"})


@given(
    answers=st.dictionaries(st.integers(1, 6), st.text(max_size=30)),
    required=st.sets(st.integers(1, 3)),
)
def test_accepted_answers_only_answer_asked_questions_and_cover_every_required_one(
    answers, required
):
    questions = [question(pk, required=pk in required) for pk in (1, 2, 3)]
    try:
        cleaned = clean_answers(questions, answers)
    except AnswersInvalid as problems:
        assert set(problems.errors) <= {1, 2, 3}
        assert all(not str(answers.get(pk, "")).strip() for pk in problems.errors)
        return
    assert set(cleaned) <= {1, 2, 3}
    assert required <= set(cleaned)
    assert all(value == value.strip() and value for value in cleaned.values())
