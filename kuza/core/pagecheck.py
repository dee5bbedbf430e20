"""What makes a page fit for a 2G phone: weight, language markup and no reliance on script.

Used by the page budget test; kept separate so a later feature's tests can check one page too.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.staticfiles import finders

PAGE_BUDGET_BYTES = 14 * 1024  # what fits in the first round trips of a new connection


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attributes: dict[str, str | None] = {}
        self.links: list[str] = []
        self.stylesheets: list[str] = []
        self.scripts = 0
        self.main_text: list[str] = []
        self._in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_attributes = attributes
        elif tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(str(attributes.get("href")))
        elif tag == "script":
            self.scripts += 1
        elif tag == "main":
            self._in_main += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_main and data.strip():
            self.main_text.append(data.strip())


@dataclass
class PageReport:
    url: str
    compressed_bytes: int
    lang: str | None
    direction: str | None
    scripts: int
    main_text: str
    links: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        found = []
        if self.compressed_bytes > PAGE_BUDGET_BYTES:
            found.append(f"{self.compressed_bytes} bytes compressed (budget {PAGE_BUDGET_BYTES})")
        if not self.lang:
            found.append("no lang on <html>")
        if self.direction not in {"ltr", "rtl"}:
            found.append("no dir on <html>")
        if self.scripts:
            found.append(f"{self.scripts} script tag(s): content must not need script")
        if not self.main_text:
            found.append("no text in <main> without script")
        return found


def _static_file_bytes(url: str) -> bytes:
    relative = url.split("/static/", 1)[-1].split("?", 1)[0]
    path = finders.find(relative)
    if not path:
        raise FileNotFoundError(f"stylesheet {url} not found among static files")
    return Path(path).read_bytes()


def check_page(url: str, html: bytes) -> PageReport:
    parser = _PageParser()
    parser.feed(html.decode("utf-8"))
    css = b"".join(_static_file_bytes(sheet) for sheet in parser.stylesheets)
    compressed = len(gzip.compress(html, compresslevel=6)) + len(gzip.compress(css, 6))
    return PageReport(
        url=url,
        compressed_bytes=compressed,
        lang=parser.html_attributes.get("lang"),
        direction=parser.html_attributes.get("dir"),
        scripts=parser.scripts,
        main_text=" ".join(parser.main_text),
        links=parser.links,
    )
