"""Hypothesis strategies: Markdown documents together with the units they must split into.

Each block knows its own lines and units; containers (lists, quotes) prefix the lines and
decide the kind of the paragraphs inside them, so the expected units of any nesting are
known without parsing.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from kuza.translation.units import UnitKind

# Letters only, so words never start Markdown syntax; several scripts, right-to-left too.
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéßçمرحباשלום漢字", min_size=1, max_size=7)
INLINE = st.one_of(
    WORDS,
    WORDS.map(lambda word: f"*{word}*"),
    WORDS.map(lambda word: f"**{word}**"),
    WORDS.map(lambda word: f"`{word}`"),
    WORDS.map(lambda word: f"[{word}](https://example.org/{word})"),
)
LINE_TEXT = st.lists(INLINE, min_size=1, max_size=5).map(" ".join)
TRAILING = st.sampled_from(["", " ", "  "])

# Pieces for arbitrary, often malformed, text: identity must hold for any input.
MARKDOWN_FRAGMENTS = [
    *"#>-*+=|`~ \t\n\r1.)\\ab:_[]()!<\0",
    "\r\n",
    "    ",
    "```",
    "---",
    "| a |",
    "> ",
    "- ",
    "1. ",
    "שלום",
    "مرحبا",
]

Expected = tuple[UnitKind | None, str]  # None: a paragraph, its kind set by its container


@dataclass(frozen=True)
class Block:
    lines: tuple[str, ...]
    units: tuple[Expected, ...]


@dataclass(frozen=True)
class GeneratedDocument:
    text: str
    units: list[tuple[UnitKind, str]]


@st.composite
def paragraphs(draw: st.DrawFn) -> Block:
    texts = draw(st.lists(LINE_TEXT, min_size=1, max_size=3))
    trailing = [draw(TRAILING) for _ in texts]
    indents = [""] + [draw(st.sampled_from(["", " ", "   "])) for _ in texts[1:]]
    lines = tuple(
        indent + text + space for indent, text, space in zip(indents, texts, trailing, strict=True)
    )
    # A unit keeps hard-break spaces inside it but not at its end, nor any indentation.
    content = [text + space for text, space in zip(texts[:-1], trailing[:-1], strict=True)]
    return Block(lines, ((None, "\n".join([*content, texts[-1]])),))


@st.composite
def atx_headings(draw: st.DrawFn) -> Block:
    text = draw(LINE_TEXT)
    level = draw(st.integers(1, 6))
    closing = draw(st.sampled_from(["", " #", " ###"]))
    line = f"{'#' * level} {text}{closing}{draw(TRAILING)}"
    return Block((line,), ((UnitKind.HEADING, text),))


@st.composite
def setext_headings(draw: st.DrawFn) -> Block:
    texts = draw(st.lists(LINE_TEXT, min_size=1, max_size=2))
    underline = draw(st.sampled_from("=-")) * draw(st.integers(1, 5))
    return Block((*texts, underline), ((UnitKind.HEADING, "\n".join(texts)),))


@st.composite
def fences(draw: st.DrawFn) -> Block:
    fence = draw(st.sampled_from(["```", "~~~"]))
    info = draw(st.sampled_from(["", "python", "wikitext"]))
    code = draw(st.lists(st.text(alphabet="#-*|>= abc()", max_size=12), max_size=3))
    return Block((fence + info, *code, fence), ())


@st.composite
def tables(draw: st.DrawFn) -> Block:
    columns = draw(st.integers(1, 3))
    rows = draw(
        st.lists(st.lists(WORDS, min_size=columns, max_size=columns), min_size=1, max_size=3)
    )
    texts = ["| " + " | ".join(cells) + " |" for cells in rows]
    delimiter = "|" + "".join(
        draw(st.sampled_from(["---|", ":--|", "--:|"])) for _ in range(columns)
    )
    lines = (texts[0], delimiter, *texts[1:])
    return Block(lines, tuple((UnitKind.TABLE_ROW, text) for text in texts))


def _contained(lines: tuple[str, ...], units: tuple[Expected, ...], kind: UnitKind) -> Block:
    return Block(lines, tuple((own_kind or kind, text) for own_kind, text in units))


def _joined(blocks: list[Block], blank: str) -> tuple[tuple[str, ...], tuple[Expected, ...]]:
    lines: list[str] = []
    units: list[Expected] = []
    for number, block in enumerate(blocks):
        if number:
            lines.append(blank)
        lines.extend(block.lines)
        units.extend(block.units)
    return tuple(lines), tuple(units)


def lists(
    inner: st.SearchStrategy[Block], nested: st.SearchStrategy[Block | None]
) -> st.SearchStrategy[Block]:
    @st.composite
    def build(draw: st.DrawFn) -> Block:
        bullet = draw(st.sampled_from(["-", "*", "+", ".", ")"]))
        item_count = draw(st.integers(1, 3))
        lines: list[str] = []
        units: list[Expected] = []
        for number in range(1, item_count + 1):
            marker = f"{number}{bullet}" if bullet in ".)" else bullet
            # An item starts with a paragraph; a nested list may follow at once (tight),
            # other blocks after a blank line (loose).
            first = draw(paragraphs())
            rest = draw(st.lists(inner, max_size=2))
            item_lines, item_units = _joined([first, *rest], "")
            sublist = draw(nested)
            if sublist is not None:
                item_lines = (*first.lines, *sublist.lines, *item_lines[len(first.lines) :])
                item_units = (*first.units, *sublist.units, *item_units[len(first.units) :])
            indent = " " * (len(marker) + 1)
            lines.append(f"{marker} {item_lines[0]}")
            lines.extend(indent + line if line else "" for line in item_lines[1:])
            units.extend(item_units)
        return _contained(tuple(lines), tuple(units), UnitKind.LIST_ITEM)

    return build()


def blockquotes(inner: st.SearchStrategy[Block]) -> st.SearchStrategy[Block]:
    @st.composite
    def build(draw: st.DrawFn) -> Block:
        lines, units = _joined(draw(st.lists(inner, min_size=1, max_size=2)), "")
        quoted = tuple(f"> {line}" if line else ">" for line in lines)
        return _contained(quoted, units, UnitKind.BLOCKQUOTE)

    return build()


LEAF_BLOCKS = st.one_of(
    paragraphs(),
    atx_headings(),
    setext_headings(),
    fences(),
    tables(),
    st.sampled_from(["***", "___", "- - -"]).map(lambda line: Block((line,), ())),
)
SUBLISTS = st.none() | lists(paragraphs(), st.none())
BLOCKS = st.recursive(
    LEAF_BLOCKS, lambda inner: st.one_of(lists(inner, SUBLISTS), blockquotes(inner)), max_leaves=4
)


@st.composite
def markdown_documents(draw: st.DrawFn) -> GeneratedDocument:
    blocks = draw(st.lists(BLOCKS, min_size=1, max_size=4))
    blank = draw(st.sampled_from(["", "  "]))
    lines, units = _joined(blocks, blank)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    ending = draw(st.sampled_from(["", newline]))
    text = newline.join(lines) + ending
    return GeneratedDocument(text, [(kind or UnitKind.PARAGRAPH, body) for kind, body in units])
