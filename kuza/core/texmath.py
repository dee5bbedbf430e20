"""TeX in Markdown (`\\( ... \\)` inline, `$$ ... $$` displayed) rendered as MathML.

Course texts, imported from Open edX or written in Kuza, write mathematics the way MathJax
reads it. Kuza sends no script, so the server turns each formula into MathML, which every
current browser draws by itself (and screen readers read). The Markdown source keeps the TeX,
so translators see and keep the formula as written. Displayed formulas are `$$ ... $$` in
Markdown rather than MathJax's `\\[ ... \\]`, because `\\[` is Markdown's escaped bracket,
which Kuza's own HTML-to-Markdown conversion writes for every literal "[" (see
kuza.learning.htmlmarkdown, which turns an export's `\\[ ... \\]` into `$$ ... $$`).

`latex2mathml` (pure Python, no script or network) does the conversion. A formula it cannot
read is shown as its TeX source in a code span, never dropped. No Django here.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# Opening delimiter -> (closing delimiter, displayed?)
_DELIMITERS = {"\\(": ("\\)", False), "$$": ("$$", True)}

# MathML elements and attributes latex2mathml writes, for the sanitiser's allow-list.
MATHML_TAGS = frozenset(
    {
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msup",
        "msub",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mover",
        "munder",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "mstyle",
        "menclose",
        "mpadded",
        "mphantom",
        "semantics",
        "annotation",
    }
)
MATHML_ATTRIBUTES = {
    "math": {"display"},
    "mo": {"stretchy", "fence", "form", "separator", "accent", "movablelimits", "lspace", "rspace"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "mspace": {"width", "linebreak"},
    "mstyle": {"displaystyle", "scriptlevel", "mathvariant", "mathcolor", "mathsize"},
    "mi": {"mathvariant"},
    "mn": {"mathvariant"},
    "mtext": {"mathvariant"},
    "mfrac": {"linethickness"},
    "mtable": {"columnalign", "rowspacing", "columnspacing", "columnlines", "rowlines"},
    "mtd": {"columnalign"},
    "menclose": {"notation"},
    "annotation": {"encoding"},
}


def tex_to_mathml(tex: str, *, display: bool = False) -> str | None:
    """The formula as a <math> element, or None if latex2mathml cannot read it."""
    if not tex.strip():
        return None
    try:
        return convert(tex, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any parser failure means "show the source instead"
        return None


def render_formula(tex: str, *, display: bool) -> str:
    mathml = tex_to_mathml(tex, display=display)
    if mathml is not None:
        return mathml
    opening, closing = ("$$", "$$") if display else ("\\(", "\\)")
    return f"<code>{html.escape(opening + tex + closing)}</code>"


# Formulas in plain text (quiz options, answer units, feedback): MathJax's inline `\( \)` and
# displayed `\[ \]`, and Kuza's `$$ ... $$`. No Markdown here, so `\[` is not an escape.
_PLAIN_FORMULA = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]|\$\$(.+?)\$\$", re.DOTALL)


def plain_text_html(text: str) -> str:
    """Plain text as HTML: escaped, with each formula drawn as MathML by render_formula.

    Quiz options and feedback are stored as plain text (the TeX source, as translators see
    it); this is how they reach the page, so a formula looks the same as in a lesson.
    """
    out: list[str] = []
    position = 0
    for match in _PLAIN_FORMULA.finditer(text or ""):
        tex = next(group for group in match.groups() if group is not None)
        if not tex.strip():
            continue
        out.append(html.escape(text[position : match.start()], quote=False))
        out.append(render_formula(tex, display=match[1] is None))
        position = match.end()
    out.append(html.escape((text or "")[position:], quote=False))
    return "".join(out)


def _tex(state: StateInline, silent: bool) -> bool:
    start = state.pos
    opening = state.src[start : start + 2]
    if opening not in _DELIMITERS:
        return False
    closing, display = _DELIMITERS[opening]
    end = state.src.find(closing, start + 2, state.posMax)
    if end < 0 or not state.src[start + 2 : end].strip():
        return False
    if not silent:
        token = state.push("tex_math", "math", 0)
        token.content = state.src[start + 2 : end]
        token.markup = opening
        token.meta = {"display": display}
    state.pos = end + len(closing)
    return True


def _render_tex(self, tokens, index, options, env) -> str:  # noqa: ANN001 - markdown-it's API
    token = tokens[index]
    return render_formula(token.content, display=token.meta["display"])


def tex_math_plugin(md: MarkdownIt) -> None:
    """Read `\\(...\\)` and `$$...$$` as formulas, before backslash escapes are."""
    md.inline.ruler.before("escape", "tex_math", _tex)
    md.add_render_rule("tex_math", _render_tex)
