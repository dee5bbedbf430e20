"""Reading XML safely and turning parsed elements back into HTML text."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class XmlReadError(ValueError):
    """The bytes are not well-formed XML, or use a construct refused for safety."""


def parse_xml(data: bytes) -> Element:
    # Exports come from outside Kuza, so entity declarations (billion laughs) and external
    # references are refused rather than expanded; OLX never needs them.
    try:
        return fromstring(data)
    except ParseError as error:
        raise XmlReadError(f"malformed XML ({error})") from error
    except DefusedXmlException as error:
        raise XmlReadError(f"XML construct refused for safety ({error})") from error


def element_html(element: Element) -> str:
    """The element and its tail text as HTML (html method: `<div></div>`, not `<div />`)."""
    return tostring(element, encoding="unicode", method="html")


def inner_html(element: Element, skip: frozenset[str] = frozenset()) -> str:
    """The element's content as HTML, leaving out children whose tag is in `skip`."""
    parts = [element.text or ""]
    for child in element:
        # A skipped child's tail is ordinary text that follows it, so it stays.
        parts.append((child.tail or "") if child.tag in skip else element_html(child))
    return "".join(parts).strip()


def plain_text(element: Element, skip: frozenset[str] = frozenset()) -> str:
    """All text inside the element with whitespace collapsed, leaving out `skip` children."""

    def pieces(current: Element) -> Iterator[str]:
        yield current.text or ""
        for child in current:
            if child.tag not in skip:
                yield from pieces(child)
            yield child.tail or ""

    return " ".join("".join(pieces(element)).split())
