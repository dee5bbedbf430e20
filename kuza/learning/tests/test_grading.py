"""Quiz grading (pure): every question type, with properties checked by hypothesis."""

from __future__ import annotations

import math
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kuza.learning.grading import (
    MultipleChoice,
    Numeric,
    Option,
    ShortText,
    SingleChoice,
    attempts_left,
    best_score,
    grade_multiple,
    grade_numeric,
    grade_quiz,
    grade_single,
    grade_text,
    normalise_text,
    parse_number,
)

keys = st.text(alphabet="abcdefgh", min_size=1, max_size=3)


@st.composite
def single_choices(draw):
    option_keys = draw(st.lists(keys, min_size=2, max_size=6, unique=True))
    right = draw(st.sampled_from(option_keys))
    options = tuple(
        Option(key, correct=key == right, feedback=f"feedback {key}") for key in option_keys
    )
    return SingleChoice(options), right


@st.composite
def multiple_choices(draw):
    option_keys = draw(st.lists(keys, min_size=1, max_size=6, unique=True))
    correct = draw(st.sets(st.sampled_from(option_keys)))
    options = tuple(
        Option(key, correct=key in correct, feedback=f"+{key}", feedback_unselected=f"-{key}")
        for key in option_keys
    )
    return MultipleChoice(options), frozenset(correct)


# --- Single choice -----------------------------------------------------------------------------


@given(single_choices())
def test_single_choice_is_right_only_for_the_correct_option(case):
    question, right = case
    for option in question.options:
        result = grade_single(question, option.key)
        assert result.correct == (option.key == right)
        assert result.answered
        assert result.feedback == (f"feedback {option.key}",)


@given(single_choices(), st.text(max_size=4))
def test_single_choice_unknown_or_missing_answer_is_unanswered_and_wrong(case, other):
    question, _right = case
    assume(other not in {option.key for option in question.options})
    for response in (other, None, ""):
        result = grade_single(question, response)
        assert not result.correct
        assert not result.answered


# --- Multiple choice ---------------------------------------------------------------------------


@given(multiple_choices(), st.data())
def test_multiple_choice_is_right_exactly_when_the_ticked_set_is_the_correct_set(case, data):
    question, correct = case
    ticked = data.draw(st.sets(st.sampled_from([option.key for option in question.options])))
    result = grade_multiple(question, frozenset(ticked))
    assert result.correct == (ticked == correct)


@given(multiple_choices(), st.data())
def test_multiple_choice_gives_per_option_feedback_for_ticked_and_unticked(case, data):
    question, _correct = case
    ticked = data.draw(st.sets(st.sampled_from([option.key for option in question.options])))
    result = grade_multiple(question, frozenset(ticked))
    expected = tuple(
        f"+{option.key}" if option.key in ticked else f"-{option.key}"
        for option in question.options
    )
    assert result.feedback == expected


@given(multiple_choices(), st.sets(st.text(alphabet="xyz", min_size=4, max_size=5)))
def test_multiple_choice_ignores_keys_that_are_not_options(case, junk):
    question, correct = case
    assert grade_multiple(question, frozenset(correct) | junk).correct


def test_multiple_choice_combination_feedback_replaces_per_option_feedback():
    question = MultipleChoice(
        (Option("a", True, "+a"), Option("b", False, "+b")),
        combination_feedback={("a", "b"): "Only a was right."},
    )
    assert grade_multiple(question, frozenset({"a", "b"})).feedback == ("Only a was right.",)
    assert grade_multiple(question, frozenset({"a"})).feedback == ("+a",)


# --- Short text ----------------------------------------------------------------------------------

words = st.text(
    alphabet=st.characters(categories=("L", "N"), exclude_characters="\u0130\u0131ßſﬅﬆ"),
    min_size=1,
    max_size=12,
)


@given(words, st.sampled_from([" ", "  ", "\t", "\u00a0", "\n"]))
def test_short_text_ignores_case_surrounding_and_repeated_spaces(word, space):
    question = ShortText(accepted=(f"{word} end",))
    assume(normalise_text(word) == normalise_text(word.swapcase()))
    typed = f"{space}{word.swapcase()}{space}{space}END{space}"
    assert grade_text(question, typed).correct


@given(words)
def test_short_text_case_sensitive_refuses_another_case(word):
    assume(word.swapcase() != word)
    assume(unicodedata.normalize("NFKC", word.swapcase()) != unicodedata.normalize("NFKC", word))
    question = ShortText(accepted=(word,), case_sensitive=True)
    assert grade_text(question, word).correct
    assert not grade_text(question, word.swapcase()).correct


@given(st.lists(words, min_size=1, max_size=5, unique=True), st.data())
def test_short_text_accepts_any_of_several_answers(answers, data):
    question = ShortText(accepted=tuple(answers))
    assert grade_text(question, data.draw(st.sampled_from(answers))).correct


