"""Cut source text into translation units and put a document back together from them.

A translator never sees Markdown structure: a heading unit is the heading's words without
its `##`, a list item unit is the item's text without its marker and indentation. The
structure stays behind in a skeleton, so a document can be reassembled from translated
units with the original list markers, heading levels, quote markers, indentation, blank
lines and line endings. Reassembling with no translations gives back the source exactly.

Decisions:
- Code (fenced or indented), thematic breaks, link reference definitions and anything the
  parser skips are kept verbatim in the skeleton and are not units: translated code would
  break the examples, and these parts hold no prose.
- Each table row (header and body) is a unit, pipes included, because cells are too short
  to translate alone. The delimiter row stays in the skeleton.
- ATX headings and table rows must stay on one line, so line breaks in their translation
  are folded into spaces.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token


class UnitKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    BLOCKQUOTE = "blockquote"
    TABLE_ROW = "table_row"
    PLAIN = "plain"


class EmptyUnitError(ValueError):
    """A unit must hold some text to translate."""


class ReassemblyError(ValueError):
    """A replacement does not fit the document it is meant for."""


def normalise_source(text: str) -> str:
    """The form of a source text that decides whether a translation is still current.

    Whitespace runs collapse and Unicode is composed (NFC), so re-wrapping a paragraph or
    re-typing an accent differently does not send every translation back for review.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def source_hash(text: str) -> str:
    """Hash of the normalised source; a translation stores the hash it was made from."""
    return hashlib.blake2b(normalise_source(text).encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Unit:
    """One piece of source text that is translated as a whole."""

    text: str
    kind: UnitKind

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise EmptyUnitError(f"a {self.kind} unit needs text to translate, got {self.text!r}")

    @property
    def source_hash(self) -> str:
        return source_hash(self.text)


@dataclass(frozen=True)
class Verbatim:
    """Source text copied unchanged into every language."""

    text: str


@dataclass(frozen=True)
class Slot:
    """Where a unit goes, and the structure around each of its source lines.

    A translation may have more or fewer lines than the source: its first lines reuse the
    source prefixes, extra lines get `continuation_prefix`, and the last one gets `suffix`
    and the source's final line ending.
    """

    unit_index: int
    prefixes: tuple[str, ...]
    endings: tuple[str, ...]
    suffix: str
    continuation_prefix: str
    single_line: bool


@dataclass(frozen=True)
class Document:
    """A source text as a skeleton of verbatim parts and unit slots, plus the units."""

    skeleton: tuple[Verbatim | Slot, ...]
    units: tuple[Unit, ...]
    newline: str

    def __post_init__(self) -> None:
        slot_indices = [part.unit_index for part in self.skeleton if isinstance(part, Slot)]
        if slot_indices != list(range(len(self.units))):
            raise ValueError(
                f"each unit needs exactly one slot, in order; slots point at {slot_indices} "
                f"for {len(self.units)} units"
            )


_NEWLINE = re.compile(r"\r\n|\r|\n")
# Characters around a translation that never belong to a unit's text, so trimming them
# from a replacement cannot change an untranslated document.
_SLOT_EDGE_WHITESPACE = " \t\r\n"
_LEAVES_ENV_KEY = "kuza_translation_leaves"


def _split_lines(text: str) -> list[tuple[str, str]]:
    """(body, ending) pairs, splitting on the same line endings as CommonMark."""
    lines = []
    start = 0
    for match in _NEWLINE.finditer(text):
        lines.append((text[start : match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append((text[start:], ""))
    return lines


@dataclass(frozen=True)
class _Leaf:
    """A block the parser matched, with where each of its lines' content starts."""

    rule: str
    start_line: int
    end_line: int
    content_starts: tuple[int, ...]
    token_index: int


_BlockRule = Callable[[StateBlock, int, int, bool], bool]
_RECORDED_RULES = ("table", "heading", "lheading", "paragraph")


def _recording(name: str, rule: _BlockRule) -> _BlockRule:
    # Container rules (lists, quotes) move each line's content offsets only while their
    # children are parsed, so the offsets must be read from inside the leaf rule itself.
    def record_leaf(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        token_index = len(state.tokens)
        matched = rule(state, start_line, end_line, silent)
        if matched and not silent:
            starts = tuple(
                state.bMarks[line] + state.tShift[line] for line in range(start_line, state.line)
            )
            leaf = _Leaf(name, start_line, state.line, starts, token_index)
            state.env[_LEAVES_ENV_KEY].append(leaf)
        return matched

    return record_leaf


def _build_parser() -> MarkdownIt:
    # The block syntax must match kuza.core.markdown's renderer (CommonMark, raw HTML off,
    # tables on), or a unit could straddle two blocks the reader sees as separate.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.core.ruler.disable(["inline", "text_join"])  # inline markup is the translator's
    for rule in parser.block.ruler.__rules__:
        if rule.name in _RECORDED_RULES:
            parser.block.ruler.at(rule.name, _recording(rule.name, rule.fn), {"alt": rule.alt})
    return parser


_PARSER = _build_parser()


def _continuation_prefix(first_prefix: str) -> str:
    # Quote markers repeat on every line; list markers become spaces of the same width so
    # extra lines stay inside the item.
    return "".join(char if char in "> \t" else " " for char in first_prefix)


class _Builder:
    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines
        self.skeleton: list[Verbatim | Slot] = []
        self.units: list[Unit] = []

    def verbatim(self, first_line: int, end_line: int) -> None:
        text = "".join(body + ending for body, ending in self.lines[first_line:end_line])
        if not text:
            return
        if self.skeleton and isinstance(self.skeleton[-1], Verbatim):
            text = self.skeleton.pop().text + text
        self.skeleton.append(Verbatim(text))

    def unit(
        self,
        first_line: int,
        spans: list[tuple[int, int]],
        kind: UnitKind,
        *,
        single_line: bool,
        continuation_prefix: str | None = None,
    ) -> None:
        """Add a unit whose line i is `lines[first_line + i]` cut at spans[i] = (start, end)."""
        lines = self.lines[first_line : first_line + len(spans)]
        contents = [body[start:end] for (body, _), (start, end) in zip(lines, spans, strict=True)]
        prefixes = tuple(body[:start] for (body, _), (start, _) in zip(lines, spans, strict=True))
        slot = Slot(
            unit_index=len(self.units),
            prefixes=prefixes,
            endings=tuple(ending for _, ending in lines),
            suffix=lines[-1][0][spans[-1][1] :],
            continuation_prefix=(
                _continuation_prefix(prefixes[0])
                if continuation_prefix is None
                else continuation_prefix
            ),
            single_line=single_line,
        )
        self.units.append(Unit("\n".join(contents), kind))
        self.skeleton.append(slot)

    def prose_spans(self, first_line: int, columns: list[int]) -> list[tuple[int, int]]:
        """Spans of paragraph-like lines: each line to its end, trailing blanks excluded."""
        bodies = [body for body, _ in self.lines[first_line : first_line + len(columns)]]
        spans = [(column, len(body)) for body, column in zip(bodies, columns, strict=True)]
        spans[-1] = (columns[-1], _trimmed_end(bodies[-1], columns[-1]))
        return spans

    def document(self) -> Document:
        newline = next((ending for _, ending in self.lines if ending), "\n")
        return Document(tuple(self.skeleton), tuple(self.units), newline)


def _trimmed_end(body: str, start: int) -> int:
    return start + len(body[start:].rstrip(" \t"))


def _innermost_containers(tokens: list[Token]) -> dict[int, str]:
    """Token index -> type of the nearest enclosing list item or blockquote."""
    stack: list[str] = []
    innermost = {}
    for index, token in enumerate(tokens):
        if token.type in ("list_item_open", "blockquote_open"):
            stack.append(token.type)
        elif token.type in ("list_item_close", "blockquote_close"):
            stack.pop()
        innermost[index] = stack[-1] if stack else ""
    return innermost


_PARAGRAPH_KINDS = {
    "list_item_open": UnitKind.LIST_ITEM,
    "blockquote_open": UnitKind.BLOCKQUOTE,
    "": UnitKind.PARAGRAPH,
}


def split_markdown(text: str) -> Document:
    """Split Markdown into units: paragraphs, headings, list items, quotes, table rows."""
    lines = _split_lines(text)
    line_starts = list(accumulate((len(body) + 1 for body, _ in lines[:-1]), initial=0))
    # The parser turns every line ending into "\n" and NUL into U+FFFD; doing the same here
    # keeps its offsets valid for the original text, which is what gets sliced.
    parser_source = "\n".join(body for body, _ in lines).replace("\0", "\ufffd")
    if lines and lines[-1][1]:
        parser_source += "\n"
    env: dict[str, list[_Leaf]] = {_LEAVES_ENV_KEY: []}
    tokens = _PARSER.parse(parser_source, env)
    containers = _innermost_containers(tokens)
    builder = _Builder(lines)
    next_line = 0
    for leaf in env[_LEAVES_ENV_KEY]:
        builder.verbatim(next_line, leaf.start_line)
        next_line = leaf.end_line
        first = leaf.start_line
        columns = [
            offset - line_starts[line]
            for line, offset in zip(range(first, leaf.end_line), leaf.content_starts, strict=True)
        ]
        if leaf.rule == "paragraph":
            kind = _PARAGRAPH_KINDS[containers[leaf.token_index]]
            builder.unit(first, builder.prose_spans(first, columns), kind, single_line=False)
        elif leaf.rule == "lheading":
            # The underline is structure; a translation of any length keeps it valid.
            spans = builder.prose_spans(first, columns[:-1])
            builder.unit(first, spans, UnitKind.HEADING, single_line=False)
            builder.verbatim(leaf.end_line - 1, leaf.end_line)
        elif leaf.rule == "heading":
            parser_line = parser_source[
                line_starts[first] : line_starts[first] + len(lines[first][0])
            ]
            heading_open, inline = tokens[leaf.token_index : leaf.token_index + 2]
            _add_atx_heading(
                builder, first, parser_line, columns[0] + len(heading_open.markup), inline.content
            )
        else:
            _add_table_rows(builder, first, columns)
    builder.verbatim(next_line, len(lines))
    return builder.document()


def _add_atx_heading(
    builder: _Builder, line: int, parser_line: str, after_markup: int, content: str
) -> None:
    if not content:
        builder.verbatim(line, line + 1)
        return
    # The heading text is the first match after the `#` run: only spaces come between.
    # The parser's copy of the line is searched because it has U+FFFD where the text has NUL.
    start = parser_line.index(content, after_markup)
    builder.unit(line, [(start, start + len(content))], UnitKind.HEADING, single_line=True)


def _add_table_rows(builder: _Builder, first_line: int, columns: list[int]) -> None:
    for row, column in enumerate(columns):
        line = first_line + row
        if row == 1:  # the |---|---| delimiter row
            builder.verbatim(line, line + 1)
            continue
        end = _trimmed_end(builder.lines[line][0], column)
        builder.unit(line, [(column, end)], UnitKind.TABLE_ROW, single_line=True)


def single_unit(text: str) -> Document:
    """A short plain field (a skill name, a quiz option) as one unit.

    Surrounding blank lines and whitespace stay in the skeleton; everything between is the
    unit, so an untranslated field still reassembles to exactly `text`.
    """
    lines = _split_lines(text)
    builder = _Builder(lines)
    content_lines = [index for index, (body, _) in enumerate(lines) if body.strip()]
    if not content_lines:
        builder.verbatim(0, len(lines))
        return builder.document()
    first, last = content_lines[0], content_lines[-1]
    spans = [(0, len(body)) for body, _ in lines[first : last + 1]]
    first_body, last_body = lines[first][0], lines[last][0]
    spans[0] = (len(first_body) - len(first_body.lstrip()), spans[0][1])
    spans[-1] = (spans[-1][0], len(last_body.rstrip()))
    builder.verbatim(0, first)
    builder.unit(first, spans, UnitKind.PLAIN, single_line=False, continuation_prefix="")
    builder.verbatim(last + 1, len(lines))
    return builder.document()


def reassemble(document: Document, replacements: Mapping[int, str] | None = None) -> str:
    """The document with unit i's text replaced by `replacements[i]` where given."""
    replacements = replacements or {}
    for index, replacement in replacements.items():
        if not 0 <= index < len(document.units):
            raise ReassemblyError(
                f"replacement for unit {index}, but the document has {len(document.units)} units"
            )
        if not replacement.strip():
            raise ReassemblyError(f"replacement for unit {index} is blank; leave it out instead")
    parts = []
    for part in document.skeleton:
        if isinstance(part, Verbatim):
            parts.append(part.text)
        elif part.unit_index in replacements:
            parts.append(_fill_slot(part, replacements[part.unit_index], document.newline))
        else:
            parts.append(_source_lines(part, document.units[part.unit_index].text))
    return "".join(parts)


def _source_lines(slot: Slot, text: str) -> str:
    # Untranslated units keep each source line's own prefix, lazy continuations included.
    lines = text.split("\n")
    last = len(lines) - 1
    return "".join(
        prefix + line + (slot.suffix if number == last else "") + ending
        for number, (prefix, line, ending) in enumerate(
            zip(slot.prefixes, lines, slot.endings, strict=True)
        )
    )


def _fill_slot(slot: Slot, text: str, newline: str) -> str:
    # A translation rarely has the source's line breaks, so every line after the first
    # gets the canonical continuation prefix rather than the source line's (maybe lazy) one.
    lines = _NEWLINE.split(text.strip(_SLOT_EDGE_WHITESPACE))
    if slot.single_line and len(lines) > 1:
        lines = [" ".join(line.strip() for line in lines if line.strip())]
    last = len(lines) - 1
    filled = []
    for number, line in enumerate(lines):
        prefix = slot.prefixes[0] if number == 0 else slot.continuation_prefix
        if number == last:
            filled.append(prefix + line + slot.suffix + slot.endings[-1])
            continue
        if not line.strip():
            # A blank line inside a translation splits the paragraph; trailing prefix
            # whitespace on it would only be noise.
            prefix = prefix.rstrip()
        ending = slot.endings[number] if number < len(slot.endings) - 1 else newline
        filled.append(prefix + line + ending)
    return "".join(filled)
