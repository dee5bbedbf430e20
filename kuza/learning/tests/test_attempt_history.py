"""A results page shows each stored answer with the question it answered, whatever the
author changed in the quiz afterwards."""

from __future__ import annotations

import re

import pytest

from kuza.learning import authoring, services
from kuza.learning.authoring import OptionInput, QuestionInput
from kuza.learning.tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

# Question 1 right (P21), question 2 wrong (only the blog ticked), 3 right, 4 unanswered.
ANSWERS = {"q1": "1", "q2": ["2"], "q3": "Q5", "q4": ""}


@pytest.fixture
def attempted(client):
    course = make_course(modules=1)
    quiz = course.quizzes.get()
    learner = UserFactory()
    enrolment = services.enrolment_create(user=learner, course=course)
    attempt = services.quiz_submit(enrolment=enrolment, quiz=quiz, responses=ANSWERS)
    client.force_login(learner)
    return course, quiz, attempt


def _sections(client, course, quiz, attempt) -> dict[str, str]:
    """Each question's section on the results page, by the first words of its question."""
    page = client.get(f"/learn/{course.slug}/quizzes/{quiz.pk}/attempts/{attempt.pk}/")
    assert page.status_code == 200
    sections = re.findall(r'<section class="card">(.*?)</section>', page.content.decode(), re.S)
    found = {}
    for section in sections:
        for start in ("Which property", "Which are reliable", "Name the human", "380 of 2000"):
            if start in section:
                found[start] = section
    return found


def _check(sections: dict[str, str]) -> None:
    assert "P21" in sections["Which property"] and "not right" not in sections["Which property"]
    assert "Her own blog" in sections["Which are reliable"]
    assert "not right" in sections["Which are reliable"]
    assert "P21" not in sections["Which are reliable"]
    assert "Q5" in sections["Name the human"] and "not right" not in sections["Name the human"]
    assert "not answered" in sections["380 of 2000"]


def test_the_results_page_pairs_answers_with_their_questions(client, attempted):
    _check(_sections(client, *attempted))


def test_moving_a_question_after_an_attempt_leaves_its_results_with_their_questions(
    client, attempted
):
    course, quiz, attempt = attempted
    authoring.question_move(quiz=quiz, position=1, direction="down")
    authoring.question_move(quiz=quiz, position=3, direction="down")

    _check(_sections(client, course, quiz, attempt))


def test_deleting_and_adding_questions_and_options_leaves_past_results_as_they_were(
    client, attempted
):
    course, quiz, attempt = attempted
    authoring.question_delete(quiz=quiz, position=1)
    second = authoring.question_input_from(quiz.questions.get(position=1))
    # The author puts a new option first: option keys are positions, so they all shift.
    authoring.question_save(
        quiz=quiz,
        position=1,
        question=QuestionInput(
            kind="multiple",
            prompt="Which are reliable sources, again?",
            options=(OptionInput("A press release"), *second.options),
        ),
    )
    authoring.question_save(
        quiz=quiz, question=QuestionInput(kind="text", prompt="New?", accepted_answers=("x",))
    )

    sections = _sections(client, course, quiz, attempt)

    _check(sections)
    assert "A press release" not in sections["Which are reliable"]
    assert "again?" not in sections["Which are reliable"]


def test_past_results_are_in_the_readers_language_until_the_author_changes_the_text(client):
    from kuza.learning.tests.test_quiz_translation import choice, translate

    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    quiz = authoring.quiz_create(
        lesson=course.lessons.get(),
        title="Gaps",
        questions=[choice("Which project?", "Wikidata", "Wikibooks")],
    )
    translate(quiz, {"q1": "Quel projet ?", "q1.o1": "Wikidata (fr)"})
    learner = UserFactory()
    enrolment = services.enrolment_create(user=learner, course=course)
    attempt = services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "1"})
    client.force_login(learner)
    url = f"/learn/{course.slug}/quizzes/{quiz.pk}/attempts/{attempt.pk}/"

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Quel projet ?" in page and "Wikidata (fr)" in page

    authoring.question_save(
        quiz=quiz,
        position=1,
        question=choice("Which wiki project?", "Wikidata", "Wikibooks"),
    )
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # The question answered, not the new text nor a translation of something else.
    assert "Which project?" in page and "Quel projet" not in page
    assert "Which wiki project?" not in page and "Wikidata (fr)" in page


@pytest.mark.django_db(transaction=True)
def test_attempts_stored_before_snapshots_keep_the_questions_they_were_shown_with():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("learning", "0005_question_option_unit_keys")]
    after = [("learning", "0006_attempt_question_snapshots")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    course = old.get_model("learning", "Course").objects.create(title="Old", slug="old")
    module = old.get_model("learning", "Module").objects.create(course=course, title="M")
    lesson = old.get_model("learning", "Lesson").objects.create(
        course=course, module=module, title="L"
    )
    quiz = old.get_model("learning", "Quiz").objects.create(course=course, lesson=lesson, title="Q")
    question_model = old.get_model("learning", "Question")
    first = question_model.objects.create(
        quiz=quiz, position=1, unit_key=1, kind="single", prompt="Pick"
    )
    for position, text in enumerate(["Yes", "No"], 1):
        old.get_model("learning", "Option").objects.create(
            question=first, position=position, unit_key=position, text=text, correct=position == 1
        )
    question_model.objects.create(
        quiz=quiz, position=2, unit_key=2, kind="text", prompt="Say", accepted_answers=["hi"]
    )
    user = old.get_model("accounts", "User").objects.create(username="old-learner")
    enrolment = old.get_model("learning", "Enrolment").objects.create(user=user, course=course)
    results = [
        {"correct": True, "answered": True, "feedback": []},
        {"correct": False, "answered": True, "feedback": []},
    ]
    old.get_model("learning", "QuizAttempt").objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=1,
        score=50,
        passed=False,
        responses={"q1": "1", "q2": "bye"},
        results=results,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    stored = new.get_model("learning", "QuizAttempt").objects.get().results

    assert [item["correct"] for item in stored] == [True, False]
    assert stored[0]["question"]["prompt"] == "Pick" and stored[0]["question"]["given"] == "1"
    assert [option["text"] for option in stored[0]["question"]["options"]] == ["Yes", "No"]
    assert stored[1]["question"]["prompt"] == "Say" and stored[1]["question"]["given"] == "bye"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("learning"))
