"""Open edX max_attempts: read on problems, inherited from enclosing blocks and policy.json,
stored as the quiz's attempts limit, and enforced for learners."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from kuza.learning import services
from kuza.learning.importing import olx_import
from kuza.learning.models import Quiz
from kuza.learning.olx import Quiz as ParsedQuiz
from kuza.learning.olx import parse_olx
from kuza.learning.tests.olx_exports import COURSE_XML, write_export
from kuza.learning.tests.test_import_olx import demo_course_path
from kuza.learning.tests.test_olx_demo_course import needs_demo_course

PROBLEM = """
    <problem display_name="{name}"{attrs}>
      <multiplechoiceresponse>
        <label>Capital of Kenya?</label>
        <choicegroup type="MultipleChoice">
          <choice correct="true">Nairobi</choice>
          <choice correct="false">Mombasa</choice>
        </choicegroup>
      </multiplechoiceresponse>
    </problem>
"""


def problem(name: str, **attributes: str) -> str:
    attrs = "".join(f' {key}="{value}"' for key, value in attributes.items())
    return PROBLEM.format(name=name, attrs=attrs)


def export_with_limits(root, *, course="", chapter="", sequential="", vertical="", policy=None):
    """Two sequentials: the first with the given limits around four problems, the second plain."""

    def attr(value: str) -> str:
        return f' max_attempts="{value}"' if value else ""

    files = {
        "course.xml": COURSE_XML,
        "course/run1.xml": f"""
            <course display_name="Attempts"{attr(course)}>
              <chapter url_name="ch1" display_name="One"{attr(chapter)}>
                <sequential url_name="seq1" display_name="Limited"{attr(sequential)}>
                  <vertical url_name="v1" display_name="Unit"{attr(vertical)}>
                    <problem url_name="own"/>
                    <problem url_name="inherits"/>
                    <problem url_name="null"/>
                    <problem url_name="by_policy"/>
                  </vertical>
                </sequential>
                <sequential url_name="seq2" display_name="Other">
                  <problem url_name="plain"/>
                </sequential>
              </chapter>
            </course>
        """,
        "problem/own.xml": problem("Own", max_attempts="5"),
        "problem/inherits.xml": problem("Inherits"),
        "problem/null.xml": problem("Null", max_attempts="null"),
        "problem/by_policy.xml": problem("By policy", max_attempts="9"),
        "problem/plain.xml": problem("Plain"),
    }
    if policy is not None:
        files["policies/run1/policy.json"] = json.dumps(policy)
    return write_export(root, files)


def limits(course) -> dict[str, int | None]:
    return {
        item.display_name: item.max_attempts
        for item in course.content_items()
        if isinstance(item, ParsedQuiz)
    }


def test_max_attempts_is_the_problems_own_else_inherited_from_the_nearest_block(tmp_path):
    export_with_limits(
        tmp_path,
        sequential="3",
        policy={"problem/by_policy": {"max_attempts": 2}},
    )
    course = parse_olx(tmp_path)
    assert limits(course) == {
        "Own": 5,
        "Inherits": 3,  # from its sequential
        "Null": 3,  # "null" means unset, so it inherits too
        "By policy": 2,  # policy.json wins over the XML attribute, as in Open edX
        "Plain": None,  # nothing above it sets one: no limit
    }
    assert course.warnings == ()


@pytest.mark.parametrize(
    ("where", "in_unit", "in_other_lesson"),
    [
        ({"course": "4"}, 4, 4),
        ({"chapter": "6"}, 6, 6),
        ({"vertical": "7"}, 7, None),
        ({"course": "4", "vertical": "7"}, 7, 4),  # the nearest block wins
    ],
)
def test_max_attempts_inherits_through_every_level(tmp_path, where, in_unit, in_other_lesson):
    export_with_limits(tmp_path, **where)
    found = limits(parse_olx(tmp_path))
    assert found == {
        "Own": 5,
        "Inherits": in_unit,
        "Null": in_unit,
        "By policy": 9,
        "Plain": in_other_lesson,
    }


def test_course_wide_max_attempts_from_policy_json(tmp_path):
    export_with_limits(tmp_path, policy={"course/run1": {"max_attempts": 1}})
    found = limits(parse_olx(tmp_path))
    assert found == {"Own": 5, "Inherits": 1, "Null": 1, "By policy": 9, "Plain": 1}


@pytest.mark.parametrize(
    ("value", "warning"),
    [("many", "is not a whole number"), ("-2", "is not a whole number"), ("0", "as no limit")],
)
def test_unusable_max_attempts_is_a_warning_naming_the_block(tmp_path, value, warning):
    export_with_limits(tmp_path, sequential=value)
    course = parse_olx(tmp_path)
    assert limits(course)["Inherits"] is None
    (message,) = course.warnings
    assert message.startswith("sequential/seq1 in course/run1.xml: max_attempts")
    assert warning in message


@pytest.mark.django_db
def test_imported_quiz_limits_attempts_and_reimport_updates_the_limit(tmp_path):
    from kuza.accounts.tests.factories import UserFactory

    export_with_limits(tmp_path, sequential="2")
    course = olx_import(path=tmp_path).course
    stored = dict(Quiz.objects.filter(course=course).values_list("title", "max_attempts"))
    assert stored == {"Own": 5, "Inherits": 2, "Null": 2, "By policy": 9, "Plain": 0}

    quiz = Quiz.objects.get(course=course, title="Inherits")
    enrolment = services.enrolment_create(user=UserFactory(), course=course)
    for _ in range(2):
        services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "2"})
    with pytest.raises(services.LearningError):
        services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "1"})

    # The author raises the limit in Open edX and exports again.
    shutil.rmtree(tmp_path)
    export_with_limits(tmp_path, sequential="4")
    olx_import(path=tmp_path)
    quiz.refresh_from_db()
    assert quiz.max_attempts == 4
    services.quiz_submit(enrolment=enrolment, quiz=quiz, responses={"q1": "1"})


def _demo_export_sets_max_attempts(root) -> bool:
    # Independently of the parser: any max_attempts attribute with a value other than null
    # on a course, chapter, sequential, vertical or problem file, or in policy.json.
    pattern = re.compile(r'max_attempts="(?!null")[^"]*"')
    for folder in ("course", "chapter", "sequential", "vertical", "problem"):
        for path in (root / folder).glob("*.xml"):
            if pattern.search(path.read_text(encoding="utf-8")):
                return True
    return any(
        "max_attempts" in attributes
        for policy in root.glob("policies/*/policy.json")
        for attributes in json.loads(policy.read_text(encoding="utf-8")).values()
    )


@needs_demo_course
def test_demo_course_quizzes_have_no_limit_unless_the_export_sets_one(tmp_path):
    demo = demo_course_path()
    assert not _demo_export_sets_max_attempts(demo)
    course = parse_olx(demo)
    assert {quiz.max_attempts for quiz in course.quizzes()} == {None}

    # The same export with a course-wide limit in policy.json and one problem's own limit.
    copy = tmp_path / "demo"
    shutil.copytree(demo, copy)
    policy_path = next(copy.glob("policies/*/policy.json"))
    policy = json.loads(policy_path.read_text(encoding="utf-8"))
    course_key = next(key for key in policy if key.startswith("course/"))
    policy[course_key]["max_attempts"] = 3
    policy["problem/3b8100660f3947c198e0a9b35f7c6cf6"] = {"max_attempts": 1}
    policy_path.write_text(json.dumps(policy), encoding="utf-8")

    limited = {str(quiz.key): quiz.max_attempts for quiz in parse_olx(copy).quizzes()}
    assert limited.pop("problem/3b8100660f3947c198e0a9b35f7c6cf6") == 1
    assert len(limited) == 13 and set(limited.values()) == {3}
