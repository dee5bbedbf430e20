"""`kuza import-olx`: the real Open edX demo course, small exports, re-imports and archives."""

import io
import json
import re
import tarfile
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from kuza.core.conftest_helpers import require
from kuza.learning.importing import olx_import
from kuza.learning.models import Course, Lesson, Module, Placeholder, Question, Quiz
from kuza.learning.tests.olx_exports import one_vertical_export

pytestmark = pytest.mark.django_db


def demo_course_path() -> Path:
    return Path(settings.BASE_DIR).parent.parent / "shared" / "data" / "olx" / "openedx-demo-course"


def run_import(path) -> dict:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_olx", str(path), stdout=out, stderr=err)
    summary = json.loads(out.getvalue())
    summary["_report"] = err.getvalue().splitlines()
    return summary


@pytest.fixture
def demo_course():
    path = demo_course_path()
    require(
        path.is_dir(),
        f"the Open edX demo course export is not at {path} (../shared next to the repo)",
    )
    return path


# Independently verified for the parser in test_olx_demo_course.py.
DEMO_QUIZZES_BY_TYPE = {
    "choiceresponse": 2,
    "multiplechoiceresponse": 4,
    "numericalresponse": 2,
    "optionresponse": 2,
    "stringresponse": 4,
}


def test_importing_the_open_edx_demo_course_creates_the_expected_objects(demo_course):
    summary = run_import(demo_course)

    course = Course.objects.get()
    assert summary["created"] is True and summary["kuza_course"] == course.slug
    assert (summary["modules"], summary["lessons"], summary["quizzes"]) == (6, 17, 14)
    assert summary["quizzes_by_type"] == DEMO_QUIZZES_BY_TYPE
    assert summary["placeholders"] == 33
    assert summary["placeholders_by_type"]["video"] == 11
    assert summary["missing_static_files"] == 57 == len(summary["missing_static_file_names"])
    assert summary["warnings"] == 1
    # The database agrees with the summary.
    assert Module.objects.filter(course=course).count() == 6
    assert Lesson.objects.filter(course=course).count() == 17
    assert (
        dict(Counter(Quiz.objects.filter(course=course).values_list("source_type", flat=True)))
        == DEMO_QUIZZES_BY_TYPE
    )
    placeholders = Counter(
        Placeholder.objects.filter(course=course).values_list("block_type", flat=True)
    )
    assert dict(sorted(placeholders.items())) == summary["placeholders_by_type"]
    # 9 dropdowns in one problem, so more questions than quizzes.
    assert Question.objects.filter(quiz__course=course).count() == 21
    # Every placeholder and missing file is a line of the report.
    assert sum(line.startswith("placeholder ") for line in summary["_report"]) == 33
    assert sum(line.startswith("missing static file: ") for line in summary["_report"]) == 57


def test_reimporting_the_demo_course_updates_instead_of_duplicating(demo_course):
    run_import(demo_course)
    ids = {
        model: set(model.objects.values_list("pk", flat=True))
        for model in (Course, Module, Lesson, Quiz, Placeholder)
    }
    summary = run_import(demo_course)
    assert summary["created"] is False
    nothing = {"placeholders": [], "quizzes": [], "lessons": [], "modules": []}
    assert summary["archived"] == nothing and summary["restored"] == nothing
    for model, before in ids.items():
        assert set(model.objects.values_list("pk", flat=True)) == before, model


def test_imported_answers_grade_like_open_edx(demo_course):
    run_import(demo_course)
    from kuza.learning.grading import grade_question
    from kuza.learning.services import question_spec

    numerical = Quiz.objects.get(olx_key="problem/3b8100660f3947c198e0a9b35f7c6cf6").questions.get()
    assert grade_question(question_spec(numerical), "602").correct  # 600 ± 5
    assert not grade_question(question_spec(numerical), "606").correct
    dwarfs = Quiz.objects.get(olx_key="problem/3e5a945f54374fc7ababadc080660f2d").questions.get()
    assert grade_question(question_spec(dwarfs), " sleepy ").correct


