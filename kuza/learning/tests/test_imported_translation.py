"""Imported Open edX lessons are translated unit by unit like authored ones, across re-imports."""

from __future__ import annotations

import re
import shutil

import pytest
from django.urls import reverse

from kuza.learning.importing import olx_import
from kuza.learning.models import Lesson, Placeholder, Quiz
from kuza.learning.rendering import shown_questions
from kuza.learning.tests.factories import UserFactory
from kuza.learning.tests.test_import_olx import demo_course_path
from kuza.learning.tests.test_olx_demo_course import needs_demo_course
from kuza.translation.models import SourceUnit, UnitTranslation

pytestmark = [pytest.mark.django_db, needs_demo_course]

# In the demo course's "Introduction to the Open edX® software" unit (html/d8535fed...,
# html/b6e5dc90...), next to the video placeholder 0d9ca68c.
KEPT = "edX.org was the original developer for the Open edX® software"
CHANGED = "While the two are related"
VIDEO = "video/0d9ca68c609b4251bb3eacccd28dea19"


def _unit(lesson: Lesson, starts_with: str) -> SourceUnit:
    return SourceUnit.objects.get(
        field__translatable__object_id=lesson.pk,
        field__translatable__content_type__model="lesson",
        field__field_name="body",
        removed=False,
        text__startswith=starts_with,
    )


def _translate(unit: SourceUnit, text: str) -> None:
    UnitTranslation.objects.create(
        unit=unit, language="fr", text=text, source_hash_at_translation=unit.source_hash
    )


def _main(client, lesson: Lesson) -> str:
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("learning:lesson", args=[lesson.course.slug, lesson.pk]))
    return re.search(r"<main[^>]*>(.*)</main>", page.content.decode(), re.S).group(1)


@pytest.fixture
def export(tmp_path):
    copy = tmp_path / "demo"
    shutil.copytree(demo_course_path(), copy)
    return copy


def test_imported_lesson_is_split_into_units_and_read_in_french_with_fallback(client, export):
    olx_import(path=export)
    lesson = Placeholder.objects.get(olx_key=VIDEO).lesson
    units = SourceUnit.objects.filter(
        field__translatable__object_id=lesson.pk,
        field__translatable__content_type__model="lesson",
        field__field_name="body",
    )
    assert units.count() >= 8
    # Markup is structure, not words to translate; markers never reach translators.
    assert not units.filter(text__contains="<").exists()
    assert not units.filter(text__contains="\ue010").exists()
    heading = _unit(lesson, "Introduction to the Open edX")
    assert heading.kind == "heading"

    _translate(heading, "Présentation du logiciel Open edX®")
    _translate(
        _unit(lesson, KEPT),
        "edX.org a d'abord développé le logiciel Open edX®, publié en source ouverte en 2013.",
    )
    main = _main(client, lesson)

    assert "<h2>Présentation du logiciel Open edX®</h2>" in main
    assert "publié en source ouverte en 2013." in main
    # Untranslated paragraphs are shown in English, marked as English.
    assert re.search(r'<span lang="en" dir="ltr">\s*' + CHANGED, main)
    # The video placeholder still stands where it was, between the paragraphs.
    assert "Not available here (video)" in main or "(video)" in main
    assert main.index("publié en source ouverte") < main.index(
        Placeholder.objects.get(olx_key=VIDEO).display_name
    )
    assert "\ue010" not in main


def test_reimporting_keeps_translations_and_flags_changed_paragraphs_outdated(client, export):
    olx_import(path=export)
    lesson = Placeholder.objects.get(olx_key=VIDEO).lesson
    kept, changed = _unit(lesson, KEPT), _unit(lesson, CHANGED)
    _translate(kept, "edX.org a d'abord développé le logiciel.")
    _translate(changed, "Bien que les deux soient liés, « edX » désigne la marque de 2U.")

    # The same export again: nothing changes, every translation is current.
    olx_import(path=export)
    assert _unit(lesson, KEPT).key == kept.key
    main = _main(client, lesson)
    assert "edX.org a d'abord développé le logiciel." in main
    assert "Bien que les deux soient liés" in main
    assert "out of date" not in main and "obsolète" not in main.lower()

    # The author edits one paragraph in Open edX and exports again.
    html = export / "html" / "b6e5dc9098e84e89834cda1082adeb25.html"
    html.write_text(
        html.read_text(encoding="utf-8").replace(CHANGED, "While the two names are related"),
        encoding="utf-8",
    )
    olx_import(path=export)
    revised = _unit(lesson, "While the two names are related")
    assert revised.key == changed.key  # the same unit, edited
    assert _unit(lesson, KEPT).key == kept.key
    main = _main(client, lesson)
    kept_at = main.index("edX.org a d'abord développé le logiciel.")
    changed_at = main.index("Bien que les deux soient liés")
    outdated = [match.start() for match in re.finditer(r'class="muted outdated"', main)]
    # Exactly one "may be out of date" note, right after the changed paragraph's translation.
    assert len(outdated) == 1 and outdated[0] > changed_at
    assert not kept_at < outdated[0] < changed_at


def test_imported_quiz_text_is_translatable(export):
    olx_import(path=export)
    quiz = Quiz.objects.get(olx_key="problem/3b8100660f3947c198e0a9b35f7c6cf6")
    question = quiz.questions.get()
    assert "What is" in question.prompt and "<" not in question.prompt
    unit = SourceUnit.objects.get(
        field__translatable__object_id=quiz.pk,
        field__translatable__content_type__model="quiz",
        field__field_name="questions",
        key="q1",
    )
    _translate(unit, "Combien font 120 fois 5 ?")
    assert "Combien font 120 fois 5 ?" in shown_questions(quiz, "fr")[0].html
    assert "What is" in shown_questions(quiz, "sw")[0].html


def test_every_imported_lesson_page_and_its_editor_fit_the_page_budget(client, export):
    from kuza.core.pagecheck import check_page

    course = olx_import(path=export).course
    client.force_login(UserFactory(is_staff=True))
    sizes = {}
    for lesson in Lesson.objects.filter(course=course):
        for name in ("learning:lesson", "learning:edit_lesson"):
            response = client.get(reverse(name, args=[course.slug, lesson.pk]))
            report = check_page(response.wsgi_request.path, response.content)
            sizes[report.url] = report.compressed_bytes
            assert not report.problems(), (report.url, report.problems())
    print("largest pages (gzip bytes):", sorted(sizes.values())[-3:])
