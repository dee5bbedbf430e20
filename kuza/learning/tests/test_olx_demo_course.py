"""Importing the real Open edX demo course export, checked against independent counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kuza.learning.olx import BlockKey, Link, parse_olx

DEMO_COURSE = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "olx" / "openedx-demo-course"
)

needs_demo_course = pytest.mark.skipif(
    not DEMO_COURSE.is_dir(),
    reason=f"the Open edX demo course export is not at {DEMO_COURSE}",
)

# Counted by hand from the export's XML files (chapter/, sequential/, vertical/, problem/):
# 6 chapters holding 17 sequentials; the verticals' 23 problem pointers hold 14 problems Kuza
# can grade and 9 it cannot. Gradable: 4 multiple choice (3956d029, 870b16e6, b20c43df,
# ef8c3814), 2 checkbox (01352583, b1ddf9b3), 4 text input (330956aa, 3e5a945f, 7071a317,
# eb57b810 - its script does not compute the answer), 2 numerical (3b810066, 9f898b53) and
# 2 dropdown (c89f56c7 with one dropdown, 85f3f7f9 with 8 in a table, so 9 dropdown
# questions). Not gradable: 4 customresponse (0d127d79, 53083a81, 58f6371c, 7c95e593), one
# each of imageresponse, annotationresponse, formularesponse, schematicresponse, and
# numerical 720cac32 whose answer "$z" comes from a Python script. The 6 problems only
# reached through library_content 34a4d5e7 stay inside its placeholder.
DEMO_QUIZZES_BY_TYPE = {
    "choiceresponse": 2,
    "multiplechoiceresponse": 4,
    "numericalresponse": 2,
    "optionresponse": 2,
    "stringresponse": 4,
}
DEMO_PROBLEM_PLACEHOLDERS = {
    "problem:annotationresponse": 1,
    "problem:customresponse": 4,
    "problem:formularesponse": 1,
    "problem:imageresponse": 1,
    "problem:numericalresponse": 1,
    "problem:schematicresponse": 1,
}


def _pointers(path: Path, tag: str) -> list[str]:
    # Deliberately not the parser's method: a regular expression over the file's text, which
    # is enough for this export because it writes every pointer as <tag url_name="..."/>.
    return re.findall(rf'<{tag} url_name="([^"]+)"/>', path.read_text(encoding="utf-8"))


def _unit_children(vertical_file: Path) -> list[tuple[str, str]]:
    # The export indents a vertical's children by exactly two spaces, one per line.
    text = vertical_file.read_text(encoding="utf-8")
    return re.findall(r'^  <([\w-]+) url_name="([^"]+)"', text, flags=re.MULTILINE)


@needs_demo_course
def test_demo_course_counts_match_an_independent_count_of_its_files():
    course_file = DEMO_COURSE / "course" / "DemoCourse.xml"
    chapters = _pointers(course_file, "chapter")
    sequentials = [
        name
        for chapter in chapters
        for name in _pointers(DEMO_COURSE / "chapter" / f"{chapter}.xml", "sequential")
    ]
    units = [
        child
        for sequential in sequentials
        for vertical in _pointers(DEMO_COURSE / "sequential" / f"{sequential}.xml", "vertical")
        for child in _unit_children(DEMO_COURSE / "vertical" / f"{vertical}.xml")
    ]
    block_counts = Counter(tag for tag, _ in units)
    other_placeholders = {
        tag: count for tag, count in block_counts.items() if tag not in {"html", "problem"}
    }

    summary = parse_olx(DEMO_COURSE).summary()

    assert summary["modules"] == len(chapters) == 6
    assert summary["lessons"] == len(sequentials) == 17
    assert summary["html_blocks"] == block_counts["html"] == 266
    assert block_counts["problem"] == 23
    assert summary["quizzes_by_type"] == DEMO_QUIZZES_BY_TYPE
    assert summary["quizzes"] == 14
    assert summary["questions_by_type"]["optionresponse"] == 9
    assert summary["placeholders_by_type"] == {**other_placeholders, **DEMO_PROBLEM_PLACEHOLDERS}
    assert summary["placeholders"] == sum(other_placeholders.values()) + 9
    assert summary["warnings"] == 1  # partial credit in 9f898b53, reported


@needs_demo_course
def test_demo_course_static_references_are_all_reported_missing():
    # The export ships without its static/ folder, so every referenced file is missing.
    # Independent count: /static/ names in the HTML files and gradable problems it uses.
    course = parse_olx(DEMO_COURSE)
    texts = [path.read_text(encoding="utf-8") for path in (DEMO_COURSE / "html").glob("*.html")]
    texts += [
        (DEMO_COURSE / "problem" / f"{quiz.key.url_name}.xml").read_text(encoding="utf-8")
        for quiz in course.quizzes()
    ]
    names = {name for text in texts for name in re.findall(r"/static/([\w.-]+)", text)}
    assert set(course.static_files) == names
    assert course.missing_static_files == course.static_files
    assert len(course.static_files) == 57
    assert {"Abacus.png", "Abacus_solution.png", "feedback.js"} <= names


@needs_demo_course
def test_demo_course_keeps_answers_and_links():
    course = parse_olx(DEMO_COURSE)
    assert (course.display_name, course.language) == ("Open edX Demo Course", "en")
    assert course.short_description.startswith("Explore Open edX")
    quizzes = {quiz.key.url_name: quiz for quiz in course.quizzes()}
    (numerical,) = quizzes["3b8100660f3947c198e0a9b35f7c6cf6"].questions
    assert (numerical.answer, numerical.tolerance.kind, numerical.tolerance.amount) == (
        600.0,
        "absolute",
        5.0,
    )
    (dwarfs,) = quizzes["3e5a945f54374fc7ababadc080660f2d"].questions
    assert [answer.text for answer in dwarfs.accepted][:3] == ["Doc", "Sleepy", "Dopey"]
    assert len(dwarfs.accepted) == 7
    (videos,) = [
        item
        for item in course.placeholders()
        if item.key == BlockKey("video", "0d9ca68c609b4251bb3eacccd28dea19")
    ]
    assert videos.links == (Link("YouTube", "https://www.youtube.com/watch?v=8J4WuMdKCDM"),)