def test_imported_pages_show_text_quizzes_placeholders_and_formulas(client, demo_course):
    run_import(demo_course)
    placeholder = Placeholder.objects.get(olx_key="video/0d9ca68c609b4251bb3eacccd28dea19")
    lesson = placeholder.lesson
    page = client.get(
        reverse("learning:lesson", args=[lesson.course.slug, lesson.pk])
    ).content.decode()
    assert "Not available here (video)" in page
    assert placeholder.display_name in page
    assert 'href="https://www.youtube.com/watch?v=8J4WuMdKCDM"' in page
    assert "<iframe" not in page and "<script" not in page and "\ue010" not in page
    # The same import serves the formulas (an import of the demo course takes seconds).
    _formulas_are_kept_as_tex_and_shown_as_mathml(client)


def _small_export(root: Path) -> Path:
    return one_vertical_export(
        root,
        """
        <html url_name="intro"/>
        <problem url_name="p1" display_name="Capital">
          <optionresponse>
            <label>Capital of Kenya?</label>
            <optioninput>
              <option correct="True">Nairobi</option><option correct="False">Mombasa</option>
            </optioninput>
          </optionresponse>
        </problem>
        <video url_name="v1" display_name="Welcome video" youtube_id_1_0="abc123"/>
        """,
        {
            "html/intro.xml": '<html filename="intro" display_name="Intro"/>',
            "html/intro.html": (
                '<p>Hello <img src="/static/map.png" alt="Map"> and '
                '<img src="/static/gone.png" alt="Gone"><script>alert(1)</script></p>'
            ),
            "static/map.png": "not really a png, but a file",
        },
    )


def test_html_is_sanitised_existing_static_files_copied_and_missing_ones_reported(tmp_path):
    export = _small_export(tmp_path / "export")
    summary = run_import(export)
    lesson = Lesson.objects.get()
    assert "<script" not in lesson.body and "alert" not in lesson.body
    assert summary["static_files_copied"] == 1
    assert summary["missing_static_file_names"] == ["gone.png"]
    assert "missing static file: gone.png" in summary["_report"]
    copied = [name for name in default_storage.listdir("learning/olx")[0]]
    assert len(copied) == 1
    assert default_storage.exists(f"learning/olx/{copied[0]}/map.png")
    assert f"![Map]({default_storage.url(f'learning/olx/{copied[0]}/map.png')})" in lesson.body
    # Kept in order: text, then the quiz, then the placeholder.
    body = lesson.body
    assert body.index("Hello") < body.index("quiz:problem/p1") < body.index("placeholder:video/v1")


def test_a_removed_block_is_archived_on_reimport_and_edits_update(tmp_path):
    export = _small_export(tmp_path / "export")
    run_import(export)
    vertical = (export / "course" / "run1.xml").read_text()
    (export / "course" / "run1.xml").write_text(
        vertical.replace(
            '<video url_name="v1" display_name="Welcome video" youtube_id_1_0="abc123"/>', ""
        ).replace('display_name="Lesson one"', 'display_name="Lesson one, revised"')
    )
    summary = run_import(export)
    assert summary["archived"]["placeholders"] == ["video/v1"]
    assert "archived (gone from this export): video/v1" in summary["_report"]
    assert not Placeholder.objects.exists() and Placeholder.all_objects.exists()
    assert Lesson.objects.get().title == "Lesson one, revised"


def test_a_tar_gz_export_imports_like_a_folder(tmp_path):
    export = _small_export(tmp_path / "export")
    archive = tmp_path / "course.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(export, arcname="course")
    summary = run_import(archive)
    assert (
        summary["modules"],
        summary["lessons"],
        summary["quizzes"],
        summary["placeholders"],
    ) == (1, 1, 1, 1)
    assert summary["static_files_copied"] == 1


def test_an_unreadable_export_is_a_command_error_and_changes_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError):
        call_command("import_olx", str(tmp_path / "empty"), stdout=io.StringIO())
    assert not Course.objects.exists()


