"""Re-importing the real demo course never loses content: damaged exports fail as a whole,
content gone from a valid export is archived (attempts and translations kept), and restored
when it comes back."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kuza.learning import services
from kuza.learning.importing import olx_import
from kuza.learning.models import Lesson, Module, Placeholder, Quiz, QuizAttempt
from kuza.learning.tests.factories import UserFactory
from kuza.learning.tests.test_import_olx import demo_course_path
from kuza.learning.tests.test_olx_demo_course import needs_demo_course
from kuza.translation.models import SourceUnit, UnitTranslation

pytestmark = [pytest.mark.django_db, needs_demo_course]

# "Module 3: Ace the Assessments!", which holds most of the demo course's problems.
ASSESSMENTS = "d6780558bc3042c7ab6dd441a06d3478"


@pytest.fixture
def imported(tmp_path):
    """The demo course copied into tmp_path and imported, with an attempt and a translation
    in the assessments module, as a course in use would have."""
    export = tmp_path / "export"
    shutil.copytree(demo_course_path(), export)
    course = olx_import(path=export).course
    module = Module.objects.get(course=course, olx_key=f"chapter/{ASSESSMENTS}")
    quiz = Quiz.objects.filter(lesson__module=module).first()
    enrolment = services.enrolment_create(user=UserFactory(), course=course)
    attempt = services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={})
    unit = SourceUnit.objects.filter(
        field__translatable__object_id=quiz.lesson_id,
        field__translatable__content_type__model="lesson",
        removed=False,
    ).first()
    translation = UnitTranslation.objects.create(
        unit=unit, language="fr", text="Traduit", source_hash_at_translation=unit.source_hash
    )
    return export, course, quiz, attempt, translation


def _counts(course) -> tuple[int, ...]:
    return tuple(
        model.objects.filter(course=course).count() for model in (Module, Lesson, Quiz, Placeholder)
    )


def _import(export) -> None:
    call_command("import_olx", str(export), stdout=io.StringIO(), stderr=io.StringIO())


# Each is a file of the real export a damaged copy might cut short; one import serves all.
DAMAGEABLE = (
    f"chapter/{ASSESSMENTS}.xml",
    "sequential/f80c166b31da4a129f2d23f9fe8bb97b.xml",
    "html/013c611e421e43d6a10857ea388bf510.xml",
    "problem/3956d029fa74441cbfca3a97913ccaa8.xml",
    "policies/DemoCourse/policy.json",
)


def test_a_file_cut_in_half_or_missing_fails_the_import_naming_it_and_changes_nothing(imported):
    export, course, quiz, attempt, translation = imported
    before = _counts(course)
    for damaged in DAMAGEABLE:
        path = export / damaged
        whole = path.read_bytes()
        damages = [(whole[: len(whole) // 2], "not valid|malformed")]
        if not damaged.startswith("policies/"):  # an export may have no policy.json at all
            damages.append((None, "missing"))
        for broken, problem in damages:
            if broken is None:
                path.unlink()
            else:
                path.write_bytes(broken)
            with pytest.raises(CommandError, match=rf"{re.escape(damaged)}: .*({problem})"):
                _import(export)
            path.write_bytes(whole)
    assert _counts(course) == before
    assert QuizAttempt.objects.filter(pk=attempt.pk).exists()
    assert UnitTranslation.objects.filter(pk=translation.pk).exists()


def _drop_chapter(export) -> str:
    course_xml = export / "course" / "DemoCourse.xml"
    text = course_xml.read_text()
    pointer = f'<chapter url_name="{ASSESSMENTS}"/>'
    assert pointer in text
    course_xml.write_text(text.replace(pointer, ""))
    return text


def test_content_gone_from_a_valid_export_is_archived_then_restored(client, imported):
    export, course, quiz, attempt, translation = imported
    before = _counts(course)
    lessons_in_module = Lesson.objects.filter(module__olx_key=f"chapter/{ASSESSMENTS}").count()
    original = _drop_chapter(export)

    summary = olx_import(path=export).summary

    assert summary["archived"]["modules"] == [f"chapter/{ASSESSMENTS}"]
    assert len(summary["archived"]["lessons"]) == lessons_in_module
    assert f"{quiz.olx_key}" in summary["archived"]["quizzes"]
    assert _counts(course)[:2] == (before[0] - 1, before[1] - lessons_in_module)
    # Hidden from the outline, kept in the database with the learner's work and translations.
    page = client.get(reverse("learning:course", args=[course.slug])).content.decode()
    assert "Ace the Assessments" not in page
    assert Quiz.all_objects.get(pk=quiz.pk).archived_at is not None
    assert QuizAttempt.objects.get(pk=attempt.pk).quiz == quiz
    assert UnitTranslation.objects.filter(pk=translation.pk).exists()

    (export / "course" / "DemoCourse.xml").write_text(original)
    summary = olx_import(path=export).summary

    assert summary["restored"]["modules"] == [f"chapter/{ASSESSMENTS}"]
    assert summary["archived"] == {key: [] for key in summary["archived"]}
    assert _counts(course) == before
    assert (
        "Ace the Assessments"
        in client.get(reverse("learning:course", args=[course.slug])).content.decode()
    )
    assert UnitTranslation.objects.get(pk=translation.pk).text == "Traduit"
