"""Lessons imported while their text was stored as HTML become Markdown, markers included."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kuza.core.markdown import render_markdown
from kuza.learning.rendering import MARK

BEFORE = [("learning", "0001_initial")]
AFTER = [("learning", "0003_remove_imported_html_fields")]


@pytest.mark.django_db(transaction=True)
def test_imported_html_is_converted_to_markdown_and_nothing_is_lost():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    course = old.get_model("learning", "Course").objects.create(title="Old import", slug="old")
    module = old.get_model("learning", "Module").objects.create(course=course, title="M")
    lesson = old.get_model("learning", "Lesson").objects.create(
        course=course,
        module=module,
        title="L",
        body_format="html",
        body_html=(
            "<h2>Unit</h2><p>Before the <em>quiz</em>.</p>\n"
            f"<p>{MARK}quiz:problem/p1{MARK}</p>\n<ul><li>After</li></ul>"
        ),
    )
    quiz = old.get_model("learning", "Quiz").objects.create(
        course=course,
        lesson=lesson,
        title="Q",
        intro_html="<p>Look <strong>here</strong>.</p>",
        explanation_html="<p>Because.</p>",
        olx_key="problem/p1",
    )
    old.get_model("learning", "Question").objects.create(
        quiz=quiz, kind="text", prompt_html="<p>Capital of <em>Kenya</em>?</p>"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    lesson = new.get_model("learning", "Lesson").objects.get()
    assert lesson.body == (
        f"## Unit\n\nBefore the *quiz*.\n\n~~~\n{MARK}quiz:problem/p1{MARK}\n~~~\n\n- After\n"
    )
    quiz = new.get_model("learning", "Quiz").objects.get()
    assert (quiz.intro, quiz.explanation) == ("Look **here**.\n", "Because.\n")
    question = new.get_model("learning", "Question").objects.get()
    assert question.prompt == "Capital of *Kenya*?\n"
    assert "<em>Kenya</em>" in render_markdown(question.prompt)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("learning"))
