"""Sanitised HTML -> Markdown, so imported course text is split and translated like any other.

The input is HTML already cleaned by `kuza.core.markdown.sanitise_html`, whose tags (headings,
paragraphs, lists, quotes, code, tables, links, images, emphasis) all have a Markdown form, so
nothing needs to be kept as raw HTML (which Kuza's Markdown renderer does not render anyway).
Rendering the result with `kuza.core.markdown.render_markdown` gives the same text and
structure back; what Markdown cannot say is simplified rather than lost:
- image sizes are dropped (Kuza's stylesheet fits images to the page);
- a table cell holding paragraphs or lists becomes one line (pipe tables have one-line cells);
- the first table row is the header row (pipe tables always have one).
TeX formulas in the text (`\\( ... \\)`, `\\[ ... \\]` or `$$ ... $$`, as MathJax reads them) are
kept as TeX for translators: inline ones as `\\( ... \\)`, displayed ones as `$$ ... $$`, which
the Markdown renderer draws as MathML (kuza.core.texmath).

The output is deterministic, so importing the same HTML again gives the same Markdown, and the
translation app keeps every unit's translation. No Django here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset({"br", "hr", "img"})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BLOCKS = frozenset(
    {"p", "ul", "ol", "li", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "hr"}
    | set(_HEADINGS)
)
_LISTS = frozenset({"ul", "ol"})
_INLINE_WRAPPERS = {"em": "*", "i": "*", "strong": "**", "b": "**", "del": "~~", "s": "~~"}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- Escaping ----------------------------------------------------------------------------------

# Characters that start Markdown inline syntax anywhere in a line. `&` only where it would be
# read as an entity, `_` only where it could open or close emphasis.
_ALWAYS_ESCAPED = re.compile(r"([\\`*\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# What a line may not start with: block syntax (headings, quotes, list markers, setext
# underlines) and ordered-list markers such as "1." or "2)".
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
HARD_BREAK = "\\\n"


def escape_text(text: str) -> str:
    """Text that Markdown shows exactly as written, wherever it stands in a line."""
    text = _ALWAYS_ESCAPED.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _UNDERSCORE.sub(r"\\_", text)


def _escape_line_start(line: str) -> str:
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def _text_content(node: _Node | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return "\n"
    return "".join(_text_content(child) for child in node.children)


# --- Inline ------------------------------------------------------------------------------------


def _inline(children: list[_Node | str]) -> str:
    """Inline Markdown; "\\\n" marks hard breaks, any other whitespace is one space."""
    merged: list[_Node | str] = []
    for child in children:
        # The parser may hand one run of text over in pieces; a formula must not be cut.
        if isinstance(child, str) and merged and isinstance(merged[-1], str):
            merged[-1] += child
        else:
            merged.append(child)
    return "".join(_inline_node(child) for child in merged)


# A formula as MathJax reads it: \( inline \), \[ displayed \] or $$ displayed $$.
_TEX = re.compile(
    r"\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]|\$\$(?P<dollars>.+?)\$\$", re.S
)


def _text(text: str) -> str:
    """Plain text escaped for Markdown, its formulas kept as TeX (see the module's notes)."""
    parts: list[str] = []
    position = 0
    for match in _TEX.finditer(text):
        parts.append(_escape_plain(text[position : match.start()]))
        inline = match["inline"]
        tex = _WHITESPACE.sub(
            " ", inline if inline is not None else match["display"] or match["dollars"]
        )
        if not tex.strip():
            parts.append(_escape_plain(match[0]))
        elif inline is not None:
            parts.append(f"\\({tex}\\)")
        else:
            parts.append(f"$${tex}$$")
        position = match.end()
    parts.append(_escape_plain(text[position:]))
    return "".join(parts)


def _escape_plain(text: str) -> str:
    # "$$" outside a formula is text, not the start of one.
    return escape_text(_WHITESPACE.sub(" ", text)).replace("$$", "\\$\\$")


_EDGES = re.compile(r"^([^\S\n]*)(.*?)([^\S\n]*)$", re.DOTALL)


def _wrap(opening: str, inner: str, closing: str) -> str:
    # Emphasis and link text cannot start or end with a space ("* x *" is not emphasis):
    # spaces (non-breaking ones too) go outside the markers.
    match = _EDGES.match(inner)
    assert match is not None  # the pattern matches any string
    leading, core, trailing = match.groups()
    if not core or core.endswith(HARD_BREAK) or core.startswith(HARD_BREAK):
        return inner
    return f"{leading}{opening}{core}{closing}{trailing}"


def _code_span(text: str) -> str:
    text = _WHITESPACE.sub(" ", text)
    if not text.strip():
        return escape_text(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _destination(url: str) -> str:
    url = url.strip().replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E")
    url = _WHITESPACE.sub("%20", url)
    return f"<{url}>" if re.search(r"[()\s]", url) or not url else url


def _title(title: str) -> str:
    if not title:
        return ""
    return ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline_node(node: _Node | str) -> str:
    if isinstance(node, str):
        return _text(node)
    tag = node.tag
    if tag == "br":
        return HARD_BREAK
    if tag == "img":
        src = node.attrs.get("src", "").strip()
        if not src:
            return ""
        alt = escape_text(_WHITESPACE.sub(" ", node.attrs.get("alt", "")).strip())
        return f"![{alt}]({_destination(src)}{_title(node.attrs.get('title', ''))})"
    if tag == "code":
        return _code_span(_text_content(node))
    inner = _inline(node.children)
    if tag in _INLINE_WRAPPERS:
        marker = _INLINE_WRAPPERS[tag]
        return _wrap(marker, inner, marker)
    if tag == "a":
        href = node.attrs.get("href", "").strip()
        text = inner.replace(HARD_BREAK, " ")
        if not href or not text.strip():
            return inner
        return _wrap("[", text, f"]({_destination(href)}{_title(node.attrs.get('title', ''))})")
    if tag == "li":
        # A list inside a table cell: one line, items still told apart.
        return f" • {inner} "
    if tag in _BLOCKS:
        # A block inside inline content (a paragraph inside a link): keep its words apart.
        return f" {inner} "
    return inner


def _paragraph_lines(inline: str) -> str:
    """Trim each line, drop empty ones and protect line starts from reading as blocks."""
    lines = []
    for line in inline.split(HARD_BREAK):
        line = line.strip(" ")
        # A line of only non-breaking spaces is empty to readers and to the translation app.
        if line.strip():
            lines.append(_escape_line_start(line))
    return HARD_BREAK.join(lines)


def _single_line(inline: str) -> str:
    return " ".join(inline.replace(HARD_BREAK, " ").split(" ")).strip()


# --- Blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    text: str
    kind: str = "paragraph"  # or "ul-", "ul*", "ol.", "ol)" for lists, or another block tag


def _blocks(children: list[_Node | str]) -> list[_Block]:
    blocks: list[_Block] = []
    run: list[_Node | str] = []

    def flush() -> None:
        text = _paragraph_lines(_inline(run))
        if text:
            blocks.append(_Block(text))
        run.clear()

    for child in children:
        if isinstance(child, _Node) and child.tag in _BLOCKS:
            flush()
            block = _block(child, blocks[-1] if blocks else None)
            if block is not None:
                blocks.append(block)
        else:
            run.append(child)
    flush()
    return blocks


def _block(node: _Node, previous: _Block | None) -> _Block | None:
    tag = node.tag
    if tag == "p":
        text = _paragraph_lines(_inline(node.children))
        return _Block(text) if text else None
    if tag in _HEADINGS:
        text = _single_line(_inline(node.children))
        if not text.strip():
            return None
        if text.endswith("#"):
            text = text[:-1] + "\\#"  # a closing "#" run would be dropped as markup
        return _Block("#" * max(2, _HEADINGS[tag]) + " " + text, "heading")
    if tag == "hr":
        return _Block("---", "hr")
    if tag == "pre":
        code = _text_content(node)
        if code.startswith("\n"):
            code = code[1:]
        if not code.strip():
            return None
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        fence = "`" * max(3, longest + 1)
        return _Block(f"{fence}\n{code.rstrip(chr(10))}\n{fence}", "pre")
    if tag in _LISTS:
        return _list(node, previous)
    if tag == "blockquote":
        inner = _join(_blocks(node.children))
        if not inner:
            return None
        quoted = "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        return _Block(quoted, "blockquote")
    if tag == "table":
        return _table(node)
    # A stray li, tr or table section outside its parent: its content as blocks.
    inner = _join(_blocks(node.children))
    return _Block(inner) if inner else None


def _join(blocks: list[_Block], *, tight: bool = False) -> str:
    parts: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            previous = blocks[index - 1]
            # In a tight list item a nested list follows its text directly, but text after a
            # nested list needs a blank line or it would continue that list's last item.
            close = tight and block.kind.startswith(("ul", "ol")) and previous.kind == "paragraph"
            parts.append("\n" if close else "\n\n")
        parts.append(block.text)
    return "".join(parts)


def _list_items(node: _Node) -> list[list[_Node | str]]:
    """The children of each item. A list written directly inside a list (`<ol><li>A</li>
    <ul>...</ul></ol>`, invalid but common in exported courses) is shown by browsers nested
    under the item before it, so it joins that item instead of being dropped."""
    items: list[list[_Node | str]] = []
    for child in node.children:
        if not isinstance(child, _Node):
            continue
        if child.tag == "li":
            items.append(list(child.children))
        elif child.tag in _LISTS:
            if items:
                items[-1].append(child)
            else:
                items.append([child])
    return items


def _list(node: _Node, previous: _Block | None) -> _Block | None:
    ordered = node.tag == "ol"
    # Two lists in a row with the same marker would merge into one: alternate the marker.
    if ordered:
        kind = "ol)" if previous is not None and previous.kind == "ol." else "ol."
    else:
        kind = "ul*" if previous is not None and previous.kind == "ul-" else "ul-"
    try:
        start = int(node.attrs.get("start", "1"))
    except ValueError:
        start = 1
    start = min(max(start, 0), 999_999_999)
    items = _list_items(node)
    rendered: list[str] = []
    loose = any(
        isinstance(child, _Node) and child.tag in _BLOCKS - _LISTS
        for item in items
        for child in item
    )
    for item in items:
        blocks = _blocks(item)
        text = _join(blocks, tight=not loose)
        if not text:
            continue
        number = start + len(rendered)
        marker = f"{number}{kind[-1]} " if ordered else f"{kind[-1]} "
        indent = " " * len(marker)
        lines = text.split("\n")
        rest = "".join("\n" + (indent + line if line else "") for line in lines[1:])
        rendered.append(marker + lines[0] + rest)
    if not rendered:
        return None
    return _Block(("\n\n" if loose else "\n").join(rendered), kind)


def _table(node: _Node) -> _Block | None:
    rows: list[list[_Node]] = []

    def collect(parent: _Node) -> None:
        for child in parent.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "tr":
                cells = [
                    cell
                    for cell in child.children
                    if isinstance(cell, _Node) and cell.tag in {"th", "td"}
                ]
                if cells:
                    rows.append(cells)
            elif child.tag in {"thead", "tbody", "tfoot"}:
                collect(child)

    collect(node)
    if not rows:
        return None
    width = max(len(row) for row in rows)

    def cell_text(cell: _Node) -> str:
        return _single_line(_inline(cell.children))

    def line(cells: list[str]) -> str:
        cells = cells + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    alignments = {"left": ":---", "right": "---:", "center": ":---:"}
    header = rows[0] + [_Node("th")] * (width - len(rows[0]))
    delimiter = [alignments.get(cell.attrs.get("align", ""), "---") for cell in header]
    lines = [line([cell_text(cell) for cell in rows[0]]), line(delimiter)]
    lines += [line([cell_text(cell) for cell in row]) for row in rows[1:]]
    return _Block("\n".join(lines), "table")


def html_to_markdown(html: str) -> str:
    """Markdown for sanitised HTML ('' when it holds no text or image)."""
    text = _join(_blocks(_parse(html or "").children))
    return text + "\n" if text else ""
