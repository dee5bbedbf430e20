"""OLX export -> Course tree: pointers, sub-folders, policies, placeholders, errors.

Each test writes the smallest export that exercises one OLX rule. Static files, problems,
archives and the real demo course have their own test_olx_*.py files.
"""

from __future__ import annotations

import json
import re

import pytest

from kuza.learning.olx import (
    BlockKey,
    Heading,
    HtmlText,
    Link,
    OlxError,
    parse_olx,
)
from kuza.learning.tests.olx_exports import COURSE_XML, one_vertical_export, write_export


def only_lesson_content(course):
    (module,) = course.modules
    (lesson,) = module.lessons
    return lesson.content


def test_pointer_and_inline_chapters_and_sequentials(tmp_path):
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": """
                <course display_name="Pointers">
                  <chapter url_name="ch_pointer"/>
                  <chapter url_name="ch_inline" display_name="Inline chapter">
                    <sequential display_name="Unnamed inline sequential"/>
                  </chapter>
                  <wiki slug="k.101"/>
                </course>
            """,
            "chapter/ch_pointer.xml": """
                <chapter display_name="Chapter from its own file">
                  <sequential url_name="seq_pointer"/>
                </chapter>
            """,
            "sequential/seq_pointer.xml": '<sequential display_name="Seq from file"/>',
        },
    )
    course = parse_olx(tmp_path)
    assert course.key == BlockKey("course", "run1")
    assert (course.org, course.number, course.display_name) == ("KuzaOrg", "K101", "Pointers")
    assert [(module.key, module.display_name) for module in course.modules] == [
        (BlockKey("chapter", "ch_pointer"), "Chapter from its own file"),
        (BlockKey("chapter", "ch_inline"), "Inline chapter"),
    ]
    first, second = course.modules
    assert [lesson.display_name for lesson in first.lessons] == ["Seq from file"]
    # An inline block without url_name gets one from its parent and position, so importing
    # the same export again finds the same lesson.
    assert [lesson.key for lesson in second.lessons] == [
        BlockKey("sequential", "ch_inline_sequential_0")
    ]
    assert course.warnings == ()


def test_element_with_more_than_url_name_is_inline_not_a_pointer(tmp_path):
    # No chapter/inline.xml exists: reading it as a pointer would fail.
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": """
                <course><chapter url_name="inline" display_name="Written here"/></course>
            """,
        },
    )
    course = parse_olx(tmp_path)
    assert [module.display_name for module in course.modules] == ["Written here"]
    assert course.warnings == ()


def test_colon_in_url_name_means_sub_folder(tmp_path):
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": '<course><chapter url_name="week1:intro"/></course>',
            "chapter/week1/intro.xml": """
                <chapter display_name="Week 1"><sequential url_name="week1:day1"/></chapter>
            """,
            "sequential/week1/day1.xml": '<sequential display_name="Day 1"/>',
        },
    )
    course = parse_olx(tmp_path)
    (module,) = course.modules
    assert module.key == BlockKey("chapter", "week1:intro")
    assert [lesson.display_name for lesson in module.lessons] == ["Day 1"]


def test_url_name_leaving_the_export_fails_the_import(tmp_path):
    (tmp_path / "outside.xml").write_text('<chapter display_name="Secret"/>')
    export = tmp_path / "export"
    write_export(
        export,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": '<course><chapter url_name="..:..:outside"/></course>',
        },
    )
    with pytest.raises(OlxError, match="url_name '..:..:outside' is not a valid OLX name"):
        parse_olx(export)


def test_policy_json_overrides_xml_attributes(tmp_path):
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": """
                <course display_name="XML name">
                  <chapter url_name="ch1" display_name="Old chapter name">
                    <sequential url_name="seq1" display_name="Practice"/>
                  </chapter>
                </course>
            """,
            "policies/run1/policy.json": json.dumps(
                {
                    "course/run1": {"display_name": "Policy name", "language": "sw"},
                    "chapter/ch1": {"display_name": "New chapter name"},
                    "sequential/seq1": {"graded": True},
                }
            ),
        },
    )
    course = parse_olx(tmp_path)
    assert (course.display_name, course.language) == ("Policy name", "sw")
    (module,) = course.modules
    assert module.display_name == "New chapter name"
    assert [(lesson.display_name, lesson.graded) for lesson in module.lessons] == [
        ("Practice", True)
    ]


def test_broken_policy_json_fails_the_import(tmp_path):
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": '<course display_name="Kept"/>',
            "policies/run1/policy.json": "{not json",
        },
    )
    with pytest.raises(OlxError, match="policies/run1/policy.json: not valid JSON"):
        parse_olx(tmp_path)


def test_lesson_content_is_the_verticals_children_in_order_under_headings(tmp_path):
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": """
                <course><chapter url_name="ch1"><sequential url_name="seq1">
                  <vertical url_name="u1" display_name="First unit">
                    <html url_name="h1"><p>One</p></html>
                    <problem url_name="p1"><stringresponse answer="a"/></problem>
                  </vertical>
                  <vertical url_name="u2">
                    <html url_name="h2"><p>Two</p></html>
                  </vertical>
                  <vertical url_name="u3" display_name="Third unit">
                    <video url_name="v1" youtube_id_1_0="abc"/>
                  </vertical>
                </sequential></chapter></course>
            """,
        },
    )
    content = only_lesson_content(parse_olx(tmp_path))
    assert [(type(item).__name__, item.key.url_name) for item in content] == [
        ("Heading", "u1"),
        ("HtmlText", "h1"),
        ("Quiz", "p1"),
        # A unit without a display name adds no heading.
        ("HtmlText", "h2"),
        ("Heading", "u3"),
        ("Placeholder", "v1"),
    ]
    assert content[0] == Heading(BlockKey("vertical", "u1"), "First unit")


def test_html_filename_points_to_an_html_file(tmp_path):
    one_vertical_export(
        tmp_path,
        '<html url_name="intro"/><html url_name="inline_one"><p>Inline <b>text</b></p></html>',
        {
            "html/intro.xml": '<html filename="intro_body" display_name="Welcome"/>',
            "html/intro_body.html": "<h2>Welcome</h2>\n<p>Not XML: <br> is fine here.</p>",
        },
    )
    content = only_lesson_content(parse_olx(tmp_path))
    assert content[1:] == (
        HtmlText(
            BlockKey("html", "intro"),
            "Welcome",
            "<h2>Welcome</h2>\n<p>Not XML: <br> is fine here.</p>\n",
            (),
        ),
        HtmlText(BlockKey("html", "inline_one"), "", "<p>Inline <b>text</b></p>", ()),
    )


def test_missing_html_file_fails_the_import_naming_it(tmp_path):
    one_vertical_export(
        tmp_path,
        '<html url_name="gone"/>',
        {"html/gone.xml": '<html filename="gone" display_name="Lost page"/>'},
    )
    with pytest.raises(OlxError, match="html/gone.xml: html/gone.html: file is missing"):
        parse_olx(tmp_path)


def test_html_file_that_is_not_utf8_fails_the_import(tmp_path):
    one_vertical_export(
        tmp_path,
        '<html url_name="cut"/>',
        {"html/cut.xml": '<html filename="cut"/>'},
    )
    # "é" cut after its first byte, as a file cut short mid-character is.
    (tmp_path / "html" / "cut.html").write_bytes("<p>Café</p>".encode()[:7])
    with pytest.raises(OlxError, match="html/cut.html: not valid UTF-8"):
        parse_olx(tmp_path)


def test_unsupported_blocks_become_placeholders_with_links(tmp_path):
    one_vertical_export(
        tmp_path,
        """
        <video url_name="v1" display_name="Intro video" youtube="0.75:slow,1.00:normal"
               html5_sources='["https://example.org/intro.mp4"]'>
          <source src="https://example.org/intro.mp4"/>
        </video>
        <lti url_name="tool" display_name="Code lab" launch_url="https://lab.example/launch"/>
        <library_content url_name="pool" max_count="2" source_library_id="library-v1:K+L">
          <problem url_name="a"/><problem url_name="b"/><problem url_name="c"/>
        </library_content>
        <openassessment url_name="essay"><title>Essay</title></openassessment>
        <mystery_xblock url_name="m1" xblock-family="xblock.v1"/>
        """,
    )
    course = parse_olx(tmp_path)
    placeholders = course.placeholders()
    assert [(item.category, item.display_name) for item in placeholders] == [
        ("video", "Intro video"),
        ("lti", "Code lab"),
        ("library_content", "library_content"),
        ("openassessment", "Essay"),
        ("mystery_xblock", "mystery_xblock"),
    ]
    video, lti, library, _, custom = placeholders
    assert video.links == (
        Link("YouTube", "https://www.youtube.com/watch?v=normal"),
        Link("Video file", "https://example.org/intro.mp4"),
    )
    assert lti.links == (Link("Launch URL", "https://lab.example/launch"),)
    assert library.reason.endswith("(shows 2 of 3 problems from library-v1:K+L)")
    assert custom.reason == "<mystery_xblock> is a custom XBlock Kuza does not support"
    report = course.report_lines()
    assert (
        "placeholder video/v1 (Intro video): Kuza has no equivalent of <video>, a video player; "
        "YouTube: https://www.youtube.com/watch?v=normal; "
        "Video file: https://example.org/intro.mp4"
    ) in report
    assert sum(line.startswith("placeholder ") for line in report) == 5


def test_malformed_block_fails_the_import_naming_the_file(tmp_path):
    one_vertical_export(
        tmp_path,
        '<problem url_name="broken"/><html url_name="fine"><p>Still here</p></html>',
        {"problem/broken.xml": "<problem><stringresponse answer='a'></problem>"},
    )
    with pytest.raises(OlxError, match=r"problem/broken.xml: malformed XML \(mismatched tag"):
        parse_olx(tmp_path)


def test_pointer_to_a_missing_file_fails_the_import(tmp_path):
    # Only url_name, no content: a pointer, so its definition must be in video/lost.xml.
    one_vertical_export(tmp_path, '<video url_name="lost"/>')
    with pytest.raises(OlxError, match="video/lost.xml: file is missing"):
        parse_olx(tmp_path)


def test_a_chapter_cut_in_half_fails_the_whole_import(tmp_path):
    chapter = '<chapter display_name="Bad"><sequential url_name="s1"/></chapter>'
    write_export(
        tmp_path,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": """
                <course><chapter url_name="bad"/><chapter url_name="good"/></course>
            """,
            "chapter/bad.xml": chapter[: len(chapter) // 2],
            "chapter/good.xml": '<chapter display_name="Good"/>',
        },
    )
    with pytest.raises(OlxError, match="chapter/bad.xml: malformed XML"):
        parse_olx(tmp_path)


def test_entity_expansion_is_refused(tmp_path):
    one_vertical_export(
        tmp_path,
        '<html url_name="bomb"/>',
        {
            "html/bomb.xml": """
                <!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
                <html>&b;</html>
            """
        },
    )
    with pytest.raises(OlxError, match="html/bomb.xml: XML construct refused for safety"):
        parse_olx(tmp_path)


def test_missing_course_xml_is_a_clear_error(tmp_path):
    write_export(tmp_path, {"chapter/a.xml": "<chapter/>"})
    with pytest.raises(OlxError, match="no course.xml"):
        parse_olx(tmp_path)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"course.xml": "<course url_name="}, "course.xml: malformed XML"),
        ({"course.xml": '<chapter url_name="x"/>'}, "root element is <chapter>"),
        ({"course.xml": "<course/>"}, "no url_name"),
        ({"course.xml": COURSE_XML}, "course/run1.xml: file is missing"),
    ],
)
def test_unreadable_course_is_a_clear_error(tmp_path, files, message):
    write_export(tmp_path, files)
    with pytest.raises(OlxError, match=re.escape(message)):
        parse_olx(tmp_path)


def test_reused_block_is_reported(tmp_path):
    one_vertical_export(
        tmp_path,
        '<html url_name="shared"/><html url_name="shared"/>',
        {"html/shared.xml": "<html><p>Shared</p></html>"},
    )
    course = parse_olx(tmp_path)
    assert course.warnings == ("course/run1.xml: html/shared is used more than once",)


def test_summary_is_json_and_counts_each_kind(tmp_path):
    one_vertical_export(
        tmp_path,
        """
        <html url_name="h1"><img src="/static/missing.png"/></html>
        <problem url_name="p1"><stringresponse answer="a"/></problem>
        <problem url_name="p2"><customresponse/></problem>
        <video url_name="v1" display_name="Inline video"/>
        """,
    )
    summary = parse_olx(tmp_path).summary()
    assert json.loads(json.dumps(summary)) == summary
    assert summary == {
        "course": "course/run1",
        "display_name": "Test course",
        "modules": 1,
        "lessons": 1,
        "html_blocks": 1,
        "quizzes": 1,
        "quizzes_by_type": {"stringresponse": 1},
        "questions_by_type": {"stringresponse": 1},
        "placeholders": 2,
        "placeholders_by_type": {"problem:customresponse": 1, "video": 1},
        "static_files": 1,
        "missing_static_files": 1,
        "data_images": 0,
        "warnings": 0,
    }


def test_parsing_twice_gives_identical_results(tmp_path):
    one_vertical_export(
        tmp_path,
        """
        <html url_name="h1"><img src="/static/b.png"/><img src="/static/a.png"/></html>
        <problem url_name="p1"><multiplechoiceresponse><choicegroup>
          <choice correct="true">Yes</choice><choice correct="false">No</choice>
        </choicegroup></multiplechoiceresponse></problem>
        <video url_name="v1" youtube_id_1_0="x"/><custom_xblock url_name="c1" size="2"/>
        """,
    )
    first, second = parse_olx(tmp_path), parse_olx(tmp_path)
    assert first == second
    assert first.summary() == second.summary()
    assert first.report_lines() == second.report_lines()
