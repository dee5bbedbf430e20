"""Markdown for user content: rendered with markdown-it-py, then sanitised with nh3.

Raw HTML in the source is not rendered at all, and the output is still cleaned, so neither a
crafted Markdown link (`javascript:`) nor a future parser option can let script through.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from kuza.core.texmath import MATHML_ATTRIBUTES, MATHML_TAGS, plain_text_html, tex_math_plugin

_ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "del",
    *MATHML_TAGS,  # formulas (kuza.core.texmath): MathML has no script or links
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    **MATHML_ATTRIBUTES,
}
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable("table").enable("strikethrough")
_parser.use(tex_math_plugin)


def _demote_h1(html: str) -> str:
    # The page owns the only <h1>; a user's "# Title" becomes a section heading.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def sanitise_html(html: str) -> str:
    """Clean HTML from any source (Markdown output, imported courses) down to the safe set."""
    return nh3.clean(
        _demote_h1(html),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )


def render_markdown(text: str) -> SafeString:
    """Markdown source -> safe HTML fragment."""
    return mark_safe(sanitise_html(_parser.render(text or "")))  # noqa: S308 - sanitised above


def render_plain_text(text: str) -> SafeString:
    """Plain text (no Markdown) -> safe HTML, its TeX formulas drawn as in Markdown."""
    return mark_safe(sanitise_html(plain_text_html(text or "")))  # noqa: S308 - sanitised above
