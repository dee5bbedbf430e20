"""The completion rule (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuza.learning.completion import Progress, is_complete


@st.composite
def progresses(draw):
    lessons = draw(st.integers(min_value=0, max_value=40))
    quizzes = draw(st.integers(min_value=0, max_value=15))
    return Progress(
        lessons_total=lessons,
        lessons_read=draw(st.integers(min_value=0, max_value=lessons)),
        quizzes_total=quizzes,
        quizzes_passed=draw(st.integers(min_value=0, max_value=quizzes)),
    )


@given(progresses())
def test_all_rule_needs_every_lesson_and_every_quiz(progress):
    expected = progress.items_total > 0 and (
        progress.lessons_read == progress.lessons_total
        and progress.quizzes_passed == progress.quizzes_total
    )
    assert is_complete(progress, rule="all") == expected


@given(progresses(), st.integers(min_value=1, max_value=100))
def test_percent_rule_compares_the_share_done(progress, percent):
    expected = progress.items_total > 0 and (
        progress.items_done / progress.items_total >= percent / 100 - 1e-12
    )
    assert is_complete(progress, rule="percent", percent=percent) == expected


@given(progresses(), st.integers(min_value=1, max_value=99))
def test_a_lower_percentage_is_never_harder(progress, percent):
    if is_complete(progress, rule="percent", percent=percent + 1):
        assert is_complete(progress, rule="percent", percent=percent)


@given(progresses())
def test_percent_shown_never_rounds_up_to_100(progress):
    assert (progress.percent == 100) == (
        progress.items_total > 0 and progress.items_done == progress.items_total
    )


def test_an_empty_course_is_never_complete():
    assert not is_complete(Progress(0, 0, 0, 0), rule="all")
    assert not is_complete(Progress(0, 0, 0, 0), rule="percent", percent=1)


def test_counts_must_be_consistent():
    with pytest.raises(ValueError):
        Progress(lessons_total=2, lessons_read=3, quizzes_total=0, quizzes_passed=0)
