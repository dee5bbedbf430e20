"""/static/ references in imported content: listed, checked against static/, rewritten."""

from __future__ import annotations

from kuza.learning.olx import parse_olx, rewrite_static_urls
from kuza.learning.olx.statics import static_references
from kuza.learning.tests.olx_exports import one_vertical_export


def test_static_references_are_listed_and_missing_files_reported(tmp_path):
    one_vertical_export(
        tmp_path,
        """
        <html url_name="h1">
          <img src="/static/present.png"/>
          <a href="/static/docs/guide%20v2.pdf?download=1">Guide</a>
          <img src="https://cdn.example.org/static/elsewhere.png"/>
          <a href="/static/../course.xml">escape</a>
          <p>See /static/notes.txt.</p>
        </html>
        """,
        {"static/present.png": "png", "static/docs/guide v2.pdf": "pdf"},
    )
    course = parse_olx(tmp_path)
    html = course.modules[0].lessons[0].content[1]
    assert html.static_files == ("../course.xml", "docs/guide v2.pdf", "notes.txt", "present.png")
    assert course.static_files == html.static_files
    # A name leaving static/ counts as missing even though the file exists.
    assert course.missing_static_files == ("../course.xml", "notes.txt")
    assert "missing static file: notes.txt" in course.report_lines()


def test_rewrite_static_urls_uses_the_callers_locations():
    html = '<img src="/static/a%20b.png"> and url(/static/c.css). https://x.org/static/d.png'
    rewritten = rewrite_static_urls(html, lambda name: f"/media/course/{name.replace(' ', '_')}")
    assert rewritten == (
        '<img src="/media/course/a_b.png"> and url(/media/course/c.css). https://x.org/static/d.png'
    )


def test_static_reference_stops_at_escaped_quotes():
    text = 'data="[&quot;/static/one.png&quot;]" js="\\"/static/two.png\\""'
    assert static_references(text) == ("one.png", "two.png")