def test_short_text_compares_unicode_compatibility_forms():
    # Full-width letters and the "ﬁ" ligature are the same text after NFKC.
    assert grade_text(ShortText(accepted=("Q5",)), "Ｑ５").correct
    assert grade_text(ShortText(accepted=("fine",)), "ﬁne").correct


def test_short_text_accents_count_unless_the_question_ignores_them():
    strict = ShortText(accepted=("sécurité",))
    lenient = ShortText(accepted=("sécurité",), accent_insensitive=True)
    assert not grade_text(strict, "securite").correct
    assert grade_text(lenient, "securite").correct
    assert grade_text(lenient, "SÉCURITÉ").correct
    # Decomposed accents (e + combining acute) equal precomposed ones.
    assert grade_text(strict, "se\u0301curite\u0301").correct


def test_short_text_regular_expressions_match_the_whole_answer():
    question = ShortText(accepted=("..bble",), regex=True)
    assert grade_text(question, "bubble").correct
    assert grade_text(question, " Pebble ").correct
    assert not grade_text(question, "bubbles").correct
    assert not grade_text(ShortText(accepted=("(",), regex=True), "(").correct  # invalid: no crash


def test_short_text_feedback_for_an_anticipated_wrong_answer():
    question = ShortText(accepted=("Q5",), wrong_answer_feedback={"Q42": "That is Douglas Adams."})
    result = grade_text(question, " q42")
    assert (result.correct, result.feedback) == (False, ("That is Douglas Adams.",))


@given(st.text(max_size=30))
def test_normalising_is_idempotent(text):
    once = normalise_text(text, accent_insensitive=True)
    assert normalise_text(once, accent_insensitive=True) == once


# --- Numbers -------------------------------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(finite, st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1))
def test_numeric_absolute_tolerance_accepts_inside_and_refuses_outside(answer, tolerance, share):
    question = Numeric(answer=answer, tolerance=tolerance)
    inside = answer + tolerance * share
    assert grade_numeric(question, repr(inside)).correct
    outside = answer + tolerance + max(1e-3, abs(answer) * 1e-6) + 1
    assert not grade_numeric(question, repr(outside)).correct


@given(finite.filter(lambda value: abs(value) > 1e-3), st.floats(min_value=0.1, max_value=50))
def test_numeric_percent_tolerance_scales_with_the_answer(answer, percent):
    question = Numeric(answer=answer, tolerance=percent, tolerance_kind="percent")
    allowed = abs(answer) * percent / 100
    assert grade_numeric(question, repr(answer + allowed * 0.99)).correct
    assert not grade_numeric(question, repr(answer + allowed * 1.01 + 1e-6 * abs(answer))).correct


def test_numeric_reads_numbers_as_people_write_them():
    assert parse_number("1,5") == 1.5
    assert parse_number("1 000") == 1000
    assert parse_number("1\u202f000,25") == 1000.25
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("−2") == -2
    assert parse_number("50 %") == 50
    assert parse_number("2e3") == 2000
    for text in ("", "abc", "nan", "inf", "1,2,3"):
        assert parse_number(text) is None


@given(finite)
def test_numeric_exact_answer_is_right_with_zero_tolerance(answer):
    assert grade_numeric(Numeric(answer=answer), repr(answer)).correct


def test_numeric_unreadable_answer_is_answered_but_wrong_and_blank_is_unanswered():
    question = Numeric(answer=6)
    assert (grade_numeric(question, "six").answered, grade_numeric(question, "six").correct) == (
        True,
        False,
    )
    assert not grade_numeric(question, "  ").answered


# --- Whole quizzes -------------------------------------------------------------------------------


@given(st.lists(st.booleans(), min_size=1, max_size=12), st.integers(min_value=0, max_value=100))
def test_quiz_score_is_the_share_of_right_answers_and_passes_at_the_mark(rights, mark):
    question = Numeric(answer=1)
    responses = ["1" if right else "2" for right in rights]
    result = grade_quiz([question] * len(rights), responses, pass_mark_percent=mark)
    assert math.isclose(result.score_percent, 100 * sum(rights) / len(rights))
    assert result.passed == (result.score_percent >= mark)


def test_quiz_needs_one_response_per_question():
    with pytest.raises(ValueError):
        grade_quiz([Numeric(answer=1)], [], pass_mark_percent=50)


@given(st.lists(st.floats(min_value=0, max_value=100), max_size=10))
def test_best_score_is_the_highest_attempt(scores):
    assert best_score(scores) == (max(scores) if scores else None)


@given(st.integers(min_value=0, max_value=10), st.integers(min_value=0, max_value=20))
def test_attempts_left_never_negative_and_unlimited_at_zero(limit, used):
    left = attempts_left(limit=limit, used=used)
    assert left is None if limit == 0 else left == max(0, limit - used)
