"""Imported HTML -> Markdown: each construct, escaping, and the real demo course's HTML."""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kuza.core.markdown import render_markdown, sanitise_html
from kuza.learning.htmlmarkdown import _TEX, html_to_markdown
from kuza.learning.tests.test_olx_demo_course import DEMO_COURSE, needs_demo_course


def convert(html: str) -> str:
    return html_to_markdown(sanitise_html(html))


def back(html: str) -> str:
    """The HTML a reader gets once the imported HTML is stored as Markdown."""
    return str(render_markdown(convert(html)))


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<h1>Title</h1><h3>Sub</h3>", "## Title\n\n### Sub\n"),
        ("<p>One <em>two</em> <strong>three</strong></p>", "One *two* **three**\n"),
        # Strikethrough is written as Markdown, though kuza.core.markdown drops it today.
        ("<p><del>four</del></p>", "~~four~~\n"),
        ("<p>a <code>x = `y`</code></p>", "a `` x = `y` ``\n"),
        ("<pre>if a &lt; b:\n    ```\n</pre>", "````\nif a < b:\n    ```\n````\n"),
        (
            '<p><a href="https://w.org/a_(c)" title="A &quot;t&quot;">the link</a></p>',
            '[the link](<https://w.org/a_(c)> "A \\"t\\"")\n',
        ),
        ('<p><img src="/m/a.png" alt="A [map]" width="20"></p>', "![A \\[map\\]](/m/a.png)\n"),
        ("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c\n"),
        ('<ol start="3"><li>x</li><li>y</li></ol>', "3. x\n4. y\n"),
        ("<ul><li>a</li></ul><ul><li>b</li></ul>", "- a\n\n* b\n"),
        ("<blockquote><p>q1</p><p>q2</p></blockquote>", "> q1\n>\n> q2\n"),
        ("<p>line one<br>line two</p>", "line one\\\nline two\n"),
        ("<p>above</p><hr><p>below</p>", "above\n\n---\n\nbelow\n"),
        ("<p></p><p> </p><p>\u00a0</p><h2>\u00a0</h2><div></div>", ""),
    ],
)
def test_each_construct(html, markdown):
    assert convert(html) == markdown
    if "<del>" not in html:
        # The reader sees the same HTML as the sanitised import.
        assert _same_html(back(html), sanitise_html(html))


def _same_html(rendered: str, original: str) -> bool:
    def normal(text: str) -> str:
        text = re.sub(r'\s(width|height)="\d+"', "", text)  # sizes are dropped on purpose
        text = text.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
        text = text.replace("<pre><code>", "<pre>").replace("</code></pre>", "</pre>")
        text = re.sub(r"\s*(<[^>]+>)\s*", r"\1", text)
        text = re.sub(r"<(p|h2)>(\s|&nbsp;)*</\1>", "", text)
        return re.sub(r"\s+", " ", text).strip()

    return normal(rendered) == normal(original)


def test_nested_lists_paragraphs_and_tables_keep_their_structure():
    html = (
        "<ol><li><p>First</p><ul><li>inner</li></ul></li><li><p>Second</p></li></ol>"
        '<table><thead><tr><th align="right">n</th><th>name | alias</th></tr></thead>'
        "<tbody><tr><td>1</td><td><em>one</em></td></tr><tr><td>2</td></tr></tbody></table>"
    )
    markdown = convert(html)
    assert "| n | name \\| alias |\n| ---: | --- |\n| 1 | *one* |\n| 2 |  |" in markdown
    rendered = back(html)
    assert re.sub(r"\s", "", rendered).startswith(
        "<ol><li><p>First</p><ul><li>inner</li></ul></li><li><p>Second</p></li></ol>"
    )
    # (markdown-it writes the alignment as a style, which the sanitiser removes.)
    assert "<th>n</th>\n<th>name | alias</th>" in rendered
    assert "<td><em>one</em></td>" in rendered


def test_spaces_inside_emphasis_and_links_move_outside_so_they_still_render():
    html = (
        '<p>the<a href="https://x.org"> Open edX </a>site and <strong>Posts&nbsp;</strong>are</p>'
    )
    rendered = back(html)
    assert '<a href="https://x.org" rel="nofollow noopener noreferrer ugc">Open edX</a>' in rendered
    assert "<strong>Posts</strong>" in rendered
    assert "*" not in rendered and "[" not in rendered


