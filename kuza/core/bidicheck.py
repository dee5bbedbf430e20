"""Whether user and wiki content reads right inside a right-to-left page.

Text from people and wikis ("#SheSaid", "fr.wikiquote.org", "Mame Ndiaye", a date) placed in
an Arabic sentence takes the sentence's direction unless it is isolated: "#SheSaid" shows as
"SheSaid#". Isolated means inside <bdi> or an element with a `dir` attribute (`dir="auto"` for
content of unknown direction). Used by the bidirectional test over rendered Arabic pages; kept
apart so any feature's tests can check one page too.

The rule checked, for each given piece of content found in a page's <main>: where it is not
isolated, it must be the whole text of its block (a table cell, a list item, a heading) and
begin and end with a letter or digit. Otherwise its neighbours or its own punctuation reorder.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Text nobody reads inside a sentence: form values, titles, scripts.
SKIPPED = frozenset(["option", "script", "style", "textarea", "title"])


@dataclass(frozen=True)
class BidiProblem:
    content: str
    block_text: str


def _strong_edges(text: str) -> bool:
    return all(unicodedata.category(char)[0] in "LN" for char in (text[0], text[-1]))


class _Parser(HTMLParser):
    def __init__(self, contents: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.contents = contents
        self.stack: list[tuple[str, bool]] = []  # (tag, isolated)
        self.blocks: list[list[tuple[str, bool]]] = [[]]
        self.skipping = 0
        self.in_main = 0
        self.problems: list[BidiProblem] = []

    def _isolated(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        # The page's own direction (on <html>) isolates nothing: only marks inside <main> count.
        marked = tag == "bdi" or any(name == "dir" for name, _v in attrs)
        isolated = self._isolated() or (self.in_main > 0 and marked)
        self.stack.append((tag, isolated))
        if tag == "main":
            self.in_main += 1
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(open_tag == tag for open_tag, _i in self.stack):
            return
        while self.stack:
            open_tag, _isolated = self.stack.pop()
            self._closed(open_tag)
            if open_tag == tag:
                break

    def _closed(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping -= 1
        if tag in BLOCKS and len(self.blocks) > 1:
            self._check(self.blocks.pop())
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if self.in_main and not self.skipping and data.strip():
            self.blocks[-1].append((data, self._isolated()))

    def _check(self, block: list[tuple[str, bool]]) -> None:
        block_text = " ".join("".join(text for text, _i in block).split())
        for text, isolated in block:
            if isolated:
                continue
            for content in self.contents:
                if content not in text:
                    continue
                if block_text != content or not _strong_edges(content):
                    self.problems.append(BidiProblem(content, block_text[:160]))


def bidi_problems(html: str | bytes, contents: Iterable[str]) -> list[BidiProblem]:
    """Each place in `html` where one of `contents` is not isolated as the rule above needs."""
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Parser(sorted({content for content in contents if content}, key=len, reverse=True))
    parser.feed(html)
    parser.close()
    return parser.problems
