"""Quiz texts in the reader's language: every feedback is translatable, each translation stays
with its question and option when the author moves or removes others, and a translation
whose source changed is not shown (a stale option could point to the wrong answer)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from kuza.learning import authoring, services
from kuza.learning.authoring import OptionInput, QuestionInput
from kuza.learning.grading import Numeric, ShortText, grade_question
from kuza.learning.models import Lesson, Quiz
from kuza.learning.rendering import shown_questions
from kuza.learning.tests.factories import UserFactory, make_course
from kuza.translation.models import SourceUnit, UnitTranslation

pytestmark = pytest.mark.django_db


def units(quiz: Quiz) -> dict[str, SourceUnit]:
    return {
        unit.key: unit
        for unit in SourceUnit.objects.filter(
            field__translatable__object_id=quiz.pk,
            field__translatable__content_type__model="quiz",
            field__field_name="questions",
            removed=False,
        )
    }


def translate(quiz: Quiz, french: dict[str, str]) -> None:
    stored = units(quiz)
    for key, text in french.items():
        unit = stored[key]
        UnitTranslation.objects.create(
            unit=unit, language="fr", text=text, source_hash_at_translation=unit.source_hash
        )


def choice(prompt: str, *options: str) -> QuestionInput:
    return QuestionInput(
        kind="single",
        prompt=prompt,
        options=tuple(OptionInput(text, correct=index == 0) for index, text in enumerate(options)),
    )


@pytest.fixture
def author():
    return UserFactory()


@pytest.fixture
def quiz(author):
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    course.authors.add(author)
    return authoring.quiz_create(
        lesson=Lesson.objects.get(course=course),
        title="Gaps",
        questions=[
            choice("Which project?", "Wikidata", "Wikibooks", "Wikiquote"),
            choice("Which tool?", "Listeria", "Citoid"),
        ],
    )


FRENCH = {
    "q1": "Quel projet ?",
    "q1.o1": "Wikidata (fr)",
    "q1.o2": "Wikilivres",
    "q1.o3": "Wikiquote (fr)",
    "q2": "Quel outil ?",
    "q2.o1": "Listeria (fr)",
    "q2.o2": "Citoïd",
}


def french(quiz: Quiz) -> list[tuple[str, list[str]]]:
    quiz = Quiz.objects.get(pk=quiz.pk)
    return [
        (str(question.html), [str(option.html) for option in question.options])
        for question in shown_questions(quiz, "fr")
    ]


def test_moving_a_question_on_the_web_keeps_its_translations_with_it(client, author, quiz):
    translate(quiz, FRENCH)
    client.force_login(author)
    action = reverse("learning:edit_question_action", args=[quiz.course.slug, quiz.pk, 1])
    client.post(action, {"action": "down"})

    (first, first_options), (second, second_options) = french(quiz)
    assert "Quel outil ?" in first and first_options == ["Listeria (fr)", "Citoïd"]
    assert "Quel projet ?" in second
    assert second_options == ["Wikidata (fr)", "Wikilivres", "Wikiquote (fr)"]
    # Nothing for translators to redo: the same units, every translation still current.
    stored = units(quiz)
    assert set(stored) == set(FRENCH)
    for unit in stored.values():
        assert unit.translations.get(language="fr").source_hash_at_translation == unit.source_hash


def test_deleting_a_question_leaves_the_others_translated(client, author, quiz):
    translate(quiz, FRENCH)
    client.force_login(author)
    action = reverse("learning:edit_question_action", args=[quiz.course.slug, quiz.pk, 1])
    client.post(action, {"action": "delete"})

    ((prompt, options),) = french(quiz)
    assert "Quel outil ?" in prompt and options == ["Listeria (fr)", "Citoïd"]
    # A question added afterwards does not inherit the deleted question's translations.
    authoring.question_save(quiz=quiz, question=choice("Which licence?", "CC0", "CC BY-SA"))
    (_kept, (prompt, options)) = french(quiz)
    assert "Which licence?" in prompt and options == ["CC0", "CC BY-SA"]


def test_clearing_an_option_row_keeps_the_other_options_translations(client, author, quiz):
    translate(quiz, FRENCH)
    client.force_login(author)
    url = reverse("learning:edit_question", args=[quiz.course.slug, quiz.pk, 1])
    response = client.post(
        url,
        {
            "prompt": "Which project?",
            "o1_text": "Wikidata",
            "o1_correct": "on",
            "o2_text": "",  # Wikibooks removed
            "o3_text": "Wikiquote",
        },
    )
    assert response.status_code == 302

    (prompt, options), _second = french(quiz)
    assert "Quel projet ?" in prompt
    assert options == ["Wikidata (fr)", "Wikiquote (fr)"]


def test_an_edited_option_shows_its_new_source_not_the_stale_translation(client, author, quiz):
    translate(quiz, FRENCH)
    client.force_login(author)
    url = reverse("learning:edit_question", args=[quiz.course.slug, quiz.pk, 1])
    # The author makes Wikiquote the right answer and renames the first option.
    client.post(
        url,
        {
            "prompt": "Which project?",
            "o1_text": "Wikidata (old)",
            "o2_text": "Wikibooks",
            "o3_text": "Wikiquote",
            "o3_correct": "on",
        },
    )
    (prompt, options), _second = french(quiz)
    assert "Quel projet ?" in prompt
    assert options == ["Wikidata (old)", "Wikilivres", "Wikiquote (fr)"]
    # Confirming the new text brings the translation back.
    unit = units(quiz)["q1.o1"]
    UnitTranslation.objects.filter(unit=unit, language="fr").update(
        text="Wikidata (ancien)", source_hash_at_translation=unit.source_hash
    )
    assert french(quiz)[0][1][0] == "Wikidata (ancien)"


def test_feedback_on_right_answers_is_shown_and_translated(author):
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    quiz = authoring.quiz_create(
        lesson=Lesson.objects.get(course=course),
        title="Numbers",
        questions=[
            QuestionInput(
                kind="text",
                prompt="Item for humans?",
                accepted_answers=("Q5",),
                correct_feedback="Yes.",
            ),
            QuestionInput(
                kind="numeric", prompt="2 + 2?", numeric_answer=4, correct_feedback="Exactly."
            ),
        ],
    )
    translate(quiz, {"q1.feedback": "Oui.", "q2.feedback": "Exactement."})
    enrolment = services.enrolment_create(user=UserFactory(), course=course)
    right = services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "q5", "q2": "4"})
    assert [item["feedback"] for item in right.results] == [["Yes."], ["Exactly."]]
    wrong = services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "Q6", "q2": "5"})
    assert [item["feedback"] for item in wrong.results] == [[], []]
    with translation.override("fr"):
        right = services.quiz_submit(
            enrolment=enrolment, quiz=quiz, responses={"q1": "Q5", "q2": "4,0"}
        )
    assert [item["feedback"] for item in right.results] == [["Oui."], ["Exactement."]]


def test_the_pure_grader_gives_feedback_when_right_only():
    text = ShortText(accepted=("Q5",), correct_feedback="Yes.")
    assert grade_question(text, "q5").feedback == ("Yes.",)
    assert grade_question(text, "Q6").feedback == ()
    number = Numeric(answer=10, tolerance=1, correct_feedback="Close enough.")
    assert grade_question(number, "10.5").feedback == ("Close enough.",)
    assert grade_question(number, "12").feedback == ()


def test_feedback_on_wrong_answers_and_tick_combinations_is_translated():
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    quiz = authoring.quiz_create(
        lesson=Lesson.objects.get(course=course),
        title="Feedback",
        questions=[
            QuestionInput(
                kind="text",
                prompt="Item for humans?",
                accepted_answers=("Q5",),
                wrong_answer_feedback={"Q6": "Q6 is not human.", "Q7": "Q7 neither."},
            ),
            QuestionInput(
                kind="multiple",
                prompt="Reliable?",
                options=(OptionInput("A book", correct=True), OptionInput("A blog")),
                combination_feedback=({"options": [1, 2], "feedback": "Not the blog."},),
            ),
        ],
    )
    by_text = {unit.text: key for key, unit in units(quiz).items()}
    assert {"Q6 is not human.", "Q7 neither.", "Not the blog."} <= set(by_text)
    translate(
        quiz,
        {
            by_text["Q6 is not human."]: "Q6 n'est pas humain.",
            by_text["Not the blog."]: "Pas le blog.",
        },
    )
    enrolment = services.enrolment_create(user=UserFactory(), course=course)
    with translation.override("fr"):
        attempt = services.quiz_submit(
            enrolment=enrolment, quiz=quiz, responses={"q1": "Q6", "q2": ["1", "2"]}
        )
        other = services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "Q7"})
    assert [item["feedback"] for item in attempt.results] == [
        ["Q6 n'est pas humain."],
        ["Pas le blog."],
    ]
    assert other.results[0]["feedback"] == ["Q7 neither."]  # untranslated: the source


def test_editing_a_question_on_the_web_keeps_its_combination_feedback(client, author):
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    course.authors.add(author)
    quiz = authoring.quiz_create(
        lesson=Lesson.objects.get(course=course),
        title="Imported-like",
        questions=[
            QuestionInput(
                kind="multiple",
                prompt="Reliable?",
                options=(OptionInput("A book", correct=True), OptionInput("A blog")),
                combination_feedback=({"options": [1, 2], "feedback": "Not the blog."},),
            )
        ],
    )
    client.force_login(author)
    url = reverse("learning:edit_question", args=[course.slug, quiz.pk, 1])
    data = {"prompt": "Reliable sources?", "o1_text": "A book", "o1_correct": "on"}
    assert client.post(url, {**data, "o2_text": "A blog"}).status_code == 302
    question = quiz.questions.get()
    assert question.prompt == "Reliable sources?"
    assert question.combination_feedback == [{"options": [1, 2], "feedback": "Not the blog."}]
    # With another number of options the positions it names mean something else: dropped.
    client.post(url, {**data, "o2_text": "A blog", "o3_text": "A wiki"})
    assert quiz.questions.get().combination_feedback == []


@pytest.mark.django_db(transaction=True)
def test_existing_questions_and_options_keep_their_position_keys_after_migrating():
    before = [("learning", "0004_course_authors")]
    after = [("learning", "0005_question_option_unit_keys")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    course = old.get_model("learning", "Course").objects.create(title="Old", slug="old")
    module = old.get_model("learning", "Module").objects.create(course=course, title="M")
    lesson = old.get_model("learning", "Lesson").objects.create(
        course=course, module=module, title="L"
    )
    quiz = old.get_model("learning", "Quiz").objects.create(course=course, lesson=lesson, title="Q")
    question = old.get_model("learning", "Question").objects.create(
        quiz=quiz, kind="single", position=3, prompt="?"
    )
    old.get_model("learning", "Option").objects.create(question=question, position=2, text="a")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    assert new.get_model("learning", "Question").objects.get().unit_key == 3
    assert new.get_model("learning", "Option").objects.get().unit_key == 2

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("learning"))
