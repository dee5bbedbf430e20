"""TeX in imported quizzes beyond the question text: options, feedback and hints are drawn as
MathML on the quiz, results and offline pages, and kept as TeX for translators (#21 item 8).

The real Open edX demo course has formulas in a problem's demand hints (problem/9f89...);
none of its options or option feedback has one, so the test writes formulas into a copy of
its real multiple-choice problem with hints (problem/ef8c...).
"""

from __future__ import annotations

import re
import shutil

import pytest
from django.urls import reverse

from kuza.learning import offline, services
from kuza.learning.importing import olx_import
from kuza.learning.models import Quiz, QuizAttempt
from kuza.learning.rendering import quiz_hints
from kuza.learning.tests.factories import UserFactory
from kuza.learning.tests.test_import_olx import demo_course_path
from kuza.learning.tests.test_olx_demo_course import needs_demo_course

pytestmark = [pytest.mark.django_db, needs_demo_course]

ABACUS = "problem/ef8c3814d2ce47c6927a8310bba4b849"
ROOTS = "problem/9f898b5307d841fcb03f5ee4eb206a9a"
# The quadratic formula of the first hint of problem/9f89..., as MathML.
QUADRATIC = (
    "<msqrt><mrow><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi>"
    "</mrow></msqrt>"
)


@pytest.fixture
def course(tmp_path):
    copy = tmp_path / "demo"
    shutil.copytree(demo_course_path(), copy)
    abacus = copy / "problem" / "ef8c3814d2ce47c6927a8310bba4b849.xml"
    xml = abacus.read_text(encoding="utf-8")
    for old, new in (
        (
            '<choice correct="true">17</choice>',
            '<choice correct="true">\\(10 + 5 + 1 + 1\\)'
            "<choicehint>Right: \\(10 + 7 = 17\\).</choicehint></choice>",
        ),
        (
            '<choice correct="false">16</choice>',
            '<choice correct="false">\\(16\\)'
            "<choicehint>The last column is \\(5 + 1 + 1\\).</choicehint></choice>",
        ),
        (  # text before the question: the quiz's introduction
            "<multiplechoiceresponse>",
            '<p>Count the beads.<img src="/static/beads.png" alt="Beads"/></p>'
            "<multiplechoiceresponse>",
        ),
    ):
        assert old in xml
        xml = xml.replace(old, new, 1)
    abacus.write_text(xml, encoding="utf-8")
    return olx_import(path=copy).course


def _mathml(html: str) -> list[str]:
    return re.findall(r"<math [^>]*>.*?</math>", html)


def test_hints_are_imported_with_their_tex_and_revealed_one_at_a_time(client, course):
    roots = Quiz.objects.get(course=course, olx_key=ROOTS)
    # The three demand hints of the real export, TeX kept for translators.
    assert len(roots.hints) == 3
    assert "\\(x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\\)" in roots.hints[0]
    assert set(quiz_hints(roots)) == {"h1", "h2", "h3"}
    # Every demand hint of the demo course: 3 + 2 + 2 in three problems.
    assert sorted(len(q.hints) for q in Quiz.objects.filter(course=course) if q.hints) == [2, 2, 3]

    html = client.get(reverse("learning:quiz", args=[course.slug, roots.pk])).content.decode()
    assert QUADRATIC in html
    assert "\\(" not in html and "\\frac" not in html
    # Nested <details>: the second hint opens only inside the first.
    first, second = html.index("Hint 1 of 3"), html.index("Hint 2 of 3")
    assert first < second and "</details>" not in html[first:second]


def test_options_and_their_feedback_show_formulas_on_the_quiz_and_results(client, course):
    abacus = Quiz.objects.get(course=course, olx_key=ABACUS)
    question = abacus.questions.get()
    right = question.options.get(correct=True)
    assert right.text == "\\(10 + 5 + 1 + 1\\)"  # TeX for translators
    assert right.feedback == "Right: \\(10 + 7 = 17\\)."

    url = reverse("learning:quiz", args=[course.slug, abacus.pk])
    html = client.get(url).content.decode()
    assert "\\(" not in html
    label = re.search(r"<label for=\"id_q1_4\">(.*?)</label>", html, re.DOTALL)[1]
    assert _mathml(label) == [
        '<math display="inline"><mrow><mn>10</mn><mo>+</mo><mn>5</mn><mo>+</mo><mn>1</mn>'
        "<mo>+</mo><mn>1</mn></mrow></math>"
    ]

    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    wrong = question.options.get(text="\\(16\\)")
    response = client.post(url, {"q1": wrong.key})
    attempt = QuizAttempt.objects.get(enrolment__user=learner)
    results = client.get(response["Location"]).content.decode()
    assert "\\(" not in results
    chosen = re.search(r"You chose:(.*?)</p>", results, re.DOTALL)[1]
    assert '<math display="inline"><mrow><mn>16</mn></mrow></math>' in chosen
    assert (
        'The last column is <math display="inline"><mrow><mn>5</mn><mo>+</mo><mn>1</mn>'
        "<mo>+</mo><mn>1</mn></mrow></math>." in results
    )
    assert attempt.results[0]["feedback"] == ["The last column is \\(5 + 1 + 1\\)."]


def test_the_offline_copy_draws_option_feedback_and_hint_formulas(course):
    html = offline.offline_html(course=course).decode()
    assert QUADRATIC in html
    assert "Right: <math" in html
    assert "\\(10 + 7" not in html and "\\(x = \\frac" not in html


def test_images_the_export_lacks_show_as_notes_in_quiz_intros_and_explanations(client, course):
    # The demo export ships no static/ folder: every image it refers to is missing, e.g. the
    # abacus of problem/ef8c...'s question and solution (the quiz's explanation, shown once
    # passed), and the one the test wrote into its introduction.
    abacus = Quiz.objects.get(course=course, olx_key=ABACUS)
    assert "\ue011missing-image:Abacus_solution.png\ue011" in abacus.explanation
    assert "\ue011missing-image:beads.png\ue011" in abacus.intro

    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    url = reverse("learning:quiz", args=[course.slug, abacus.pk])
    right = abacus.questions.get().options.get(correct=True)
    results = client.get(client.post(url, {"q1": right.key})["Location"]).content.decode()
    assert "Passed." in results
    assert "[Image missing from the imported course: Abacus_solution.png]" in results
    assert "\ue011" not in results

    page = client.get(url).content.decode()
    assert "[Image missing from the imported course: beads.png]" in page
    assert "\ue011" not in page
    copy = offline.offline_html(course=course).decode()
    assert "\ue011" not in copy


def test_a_translated_hint_keeps_its_formula_and_is_read_in_the_readers_language(client, course):
    from kuza.translation.models import SourceUnit, UnitTranslation

    roots = Quiz.objects.get(course=course, olx_key=ROOTS)
    units = {
        unit.key: unit
        for unit in SourceUnit.objects.filter(
            field__translatable__object_id=roots.pk,
            field__translatable__content_type__model="quiz",
            field__field_name="hints",
            removed=False,
        )
    }
    assert set(units) == {"h1", "h2", "h3"}
    assert "\\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}" in units["h1"].text  # TeX for translators
    UnitTranslation.objects.create(
        unit=units["h1"],
        language="fr",
        text="Rappel : \\(x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\\)",
        source_hash_at_translation=units["h1"].source_hash,
    )

    client.cookies["django_language"] = "fr"
    html = client.get(reverse("learning:quiz", args=[course.slug, roots.pk])).content.decode()
    assert "Indice 1 sur 3" in html
    assert "Rappel : <math" in html and QUADRATIC in html
