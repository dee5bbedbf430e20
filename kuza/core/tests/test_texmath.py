"""TeX in Markdown drawn as MathML on the server (kuza.core.texmath), safely."""

from __future__ import annotations

import pytest

from kuza.core.markdown import render_markdown
from kuza.core.texmath import tex_to_mathml


def test_an_inline_formula_becomes_inline_mathml():
    html = str(render_markdown("The roots of \\(x^2 - 3x + 2 = 0\\) are 1 and 2.")).strip()
    assert html.startswith('<p>The roots of <math display="inline">')
    assert "<msup><mi>x</mi><mn>2</mn></msup><mo>−</mo><mn>3</mn><mi>x</mi>" in html
    assert html.endswith("</math> are 1 and 2.</p>")


def test_a_displayed_formula_becomes_block_mathml():
    html = str(render_markdown("$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$$"))
    assert '<math display="block">' in html
    assert "<mfrac>" in html and "<msqrt>" in html


def test_a_formula_that_cannot_be_read_shows_its_source_instead_of_vanishing():
    assert tex_to_mathml("\\frac{") is None
    html = str(render_markdown("Broken \\(\\frac{\\) here"))
    assert "<code>\\(\\frac{\\)</code>" in html and "<math" not in html


@pytest.mark.parametrize(
    "source",
    [
        "\\(\\href{javascript:alert(1)}{x}\\)",
        "\\(\\text{<script>alert(1)</script>}\\)",
        "$$\\style{background:url(javascript:alert(1))}{x}$$",
        "\\(x \\onclick{alert(1)}\\)",
    ],
)
def test_nothing_in_a_formula_gets_script_or_links_through(source):
    html = str(render_markdown(source)).lower()
    assert "javascript" not in html and "<script" not in html
    assert "href" not in html and "style" not in html and "onclick=" not in html


def test_escaped_brackets_and_parentheses_stay_text():
    html = str(render_markdown("A note \\[1\\], \\\\(not a formula\\\\) and \\$\\$5."))
    assert "<math" not in html
    assert "[1]" in html and "\\(not a formula\\)" in html and "$$5" in html


def test_plain_text_is_escaped_and_its_formulas_drawn_like_markdowns():
    from kuza.core.markdown import render_plain_text
    from kuza.core.texmath import plain_text_html

    html = plain_text_html("a <b> & \\(x^2\\), \\[y\\] and $$z$$; \\( \\) stays")
    assert html.startswith("a &lt;b&gt; &amp; <math ")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mrow><mi>y' in html
    assert html.count("<math ") == 3 and html.endswith("; \\( \\) stays")
    # A formula latex2mathml cannot read shows its source, as in Markdown.
    assert plain_text_html("see \\(\\frac{\\)") == "see <code>\\(\\frac{\\)</code>"
    # Sanitised like Markdown output: no script gets through the formula's text.
    safe = str(render_plain_text("\\(\\text{<script>alert(1)</script>}\\)"))
    assert "<script" not in safe and "<math" in safe
