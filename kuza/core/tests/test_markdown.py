from kuza.core.markdown import render_markdown, sanitise_html


def test_markdown_renders_structure():
    html = render_markdown("# Title\n\nSome *text* and a [link](https://example.org).\n\n- a\n- b")
    assert "<h2>Title</h2>" in html
    assert "<em>text</em>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html
    assert "<li>a</li>" in html


def test_raw_html_and_script_urls_never_survive():
    html = render_markdown(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>"
    )
    # Raw HTML is shown as text, and a script link is not made a link at all.
    assert "<script" not in html
    assert "<img" not in html
    assert "href" not in html
    assert "&lt;script&gt;" in html


def test_sanitise_html_strips_dangerous_attributes_from_imported_html():
    cleaned = sanitise_html(
        '<p onclick="x()">Hi <a href="javascript:x()">y</a><iframe></iframe></p>'
    )
    assert cleaned == '<p>Hi <a rel="nofollow noopener noreferrer ugc">y</a></p>'
