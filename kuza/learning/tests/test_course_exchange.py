"""One translation exchange file (PO or XLIFF) per course: every text of the course, exported,
translated elsewhere and imported with the checks of any other exchange file."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET

import pytest
from babel.messages.pofile import read_po, write_po
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kuza.learning.importing import olx_import
from kuza.learning.models import Course, Lesson, LessonImage, Question
from kuza.learning.tests.olx_exports import one_vertical_export
from kuza.learning.tests.test_olx_data_images import png
from kuza.library.tests.factories import ToolkitFactory
from kuza.translation.models import TranslatableObject, UnitTranslation
from kuza.translation.services import translation_sync_source
from kuza.translation.tests.factories import TranslatorRoleFactory
from kuza.translation.xliff import XLIFF_NAMESPACE, parse_xml_safely

pytestmark = pytest.mark.django_db

# A text of each kind the course holds, as the file shows it.
EXPECTED = {
    "Farming basics": "course",  # course title
    "Soil": "module",
    "Lesson on soil": "lesson",
    "Healthy soil holds water.": "lesson",  # lesson body
    "A handful of dark soil": "lessonimage",  # alt text of an imported data: image
    "**Which soil holds more water?**": "quiz",  # a question (its label, in bold)
    "Clay": "quiz",  # an option
    "Yes: clay holds water.": "quiz",  # feedback on an option
    "Soil video": "placeholder",
}


@pytest.fixture
def course(tmp_path) -> Course:
    image = base64.b64encode(png()).decode()
    export = one_vertical_export(
        tmp_path / "export",
        """
        <html url_name="intro"/>
        <problem url_name="p1" display_name="Water">
          <multiplechoiceresponse>
            <label>Which soil holds more water?</label>
            <choicegroup type="MultipleChoice">
              <choice correct="true">Clay<choicehint>Yes: clay holds water.</choicehint></choice>
              <choice correct="false">Sand</choice>
            </choicegroup>
          </multiplechoiceresponse>
        </problem>
        <video url_name="v1" display_name="Soil video" youtube_id_1_0="abc"/>
        """,
        {
            "html/intro.xml": '<html filename="intro"/>',
            "html/intro.html": (
                "<p>Healthy soil holds water.</p>"
                f'<p><img alt="A handful of dark soil" src="data:image/png;base64,{image}"></p>'
            ),
        },
    )
    for name, old, new in (
        ("course/run1.xml", 'display_name="Test course"', 'display_name="Farming basics"'),
        ("course/run1.xml", 'display_name="Chapter one"', 'display_name="Soil"'),
        ("course/run1.xml", 'display_name="Lesson one"', 'display_name="Lesson on soil"'),
    ):
        path = export / name
        path.write_text(path.read_text().replace(old, new))
    olx_import(path=export)
    return Course.objects.get()


@pytest.fixture
def translator(client):
    role = TranslatorRoleFactory(language="fr")
    client.force_login(role.user)
    return role.user


def _translatable(obj) -> TranslatableObject:
    return TranslatableObject.objects.get(
        content_type__model=obj._meta.model_name, object_id=obj.pk
    )


def _export(client, obj, file_format="po") -> bytes:
    url = reverse("translation:export_whole", args=[_translatable(obj).pk, "fr", file_format])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def _translate_po(data: bytes, translate) -> bytes:
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.id:
            message.string = translate(message.id)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def _upload(client, data: bytes, name: str):
    return client.post(
        reverse("translation:import"), {"language": "fr", "file": SimpleUploadedFile(name, data)}
    )


def _french(text: str) -> str:
    return f"FR {text}"


def test_one_file_holds_every_text_of_the_course_in_reading_order(client, translator, course):
    catalog = read_po(io.BytesIO(_export(client, course)))
    messages = [message for message in catalog if message.id]
    kinds = {
        message.id.strip(): message.context.split(".", 1)[1].split(":")[0] for message in messages
    }
    for text, model in EXPECTED.items():
        assert kinds.get(text) == model, (text, sorted(kinds))
    order = [message.id.strip() for message in messages]
    assert order.index("Farming basics") < order.index("Soil") < order.index("Lesson on soil")
    assert order.index("Healthy soil holds water.") < order.index(
        "**Which soil holds more water?**"
    )
    # The same units as the objects' own files, nothing else.
    one_by_one = set()
    for obj in [course, *course_objects(course)]:
        response = client.get(
            reverse("translation:export_object", args=[_translatable(obj).pk, "fr", "po"])
        )
        one_by_one |= {m.context for m in read_po(io.BytesIO(response.content)) if m.id}
    assert {message.context for message in messages} == one_by_one


def course_objects(course: Course) -> list:
    lesson = Lesson.objects.get(course=course)
    return [
        lesson.module,
        lesson,
        *LessonImage.objects.filter(lesson=lesson),
        *lesson.quizzes.all(),
        *lesson.placeholders.all(),
    ]


def test_the_translated_file_imports_and_the_course_reads_in_french(client, translator, course):
    exported = _export(client, course)
    count = sum(1 for message in read_po(io.BytesIO(exported)) if message.id)

    page = _upload(client, _translate_po(exported, _french), "course.fr.po").content.decode()

    assert f"{count} translations saved" in page
    assert UnitTranslation.objects.filter(language="fr", translator=translator).count() == count
    client.cookies["django_language"] = "fr"
    lesson = Lesson.objects.get()
    html = client.get(reverse("learning:lesson", args=[course.slug, lesson.pk])).content.decode()
    assert "FR Healthy soil holds water." in html and "FR Lesson on soil" in html
    quiz = lesson.quizzes.get()
    html = client.get(reverse("learning:quiz", args=[course.slug, quiz.pk])).content.decode()
    assert "FR <strong>Which soil holds more water?</strong>" in html and "FR Clay" in html


def test_the_course_file_also_travels_as_xliff(client, translator, course):
    root = parse_xml_safely(_export(client, course, "xliff"))
    namespace = {"x": XLIFF_NAMESPACE}
    units = root.findall(".//x:trans-unit", namespace)
    assert {unit.find("x:source", namespace).text.strip() for unit in units} >= set(EXPECTED)
    for unit in units:
        target = unit.makeelement(f"{{{XLIFF_NAMESPACE}}}target", {"state": "translated"})
        target.text = _french(unit.find("x:source", namespace).text)
        unit.append(target)

    page = _upload(client, ET.tostring(root, encoding="utf-8"), "course.xlf").content.decode()

    assert f"{len(units)} translations saved" in page


def test_a_damaged_course_file_is_refused_clearly_and_changes_nothing(client, translator, course):
    translated = _translate_po(_export(client, course), _french)

    response = _upload(client, translated[: len(translated) // 2], "course.fr.po")

    assert response.status_code == 200
    assert "The file cannot be imported" in response.content.decode()
    assert not UnitTranslation.objects.exists()


def test_a_course_file_after_the_course_changed_reports_the_conflicts(client, translator, course):
    exported = _export(client, course)
    question = Question.objects.get()
    question.prompt = question.prompt.replace("holds more water", "drains faster")
    question.save()
    question.quiz.save()  # re-syncs the quiz's units, as the authoring pages do

    page = _upload(client, _translate_po(exported, _french), "course.fr.po").content.decode()

    assert "1 conflict: not imported" in page
    assert not UnitTranslation.objects.filter(unit__text__contains="holds more water").exists()
    assert UnitTranslation.objects.filter(text="FR Healthy soil holds water.").exists()


def test_the_course_page_offers_the_whole_file_and_a_lesson_page_does_not(
    client, translator, course
):
    page = client.get(reverse("translation:object", args=[_translatable(course).pk]))
    whole = reverse("translation:export_whole", args=[_translatable(course).pk, "fr", "xliff"])
    assert whole in page.content.decode()
    lesson = _translatable(Lesson.objects.get())
    assert (
        "/all." not in client.get(reverse("translation:object", args=[lesson.pk])).content.decode()
    )
    url = reverse("translation:export_whole", args=[lesson.pk, "fr", "po"])
    assert client.get(url).status_code == 404


def test_one_file_holds_a_toolkit_with_its_steps_and_checklists(client, translator):
    toolkit = ToolkitFactory(
        title="Run a workshop", steps=[("Prepare", ["Book a room"]), ("Run", ["Welcome all"])]
    )
    for step in toolkit.steps.all():
        translation_sync_source(obj=step)  # the factory adds checklist items after the step
    catalog = read_po(io.BytesIO(_export(client, toolkit)))
    texts = [message.id for message in catalog if message.id]
    assert texts[0] == "Run a workshop"
    # Step by step: the first step's title and checklist, then the second's.
    first, second = ("Prepare", "Book a room"), ("Run", "Welcome all")
    assert max(map(texts.index, first)) < min(map(texts.index, second))

    page = _upload(client, _translate_po(_export(client, toolkit), _french), "toolkit.fr.po")
    assert f"{len(texts)} translations saved" in page.content.decode()