def test_markdown_syntax_in_text_stays_text():
    text = "# not a heading, 1. not a list, - nor this, *stars*, _under_, [a](b) `c` <d> &amp; |"
    html = f"<p>{html_lib.escape(text)}</p><p>2) +plus\n= eq</p><p>snake_case stays</p>"
    rendered = back(html)
    assert "<h2>" not in rendered and "<ol>" not in rendered and "<em>" not in rendered
    assert "<a " not in rendered and "<code>" not in rendered and "<ul>" not in rendered
    assert _same_html(rendered, sanitise_html(html))
    assert "snake_case stays" in convert(html)


_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 #*_-+=.)(>![]`<&;|~\\:'\"/$") + ["é", "ß", "ع", "中"]),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(_TEXT, _TEXT)
def test_any_text_round_trips_exactly(first, second):
    # A formula is the one thing text does not keep: it is drawn (see the tests below).
    assume(not _TEX.search(first) and not _TEX.search(second))
    html = f"<p>{html_lib.escape(first)}<br>{html_lib.escape(second)}</p>"
    rendered = back(html)
    shown = [
        html_lib.unescape(line).strip()
        for line in re.split(r"<br\s*/?>", re.sub(r"</?p>", "", rendered))
    ]
    written = [" ".join(part.split()) for part in (first, second)]
    assert [line for line in shown if line] == [line for line in written if line]


def test_conversion_is_deterministic_so_reimports_change_nothing():
    html = "<h2>T</h2><p>x <em>y</em></p><ul><li>z</li></ul>"
    assert convert(html) == convert(html) == convert(sanitise_html(html))


_STRUCTURE = re.compile(r"<(h[2-6]|ol|a|img|pre|blockquote|em|strong|code|del|hr|table|tr)\b")


@needs_demo_course
def test_every_html_block_of_the_demo_course_keeps_its_text_and_structure():
    files = sorted((DEMO_COURSE / "html").glob("*.html"))
    assert len(files) > 30
    for path in files:
        source = sanitise_html(path.read_text(encoding="utf-8"))
        rendered = back(source)

        def words(html: str) -> list[str]:
            text = re.sub(r"<br\s*/?>", " ", html)
            # "•" tells apart the items of a list flattened into a table cell.
            return [
                word
                for word in html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split()
                if word != "•"
            ]

        assert words(rendered) == words(source), path.name
        structure = Counter(_STRUCTURE.findall(rendered))
        # Empty elements (<strong></strong>) show nothing and are left out.
        expected = Counter(_STRUCTURE.findall(re.sub(r"<(\w+)[^>]*></\1>", "", source)))
        # A line break inside a code block becomes a line of a fenced block: one more <code>.
        structure["code"] = expected["code"] = 0
        assert structure == expected, path.name


def test_a_list_written_directly_inside_a_list_keeps_its_items_under_the_item_before():
    # As in exported courses: <ul> as a child of <ol>, which browsers nest under "One".
    html = "<ol><li>One</li><ul><li>Sub a</li><li>Sub b</li></ul><li>Two</li></ol>"
    assert html_to_markdown(html) == "1. One\n   - Sub a\n   - Sub b\n2. Two\n"


# --- TeX formulas ------------------------------------------------------------------------------


def test_formulas_keep_their_tex_for_translators_and_render_as_mathml():
    html = (
        "<p>Solve \\(x^2 - 3x + 2 = 0\\) for <b>x</b>, [1] is a reference,</p>"
        "<p>then \\[\\frac{W}{L}\n \\gt 58.3\\] and $$a_1 + a_2$$.</p>"
    )
    markdown = convert(html)
    assert "\\(x^2 - 3x + 2 = 0\\)" in markdown  # inline: as written
    assert "$$\\frac{W}{L} \\gt 58.3$$" in markdown  # displayed: $$, one line
    assert "$$a_1 + a_2$$" in markdown and "\\[1\\]" in markdown  # "[1]" stays text

    rendered = back(html)
    assert rendered.count("<math") == 3
    assert '<math display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup>' in rendered
    assert rendered.count('<math display="block">') == 2
    assert "<mfrac>" in rendered and "[1]" in rendered and "\\" not in rendered


def test_dollars_in_text_stay_dollars():
    # One "$$" in a text node is not a formula, even if another text node has one too.
    html = "<p>It costs $$5 or $6,</p><p>or <b>$$</b>7.</p>"
    assert "\\$\\$5" in convert(html)
    rendered = back(html)
    assert "<math" not in rendered
    assert html_lib.unescape(re.sub(r"</?(p|strong)>", "", rendered)).split() == (
        ["It", "costs", "$$5", "or", "$6,", "or", "$$7."]
    )