def test_a_failure_midway_rolls_the_whole_import_back(tmp_path, settings):
    export = _small_export(tmp_path / "export")
    # Media storage that cannot be written: copying the static files, the import's last
    # step, fails after every course object was written.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    with pytest.raises(OSError):
        olx_import(path=export)
    assert not Course.objects.exists() and not Lesson.objects.exists() and not Quiz.objects.exists()


def test_an_image_the_export_lacks_shows_as_a_translated_note_naming_it(client, tmp_path):
    run_import(_small_export(tmp_path / "export"))
    lesson = Lesson.objects.get()
    url = reverse("learning:lesson", args=[lesson.course.slug, lesson.pk])

    page = client.get(url).content.decode()
    assert "gone.png" not in "".join(re.findall(r"<img\b[^>]*>", page))  # no broken image
    assert "[Image missing from the imported course: gone.png]" in page
    assert re.search(r'<img [^>]*src="[^"]*/map\.png"', page)  # the file the export has

    client.cookies["django_language"] = "fr"
    page = client.get(url).content.decode()
    assert "[Image absente du cours importé : gone.png]" in page


def _formulas_are_kept_as_tex_and_shown_as_mathml(client) -> None:
    # problem/3b81...: <label>What is \(120 \times 5\)? </label>; problem/9f89...: the
    # quadratic formula in the question's text and \(x = 2\) in its solution.
    simple = Quiz.objects.get(olx_key="problem/3b8100660f3947c198e0a9b35f7c6cf6")
    assert "\\(120 \\times 5\\)" in simple.questions.get().prompt  # TeX for translators
    roots = Quiz.objects.get(olx_key="problem/9f898b5307d841fcb03f5ee4eb206a9a")
    assert "\\(x^2 - 3x + 2 = 0\\)" in roots.questions.get().prompt
    assert "\\(x = 2\\)" in roots.explanation

    page = client.get(reverse("learning:quiz", args=[simple.course.slug, simple.pk]))
    html = page.content.decode()
    assert '<math display="inline"><mrow><mn>120</mn><mo>×</mo><mn>5</mn></mrow></math>' in html
    assert "\\(" not in html
    html = client.get(reverse("learning:quiz", args=[roots.course.slug, roots.pk])).content
    assert b"<msup><mi>x</mi><mn>2</mn></msup>" in html


def test_an_answer_unit_shows_after_the_answer_box_in_every_language(client, tmp_path):
    export = one_vertical_export(
        tmp_path / "export",
        """
        <problem url_name="share" display_name="Budget">
          <numericalresponse answer="25">
            <p>The budget: food 50, rent 150.</p>
            <label>What share goes to food?</label>
            <formulaequationinput trailing_text="%"/>
          </numericalresponse>
        </problem>
        """,
    )
    run_import(export)
    question = Question.objects.get()
    assert question.answer_unit == "%"
    assert question.prompt.index("The budget") < question.prompt.index("**What share")
    quiz = question.quiz
    html = client.get(reverse("learning:quiz", args=[quiz.course.slug, quiz.pk])).content.decode()
    assert re.search(r'<input [^>]*name="q1"[^>]*> <span>%</span>', html)


def test_an_option_that_is_a_picture_keeps_its_text_alternative(tmp_path):
    export = one_vertical_export(
        tmp_path / "export",
        """
        <problem url_name="animals" display_name="Animals">
          <multiplechoiceresponse>
            <label>Which one is a cat?</label>
            <choicegroup type="MultipleChoice">
              <choice correct="true"><img src="/static/cat.png" alt="A grey cat"/></choice>
              <choice correct="false"><img src="/static/dog.png"/></choice>
              <choice correct="false">A <b>fox</b> <img src="/static/fox.png" alt=""/></choice>
            </choicegroup>
          </multiplechoiceresponse>
        </problem>
        """,
    )
    run_import(export)
    options = Question.objects.get().options.order_by("position")
    assert [option.text for option in options] == ["[A grey cat]", "[dog.png]", "A fox [fox.png]"]
