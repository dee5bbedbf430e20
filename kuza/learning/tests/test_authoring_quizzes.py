"""Writing quizzes on the web: every question kind, feedback, pass mark, attempts; and every
form's validation errors, which leave what was stored as it was."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuza.learning import authoring, services
from kuza.learning.models import Course, Lesson, Module, Question, Quiz
from kuza.learning.tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory()


@pytest.fixture
def course(author):
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    course.authors.add(author)
    return course


@pytest.fixture
def quiz(client, author, course):
    client.force_login(author)
    lesson = Lesson.objects.get(course=course)
    client.post(
        reverse("learning:edit_quiz_add", args=[course.slug, lesson.pk]),
        {"quiz-title": "Check yourself"},
    )
    return Quiz.objects.get(course=course)


def new_question(client, quiz: Quiz, kind: str, data: dict):
    url = reverse("learning:edit_question_new", args=[quiz.course.slug, quiz.pk]) + f"?kind={kind}"
    return client.post(url, data)


SINGLE = {
    "prompt": "Which property records gender?",
    "explanation": "See Wikidata.",
    "o1_text": "P21",
    "o1_correct": "on",
    "o1_feedback": "Right: sex or gender.",
    "o2_text": "P27",
    "o2_feedback": "P27 is citizenship.",
}
MULTIPLE = {
    "prompt": "Which are reliable?",
    "o1_text": "A newspaper",
    "o1_correct": "on",
    "o2_text": "Her blog",
    "o2_unselected": "Right to leave it out.",
    "o3_text": "A book",
    "o3_correct": "on",
}
TEXT = {
    "prompt": "The item for humans?",
    "accepted_answers": "Q5\nhuman\n",
    "accent_insensitive": "on",
    "wrong_answer_feedback": "Q6 | Q6 is not the item for humans.",
    "correct_feedback": "Yes.",
}
NUMERIC = {
    "prompt": "380 of 2000, in %?",
    "numeric_answer": "19",
    "tolerance": "5",
    "tolerance_kind": "percent",
}


def test_a_quiz_with_every_kind_of_question_is_written_and_graded(client, author, quiz):
    edit = reverse("learning:edit_quiz", args=[quiz.course.slug, quiz.pk])
    for kind, data in (
        ("single", SINGLE),
        ("multiple", MULTIPLE),
        ("text", TEXT),
        ("numeric", NUMERIC),
    ):
        assert new_question(client, quiz, kind, data)["Location"] == edit
    client.post(
        edit,
        {
            "title": "Check yourself",
            "intro": "Four *questions*.",
            "explanation": "Well done.",
            "pass_mark": "75",
            "max_attempts": "2",
        },
    )
    quiz.refresh_from_db()
    assert (quiz.pass_mark, quiz.max_attempts, quiz.intro) == (75, 2, "Four *questions*.")
    single, multiple, text, numeric = quiz.questions.order_by("position")
    assert [o.feedback for o in single.options.all()] == [
        "Right: sex or gender.",
        "P27 is citizenship.",
    ]
    assert multiple.options.get(position=2).feedback_unselected == "Right to leave it out."
    assert text.accepted_answers == ["Q5", "human"] and text.accent_insensitive
    assert text.wrong_answer_feedback == {"Q6": "Q6 is not the item for humans."}
    assert (numeric.numeric_answer, numeric.tolerance, numeric.tolerance_kind) == (
        19,
        5,
        "percent",
    )
    page = client.get(edit).content.decode()
    assert "Which property records gender?" in page and "Q5 · human" in page

    learner = UserFactory()
    enrolment = services.enrolment_create(user=learner, course=quiz.course)
    attempt = services.quiz_submit(
        enrolment=enrolment,
        quiz=quiz,
        responses={"q1": "1", "q2": ["1", "3"], "q3": "Human", "q4": "19.9"},
    )
    assert attempt.passed and attempt.score == 100
    client.force_login(learner)
    result = client.get(
        reverse("learning:attempt", args=[quiz.course.slug, quiz.pk, attempt.pk])
    ).content.decode()
    assert "Well done." in result  # the quiz's explanation, once passed
    assert (
        "Four <em>questions</em>."
        in client.get(reverse("learning:quiz", args=[quiz.course.slug, quiz.pk])).content.decode()
    )
    wrong = services.quiz_submit(
        enrolment=enrolment, quiz=quiz, responses={"q1": "2", "q2": ["1"], "q3": "Q6", "q4": "25"}
    )
    assert not wrong.passed
    assert "P27 is citizenship." in wrong.results[0]["feedback"]
    assert "Q6 is not the item for humans." in wrong.results[2]["feedback"]
    with pytest.raises(services.LearningError):  # two attempts allowed
        services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={})


def test_editing_moving_and_deleting_questions(client, author, quiz):
    for kind, data in (("single", SINGLE), ("text", TEXT), ("numeric", NUMERIC)):
        new_question(client, quiz, kind, data)
    slug = quiz.course.slug
    edit_first = reverse("learning:edit_question", args=[slug, quiz.pk, 1])
    page = client.get(edit_first).content.decode()
    assert 'value="P27 is citizenship."' in page  # the form shows what is stored
    # Add a third option to the single-choice question.
    client.post(edit_first, {**SINGLE, "o3_text": "P31", "o3_feedback": "P31 is instance of."})
    assert quiz.questions.get(position=1).options.count() == 3

    action = reverse("learning:edit_question_action", args=[slug, quiz.pk, 3])
    client.post(action, {"action": "up"})
    assert list(quiz.questions.order_by("position").values_list("kind", flat=True)) == [
        "single",
        "numeric",
        "text",
    ]
    client.post(
        reverse("learning:edit_question_action", args=[slug, quiz.pk, 1]), {"action": "delete"}
    )
    assert list(quiz.questions.order_by("position").values_list("kind", "position")) == [
        ("numeric", 1),
        ("text", 2),
    ]
    assert client.get(reverse("learning:edit_question", args=[slug, quiz.pk, 9])).status_code == 404


def test_a_quiz_without_questions_blocks_publishing_and_can_be_deleted(client, author, quiz):
    course = quiz.course
    Course.objects.filter(pk=course.pk).update(is_published=False)
    page = client.post(
        reverse("learning:edit_publish", args=[course.slug]), {"published": "1"}, follow=True
    ).content.decode()
    assert "has no questions yet" in page
    course.refresh_from_db()
    assert not course.is_published
    client.post(reverse("learning:edit_quiz_delete", args=[course.slug, quiz.pk]))
    assert not Quiz.objects.filter(pk=quiz.pk).exists()


def test_a_quiz_learners_attempted_is_not_deleted(client, author, quiz):
    new_question(client, quiz, "single", SINGLE)
    enrolment = services.enrolment_create(user=UserFactory(), course=quiz.course)
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "1"})
    page = client.post(
        reverse("learning:edit_quiz_delete", args=[quiz.course.slug, quiz.pk]), follow=True
    ).content.decode()
    assert "Learners have attempted this quiz" in page
    assert Quiz.objects.filter(pk=quiz.pk).exists()


# --- Validation: each form refuses bad input with a message, and nothing is written ----------


def _state(course: Course) -> tuple:
    course.refresh_from_db()
    return (
        course.title,
        course.completion_percent,
        list(Module.objects.filter(course=course).values_list("title", flat=True)),
        list(Lesson.objects.filter(course=course).values_list("title", "body")),
        list(Quiz.objects.filter(course=course).values_list("title", "pass_mark", "max_attempts")),
        list(Question.objects.filter(quiz__course=course).values_list("kind", "prompt")),
    )


COURSE_OK = {
    "course-title": "A title",
    "course-summary": "",
    "course-language": "en",
    "course-self_paced": "1",
    "course-completion_rule": "all",
    "course-completion_percent": "80",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"course-title": ""}, "This field is required."),
        ({"course-completion_percent": "0"}, "greater than or equal to 1"),
        ({"course-completion_percent": "101"}, "less than or equal to 100"),
        ({"course-language": "xx-nowhere"}, "Select a valid choice"),
        ({"course-completion_rule": "whenever"}, "Select a valid choice"),
    ],
)
def test_course_form_errors(client, author, course, change, message):
    client.force_login(author)
    before = _state(course)
    response = client.post(
        reverse("learning:edit_course", args=[course.slug]), {**COURSE_OK, **change}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert _state(course) == before


def test_new_course_form_errors(client, author, course):
    client.force_login(author)  # an author of a course may start another
    response = client.post(reverse("learning:course_new"), {"title": "  ", "language": "en"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Course.objects.count() == 1


def test_module_and_lesson_form_errors(client, author, course):
    client.force_login(author)
    before = _state(course)
    module = course.modules.get()
    lesson = Lesson.objects.get(course=course)
    for url, data in (
        (reverse("learning:edit_module_add", args=[course.slug]), {"module-title": " "}),
        (
            reverse("learning:edit_module", args=[course.slug, module.pk]),
            {"title": "", "rename": "1"},
        ),
        (
            reverse("learning:edit_module", args=[course.slug, module.pk]),
            {"lesson-title": "", "add_lesson": "1"},
        ),
        (
            reverse("learning:edit_lesson", args=[course.slug, lesson.pk]),
            {"title": "", "body": "x"},
        ),
        (
            reverse("learning:edit_lesson", args=[course.slug, lesson.pk]),
            {"title": "t" * 201, "body": "x"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert "errors" in response.content.decode()
    assert _state(course) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"pass_mark": "101"}, "less than or equal to 100"),
        ({"pass_mark": "-1"}, "greater than or equal to 0"),
        ({"max_attempts": "-1"}, "greater than or equal to 0"),
        ({"max_attempts": "two"}, "Enter a whole number."),
    ],
)
def test_quiz_form_errors(client, author, quiz, change, message):
    before = _state(quiz.course)
    data = {"title": "Q", "intro": "", "explanation": "", "pass_mark": "70", "max_attempts": "0"}
    response = client.post(
        reverse("learning:edit_quiz", args=[quiz.course.slug, quiz.pk]), {**data, **change}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert _state(quiz.course) == before


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("single", {**SINGLE, "prompt": ""}, "This field is required."),
        ("single", {**SINGLE, "o2_correct": "on"}, "exactly one right option"),
        ("single", {**SINGLE, "o1_correct": ""}, "exactly one right option"),
        ("single", {"prompt": "?", "o1_text": "only", "o1_correct": "on"}, "at least two options"),
        ("single", {**SINGLE, "o3_feedback": "orphan"}, "Write the option, or clear its row."),
        ("multiple", {**MULTIPLE, "o1_correct": "", "o3_correct": ""}, "at least one right option"),
        ("text", {**TEXT, "accepted_answers": " \n "}, "at least one accepted answer"),
        (
            "text",
            {**TEXT, "accepted_answers": "Q(5", "regex": "on"},
            "not a valid regular expression",
        ),
        ("text", {**TEXT, "wrong_answer_feedback": "no separator"}, "wrong answer | feedback"),
        ("numeric", {**NUMERIC, "numeric_answer": ""}, "This field is required."),
        ("numeric", {**NUMERIC, "numeric_answer": "nineteen"}, "Enter a number."),
        ("numeric", {**NUMERIC, "tolerance": "-1"}, "greater than or equal to 0"),
        ("numeric", {**NUMERIC, "tolerance_kind": "roughly"}, "Select a valid choice"),
    ],
)
def test_question_form_errors(client, author, quiz, kind, data, message):
    new_question(client, quiz, "single", SINGLE)
    before = _state(quiz.course)
    response = new_question(client, quiz, kind, data)
    assert response.status_code == 400 and message in response.content.decode()
    # Editing the existing question with the same bad input fails the same way.
    if kind == "single":
        edit = reverse("learning:edit_question", args=[quiz.course.slug, quiz.pk, 1])
        response = client.post(edit, data)
        assert response.status_code == 400 and message in response.content.decode()
    assert _state(quiz.course) == before


def test_an_unknown_question_kind_is_not_found(client, author, quiz):
    assert new_question(client, quiz, "essay", {"prompt": "Why?"}).status_code == 404
    assert not quiz.questions.exists()


def test_services_refuse_what_forms_would_refuse(course):
    lesson = Lesson.objects.get(course=course)
    with pytest.raises(authoring.AuthoringError):
        authoring.quiz_create(lesson=lesson, title="Q", questions=(), pass_mark=120)
    with pytest.raises(authoring.AuthoringError):
        authoring.lesson_update(lesson=lesson, title=" ", body="")
    with pytest.raises(authoring.AuthoringError):
        authoring.course_update(
            course=course,
            title="T",
            summary="",
            language="en",
            completion_rule="all",
            completion_percent=0,
            self_paced=True,
        )
    quiz = authoring.quiz_create(lesson=lesson, title="Q", questions=())
    with pytest.raises(authoring.AuthoringError):
        authoring.question_save(
            quiz=quiz,
            question=authoring.QuestionInput(
                kind="text", prompt="?", accepted_answers=("a(",), regex=True
            ),
        )
    assert not quiz.questions.exists()


def test_authors_write_hints_that_learners_reveal_one_at_a_time(client, author, quiz):
    edit = reverse("learning:edit_quiz", args=[quiz.course.slug, quiz.pk])
    settings = {"title": "Q", "intro": "", "explanation": "", "pass_mark": "70"}
    client.post(
        edit,
        {
            **settings,
            "max_attempts": "0",
            "hints": "Think of *Wikidata*.\r\n---\r\nThe answer is \\(Q5\\).\r\n\r\n---\r\n  \r\n",
        },
    )
    quiz.refresh_from_db()
    assert quiz.hints == ["Think of *Wikidata*.", "The answer is \\(Q5\\)."]

    page = client.get(reverse("learning:quiz", args=[quiz.course.slug, quiz.pk])).content.decode()
    first, second = page.index("Hint 1 of 2"), page.index("Hint 2 of 2")
    assert "<em>Wikidata</em>" in page[first:second] and "</details>" not in page[first:second]
    assert "The answer is <math" in page

    form = client.get(edit).content.decode()
    assert "Think of *Wikidata*.\n\n---\n\nThe answer is \\(Q5\\)." in form
    client.post(edit, {**settings, "max_attempts": "0", "hints": ""})
    quiz.refresh_from_db()
    assert quiz.hints == []
